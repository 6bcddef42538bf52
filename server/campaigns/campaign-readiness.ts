import type { ProblemParams } from '../../scoring/settings.ts';
import { prepareQuestionnaire, QuestionnaireDefinitionError } from '../../surveys/prepare.ts';
import { scoringContextOf, type LoadedCampaign, type ScopeUnit, type TakingPart } from './campaign-loader.ts';
import { SCORING_CHECK_CODES, scoringSettingsProblems, type ScoringCheckProblem } from './campaign-scoring-check.ts';

export const MIN_UNITS_IN_SCOPE = 2;
const NAMED_AT_MOST = 10;

/**
 * Every reason a draft cannot open yet, as a stable word: the console words each in the UI's language from
 * its `params` (client/src/shared/problem-text.ts); `message` is the English sentence for logs and API users.
 */
export const OPENING_PROBLEM_CODES = [
  'scope_too_small',
  'scope_units_inactive',
  'no_rater_types',
  'questionnaire_rater_type_mismatch',
  'questionnaire_no_items',
  'questionnaire_no_unit_matrix',
  'questionnaire_unusable',
  'window_order',
  'window_ended',
  ...SCORING_CHECK_CODES,
] as const;

export type OpeningProblemCode = (typeof OPENING_PROBLEM_CODES)[number];

/** One thing that stops a draft from opening: what, the names and numbers it is about, and an English sentence. */
export interface OpeningProblem {
  readonly code: OpeningProblemCode;
  readonly params: ProblemParams;
  readonly message: string;
}

const problem = (code: OpeningProblemCode, message: string, params: ProblemParams = {}): OpeningProblem => ({
  code,
  params,
  message,
});

/**
 * Everything that stops a draft from opening, all at once so the office fixes them in one pass. Each
 * problem says where to fix it. An empty list means the campaign may open.
 */
export function findOpeningProblems(parts: LoadedCampaign, now: Date): OpeningProblem[] {
  const { campaign } = parts;
  const problems: OpeningProblem[] = [...scopeProblems(parts)];
  if (parts.raterTypes.length === 0) {
    problems.push(
      problem('no_rater_types', `no rater type takes part (PUT /api/campaigns/${campaign.id}/rater-types)`),
    );
  }
  for (const taking of parts.raterTypes) problems.push(...questionnaireProblems(taking, parts.units));
  if (!(campaign.starts_at < campaign.ends_at)) {
    problems.push(
      problem(
        'window_order',
        `the window must start before it ends (startsAt ${campaign.starts_at}, endsAt ${campaign.ends_at})`,
        { startsAt: campaign.starts_at, endsAt: campaign.ends_at },
      ),
    );
  }
  if (!(campaign.ends_at > now.toISOString())) {
    problems.push(
      problem('window_ended', `the end date ${campaign.ends_at} is not in the future; move it later (PATCH endsAt)`, {
        endsAt: campaign.ends_at,
      }),
    );
  }
  problems.push(...settingsProblems(parts));
  return problems;
}

function scopeProblems({ campaign, units }: LoadedCampaign): OpeningProblem[] {
  const problems: OpeningProblem[] = [];
  if (units.length < MIN_UNITS_IN_SCOPE) {
    problems.push(
      problem(
        'scope_too_small',
        `at least ${MIN_UNITS_IN_SCOPE} units must be in scope, it has ${units.length} (PUT /api/campaigns/${campaign.id}/units)`,
        { minimum: MIN_UNITS_IN_SCOPE, count: units.length },
      ),
    );
  }
  const inactive = units.filter((unit) => !unit.active);
  if (inactive.length > 0) {
    problems.push(
      problem(
        'scope_units_inactive',
        `units in scope are no longer active: ${describeUnits(inactive)}; set the scope again without them`,
        { count: inactive.length, units: unitNames(inactive) },
      ),
    );
  }
  return problems;
}

