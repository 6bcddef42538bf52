import type { z } from 'zod';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import { resultSettingsSchema } from '../../scoring/settings-schema.ts';
import {
  SCORING_SETTINGS_CODES,
  type ProblemParams,
  type RaterWeights,
  type ResultSettings,
  type ScoringSettingsCode,
} from '../../scoring/settings.ts';
import {
  CampaignScoringSchema,
  resultSettingsFor,
  type CampaignScoring,
  type ScoringContext,
} from './campaign-scoring.ts';
import { unknownKeyPaths, valueAt } from './settings-keys.ts';

/** The opening check's reasons: the stored shape's, the campaign's own, and the scoring module's. */
export const SCORING_CHECK_CODES = [
  'scoring_missing',
  'setting_required',
  'setting_too_small',
  'setting_too_big',
  'setting_invalid',
  'setting_unknown',
  'minimum_ballots_mismatch',
  'category_not_in_scope',
  'category_ranked_mismatch',
  'veto_unit_not_in_scope',
  'weight_for_absent_raters',
  'weight_zero_for_raters',
  ...SCORING_SETTINGS_CODES,
] as const;

export type ScoringCheckCode = (typeof SCORING_CHECK_CODES)[number];

/** One problem of `settings.scoring`; `params.path` names the setting where there is one to name. */
export interface ScoringCheckProblem {
  readonly code: ScoringCheckCode;
  readonly params: ProblemParams;
  readonly message: string;
}

const SCORING_CODES: ReadonlySet<string> = new Set(SCORING_SETTINGS_CODES);

/**
 * The opening check of `settings.scoring`: the stored shape (`CampaignScoringSchema`, whose refinements run
 * the scoring module's own checks), no unknown keys, agreement with what the campaign itself fixes (the
 * rater types' minimum counts, the scope's ranked categories, the units in scope), the module's settings
 * as they will be scored, and weights that match who takes part.
 */
export function scoringSettingsProblems(scoring: unknown, context: ScoringContext): ScoringCheckProblem[] {
  if (scoring === undefined || scoring === null) {
    return [
      {
        code: 'scoring_missing',
        params: {},
        message:
          'settings.scoring is missing: set at least the weights between rater types (settings.scoring.weights, summing to 1)',
      },
    ];
  }
  const parsed = CampaignScoringSchema.safeParse(scoring);
  if (!parsed.success) return parsed.error.issues.map((issue) => shapeProblem(issue, scoring));
  const stored = parsed.data;
  const problems = [
    ...unknownKeyPaths(scoring, stored).map((path): ScoringCheckProblem => ({
      code: 'setting_unknown',
      params: { path: where(path) },
      message: `${where(path)}: unknown setting`,
    })),
    ...thresholdProblems(stored, context),
    ...categoryProblems(stored, context),
    ...vetoProblems(stored, context),
  ];
  const settings = resultSettingsFor(stored, context);
  const checked = resultSettingsSchema.safeParse(settings);
  if (!checked.success) return [...problems, ...checked.error.issues.map(moduleProblem)];
  return [...problems, ...weightCoverageProblems(settings, context)];
}

function where(path: readonly PropertyKey[]): string {
  return ['settings.scoring', ...path.map(String)].join('.');
}

/** A problem of the stored shape, at its setting, with the bound it misses. */
function shapeProblem(issue: z.core.$ZodIssue, scoring: unknown): ScoringCheckProblem {
  const path = where(issue.path);
  const message = `${path}: ${issue.message}`;
  if (issue.code === 'invalid_type' && valueAt(scoring, issue.path) === undefined)
    return { code: 'setting_required', params: { path }, message };
  if (issue.code === 'too_small' && issue.origin !== 'string')
    return { code: 'setting_too_small', params: { path, minimum: Number(issue.minimum) }, message };
  if (issue.code === 'too_small') return { code: 'setting_required', params: { path }, message };
  if (issue.code === 'too_big')
    return { code: 'setting_too_big', params: { path, maximum: Number(issue.maximum) }, message };
  return { code: 'setting_invalid', params: { path }, message };
}

