import { Model, type SurveyModel } from 'survey-core';
import type { ProblemReportPart } from './properties.ts';
import './properties.ts';
import { lintDefinition, lintIssue } from './lint.ts';
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
  /** The answers that make up a problem report (pyProblemReport), by part: stored apart from the ballot. */
  readonly problemReport: Readonly<Partial<Record<ProblemReportPart, string>>>;
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
    throw new QuestionnaireDefinitionError([
      lintIssue('', 'definition_not_object', 'a questionnaire definition must be a JSON object'),
    ]);
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
  if (typeof compiled === 'string')
    throw new QuestionnaireDefinitionError([lintIssue('', 'not_checkable', compiled, { detail: compiled })]);
  const items = questionnaireItemsOf(model);
  return {
    definition: served,
    items,
    problemReport: problemReportOf(model),
    validate: (answers) => runValidation(compiled, answers, context.targetUnitId),
  };
}

/** Questions marked pyProblemReport whose answers are top-level keys of the ballot. */
function problemReportOf(model: SurveyModel): Partial<Record<ProblemReportPart, string>> {
  const parts: Partial<Record<ProblemReportPart, string>> = {};
  for (const question of model.getAllQuestions()) {
    const part = question.getPropertyValue('pyProblemReport') as ProblemReportPart | undefined;
    if (part === undefined || part === null) continue;
    if (parts[part] !== undefined) {
      throw new QuestionnaireDefinitionError([
        lintIssue(
          question.name,
          'problem_report_repeated',
          `two questions are marked pyProblemReport "${part}"; mark one`,
          {
            part,
          },
        ),
      ]);
    }
    parts[part] = question.name;
  }
  // Questionnaires written before pyProblemReport existed used the default template's names.
  if (Object.keys(parts).length === 0) {
    const names = new Set(model.getAllQuestions().map((question) => question.name));
    if (names.has('problemDescription')) parts.description = 'problemDescription';
    if (names.has('problemContact')) parts.contact = 'problemContact';
  }
  return parts;
}
