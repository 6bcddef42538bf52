import { Model } from 'survey-core';
import './properties.ts';
import { lintDefinition } from './lint.ts';
import type { LintIssue } from './lint.ts';
import { materialise } from './materialise.ts';
import type { QuestionnaireContext } from './materialise.ts';
import { questionnaireItemsOf } from './items.ts';
import type { QuestionnaireItem } from './items.ts';
import { compileModel } from './validation/compile.ts';
import { runValidation } from './validation/run.ts';
import type { ValidationResult } from './validation/run.ts';

export interface PreparedQuestionnaire {
  /** The JSON to serve to the client: the definition with the context's units filled in. */
  readonly definition: object;
  readonly items: readonly QuestionnaireItem[];
  /** Checks a submitted ballot; never trusts anything the client computed. */
  validate(answers: unknown): ValidationResult;
}

export class QuestionnaireDefinitionError extends Error {
  constructor(readonly problems: readonly LintIssue[]) {
    super(`The questionnaire definition cannot be used: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.name = 'QuestionnaireDefinitionError';
  }
}

/**
 * Materialises a definition for one context and compiles its checks once. survey-core builds the
 * model only here; validating a ballot runs the compiled checks and never creates a model.
 */
export function prepareQuestionnaire(definition: unknown, context: QuestionnaireContext = {}): PreparedQuestionnaire {
  if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
    throw new QuestionnaireDefinitionError([{ path: '', message: 'a questionnaire definition must be a JSON object' }]);
  }
  // The same rules as on import, so a definition that slipped past import still cannot be served.
  const problems = lintDefinition(definition);
  if (problems.length > 0) throw new QuestionnaireDefinitionError(problems);
  const served = materialise(definition, context);
  // Design mode keeps the definition's own `visible` flags: a normal model runs every visibleIf
  // against empty answers at load time and overwrites them.
  const model = new Model();
  model.setDesignMode(true);
  model.fromJSON(served);
  const compiled = compileModel(model);
  if (typeof compiled === 'string') throw new QuestionnaireDefinitionError([{ path: '', message: compiled }]);
  const items = questionnaireItemsOf(model);
  return {
    definition: served,
    items,
    validate: (answers) => runValidation(compiled, answers, context.targetUnitId),
  };
}
