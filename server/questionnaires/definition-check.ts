import type { RaterType } from '../../scoring/rater-type.ts';
import { lintDefinition, lintIssue, type LintIssue } from '../../surveys/lint.ts';
import { sampleContext } from '../../surveys/sample-units.ts';
import type { QuestionnaireContext } from '../../surveys/materialise.ts';
import {
  prepareQuestionnaire,
  QuestionnaireDefinitionError,
  type PreparedQuestionnaire,
} from '../../surveys/prepare.ts';
import { AppError } from '../errors.ts';
import { definitionShapeProblem } from './definition-shape.ts';

export type Definition = Record<string, unknown>;

/** A refusal message lists at most this many problems, so a broken import cannot build a huge reply. */
const MAX_LISTED = 100;

export function isDefinition(value: unknown): value is Definition {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A path as lint writes it: `pages[0] (name "p1").elements[3] (name "q4")`. */
function named(path: string, json: Definition): string {
  return typeof json['name'] === 'string' ? `${path} (name ${JSON.stringify(json['name'])})` : path;
}

/**
 * Rules that depend on who answers. A superior or peer ballot rates several units, so a scored
 * question outside a unit-row matrix would rate no unit (the validator throws on it); a recipient
 * rates the one unit that served them, so unit-row matrices make no sense there.
 */
function raterTypeProblems(definition: Definition, raterType: RaterType): LintIssue[] {
  const problems: LintIssue[] = [];
  if (definition['questions'] !== undefined) {
    problems.push(
      lintIssue(
        'questions',
        'old_element_list',
        'the old top-level "questions" list is not supported; put the questions in "pages" (or "elements")',
        { key: 'questions', list: 'pages' },
      ),
    );
  }
  const visit = (elements: unknown, path: string): void => {
    if (!Array.isArray(elements)) return;
    elements.forEach((element, i) => {
      if (!isDefinition(element)) return;
      const where = named(`${path}[${i}]`, element);
      visit(element['elements'], `${where}.elements`);
      visit(element['templateElements'], `${where}.templateElements`);
      const unitRows = element['pyUnitRows'] === true;
      const columns = Array.isArray(element['columns']) ? element['columns'] : [];
      const scored =
        element['pyScored'] === true || columns.some((column) => isDefinition(column) && column['pyScored'] === true);
      if (unitRows && raterType === 'recipient') {
        problems.push(
          lintIssue(
            where,
            'unit_rows_for_recipient',
            'a unit-row matrix (pyUnitRows) rates many units, but a service recipient rates only the unit that served them; remove pyUnitRows or use a superior or peer questionnaire',
          ),
        );
      } else if (scored && !unitRows && raterType !== 'recipient') {
        problems.push(
          lintIssue(
            where,
            'scored_outside_unit_matrix',
            `is scored but not a unit-row matrix: a ${raterType} ballot rates several units, so scored items must be columns (or the question) of a matrix with pyUnitRows: true`,
            { raterType },
          ),
        );
      }
    });
  };
  visit(definition['elements'], 'elements');
  if (Array.isArray(definition['pages']))
    definition['pages'].forEach(
      (page, i) => isDefinition(page) && visit(page['elements'], `${named(`pages[${i}]`, page)}.elements`),
    );
  return problems;
}

function hasQuestions(definition: Definition): boolean {
  const pages = Array.isArray(definition['pages']) ? definition['pages'] : [];
  const pageElements = pages.some(
    (page) => isDefinition(page) && Array.isArray(page['elements']) && page['elements'].length > 0,
  );
  return pageElements || (Array.isArray(definition['elements']) && definition['elements'].length > 0);
}

export function definitionRefused(
  code: 'definition_too_large' | 'invalid_definition',
  problems: readonly LintIssue[],
): AppError {
  const listed = problems.slice(0, MAX_LISTED).map((p) => `- ${p.path ? `${p.path}: ` : ''}${p.message}`);
  const more = problems.length > MAX_LISTED ? [`… and ${problems.length - MAX_LISTED} more`] : [];
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return new AppError(
    422,
    code,
    [`The questionnaire definition cannot be used (${problems.length} ${noun}):`, ...listed, ...more].join('\n'),
    { problems: problems.slice(0, MAX_LISTED) },
  );
}

/**
 * Prepares a definition, turning every way it can fail into the problems it names. survey-core itself
 * can throw on JSON that lint lets through (e.g. `choices: [null]`); that is bad input, not a bug here.
 */
export function prepareOrProblems(
  definition: Definition,
  context: QuestionnaireContext,
): PreparedQuestionnaire | LintIssue[] {
  try {
    return prepareQuestionnaire(definition, context);
  } catch (error) {
    if (error instanceof QuestionnaireDefinitionError) return [...error.problems];
    const detail = error instanceof Error ? error.message : String(error);
    return [lintIssue('', 'surveyjs_load_failed', `SurveyJS could not load the definition: ${detail}`, { detail })];
  }
}

/** What the checks found: the prepared questionnaire, or every problem with its path. */
export type DefinitionCheck =
  | { readonly ok: true; readonly prepared: PreparedQuestionnaire }
  | {
      readonly ok: false;
      readonly code: 'definition_too_large' | 'invalid_definition';
      readonly problems: readonly LintIssue[];
    };

/**
 * The checks on every definition Pingyi stores: bounded size, valid SurveyJS the server can check and
 * score (lintDefinition), fit for the rater type, and preparable with sample units.
 */
export function inspectDefinition(definition: unknown, raterType: RaterType): DefinitionCheck {
  if (!isDefinition(definition))
    return {
      ok: false,
      code: 'invalid_definition',
      problems: [lintIssue('', 'definition_not_object', 'a questionnaire definition must be a JSON object')],
    };
  const shape = definitionShapeProblem(definition);
  if (shape) return { ok: false, code: shape.refusal, problems: [shape.problem] };
  let problems: LintIssue[];
  try {
    problems = [...lintDefinition(definition), ...raterTypeProblems(definition, raterType)];
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    problems = [lintIssue('', 'definition_unreadable', `the definition could not be read: ${detail}`, { detail })];
  }
  if (problems.length === 0 && !hasQuestions(definition))
    problems = [lintIssue('pages', 'no_questions', 'the questionnaire has no questions')];
  if (problems.length > 0) return { ok: false, code: 'invalid_definition', problems };
  const prepared = prepareOrProblems(definition, sampleContext(raterType));
  return Array.isArray(prepared)
    ? { ok: false, code: 'invalid_definition', problems: prepared }
    : { ok: true, prepared };
}

/** inspectDefinition, refusing with a 422 whose message lists every problem with its path. */
export function checkDefinition(definition: Definition, raterType: RaterType): PreparedQuestionnaire {
  const check = inspectDefinition(definition, raterType);
  if (check.ok) return check.prepared;
  throw definitionRefused(check.code, check.problems);
}

/** The title a definition gives itself (its Chinese `default` text), used when none is sent. */
export function definitionTitle(definition: Definition): string | null {
  const title = definition['title'];
  const text =
    typeof title === 'string'
      ? title
      : isDefinition(title)
        ? (title['default'] ?? title['zh-cn'] ?? Object.values(title)[0])
        : undefined;
  return typeof text === 'string' && text.trim() !== '' ? text.trim().slice(0, 200) : null;
}
