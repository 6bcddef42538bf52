// The scoring settings a campaign stores (`settings.scoring`), and how they become the scoring module's
// ResultSettings — the one place where the API's numeric ids become the module's string keys. Two
// settings deliberately live elsewhere, each in one home (decision 003, "One home per setting"): a rater
// group's minimum is the rater type's `minCount` (PUT /api/campaigns/{id}/rater-types), and whether a
// category is ranked is the campaign's scope (PUT /api/campaigns/{id}/categories). Their old places here
// are refused with `setting_moved` (moved-settings.ts).
import { z } from 'zod';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { RaterType } from '../../scoring/rater-type.ts';
import { resultSettingsSchema } from '../../scoring/settings-schema.ts';
import { ScoringSettingsError } from '../../scoring/settings.ts';
import type { CategorySettings, RaterWeights, ResultSettings, UnitInput } from '../../scoring/settings.ts';

const moduleSchemas = resultSettingsSchema.shape;

/**
 * The stored shape. A draft may be saved half-done (decision 005), so this checks shape only; the cross-field
 * rules (weights sum to 1, bands decrease, quotas name bands …) are the scoring module's own, run when the
 * campaign opens (campaign-scoring-check.ts) and again by every computation (resolveResultSettings).
 */
export const CampaignScoringSchema = z.object({
  /** Weights between rater types, summing to 1. */
  weights: moduleSchemas.weights,
  /**
   * Weight overrides per unit category: the catalog's category id, as everywhere in the API, or null for the
   * units in scope that have no category.
   */
  categories: z
    .array(
      z.object({
        categoryId: z.number().int().positive().nullable(),
        weights: moduleSchemas.weights.nullable().optional(),
      }),
    )
    .optional(),
  statistic: moduleSchemas.statistic,
  /** How a rater type's items combine; absent means 'pooled' (decision 003, "Combining items"). */
  itemCombination: moduleSchemas.itemCombination,
  tieBreaks: moduleSchemas.tieBreaks,
  precision: moduleSchemas.precision,
  confidence: moduleSchemas.confidence,
  grading: moduleSchemas.grading,
  rankRange: moduleSchemas.rankRange,
  /** 一票否决: units vetoed for a serious incident get the veto grade whatever they score. */
  vetoes: z.array(z.object({ unitId: z.number().int().positive(), reason: z.string().min(1).max(500) })).optional(),
});

export type CampaignScoring = z.infer<typeof CampaignScoringSchema>;

/** What the campaign fixes about scoring, read from its rater types, units and scope. */
export interface ScoringContext {
  /** Rater types taking part, with their anonymity threshold. */
  readonly raterTypes: readonly { readonly raterType: RaterType; readonly minCount: number }[];
  readonly units: readonly { readonly id: number; readonly categoryKey: string }[];
  /** Every category key units belong to, in display order, with whether it is ranked. */
  readonly categories: readonly { readonly key: string; readonly ranked: boolean }[];
}

/** Units without a category are scored and graded but not ranked: a ranking needs a peer group. */
export const UNCATEGORISED = 'uncategorised';

/** The scoring module's key of a category: the API's numeric id (or null, no category) as a string. */
export function categoryKey(categoryId: number | null): string {
  return categoryId === null ? UNCATEGORISED : String(categoryId);
}

/** The API's id of a category from the scoring module's key: the one way back from categoryKey. */
export function categoryIdOf(key: string): number | null {
  return key === UNCATEGORISED ? null : Number(key);
}

/**
 * The module's settings for one campaign. Without stored scoring settings (a campaign configured before
 * scoring existed), live figures still show with equal weights over the rater types taking part; the
 * caller marks them as defaulted and publication refuses them.
 */
export function resultSettingsFor(scoring: CampaignScoring | null, context: ScoringContext): ResultSettings {
  const minimumBallots = {} as Record<RaterType, number>;
  for (const raterType of RATER_TYPES) {
    minimumBallots[raterType] = context.raterTypes.find((r) => r.raterType === raterType)?.minCount ?? 1;
  }
  const overrides = new Map(
    (scoring?.categories ?? []).map((category) => [categoryKey(category.categoryId), category.weights ?? null]),
  );
  const categories: CategorySettings[] = context.categories.map((category) => ({
    id: category.key,
    ranked: category.ranked,
    weights: overrides.get(category.key) ?? null,
  }));
  if (scoring === null) return { weights: equalWeights(context), minimumBallots, categories };
  const { weights, statistic, itemCombination, tieBreaks, precision, confidence, grading, rankRange } = scoring;
  return {
    weights,
    minimumBallots,
    categories,
    ...(statistic === undefined ? {} : { statistic }),
    ...(itemCombination === undefined ? {} : { itemCombination }),
    ...(tieBreaks === undefined ? {} : { tieBreaks }),
    ...(precision === undefined ? {} : { precision }),
    ...(confidence === undefined ? {} : { confidence }),
    ...(grading === undefined ? {} : { grading }),
    ...(rankRange === undefined ? {} : { rankRange }),
  };
}

export function unitInputsFor(scoring: CampaignScoring | null, context: ScoringContext): UnitInput[] {
  const vetoes = new Map((scoring?.vetoes ?? []).map((veto) => [veto.unitId, veto.reason]));
  for (const unitId of vetoes.keys()) {
    if (!context.units.some((unit) => unit.id === unitId))
      throw new ScoringSettingsError(
        'veto_unit_not_rated',
        `settings.scoring.vetoes names unit ${unitId}, which this campaign does not rate`,
        { unitId },
      );
  }
  return context.units.map((unit) => {
    const reason = vetoes.get(unit.id);
    return { id: String(unit.id), categoryId: unit.categoryKey, veto: reason === undefined ? null : { reason } };
  });
}

function equalWeights(context: ScoringContext): RaterWeights {
  const taking = RATER_TYPES.filter((raterType) => context.raterTypes.some((r) => r.raterType === raterType));
  const weights = { superior: 0, peer: 0, recipient: 0 };
  // Thirds do not sum to exactly 1 in floating point; give the rounding to the last type.
  let left = 1;
  taking.forEach((raterType, index) => {
    const share = index === taking.length - 1 ? left : 1 / taking.length;
    weights[raterType] = share;
    left -= share;
  });
  if (taking.length === 0) weights.recipient = 1;
  return weights;
}
