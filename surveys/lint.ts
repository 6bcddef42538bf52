import { ConditionsParser, Serializer } from 'survey-core';
import type { JsonObjectProperty } from 'survey-core';
import './properties.ts';
import { CONTAINER_NOT_SUPPORTED, FORBIDDEN_NAMES, missingPoints, NOT_SUPPORTED, scoredOptions, SUPPORTED_TYPES } from './lint-rules.ts';
import type { JsonObject } from './lint-rules.ts';

export interface LintIssue {
  /** Where, e.g. `pages[0].elements[3] (name "q4").choices[1]`. */
  readonly path: string;
  readonly message: string;
}

type Issues = LintIssue[];

const ELEMENT_LISTS = new Set(['elements', 'templateElements']);
const parser = new ConditionsParser();

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
  issues.push({ path, message: 'a text must be a string or an object of strings keyed by locale' });
}

function checkExpression(value: unknown, path: string, issues: Issues): void {
  if (typeof value !== 'string' || value.trim() === '') return;
  if (!parser.parseExpression(value)) issues.push({ path, message: `invalid expression ${JSON.stringify(value)}` });
}

/** The class of one entry of an array property: its own `type` plus the property's suffix. */
function entryClass(property: JsonObjectProperty, entry: JsonObject): string | undefined {
  if (property.classNamePart) return typeof entry['type'] === 'string' ? `${entry['type']}${property.classNamePart}` : undefined;
  return property.className || undefined;
}

function walkArray(property: JsonObjectProperty, value: unknown[], path: string, issues: Issues, names: Set<string>): void {
  value.forEach((entry, i) => {
    const entryPath = at(path, i);
    if (!isObject(entry)) return; // plain values are valid shorthand for choices and rows
    const className = entryClass(property, entry);
    if (className === undefined || !Serializer.findClass(className)) {
      issues.push({ path: entryPath, message: `unknown ${property.classNamePart ?? 'entry'} type ${JSON.stringify(entry['type'])}` });
      return;
    }
    walkObject(entry, className, named(entryPath, entry), issues, names, cellClass(className, entry));
  });
}

/** Matrix columns also take the properties of the cell question they render. */
function cellClass(className: string, json: JsonObject): string | undefined {
  if (className !== 'matrixdropdowncolumn') return undefined;
  const cellType = typeof json['cellType'] === 'string' && json['cellType'] !== 'default' ? json['cellType'] : 'dropdown';
  return cellType;
}

function checkProperty(json: JsonObject, key: string, property: JsonObjectProperty, path: string, issues: Issues, names: Set<string>): void {
  const value = json[key];
  const where = at(path, key);
  const refused = NOT_SUPPORTED.find((rule) => rule.key === key && rule.applies(value));
  if (refused) issues.push({ path: where, message: `${key} is not supported: ${refused.why}` });
  else if (ELEMENT_LISTS.has(key)) walkElements(value, where, issues, key === 'templateElements' ? new Set() : names);
  else if (key === 'pages' && Array.isArray(value)) value.forEach((page, i) => walkContainer(page, 'page', at(where, i), issues, names));
  else if (property.isLocalizable) checkLocalizable(value, where, issues);
  else if (property.type === 'condition' || property.type === 'expression') checkExpression(value, where, issues);
  else if (Array.isArray(value) && (property.className || property.classNamePart)) walkArray(property, value, where, issues, names);
}

function walkObject(json: JsonObject, className: string, path: string, issues: Issues, names: Set<string>, extraClass?: string): void {
  for (const key of Object.keys(json)) {
    if (key === 'type') continue;
    const property = Serializer.findProperty(className, key) ?? (extraClass ? Serializer.findProperty(extraClass, key) : null);
    if (!property) {
      issues.push({ path: at(path, key), message: `unknown property ${JSON.stringify(key)} for ${className}` });
      continue;
    }
    checkProperty(json, key, property, path, issues, names);
  }
}

function walkContainer(json: unknown, className: 'page' | 'panel', path: string, issues: Issues, names: Set<string>): void {
  if (!isObject(json)) return void issues.push({ path, message: `a ${className} must be an object` });
  const where = named(path, json);
  for (const key of CONTAINER_NOT_SUPPORTED) {
    if (json[key] !== undefined && json[key] !== false) issues.push({ path: at(where, key), message: `${key} on a ${className} is not supported; set it on its questions` });
  }
  walkObject(json, className, where, issues, names);
}

function checkName(json: JsonObject, path: string, issues: Issues, names: Set<string>): void {
  const name = json['name'];
  if (typeof name !== 'string' || name.trim() === '') return void issues.push({ path, message: 'a question needs a name' });
  if (FORBIDDEN_NAMES.has(name)) return void issues.push({ path, message: `${JSON.stringify(name)} cannot be used as a question name` });
  if (names.has(name)) issues.push({ path, message: `duplicate question name ${JSON.stringify(name)}` });
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
      if (cellType !== 'dropdown' && cellType !== 'radiogroup' && cellType !== 'rating') issues.push({ path: columnPath, message: `a "${String(cellType)}" column cannot be scored` });
      else for (const message of missingPoints(options, list)) issues.push({ path: columnPath, message });
    });
  }
  if (json['pyItem'] !== undefined && json['pyScored'] !== true) issues.push({ path, message: 'pyItem is set but pyScored is not true, so the question produces no ratings' });
  if (json['pyScored'] !== true) return;
  const list = scoredOptions(type);
  if (list === null) return void issues.push({ path, message: `a "${type}" question cannot be scored` });
  for (const message of missingPoints(json[list], list)) issues.push({ path, message });
}

function walkElement(json: unknown, path: string, issues: Issues, names: Set<string>): void {
  if (!isObject(json)) return void issues.push({ path, message: 'an element must be an object' });
  const type = json['type'];
  const where = named(path, json);
  if (typeof type !== 'string') return void issues.push({ path: where, message: 'an element needs a "type"' });
  if (!Serializer.findClass(type) || !(type === 'panel' || Serializer.isDescendantOf(type, 'question'))) {
    return void issues.push({ path: where, message: `unknown question type ${JSON.stringify(type)}` });
  }
  if (!SUPPORTED_TYPES.has(type)) return void issues.push({ path: where, message: `question type "${type}" is not supported: the server could not check its answers` });
  if (type === 'panel') return walkContainer(json, 'panel', path, issues, names);
  checkName(json, where, issues, names);
  checkScoring(json, type, where, issues);
  walkObject(json, type, where, issues, names);
}

function walkElements(value: unknown, path: string, issues: Issues, names: Set<string>): void {
  if (!Array.isArray(value)) return void issues.push({ path, message: 'must be an array of elements' });
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
      return [{ path: '', message: `malformed JSON: ${(error as Error).message}` }];
    }
  }
  if (!isObject(definition)) return [{ path: '', message: 'a questionnaire definition must be a JSON object' }];
  const issues: Issues = [];
  walkObject(definition, 'survey', '', issues, new Set());
  return issues;
}
