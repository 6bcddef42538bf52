/** Pingyi's rules on top of "valid SurveyJS JSON": what the server can check and score. */

export type JsonObject = Record<string, unknown>;

/**
 * Every reason a questionnaire definition is refused, as a stable word: the console words each in the UI's
 * language from its `params` (client/src/shared/problem-text.ts); the English message is for logs and API
 * users. Lint's own (surveys/lint.ts), preparing's (surveys/prepare.ts) and the server's import checks
 * (server/questionnaires/definition-check.ts, definition-shape.ts).
 */
export const DEFINITION_PROBLEM_CODES = [
  'malformed_json',
  'definition_not_object',
  'forbidden_property_name',
  'property_type',
  'problem_report_part',
  'invalid_expression',
  'invalid_text',
  'entry_not_object',
  'entry_value_type',
  'unknown_entry_type',
  'old_element_list',
  'unsupported_property',
  'comment_with_other',
  'unknown_property',
  'container_rule',
  'container_not_object',
  'question_name_required',
  'question_name_forbidden',
  'duplicate_question_name',
  'column_not_scorable',
  'options_missing',
  'points_missing',
  'item_not_scored',
  'not_scorable',
  'element_not_object',
  'element_type_missing',
  'unknown_question_type',
  'unsupported_question_type',
  'elements_not_array',
  'problem_report_repeated',
  'not_checkable',
  'unit_rows_for_recipient',
  'scored_outside_unit_matrix',
  'surveyjs_load_failed',
  'definition_unreadable',
  'no_questions',
  'too_many_values',
  'too_deep',
  'too_many_elements',
  'list_too_long',
  'too_many_columns',
] as const;

export type DefinitionProblemCode = (typeof DEFINITION_PROBLEM_CODES)[number];

/** Why a SurveyJS feature is refused (`unsupported_property`), as a stable word the console words. */
export const UNSUPPORTED_REASONS = [
  'choices_by_url',
  'triggers',
  'choices_from_question',
  'value_name',
  'set_value',
  'computed_limits',
  'template_visible_if',
  'detail_panels',
  'unique_values',
  'choices_as_objects',
  'custom_choices',
  'generated_choices',
  'other_as_comment',
  'choice_comment',
] as const;

export type UnsupportedReason = (typeof UNSUPPORTED_REASONS)[number];

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
  reason: UnsupportedReason;
  why: string;
}> = [
  {
    key: 'choicesByUrl',
    applies: present,
    reason: 'choices_by_url',
    why: 'the server never fetches choices from a URL, so it could not check the answer',
  },
  {
    key: 'triggers',
    applies: (v) => Array.isArray(v) && v.length > 0,
    reason: 'triggers',
    why: 'triggers change answers in the browser in ways the server cannot reproduce',
  },
  {
    key: 'choicesFromQuestion',
    applies: present,
    reason: 'choices_from_question',
    why: 'choices copied from another question cannot be checked on the server',
  },
  {
    key: 'choiceValuesFromQuestion',
    applies: present,
    reason: 'choices_from_question',
    why: 'choices copied from another question cannot be checked on the server',
  },
  {
    key: 'choiceTextsFromQuestion',
    applies: present,
    reason: 'choices_from_question',
    why: 'choices copied from another question cannot be checked on the server',
  },
  {
    key: 'valueName',
    applies: present,
    reason: 'value_name',
    why: 'every question must store its answer under its own name',
  },
  {
    key: 'setValueExpression',
    applies: present,
    reason: 'set_value',
    why: 'values set by expressions are not supported; use an expression question',
  },
  { key: 'setValueIf', applies: present, reason: 'set_value', why: 'values set by expressions are not supported' },
  { key: 'resetValueIf', applies: present, reason: 'set_value', why: 'values reset by expressions are not supported' },
  { key: 'minValueExpression', applies: present, reason: 'computed_limits', why: 'computed limits are not supported' },
  { key: 'maxValueExpression', applies: present, reason: 'computed_limits', why: 'computed limits are not supported' },
  {
    key: 'templateVisibleIf',
    applies: present,
    reason: 'template_visible_if',
    why: 'hiding dynamic panels by condition is not supported',
  },
  {
    key: 'detailElements',
    applies: (v) => Array.isArray(v) && v.length > 0,
    reason: 'detail_panels',
    why: 'matrix detail panels are not supported',
  },
  { key: 'detailPanelMode', applies: present, reason: 'detail_panels', why: 'matrix detail panels are not supported' },
  { key: 'keyName', applies: present, reason: 'unique_values', why: 'unique keys are not supported' },
  { key: 'isUnique', applies: present, reason: 'unique_values', why: 'unique columns are not supported' },
  { key: 'eachRowUnique', applies: present, reason: 'unique_values', why: 'unique rows are not supported' },
  {
    key: 'valuePropertyName',
    applies: present,
    reason: 'choices_as_objects',
    why: 'choices stored as objects are not supported',
  },
  {
    key: 'allowCustomChoices',
    applies: present,
    reason: 'custom_choices',
    why: 'respondents adding their own choices would make any value acceptable',
  },
  {
    key: 'choicesMin',
    applies: present,
    reason: 'generated_choices',
    why: 'generated choices are not supported; list the choices',
  },
  {
    key: 'choicesMax',
    applies: present,
    reason: 'generated_choices',
    why: 'generated choices are not supported; list the choices',
  },
  {
    key: 'storeOthersAsComment',
    applies: (v) => v === false,
    reason: 'other_as_comment',
    why: 'the "Other" text must be stored as a comment',
  },
  {
    key: 'showCommentArea',
    on: 'choiceitem',
    applies: (v) => v === true,
    reason: 'choice_comment',
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

/** A problem of scored options, before lint places it at its path. */
export interface PointsProblem {
  readonly code: 'options_missing' | 'points_missing';
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: string;
}

/** Every option of a scored question must say what it is worth, or that it is not counted. */
export function missingPoints(options: unknown, listName: string): PointsProblem[] {
  if (!Array.isArray(options) || options.length === 0)
    return [
      {
        code: 'options_missing',
        params: { list: listName },
        message: `a scored question needs ${listName} with pyPoints`,
      },
    ];
  const problems: PointsProblem[] = [];
  options.forEach((entry, i) => {
    const { points, notCounted } = pointsOf(entry);
    if (notCounted) return;
    if (typeof points !== 'number' || !Number.isFinite(points))
      problems.push({
        code: 'points_missing',
        params: { list: listName, index: i, value: choiceLabel(entry) },
        message: `${listName}[${i}] (value ${choiceLabel(entry)}) has no pyPoints`,
      });
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
