import { ConditionsParser, JsonObjectProperty, Serializer } from 'survey-core';
import { PINGYI_PROPERTIES, PROBLEM_REPORT_PARTS } from './properties.ts';
import {
  commentWithOther,
  CONTAINER_NOT_SUPPORTED,
  FORBIDDEN_NAMES,
  missingPoints,
  NOT_SUPPORTED,
  scoredOptions,
  SUPPORTED_TYPES,
} from './lint-rules.ts';
import type { DefinitionProblemCode, JsonObject } from './lint-rules.ts';

export interface LintIssue {
  /** Where, e.g. `pages[0].elements[3] (name "q4").choices[1]`. */
  readonly path: string;
  /** What, as a stable word (DEFINITION_PROBLEM_CODES) a client words in its own language from `params`. */
  readonly code: DefinitionProblemCode;
  /** The names and values the problem is about: property and question names, types, limits. */
  readonly params: Readonly<Record<string, string | number>>;
  /** The English sentence, for logs and API users. */
  readonly message: string;
}

/** One issue; `params` hold what a message in another language needs. */
export function lintIssue(
  path: string,
  code: DefinitionProblemCode,
  message: string,
  params: Readonly<Record<string, string | number>> = {},
): LintIssue {
  return { path, code, params, message };
}

type Issues = LintIssue[];

const ELEMENT_LISTS = new Set(['elements', 'templateElements']);
const parser = new ConditionsParser();
const PINGYI_TYPES = new Map(PINGYI_PROPERTIES.map(({ name, type }) => [name, type]));

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function at(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

function named(path: string, json: JsonObject): string {
  return typeof json['name'] === 'string' ? `${path} (name ${JSON.stringify(json['name'])})` : path;
}

function checkLocalizable(value: unknown, path: string, issues: Issues): void {
  if (typeof value === 'string') return;
  if (isObject(value) && Object.values(value).every((text) => typeof text === 'string')) return;
  issues.push(lintIssue(path, 'invalid_text', 'a text must be a string or an object of strings keyed by locale'));
}

const isPrimitive = (value: unknown): boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** A wrong value named briefly: a message must not echo a whole nested object. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (isObject(value)) return 'an object';
  return typeof value === 'number' || value === undefined ? String(value) : JSON.stringify(value); // JSON would write NaN as null
}

/**
 * survey-core looks properties up in a plain object, so these keys find Object.prototype members
 * and loading them could change the model's prototype. Refused anywhere, even in free JSON such as
 * `defaultValue`. Iterative so a deeply nested value cannot overflow the stack.
 */
function checkPrototypeKeys(definition: unknown, issues: Issues): void {
  const pending: Array<{ value: unknown; path: string }> = [{ value: definition, path: '' }];
  for (let i = 0; i < pending.length; i += 1) {
    const { value, path } = pending[i] as { value: unknown; path: string };
    if (Array.isArray(value)) value.forEach((entry, index) => pending.push({ value: entry, path: at(path, index) }));
    if (!isObject(value)) continue;
    const where = named(path, value);
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_NAMES.has(key))
        issues.push(
          lintIssue(
            at(where, key),
            'forbidden_property_name',
            `${JSON.stringify(key)} cannot be used as a property name: survey-core would treat it as a property of the model`,
            { key },
          ),
        );
      else pending.push({ value: value[key], path: at(where, key) });
    }
  }
}

/** Pingyi's own properties are read with strict checks (`pyScored === true`), so a wrong type would silently not score. */
function checkPingyiValue(name: string, value: unknown, path: string, issues: Issues): void {
  const type = PINGYI_TYPES.get(name);
  const about = { property: name, value: describe(value) };
  if (type === 'boolean' && typeof value !== 'boolean')
    issues.push(
      lintIssue(path, 'property_type', `${name} must be true or false, not ${describe(value)}`, {
        ...about,
        expected: 'boolean',
      }),
    );
  if (type === 'number' && (typeof value !== 'number' || !Number.isFinite(value)))
    issues.push(
      lintIssue(path, 'property_type', `${name} must be a number, not ${describe(value)}`, {
        ...about,
        expected: 'number',
      }),
    );
  if (type === 'string' && (typeof value !== 'string' || value.trim() === ''))
    issues.push(
      lintIssue(path, 'property_type', `${name} must be a non-empty text, not ${describe(value)}`, {
        ...about,
        expected: 'text',
      }),
    );
  if (name === 'pyProblemReport' && !(PROBLEM_REPORT_PARTS as readonly unknown[]).includes(value))
    issues.push(
      lintIssue(
        path,
        'problem_report_part',
        `pyProblemReport must be one of ${PROBLEM_REPORT_PARTS.join(', ')}, not ${describe(value)}`,
        { ...about, allowed: PROBLEM_REPORT_PARTS.join(', ') },
      ),
    );
}

