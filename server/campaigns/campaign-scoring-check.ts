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
  categoryIdOf,
  categoryKey,
  resultSettingsFor,
  type CampaignScoring,
  type ScoringContext,
} from './campaign-scoring.ts';
import { movedSettings } from './moved-settings.ts';
import { unknownKeyPaths, valueAt } from './settings-keys.ts';

/** The opening check's reasons: the stored shape's, the campaign's own, and the scoring module's. */
export const SCORING_CHECK_CODES = [
  'scoring_missing',
  'setting_required',
  'setting_too_small',
  'setting_too_big',
  'setting_invalid',
  'setting_unknown',
  'setting_moved',
  'category_not_in_scope',
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
 * The opening check of `settings.scoring`: no setting in a place it moved from (stored by hand or by an
 * older version), the stored shape (`CampaignScoringSchema`, whose refinements run the scoring module's own
 * checks), no unknown keys, agreement with what the campaign itself fixes (the categories and units in
 * scope), the module's settings as they will be scored, and weights that match who takes part.
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
  const moved = movedSettings({ scoring });
  if (moved.length > 0)
    return moved.map((setting) => ({
      code: 'setting_moved',
      params: { path: setting.path.join('.'), movedTo: setting.movedTo },
      message: setting.message,
    }));
  const parsed = CampaignScoringSchema.safeParse(scoring);
  if (!parsed.success) return parsed.error.issues.map((issue) => shapeProblem(issue, scoring));
  const stored = parsed.data;
  const problems = [
    ...unknownKeyPaths(scoring, stored).map((path): ScoringCheckProblem => ({
      code: 'setting_unknown',
      params: { path: where(path) },
      message: `${where(path)}: unknown setting`,
    })),
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
    return { code: code as ScoringSettingsCode, params: withCategoryId(params), message };
  return { code: 'setting_invalid', params: { path: where(issue.path) }, message };
}

function categoryProblems(stored: CampaignScoring, context: ScoringContext): ScoringCheckProblem[] {
  const inScope = new Set(context.categories.map((category) => category.key));
  return (stored.categories ?? [])
    .filter((category) => !inScope.has(categoryKey(category.categoryId)))
    .map((category): ScoringCheckProblem => ({
      code: 'category_not_in_scope',
      params: category.categoryId === null ? {} : { category: category.categoryId },
      message:
        category.categoryId === null
          ? 'settings.scoring.categories names the units without a category, but every unit in scope has one'
          : `settings.scoring.categories names category ${category.categoryId}, which no unit in scope belongs to`,
    }));
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

/** `params.category` as the API names a category, its number (the scoring module names it by a string key). */
function withCategoryId(params: ProblemParams): ProblemParams {
  const key = params['category'];
  if (key === undefined) return params;
  const categoryId = categoryIdOf(String(key));
  return categoryId === null ? params : { ...params, category: categoryId };
}

/** Weights must match who takes part: a weight on an absent type would be spread away on every unit. */
function weightCoverageProblems(settings: ResultSettings, context: ScoringContext): ScoringCheckProblem[] {
  const taking = new Set(context.raterTypes.map((r) => r.raterType));
  const problems: ScoringCheckProblem[] = [];
  const check = (weights: RaterWeights, label: string, category: string | null, requirePositive: boolean) => {
    const owner: ProblemParams = category === null ? {} : withCategoryId({ category });
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
      check(category.weights, `settings.scoring.categories (category ${category.id}).weights`, category.id, false);
  }
  return problems;
}
