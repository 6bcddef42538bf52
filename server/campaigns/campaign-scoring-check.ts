import { RATER_TYPES } from '../../scoring/rater-type.ts';
import { resultSettingsSchema } from '../../scoring/settings-schema.ts';
import type { RaterWeights, ResultSettings } from '../../scoring/settings.ts';
import {
  CampaignScoringSchema,
  resultSettingsFor,
  type CampaignScoring,
  type ScoringContext,
} from './campaign-scoring.ts';
import { unknownKeyPaths } from './settings-keys.ts';

/**
 * The opening check of `settings.scoring`: the stored shape (`CampaignScoringSchema`, whose refinements run
 * the scoring module's own checks), no unknown keys, agreement with what the campaign itself fixes (the
 * rater types' minimum counts, the scope's ranked categories, the units in scope), the module's settings
 * as they will be scored, and weights that match who takes part.
 */
export function scoringSettingsProblems(scoring: unknown, context: ScoringContext): string[] {
  if (scoring === undefined || scoring === null) {
    return [
      'settings.scoring is missing: set at least the weights between rater types (settings.scoring.weights, summing to 1)',
    ];
  }
  const parsed = CampaignScoringSchema.safeParse(scoring);
  if (!parsed.success) return parsed.error.issues.map((issue) => `${where(issue.path)}: ${issue.message}`);
  const stored = parsed.data;
  const problems = [
    ...unknownKeyPaths(scoring, stored).map((path) => `${where(path)}: unknown setting`),
    ...thresholdProblems(stored, context),
    ...categoryProblems(stored, context),
    ...vetoProblems(stored, context),
  ];
  const settings = resultSettingsFor(stored, context);
  const checked = resultSettingsSchema.safeParse(settings);
  if (!checked.success)
    return [...problems, ...checked.error.issues.map((issue) => `settings.scoring: ${issue.message}`)];
  return [...problems, ...weightCoverageProblems(settings, context)];
}

function where(path: readonly PropertyKey[]): string {
  return ['settings.scoring', ...path.map(String)].join('.');
}

/** Anonymity threshold and composite threshold are one number (decision 003): stating another is an error. */
function thresholdProblems(stored: CampaignScoring, context: ScoringContext): string[] {
  const stated = stored.minimumBallots;
  if (!stated) return [];
  return context.raterTypes
    .filter((r) => stated[r.raterType] !== r.minCount)
    .map(
      (r) =>
        `settings.scoring.minimumBallots.${r.raterType} is ${stated[r.raterType]} but the ${r.raterType} raters' minimum count ` +
        `(anonymity threshold) is ${r.minCount}; they are one number — leave minimumBallots out or make them equal`,
    );
}

function categoryProblems(stored: CampaignScoring, context: ScoringContext): string[] {
  const inScope = new Map(context.categories.map((category) => [category.key, category]));
  return (stored.categories ?? []).flatMap((category) => {
    const match = inScope.get(category.id);
    if (!match)
      return [`settings.scoring.categories names category "${category.id}", which no unit in scope belongs to`];
    if (category.ranked !== undefined && category.ranked !== match.ranked) {
      return [
        `settings.scoring.categories says category ${category.id} is ${category.ranked ? 'ranked' : 'not ranked'}, but the campaign's ` +
          `scope says ${match.ranked ? 'ranked' : 'not ranked'}; choose with PUT /api/campaigns/{id}/categories and leave ranked out here`,
      ];
    }
    return [];
  });
}

function vetoProblems(stored: CampaignScoring, context: ScoringContext): string[] {
  const inScope = new Set(context.units.map((unit) => unit.id));
  return (stored.vetoes ?? [])
    .filter((veto) => !inScope.has(veto.unitId))
    .map((veto) => `settings.scoring.vetoes names unit ${veto.unitId}, which is not in scope`);
}

/** Weights must match who takes part: a weight on an absent type would be spread away on every unit. */
function weightCoverageProblems(settings: ResultSettings, context: ScoringContext): string[] {
  const taking = new Set(context.raterTypes.map((r) => r.raterType));
  const problems: string[] = [];
  const check = (weights: RaterWeights, label: string, requirePositive: boolean) => {
    for (const raterType of RATER_TYPES) {
      if (!taking.has(raterType) && weights[raterType] > 0) {
        problems.push(
          `${label}.${raterType} is ${weights[raterType]} but ${raterType} raters take no part in this campaign`,
        );
      } else if (requirePositive && taking.has(raterType) && weights[raterType] === 0) {
        problems.push(
          `${label}.${raterType} is 0 though ${raterType} raters take part: their ballots would count for nothing`,
        );
      }
    }
  };
  check(settings.weights, 'settings.scoring.weights', true);
  for (const category of settings.categories) {
    if (category.weights) check(category.weights, `settings.scoring.categories[${category.id}].weights`, false);
  }
  return problems;
}