function checkExpression(value: unknown, path: string, issues: Issues): void {
  if (typeof value !== 'string' || value.trim() === '') return;
  if (!parser.parseExpression(value))
    issues.push(
      lintIssue(path, 'invalid_expression', `invalid expression ${JSON.stringify(value)}`, { expression: value }),
    );
}

/** The class of one entry of an array property: its own `type` plus the property's suffix. */
function entryClass(property: JsonObjectProperty, entry: JsonObject): string | undefined {
  if (property.classNamePart)
    return typeof entry['type'] === 'string' ? `${entry['type']}${property.classNamePart}` : undefined;
  return property.className || undefined;
}

/**
 * Whether a list entry is an object to walk. Choices, rows, rating values and `matrix` columns
 * (item values) may also be a bare value; survey-core throws a TypeError on a null entry and keeps
 * an array or object as the value itself. Other lists (matrix columns, validators …) need objects.
 */
function isEntryObject(entry: unknown, itemValues: boolean, path: string, issues: Issues): entry is JsonObject {
  if (itemValues && isPrimitive(entry)) return false;
  if (!isObject(entry)) {
    const expected = itemValues ? 'a value (text, number or true/false) or an object with a "value"' : 'an object';
    issues.push(
      lintIssue(path, 'entry_not_object', `must be ${expected}, not ${describe(entry)}`, {
        expected: itemValues ? 'value_or_object' : 'object',
        value: describe(entry),
      }),
    );
    return false;
  }
  if (itemValues && entry['value'] !== undefined && !isPrimitive(entry['value'])) {
    issues.push(
      lintIssue(
        at(path, 'value'),
        'entry_value_type',
        `must be text, a number or true/false, not ${describe(entry['value'])}`,
        { value: describe(entry['value']) },
      ),
    );
  }
  return true;
}

function walkArray(
  property: JsonObjectProperty,
  value: unknown[],
  path: string,
  issues: Issues,
  names: Set<string>,
): void {
  const itemValues = Boolean(property.className) && Serializer.isDescendantOf(property.className, 'itemvalue');
  value.forEach((entry, i) => {
    const entryPath = at(path, i);
    if (!isEntryObject(entry, itemValues, entryPath, issues)) return;
    const className = entryClass(property, entry);
    if (className === undefined || !Serializer.findClass(className)) {
      issues.push(
        lintIssue(
          entryPath,
          'unknown_entry_type',
          `unknown ${property.classNamePart ?? 'entry'} type ${JSON.stringify(entry['type'])}`,
          { kind: property.classNamePart ?? 'entry', type: describe(entry['type']) },
        ),
      );
      return;
    }
    walkObject(entry, className, named(entryPath, entry), issues, names, cellClass(className, entry));
  });
}

/** Matrix columns also take the properties of the cell question they render. */
function cellClass(className: string, json: JsonObject): string | undefined {
  if (className !== 'matrixdropdowncolumn') return undefined;
  const cellType =
    typeof json['cellType'] === 'string' && json['cellType'] !== 'default' ? json['cellType'] : 'dropdown';
  return cellType;
}

/**
 * `questions` is survey-core's old name for `elements` (and `templateElements`), accepted on the
 * survey, pages, panels and dynamic panels. Refused rather than checked: the rest of Pingyi (unit-row
 * and rater-type checks, the question count) reads `pages`/`elements` only, so a definition must use
 * those. Its questions are still walked, so every other problem in them is reported in one go.
 */
