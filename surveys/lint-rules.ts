/** Pingyi's rules on top of "valid SurveyJS JSON": what the server can check and score. */

export type JsonObject = Record<string, unknown>;

/** Question types whose answers the server validates; anything else is refused on import. */
export const SUPPORTED_TYPES = new Set([
  'text',
  'comment',
  'boolean',
  'radiogroup',
  'dropdown',
  'checkbox',
  'tagbox',
  'ranking',
  'rating',
  'matrix',
  'matrixdropdown',
  'matrixdynamic',
  'paneldynamic',
  'multipletext',
  'expression',
  'html',
  'image',
  'panel',
]);

/** Names that would reach Object.prototype when used as keys of a plain object. */
export const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const present = (value: unknown): boolean =>
  value !== undefined && value !== null && value !== false && value !== '' && value !== 'none';

/**
 * Features that change answers or allowed values in ways only a browser sees. The server cannot
 * reproduce them, so a definition using them could accept or refuse the wrong ballots.
 */
export const NOT_SUPPORTED: ReadonlyArray<{
  key: string;
  /** Only on this class and its descendants (`choiceitem`); on every class when absent. */
  on?: string;
  applies: (value: unknown) => boolean;
  why: string;
}> = [
  {
    key: 'choicesByUrl',
    applies: present,
    why: 'the server never fetches choices from a URL, so it could not check the answer',
  },
  {
    key: 'triggers',
    applies: (v) => Array.isArray(v) && v.length > 0,
    why: 'triggers change answers in the browser in ways the server cannot reproduce',
  },
  {
    key: 'choicesFromQuestion',
    applies: present,
    why: 'choices copied from another question cannot be checked on the server',
  },
  {
    key: 'choiceValuesFromQuestion',
    applies: present,
    why: 'choices copied from another question cannot be checked on the server',
  },
  {
    key: 'choiceTextsFromQuestion',
    applies: present,
    why: 'choices copied from another question cannot be checked on the server',
  },
  { key: 'valueName', applies: present, why: 'every question must store its answer under its own name' },
  {
    key: 'setValueExpression',
    applies: present,
    why: 'values set by expressions are not supported; use an expression question',
  },
  { key: 'setValueIf', applies: present, why: 'values set by expressions are not supported' },
  { key: 'resetValueIf', applies: present, why: 'values reset by expressions are not supported' },
  { key: 'minValueExpression', applies: present, why: 'computed limits are not supported' },
  { key: 'maxValueExpression', applies: present, why: 'computed limits are not supported' },
  { key: 'templateVisibleIf', applies: present, why: 'hiding dynamic panels by condition is not supported' },
  {
    key: 'detailElements',
    applies: (v) => Array.isArray(v) && v.length > 0,
    why: 'matrix detail panels are not supported',
  },
  { key: 'detailPanelMode', applies: present, why: 'matrix detail panels are not supported' },
  { key: 'keyName', applies: present, why: 'unique keys are not supported' },
  { key: 'isUnique', applies: present, why: 'unique columns are not supported' },
  { key: 'eachRowUnique', applies: present, why: 'unique rows are not supported' },
  { key: 'valuePropertyName', applies: present, why: 'choices stored as objects are not supported' },
  {
    key: 'allowCustomChoices',
    applies: present,
    why: 'respondents adding their own choices would make any value acceptable',
  },
  { key: 'choicesMin', applies: present, why: 'generated choices are not supported; list the choices' },
  { key: 'choicesMax', applies: present, why: 'generated choices are not supported; list the choices' },
  { key: 'storeOthersAsComment', applies: (v) => v === false, why: 'the "Other" text must be stored as a comment' },
  {
    key: 'showCommentArea',
    on: 'choiceitem',
    applies: (v) => v === true,
    why: "a comment box on one choice makes survey-core store { value, comment } as the answer; use the question's showCommentArea",
  },
];

const isOn = (json: JsonObject, name: string, oldName: string): boolean =>
  json[name] === true || json[oldName] === true;

/**
 * With a comment area, survey-core stops storing the "Other" text as `<name>-Comment` and puts the
 * typed text in place of the answer (`storeOthersAsComment` turns false), where no choice matches it.
 */
export function commentWithOther(json: JsonObject): string | null {
  if (!isOn(json, 'showCommentArea', 'hasComment') || !isOn(json, 'showOtherItem', 'hasOther')) return null;
  return 'showCommentArea cannot be combined with showOtherItem ("Other"): survey-core would then store the "Other" text in place of the answer; keep one of them';
}

/** Only on pages and panels: survey-core's "answer at least one question here" rule. */
export const CONTAINER_NOT_SUPPORTED = ['isRequired', 'requiredIf'];

/** Points a choice-like JSON entry carries; undefined for a plain string or number choice. */
function pointsOf(entry: unknown): { points: unknown; notCounted: boolean } {
  if (entry === null || typeof entry !== 'object') return { points: undefined, notCounted: false };
  const item = entry as JsonObject;
  return { points: item['pyPoints'], notCounted: item['pyNotCounted'] === true };
}

function choiceLabel(entry: unknown): string {
  const value = entry !== null && typeof entry === 'object' ? (entry as JsonObject)['value'] : entry;
  return JSON.stringify(value);
}

/** Every option of a scored question must say what it is worth, or that it is not counted. */
export function missingPoints(options: unknown, listName: string): string[] {
  if (!Array.isArray(options) || options.length === 0) return [`a scored question needs ${listName} with pyPoints`];
  const problems: string[] = [];
  options.forEach((entry, i) => {
    const { points, notCounted } = pointsOf(entry);
    if (notCounted) return;
    if (typeof points !== 'number' || !Number.isFinite(points))
      problems.push(`${listName}[${i}] (value ${choiceLabel(entry)}) has no pyPoints`);
  });
  return problems;
}

/** Which list holds a scored question's options, by type; null if the type cannot be scored. */
export function scoredOptions(type: string): 'choices' | 'rateValues' | 'columns' | null {
  if (type === 'radiogroup' || type === 'dropdown') return 'choices';
  if (type === 'rating') return 'rateValues';
  if (type === 'matrix') return 'columns';
  return null;
}
