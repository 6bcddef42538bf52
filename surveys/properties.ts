import { Serializer } from 'survey-core';
// The same import that registers the properties also fixes the default locale, so client and
// server get both from the one module they must import before creating any model.
import './locale.ts';

interface PingyiProperty {
  readonly className: string;
  readonly name: string;
  readonly type: 'string' | 'boolean' | 'number';
}

/**
 * Pingyi's own SurveyJS properties. All start with `py` so they can never collide with a future
 * SurveyJS property. Adding them to a base class (`question`, `itemvalue`) makes them valid on
 * every subclass: choices, checkbox items, rating values and matrix columns are all itemvalues.
 */
export const PINGYI_PROPERTIES: readonly PingyiProperty[] = [
  // The scored item this question feeds, e.g. 'attitude'. Defaults to the question name.
  { className: 'question', name: 'pyItem', type: 'string' },
  // Only questions marked scored produce ratings.
  { className: 'question', name: 'pyScored', type: 'boolean' },
  // Columns of a multi-select matrix are items in their own right (one column per item).
  { className: 'matrixdropdowncolumn', name: 'pyItem', type: 'string' },
  { className: 'matrixdropdowncolumn', name: 'pyScored', type: 'boolean' },
  // Points a choice / rating value / matrix column is worth, e.g. 优秀 = 100.
  { className: 'itemvalue', name: 'pyPoints', type: 'number' },
  // 不了解 / don't know: a valid answer that is not a vote and scores nothing.
  { className: 'itemvalue', name: 'pyNotCounted', type: 'boolean' },
  // The rows are the units in scope; the server fills them when it serves the questionnaire.
  { className: 'matrix', name: 'pyUnitRows', type: 'boolean' },
  { className: 'matrixdropdown', name: 'pyUnitRows', type: 'boolean' },
  // A recipient's problem report: 'description' or 'contact'. Such answers are stored apart from the
  // ballot, with nothing joining them to it (decision 011).
  { className: 'question', name: 'pyProblemReport', type: 'string' },
];

export const PROBLEM_REPORT_PARTS = ['description', 'contact'] as const;
export type ProblemReportPart = (typeof PROBLEM_REPORT_PARTS)[number];

/** Registers the properties once; calling it again is a no-op. */
export function registerPingyiProperties(): void {
  for (const { className, name, type } of PINGYI_PROPERTIES) {
    if (Serializer.findProperty(className, name)) continue;
    Serializer.addProperty(className, {
      name: type === 'string' ? name : `${name}:${type}`,
      category: 'pingyi',
    });
  }
}

registerPingyiProperties();
