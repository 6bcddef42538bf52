import { prepareQuestionnaire, QuestionnaireDefinitionError } from '../../surveys/prepare.ts';
import { scoringContextOf, type LoadedCampaign, type ScopeUnit, type TakingPart } from './campaign-loader.ts';
import { scoringSettingsProblems } from './campaign-scoring-check.ts';

export const MIN_UNITS_IN_SCOPE = 2;
const NAMED_AT_MOST = 10;

/**
 * Everything that stops a draft from opening, all at once so the office fixes them in one pass. Each
 * problem says where to fix it. An empty list means the campaign may open.
 */
export function findOpeningProblems(parts: LoadedCampaign, now: Date): string[] {
  const { campaign } = parts;
  const problems: string[] = [...scopeProblems(parts)];
  if (parts.raterTypes.length === 0) {
    problems.push(`no rater type takes part (PUT /api/campaigns/${campaign.id}/rater-types)`);
  }
  for (const taking of parts.raterTypes) problems.push(...questionnaireProblems(taking, parts.units));
  if (!(campaign.starts_at < campaign.ends_at)) {
    problems.push(`the window must start before it ends (startsAt ${campaign.starts_at}, endsAt ${campaign.ends_at})`);
  }
  if (!(campaign.ends_at > now.toISOString())) {
    problems.push(`the end date ${campaign.ends_at} is not in the future; move it later (PATCH endsAt)`);
  }
  problems.push(...settingsProblems(parts));
  return problems;
}

function scopeProblems({ campaign, units }: LoadedCampaign): string[] {
  const problems: string[] = [];
  if (units.length < MIN_UNITS_IN_SCOPE) {
    problems.push(
      `at least ${MIN_UNITS_IN_SCOPE} units must be in scope, it has ${units.length} (PUT /api/campaigns/${campaign.id}/units)`,
    );
  }
  const inactive = units.filter((unit) => !unit.active);
  if (inactive.length > 0) {
    problems.push(`units in scope are no longer active: ${describeUnits(inactive)}; set the scope again without them`);
  }
  return problems;
}

function questionnaireProblems(taking: TakingPart, units: readonly ScopeUnit[]): string[] {
  const { raterType, questionnaire } = taking;
  const label = `the ${raterType} questionnaire "${questionnaire.title}" (id ${questionnaire.id})`;
  if (questionnaire.raterType !== raterType)
    return [`${label} is written for ${questionnaire.raterType} raters, not ${raterType}`];
  const ratesManyUnits = raterType !== 'recipient';
  try {
    const definition: unknown = JSON.parse(questionnaire.definition);
    const context = ratesManyUnits
      ? { units: units.map((unit) => ({ id: unit.id, name: unit.name, nameEn: unit.nameEn })) }
      : { targetUnitId: units[0]?.id ?? 0 };
    const prepared = prepareQuestionnaire(definition, context);
    const problems: string[] = [];
    if (prepared.items.length === 0) problems.push(`${label} has no scored item, so its ballots would score nothing`);
    if (ratesManyUnits && !hasUnitMatrix(definition)) {
      problems.push(`${label} has no unit matrix (pyUnitRows), so it would not rate the units in scope`);
    }
    return problems;
  } catch (error) {
    if (error instanceof QuestionnaireDefinitionError || error instanceof SyntaxError)
      return [`${label} cannot be used: ${error.message}`];
    throw error;
  }
}

function hasUnitMatrix(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasUnitMatrix);
  if (node === null || typeof node !== 'object') return false;
  const element = node as Record<string, unknown>;
  return element['pyUnitRows'] === true || Object.values(element).some(hasUnitMatrix);
}

function settingsProblems(parts: LoadedCampaign): string[] {
  const { value, problems } = parts.settings;
  if (value === null) return [...problems];
  return scoringSettingsProblems(value.scoring, scoringContextOf(parts));
}

export function describeUnits(units: readonly Pick<ScopeUnit, 'id' | 'code' | 'name'>[]): string {
  const named = units.slice(0, NAMED_AT_MOST).map((unit) => `${unit.code} ${unit.name} (id ${unit.id})`);
  const more = units.length > NAMED_AT_MOST ? ` and ${units.length - NAMED_AT_MOST} more` : '';
  return named.join(', ') + more;
}
