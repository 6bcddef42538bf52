import type { DefinitionProblemCode } from '../../surveys/lint-rules.ts';
import { lintIssue, type LintIssue } from '../../surveys/lint.ts';

/**
 * Bounds on a definition's shape, checked before anything walks it recursively or builds a
 * survey-core model. Preparing costs about 1.7 ms per element, 85 µs per choice and grows
 * quadratically with the columns of one matrix (200 columns ≈ 0.5 s, 2,000 ≈ 28 s), so a 1 MB body
 * could otherwise hold the event loop for minutes. At these limits the worst case is a few seconds;
 * real questionnaires are a hundred times smaller.
 */
export const DEFINITION_LIMITS = {
  /** Pages, questions, panels, matrix columns and multiple-text items together. */
  elements: 2000,
  /** Entries in any one list (choices, rows, rating values …). */
  listEntries: 2000,
  /** Columns of one matrix. */
  matrixColumns: 100,
  /** Every JSON value in the definition. */
  values: 30_000,
  /** Nesting of JSON objects and arrays. */
  depth: 50,
} as const;

/**
 * Keys that name Object.prototype members. survey-core's property lookup finds "properties" under
 * these names, so lint lets them through and loading would set the model's prototype; refused anywhere.
 */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Lists whose object entries survey-core turns into elements of their own. */
const ELEMENT_LISTS = new Set(['pages', 'elements', 'templateElements', 'questions', 'columns', 'items']);

interface Pending {
  readonly value: unknown;
  readonly path: string;
  readonly depth: number;
  readonly inElementList: boolean;
}

function childPath(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

const count = (n: number) => n.toLocaleString('en-US');

/** The refusal a shape problem causes, and the problem itself. */
export interface ShapeProblem {
  readonly refusal: 'definition_too_large' | 'invalid_definition';
  readonly problem: LintIssue;
}

const tooLarge = (
  path: string,
  code: DefinitionProblemCode,
  message: string,
  params: Readonly<Record<string, number>>,
): ShapeProblem => ({ refusal: 'definition_too_large', problem: lintIssue(path, code, message, params) });

/**
 * The first limit the definition exceeds, or the first prototype key it uses, as a sentence naming
 * where; null when there is none. Iterative on purpose: a deeply nested body must not overflow the
 * stack before it is refused.
 */
export function definitionShapeProblem(definition: unknown): ShapeProblem | null {
  const stack: Pending[] = [{ value: definition, path: '', depth: 0, inElementList: false }];
  let values = 0;
  let elements = 0;
  while (stack.length > 0) {
    const { value, path, depth, inElementList } = stack.pop() as Pending;
    values += 1;
    if (values > DEFINITION_LIMITS.values)
      return tooLarge(
        '',
        'too_many_values',
        `the definition holds more than ${count(DEFINITION_LIMITS.values)} JSON values; split it or shorten its lists`,
        { limit: DEFINITION_LIMITS.values },
      );
    if (value === null || typeof value !== 'object') continue;
    if (depth >= DEFINITION_LIMITS.depth)
      return tooLarge(path, 'too_deep', `nested more than ${DEFINITION_LIMITS.depth} levels deep`, {
        limit: DEFINITION_LIMITS.depth,
      });
    if (inElementList) elements += 1;
    if (elements > DEFINITION_LIMITS.elements) {
      return tooLarge(
        '',
        'too_many_elements',
        `the definition has more than ${count(DEFINITION_LIMITS.elements)} pages, questions, panels, matrix columns and text items together; at most ${count(DEFINITION_LIMITS.elements)} are allowed`,
        { limit: DEFINITION_LIMITS.elements },
      );
    }
    if (Array.isArray(value)) {
      if (value.length > DEFINITION_LIMITS.listEntries)
        return tooLarge(
          path,
          'list_too_long',
          `${count(value.length)} entries; at most ${count(DEFINITION_LIMITS.listEntries)} are allowed in one list`,
          { count: value.length, limit: DEFINITION_LIMITS.listEntries },
        );
      const listName = path.slice(path.lastIndexOf('.') + 1);
      if (listName === 'columns' && value.length > DEFINITION_LIMITS.matrixColumns)
        return tooLarge(
          path,
          'too_many_columns',
          `${count(value.length)} columns; at most ${DEFINITION_LIMITS.matrixColumns} are allowed in one matrix`,
          { count: value.length, limit: DEFINITION_LIMITS.matrixColumns },
        );
      const listOfElements = ELEMENT_LISTS.has(listName);
      value.forEach((entry, i) =>
        stack.push({ value: entry, path: childPath(path, i), depth: depth + 1, inElementList: listOfElements }),
      );
    } else {
      for (const [key, entry] of Object.entries(value)) {
        if (PROTOTYPE_KEYS.has(key))
          return {
            refusal: 'invalid_definition',
            problem: lintIssue(
              childPath(path, key),
              'forbidden_property_name',
              `${JSON.stringify(key)} cannot be used as a property name`,
              { key },
            ),
          };
        stack.push({ value: entry, path: childPath(path, key), depth: depth + 1, inElementList: false });
      }
    }
  }
  return null;
}