function oldElementList(key: string, listName: string, className: string, path: string): LintIssue {
  const fix =
    className === 'survey'
      ? 'wrap the questions in a page: { "pages": [{ "name": "page1", "elements": [ … ] }] }'
      : `rename it to "${listName}"`;
  return lintIssue(path, 'old_element_list', `the old "${key}" list is not supported; ${fix}`, {
    key,
    list: className === 'survey' ? 'pages' : listName,
  });
}

function checkProperty(
  json: JsonObject,
  key: string,
  property: JsonObjectProperty,
  className: string,
  path: string,
  issues: Issues,
  names: Set<string>,
): void {
  const value = json[key];
  const where = at(path, key);
  // Rules go by the property's own name, so an alternative name (`questions`, `hasOther`) cannot slip past them.
  const name = property.name;
  const refused = NOT_SUPPORTED.find(
    (rule) =>
      rule.key === name &&
      (rule.on === undefined || Serializer.isDescendantOf(className, rule.on)) &&
      rule.applies(value),
  );
  if (refused)
    issues.push(
      lintIssue(where, 'unsupported_property', `${key} is not supported: ${refused.why}`, {
        key,
        reason: refused.reason,
      }),
    );
  else if (PINGYI_TYPES.has(name)) checkPingyiValue(name, value, where, issues);
  else if (ELEMENT_LISTS.has(name)) walkElements(value, where, issues, name === 'templateElements' ? new Set() : names);
  else if (name === 'pages' && Array.isArray(value))
    value.forEach((page, i) => walkContainer(page, 'page', at(where, i), issues, names));
  else if (property.isLocalizable) checkLocalizable(value, where, issues);
  else if (property.type === 'condition' || property.type === 'expression') checkExpression(value, where, issues);
  else if (Array.isArray(value) && (property.className || property.classNamePart))
    walkArray(property, value, where, issues, names);
}

/** Serializer's lookup also finds Object.prototype members (`toString`, `hasOwnProperty`); those are no properties. */
function findProperty(className: string, key: string): JsonObjectProperty | null {
  const property: unknown = Serializer.findProperty(className, key);
  return property instanceof JsonObjectProperty ? property : null;
}

function walkObject(
  json: JsonObject,
  className: string,
  path: string,
  issues: Issues,
  names: Set<string>,
  extraClass?: string,
): void {
  const mixed = commentWithOther(json);
  if (mixed) issues.push(lintIssue(path, 'comment_with_other', mixed));
  for (const key of Object.keys(json)) {
    if (key === 'type' || FORBIDDEN_NAMES.has(key)) continue; // prototype keys are reported by checkPrototypeKeys
    const property = findProperty(className, key) ?? (extraClass ? findProperty(extraClass, key) : null);
    if (!property) {
      issues.push(
        lintIssue(at(path, key), 'unknown_property', `unknown property ${JSON.stringify(key)} for ${className}`, {
          key,
          className,
        }),
      );
      continue;
    }
    if (property.name !== key && ELEMENT_LISTS.has(property.name))
      issues.push(oldElementList(key, property.name, className, at(path, key)));
    checkProperty(json, key, property, className, path, issues, names);
  }
}

function walkContainer(
  json: unknown,
  className: 'page' | 'panel',
  path: string,
  issues: Issues,
  names: Set<string>,
): void {
  if (!isObject(json))
    return void issues.push(lintIssue(path, 'container_not_object', `a ${className} must be an object`, { className }));
  const where = named(path, json);
  for (const key of CONTAINER_NOT_SUPPORTED) {
    if (json[key] !== undefined && json[key] !== false)
      issues.push(
        lintIssue(
          at(where, key),
          'container_rule',
          `${key} on a ${className} is not supported; set it on its questions`,
          {
            key,
            className,
          },
        ),
      );
  }
  walkObject(json, className, where, issues, names);
}

