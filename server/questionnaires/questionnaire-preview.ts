import type { RaterType } from '../../scoring/rater-type.ts';
import type { QuestionnaireContext, UnitInScope } from '../../surveys/materialise.ts';
import { lintIssue } from '../../surveys/lint.ts';
import type { PreparedQuestionnaire } from '../../surveys/prepare.ts';
import type { ValidationResult } from '../../surveys/validation/run.ts';
import type { Db } from '../db/database.ts';
import type { Questionnaire } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { definitionShapeProblem } from './definition-shape.ts';
import { SAMPLE_UNITS } from '../../surveys/sample-units.ts';
import { definitionRefused, isDefinition, prepareOrProblems } from './definition-check.ts';
import { findUnitsByIds } from '../catalog/catalog.repository.ts';
import { findQuestionnaireOr404, storedDefinition } from './questionnaires.service.ts';

/*
 * Previews prepare the stored version exactly as the ballot path does, for sample or chosen units,
 * and never touch the ballot path's cache: preview contexts are arbitrary and would crowd it out.
 */

export interface PreviewUnits {
  /** The units a superior or peer rates; sample units when absent. */
  units?: readonly UnitInScope[];
  /** The unit a recipient rates; the first unit when absent. */
  targetUnitId?: number;
  /** The peer rater's own unit, left out of the unit rows. */
  excludeUnitId?: number;
}

function contextFor(
  raterType: RaterType,
  { units = SAMPLE_UNITS, targetUnitId, excludeUnitId }: PreviewUnits,
): QuestionnaireContext {
  if (raterType === 'recipient') return { targetUnitId: targetUnitId ?? units[0]?.id ?? 1 };
  return { units, excludeUnitId };
}

function prepareStored(row: Questionnaire, context: QuestionnaireContext): PreparedQuestionnaire {
  const definition = storedDefinition(row);
  if (!isDefinition(definition))
    throw definitionRefused('invalid_definition', [
      lintIssue('', 'definition_unreadable', `questionnaire ${row.id} has no usable definition`, { detail: '' }),
    ]);
  const shape = definitionShapeProblem(definition);
  if (shape) throw definitionRefused(shape.refusal, [shape.problem]);
  const prepared = prepareOrProblems(definition, context);
  if (Array.isArray(prepared)) throw definitionRefused('invalid_definition', prepared);
  return prepared;
}

/** What the server would do with these answers on a real ballot: the validator's result, unchanged. */
export async function previewAnswers(
  db: Db,
  id: number,
  answers: unknown,
  units: PreviewUnits,
): Promise<ValidationResult> {
  const row = await findQuestionnaireOr404(db, id);
  const prepared = prepareStored(row, contextFor(row.rater_type, units));
  try {
    return prepared.validate(answers);
  } catch (error) {
    // Only a definition saved outside the API gets here: a scored question that rates no unit.
    const detail = error instanceof Error ? error.message : String(error);
    throw definitionRefused('invalid_definition', [lintIssue('', 'not_checkable', detail, { detail })]);
  }
}

/** The definition as a rater would be served it, with the given catalogue units (or sample units) filled in. */
export async function previewDefinition(
  db: Db,
  id: number,
  unitIds: readonly number[] | undefined,
  excludeUnitId: number | undefined,
): Promise<object> {
  const row = await findQuestionnaireOr404(db, id);
  let units: UnitInScope[] | undefined;
  if (unitIds !== undefined) {
    const found = new Map(
      (await findUnitsByIds(db, unitIds)).map((u) => [u.id, { id: u.id, name: u.name, nameEn: u.name_en }]),
    );
    const missing = unitIds.filter((unitId) => !found.has(unitId));
    if (missing.length > 0)
      throw new AppError(
        404,
        'unit_not_found',
        `No unit has id ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', …' : ''}.`,
      );
    units = unitIds.map((unitId) => found.get(unitId) as UnitInScope);
  }
  return prepareStored(row, contextFor(row.rater_type, { units, excludeUnitId })).definition;
}