/** The scoring module's own refusal, carried by its issue as `params.code` (scoring/settings-schema.ts). */
function moduleProblem(issue: z.core.$ZodIssue): ScoringCheckProblem {
  const message = `settings.scoring: ${issue.message}`;
  const carried = issue.code === 'custom' ? (issue.params ?? {}) : {};
  const { code, ...params } = carried as { code?: unknown } & Record<string, string | number>;
  if (typeof code === 'string' && SCORING_CODES.has(code))
    return { code: code as ScoringSettingsCode, params, message };
  return { code: 'setting_invalid', params: { path: where(issue.path) }, message };
}

/** Anonymity threshold and composite threshold are one number (decision 003): stating another is an error. */
function thresholdProblems(stored: CampaignScoring, context: ScoringContext): ScoringCheckProblem[] {
  const stated = stored.minimumBallots;
  if (!stated) return [];
  return context.raterTypes
    .filter((r) => stated[r.raterType] !== undefined && stated[r.raterType] !== r.minCount)
    .map((r) => ({
      code: 'minimum_ballots_mismatch',
      params: { raterType: r.raterType, stated: stated[r.raterType]!, minCount: r.minCount },
      message:
        `settings.scoring.minimumBallots.${r.raterType} is ${stated[r.raterType]} but the ${r.raterType} raters' minimum count ` +
        `(anonymity threshold) is ${r.minCount}; they are one number — leave minimumBallots out or make them equal`,
    }));
}

function categoryProblems(stored: CampaignScoring, context: ScoringContext): ScoringCheckProblem[] {
  const inScope = new Map(context.categories.map((category) => [category.key, category]));
  return (stored.categories ?? []).flatMap((category): ScoringCheckProblem[] => {
    const match = inScope.get(category.id);
    if (!match)
      return [
        {
          code: 'category_not_in_scope',
          params: { category: category.id },
          message: `settings.scoring.categories names category "${category.id}", which no unit in scope belongs to`,
        },
      ];
    if (category.ranked !== undefined && category.ranked !== match.ranked) {
      return [
        {
          code: 'category_ranked_mismatch',
          params: {
            category: category.id,
            ranked: category.ranked ? 'yes' : 'no',
            scopeRanked: match.ranked ? 'yes' : 'no',
          },
          message:
            `settings.scoring.categories says category ${category.id} is ${category.ranked ? 'ranked' : 'not ranked'}, but the campaign's ` +
            `scope says ${match.ranked ? 'ranked' : 'not ranked'}; choose with PUT /api/campaigns/{id}/categories and leave ranked out here`,
        },
      ];
    }
    return [];
  });
}

function vetoProblems(stored: CampaignScoring, context: ScoringContext): ScoringCheckProblem[] {
  const inScope = new Set(context.units.map((unit) => unit.id));
  return (stored.vetoes ?? [])
    .filter((veto) => !inScope.has(veto.unitId))
    .map((veto) => ({
      code: 'veto_unit_not_in_scope',
      params: { unitId: veto.unitId },
      message: `settings.scoring.vetoes names unit ${veto.unitId}, which is not in scope`,
    }));
}

/** Weights must match who takes part: a weight on an absent type would be spread away on every unit. */
function weightCoverageProblems(settings: ResultSettings, context: ScoringContext): ScoringCheckProblem[] {
  const taking = new Set(context.raterTypes.map((r) => r.raterType));
  const problems: ScoringCheckProblem[] = [];
  const check = (weights: RaterWeights, label: string, category: string | null, requirePositive: boolean) => {
    const owner: Record<string, string> = category === null ? {} : { category };
    for (const raterType of RATER_TYPES) {
      if (!taking.has(raterType) && weights[raterType] > 0) {
        problems.push({
          code: 'weight_for_absent_raters',
          params: { ...owner, raterType, weight: weights[raterType] },
          message: `${label}.${raterType} is ${weights[raterType]} but ${raterType} raters take no part in this campaign`,
        });
      } else if (requirePositive && taking.has(raterType) && weights[raterType] === 0) {
        problems.push({
          code: 'weight_zero_for_raters',
          params: { ...owner, raterType },
          message: `${label}.${raterType} is 0 though ${raterType} raters take part: their ballots would count for nothing`,
        });
      }
    }
  };
  check(settings.weights, 'settings.scoring.weights', null, true);
  for (const category of settings.categories) {
    if (category.weights)
      check(category.weights, `settings.scoring.categories[${category.id}].weights`, category.id, false);
  }
  return problems;
}