function checkName(json: JsonObject, path: string, issues: Issues, names: Set<string>): void {
  const name = json['name'];
  if (typeof name !== 'string' || name.trim() === '')
    return void issues.push(lintIssue(path, 'question_name_required', 'a question needs a name'));
  if (FORBIDDEN_NAMES.has(name))
    return void issues.push(
      lintIssue(path, 'question_name_forbidden', `${JSON.stringify(name)} cannot be used as a question name`, { name }),
    );
  if (names.has(name))
    issues.push(
      lintIssue(path, 'duplicate_question_name', `duplicate question name ${JSON.stringify(name)}`, { name }),
    );
  names.add(name);
}

function checkScoring(json: JsonObject, type: string, path: string, issues: Issues): void {
  const matrixColumns = type === 'matrixdropdown' || type === 'matrixdynamic';
  if (matrixColumns && Array.isArray(json['columns'])) {
    json['columns'].forEach((column, i) => {
      if (!isObject(column) || column['pyScored'] !== true) return;
      const cellType = column['cellType'] ?? json['cellType'] ?? 'dropdown';
      const list = cellType === 'rating' ? 'rateValues' : 'choices';
      const options = column[list] ?? (list === 'choices' ? json['choices'] : undefined);
      const columnPath = named(at(at(path, 'columns'), i), column);
      if (cellType !== 'dropdown' && cellType !== 'radiogroup' && cellType !== 'rating')
        issues.push(
          lintIssue(columnPath, 'column_not_scorable', `a "${String(cellType)}" column cannot be scored`, {
            cellType: String(cellType),
          }),
        );
      else for (const problem of missingPoints(options, list)) issues.push({ path: columnPath, ...problem });
    });
  }
  if (json['pyItem'] !== undefined && json['pyScored'] !== true)
    issues.push(
      lintIssue(path, 'item_not_scored', 'pyItem is set but pyScored is not true, so the question produces no ratings'),
    );
  if (json['pyScored'] !== true) return;
  const list = scoredOptions(type);
  if (list === null)
    return void issues.push(lintIssue(path, 'not_scorable', `a "${type}" question cannot be scored`, { type }));
  for (const problem of missingPoints(json[list], list)) issues.push({ path, ...problem });
}

function walkElement(json: unknown, path: string, issues: Issues, names: Set<string>): void {
  if (!isObject(json)) return void issues.push(lintIssue(path, 'element_not_object', 'an element must be an object'));
  const type = json['type'];
  const where = named(path, json);
  if (typeof type !== 'string')
    return void issues.push(lintIssue(where, 'element_type_missing', 'an element needs a "type"'));
  if (!Serializer.findClass(type) || !(type === 'panel' || Serializer.isDescendantOf(type, 'question'))) {
    return void issues.push(
      lintIssue(where, 'unknown_question_type', `unknown question type ${JSON.stringify(type)}`, { type }),
    );
  }
  if (!SUPPORTED_TYPES.has(type))
    return void issues.push(
      lintIssue(
        where,
        'unsupported_question_type',
        `question type "${type}" is not supported: the server could not check its answers`,
        { type },
      ),
    );
  if (type === 'panel') return walkContainer(json, 'panel', path, issues, names);
  checkName(json, where, issues, names);
  checkScoring(json, type, where, issues);
  walkObject(json, type, where, issues, names);
}

function walkElements(value: unknown, path: string, issues: Issues, names: Set<string>): void {
  if (!Array.isArray(value))
    return void issues.push(lintIssue(path, 'elements_not_array', 'must be an array of elements'));
  value.forEach((element, i) => walkElement(element, at(path, i), issues, names));
}

/**
 * Checks a SurveyJS definition before Pingyi imports it: valid SurveyJS, and nothing the server
 * could not validate or score. Accepts the JSON text or the parsed value.
 */
export function lintDefinition(json: unknown): LintIssue[] {
  let definition = json;
  if (typeof json === 'string') {
    try {
      definition = JSON.parse(json) as unknown;
    } catch (error) {
      return [lintIssue('', 'malformed_json', `malformed JSON: ${(error as Error).message}`)];
    }
  }
  if (!isObject(definition))
    return [lintIssue('', 'definition_not_object', 'a questionnaire definition must be a JSON object')];
  const issues: Issues = [];
  checkPrototypeKeys(definition, issues);
  walkObject(definition, 'survey', '', issues, new Set());
  return issues;
}