function questionnaireProblems(taking: TakingPart, units: readonly ScopeUnit[]): OpeningProblem[] {
  const { raterType, questionnaire } = taking;
  const about = { raterType, questionnaireId: questionnaire.id, title: questionnaire.title };
  const label = `the ${raterType} questionnaire "${questionnaire.title}" (id ${questionnaire.id})`;
  if (questionnaire.raterType !== raterType)
    return [
      problem(
        'questionnaire_rater_type_mismatch',
        `${label} is written for ${questionnaire.raterType} raters, not ${raterType}`,
        { ...about, writtenFor: questionnaire.raterType },
      ),
    ];
  const ratesManyUnits = raterType !== 'recipient';
  try {
    const definition: unknown = JSON.parse(questionnaire.definition);
    const context = ratesManyUnits
      ? { units: units.map((unit) => ({ id: unit.id, name: unit.name, nameEn: unit.nameEn })) }
      : { targetUnitId: units[0]?.id ?? 0 };
    const prepared = prepareQuestionnaire(definition, context);
    const problems: OpeningProblem[] = [];
    if (prepared.items.length === 0)
      problems.push(
        problem('questionnaire_no_items', `${label} has no scored item, so its ballots would score nothing`, about),
      );
    if (ratesManyUnits && !hasUnitMatrix(definition)) {
      problems.push(
        problem(
          'questionnaire_no_unit_matrix',
          `${label} has no unit matrix (pyUnitRows), so it would not rate the units in scope`,
          about,
        ),
      );
    }
    return problems;
  } catch (error) {
    if (error instanceof QuestionnaireDefinitionError || error instanceof SyntaxError)
      return [problem('questionnaire_unusable', `${label} cannot be used: ${error.message}`, about)];
    throw error;
  }
}

function hasUnitMatrix(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasUnitMatrix);
  if (node === null || typeof node !== 'object') return false;
  const element = node as Record<string, unknown>;
  return element['pyUnitRows'] === true || Object.values(element).some(hasUnitMatrix);
}

function settingsProblems(parts: LoadedCampaign): OpeningProblem[] {
  const { value, problems } = parts.settings;
  // Settings are checked when written: unreadable ones were written by hand or by an older version.
  if (value === null) return problems.map((message) => problem('settings_unreadable', message));
  return scoringSettingsProblems(value.scoring, scoringContextOf(parts)).map((found) => named(found, parts));
}

/**
 * A scoring problem names categories and units by their keys and ids; the office knows them by name, so
 * their names are added beside (`categoryName`, `unitName`, with the English names the office gave).
 */
function named(found: ScoringCheckProblem, parts: LoadedCampaign): OpeningProblem {
  const params: Record<string, string | number> = { ...found.params };
  const category = parts.categories.find(({ category: c }) => String(c.id) === String(params['category']));
  if (category) {
    params['categoryName'] = category.category.name;
    params['categoryNameEn'] = category.category.name_en;
  }
  const unit = parts.units.find((u) => u.id === Number(params['unitId']));
  if (unit) {
    params['unitName'] = unit.name;
    params['unitNameEn'] = unit.nameEn;
    params['unitCode'] = unit.code;
  }
  return { ...found, params };
}

/** The units a problem is about, as the office wrote their codes and names: `D01 市委办公室、D02 …`. */
function unitNames(units: readonly Pick<ScopeUnit, 'code' | 'name'>[]): string {
  const named = units.slice(0, NAMED_AT_MOST).map((unit) => `${unit.code} ${unit.name}`);
  return named.join('、') + (units.length > NAMED_AT_MOST ? ' …' : '');
}

export function describeUnits(units: readonly Pick<ScopeUnit, 'id' | 'code' | 'name'>[]): string {
  const named = units.slice(0, NAMED_AT_MOST).map((unit) => `${unit.code} ${unit.name} (id ${unit.id})`);
  const more = units.length > NAMED_AT_MOST ? ` and ${units.length - NAMED_AT_MOST} more` : '';
  return named.join(', ') + more;
}
