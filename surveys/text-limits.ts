import { settings } from 'survey-core';

/**
 * How long a typed answer may be when the definition sets no cap: enough for a complaint, too little
 * for abuse. The server refuses anything longer, so `writeTextLimits` writes the same caps into the
 * definition the page receives, where survey-core stops the typing and shows a counter first.
 */
export const DEFAULT_TEXT_MAX_LENGTH = 500;
/** A `comment` (long text) question. */
export const DEFAULT_LONG_TEXT_MAX_LENGTH = 2000;
/**
 * A question's comment area and its "Other" text. survey-core caps both with the one survey-wide
 * `maxCommentLength`, so they share one default.
 */
export const DEFAULT_COMMENT_AREA_MAX_LENGTH = 500;

/** The answer key survey-core stores a question's comment and "Other" text under: `quality-Comment`. */
export function commentKeyOf(name: string): string {
  return `${name}${settings.commentSuffix}`;
}

/** survey-core counts and caps only these input types; the others (date, number, color…) have formats. */
const TEXT_INPUTS = new Set(['text', 'search', 'tel', 'url', 'email', 'password']);

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A positive number, also written as text (`"30"`), as survey-core's number properties accept. */
function positive(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : undefined;
}

const objects = (value: unknown): JsonObject[] => (Array.isArray(value) ? value.filter(isObject) : []);

const isTextInput = (json: JsonObject): boolean =>
  TEXT_INPUTS.has(typeof json['inputType'] === 'string' ? json['inputType'].toLowerCase() : 'text');

/** The survey-core type a matrix column's cells have: its own, else the matrix's, else a dropdown. */
function cellType(column: JsonObject, matrix: JsonObject): unknown {
  for (const type of [column['cellType'], matrix['cellType']])
    if (type !== undefined && type !== 'default') return type;
  return 'dropdown';
}

/**
 * A text box's cap: its own positive `maxLength`, else the survey's `maxTextLength`, else the default.
 * survey-core reads `maxLength: 0` as "no cap", so it is replaced too.
 */
function cap(json: JsonObject, surveyMax: number | undefined, fallback: number): void {
  json['maxLength'] = positive(json['maxLength']) ?? surveyMax ?? fallback;
}

function capElements(elements: unknown, surveyMax: number | undefined): void {
  for (const element of objects(elements)) {
    switch (element['type']) {
      case 'text':
        if (isTextInput(element)) cap(element, surveyMax, DEFAULT_TEXT_MAX_LENGTH);
        break;
      case 'comment':
        cap(element, surveyMax, DEFAULT_LONG_TEXT_MAX_LENGTH);
        break;
      case 'multipletext':
        for (const item of objects(element['items']))
          if (isTextInput(item)) cap(item, surveyMax, DEFAULT_TEXT_MAX_LENGTH);
        break;
      case 'matrixdropdown':
      case 'matrixdynamic':
        for (const column of objects(element['columns'])) {
          const type = cellType(column, element);
          if ((type !== 'text' || !isTextInput(column)) && type !== 'comment') continue;
          // survey-core drops a column's maxLength when the column takes its cell type from the matrix.
          column['cellType'] = type;
          cap(column, surveyMax, type === 'text' ? DEFAULT_TEXT_MAX_LENGTH : DEFAULT_LONG_TEXT_MAX_LENGTH);
        }
        break;
      case 'panel':
        capElements(element['elements'], surveyMax);
        break;
      case 'paneldynamic':
        capElements(element['templateElements'], surveyMax);
        break;
    }
  }
}

/**
 * Writes every cap the server enforces into a (copied) definition, so the page enforces it first:
 * each text box gets its `maxLength`, and the survey its `maxCommentLength` for comment areas and
 * "Other" texts. The validator then reads the same numbers back from the same JSON.
 */
export function writeTextLimits(definition: JsonObject): void {
  const surveyMax = positive(definition['maxTextLength']);
  // `maxOthersLength` is survey-core's old name for the same property.
  definition['maxCommentLength'] =
    positive(definition['maxCommentLength']) ??
    positive(definition['maxOthersLength']) ??
    DEFAULT_COMMENT_AREA_MAX_LENGTH;
  delete definition['maxOthersLength'];
  for (const page of objects(definition['pages'])) capElements(page['elements'], surveyMax);
  capElements(definition['elements'], surveyMax);
}
