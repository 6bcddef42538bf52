// What an evaluation office configures about turning tallies into published results. Every knob
// here exists because some published local scheme does it differently.
import { RATER_TYPES } from './rater-type.ts';
import type { RaterType } from './rater-type.ts';

export type RaterWeights = Readonly<Record<RaterType, number>>;

/** 'trimmedMean' drops the single highest and lowest ballot (去掉一个最高分和一个最低分). */
export type ScoreStatistic = 'mean' | 'trimmedMean';

/**
 * How one rater type's several items become its score for a unit (decision 003, "Combining items").
 * Every choice uses every valid answer and skips 不了解; they agree whenever every ballot answered every item.
 * - 'pooled': all points over all valid answers, ΣP ÷ ΣK (item weights weight the answers): "points ÷
 *   valid votes", as published schemes print it; a rater who answered more items weighs more.
 * - 'raterMean': each ballot's (weighted) mean over the items it answered, then the mean over ballots:
 *   one rater, one voice.
 * - 'itemMean': each item's mean over its valid answers, then their mean weighted by item weight
 *   (每项指标得分 × 权重): an item few could judge counts as much as the others.
 */
export type ItemCombination = 'pooled' | 'raterMean' | 'itemMean';

export const ITEM_COMBINATIONS = ['pooled', 'raterMean', 'itemMean'] as const satisfies readonly ItemCombination[];

/** Tie-breaks in order of use; units still equal after all of them share a rank. */
export type TieBreak = 'recipientScore' | 'superiorScore' | 'peerScore' | 'validBallots';

/**
 * When a tie straddles a quota boundary: 'exclude' leaves the whole tied group out, so the quota
 * is never exceeded; 'include' lets the whole group in, so equal scores get equal grades.
 */
export type BoundaryTies = 'exclude' | 'include';

export interface GradeBand {
  readonly grade: string;
  /** Lower bound, inclusive. Scores below every band get the last band. */
  readonly minScore: number;
}

/** At most `maxShare` of a ranked category's scored units may hold `grade`; the rest move down a band. */
export interface GradeQuota {
  readonly grade: string;
  readonly maxShare: number;
}

/** The `count` lowest-ranked units scoring below `below` get `grade` (末位). */
export interface BottomQuota {
  readonly grade: string;
  readonly below: number;
  readonly count: number;
}

export interface GradingSettings {
  /** Best grade first, minScore strictly decreasing. */
  readonly bands: readonly GradeBand[];
  readonly quotas?: readonly GradeQuota[];
  readonly bottom?: BottomQuota | null;
  /** Grade forced by a veto (一票否决); default the last band. */
  readonly vetoGrade?: string | null;
  /** Default 'exclude'. */
  readonly boundaryTies?: BoundaryTies;
}

export interface CategorySettings {
  readonly id: string;
  /** Rated but not ranked when false (e.g. 垂管单位): no rank, no rank range, no quotas. */
  readonly ranked: boolean;
  /** Overrides the campaign weights for units of this category. */
  readonly weights?: RaterWeights | null;
}

export type RankRangeSettings =
  | { readonly method: 'ciOverlap' }
  | { readonly method: 'bootstrap'; readonly replicates: number; readonly seed: number };

export interface ResultSettings {
  /** Campaign weights between rater types; must sum to 1. */
  readonly weights: RaterWeights;
  /**
   * Fewest ballots for a rater group to count. Below it the group is suppressed (anonymity) and
   * its weight moves to the others. One number serves both: if a suppressed group still fed the
   * composite, its score could be worked back out from the composite and the published others.
   */
  readonly minimumBallots: Readonly<Record<RaterType, number>>;
  readonly categories: readonly CategorySettings[];
  /** Default 'mean' for every rater type. */
  readonly statistic?: Partial<Readonly<Record<RaterType, ScoreStatistic>>>;
  /** How a rater type's items combine into its score; default 'pooled' (stored and new campaigns alike). */
  readonly itemCombination?: ItemCombination;
  /** Default none: ties stay ties. */
  readonly tieBreaks?: readonly TieBreak[];
  /** Decimals of the published composite, which is what gets ranked and graded. Default 2. */
  readonly precision?: number;
  /** Confidence level of intervals. Default 0.95. */
  readonly confidence?: number;
  readonly grading?: GradingSettings | null;
  /** Default CI overlap. */
  readonly rankRange?: RankRangeSettings;
}

export interface UnitInput {
  readonly id: string;
  readonly categoryId: string;
  /** A serious incident (一票否决): the unit gets the veto grade whatever it scored. */
  readonly veto?: { readonly reason: string } | null;
}

export interface ResolvedResultSettings {
  readonly weights: RaterWeights;
  readonly minimumBallots: Readonly<Record<RaterType, number>>;
  readonly categories: readonly CategorySettings[];
  readonly statistic: Readonly<Record<RaterType, ScoreStatistic>>;
  readonly itemCombination: ItemCombination;
  readonly tieBreaks: readonly TieBreak[];
  readonly precision: number;
  readonly confidence: number;
  readonly grading: GradingSettings | null;
  readonly rankRange: RankRangeSettings;
}

/**
 * Every reason the scoring module refuses settings, as a stable word: the console words each in its own
 * language from `params` (client/src/shared/problem-text.ts), the English message is for logs and API users.
 */
export const SCORING_SETTINGS_CODES = [
  'weight_negative',
  'weights_sum',
  'category_repeated',
  'minimum_ballots_invalid',
  'precision_invalid',
  'confidence_invalid',
  'bootstrap_replicates_invalid',
  'grading_no_bands',
  'grade_names_repeated',
  'bands_not_decreasing',
  'quota_grade_invalid',
  'quota_share_invalid',
  'bottom_count_invalid',
  'veto_grade_invalid',
  'unit_repeated',
  'unit_not_in_tally',
  'unit_category_unknown',
  // Raised by the server through this same error, so every computation reports them alike: a veto on a
  // unit the campaign does not rate, and stored settings that cannot be read.
  'veto_unit_not_rated',
  'settings_unreadable',
] as const;

export type ScoringSettingsCode = (typeof SCORING_SETTINGS_CODES)[number];

/** What a message about settings needs beside its code: names and numbers, never words of a language. */
export type ProblemParams = Readonly<Record<string, string | number>>;

/** Thrown for settings that would produce wrong results rather than merely odd ones. */
export class ScoringSettingsError extends Error {
  override readonly name = 'ScoringSettingsError';
  constructor(
    readonly code: ScoringSettingsCode,
    message: string,
    readonly params: ProblemParams = {},
  ) {
    super(message);
  }
}

/** `params.category` of a weights problem: the category's id, or absent for the campaign's own weights. */
type WeightsOwner = { readonly category?: string };

const WEIGHT_TOLERANCE = 1e-6;

export function resolveResultSettings(settings: ResultSettings): ResolvedResultSettings {
  checkWeights(settings.weights, 'campaign weights', {});
  const categoryIds = new Set<string>();
  for (const category of settings.categories) {
    if (categoryIds.has(category.id))
      throw new ScoringSettingsError('category_repeated', `Category "${category.id}" is listed twice`, {
        category: category.id,
      });
    categoryIds.add(category.id);
    if (category.weights)
      checkWeights(category.weights, `weights of category "${category.id}"`, { category: category.id });
  }
  for (const raterType of RATER_TYPES) {
    const minimum = settings.minimumBallots[raterType];
    if (!(Number.isInteger(minimum) && minimum >= 1))
      throw new ScoringSettingsError(
        'minimum_ballots_invalid',
        `minimumBallots.${raterType} must be a whole number ≥ 1`,
        { raterType },
      );
  }
  const precision = settings.precision ?? 2;
  if (!(Number.isInteger(precision) && precision >= 0 && precision <= 6))
    throw new ScoringSettingsError('precision_invalid', 'precision must be a whole number 0–6');
  const confidence = settings.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1))
    throw new ScoringSettingsError('confidence_invalid', 'confidence must be between 0 and 1');
  const rankRange = settings.rankRange ?? { method: 'ciOverlap' };
  if (rankRange.method === 'bootstrap' && !(Number.isInteger(rankRange.replicates) && rankRange.replicates >= 1)) {
    throw new ScoringSettingsError('bootstrap_replicates_invalid', 'bootstrap replicates must be a whole number ≥ 1');
  }
  const grading = settings.grading ?? null;
  if (grading !== null) checkGrading(grading);
  const statistic = {} as Record<RaterType, ScoreStatistic>;
  for (const raterType of RATER_TYPES) statistic[raterType] = settings.statistic?.[raterType] ?? 'mean';
  return {
    weights: settings.weights,
    minimumBallots: settings.minimumBallots,
    categories: settings.categories,
    statistic,
    itemCombination: settings.itemCombination ?? 'pooled',
    tieBreaks: settings.tieBreaks ?? [],
    precision,
    confidence,
    grading,
    rankRange,
  };
}

function checkWeights(weights: RaterWeights, what: string, owner: WeightsOwner): void {
  let total = 0;
  for (const raterType of RATER_TYPES) {
    const weight = weights[raterType];
    if (!(weight >= 0 && Number.isFinite(weight)))
      throw new ScoringSettingsError('weight_negative', `${what}: ${raterType} weight must be ≥ 0`, {
        ...owner,
        raterType,
      });
    total += weight;
  }
  // Normalising silently would hide a typo such as 0.5/0.3/0.3; make the office fix it instead.
  if (Math.abs(total - 1) > WEIGHT_TOLERANCE)
    throw new ScoringSettingsError('weights_sum', `${what} must sum to 1, got ${total}`, { ...owner, total });
}

function checkGrading(grading: GradingSettings): void {
  const { bands } = grading;
  if (bands.length === 0) throw new ScoringSettingsError('grading_no_bands', 'grading needs at least one band');
  const grades = bands.map((band) => band.grade);
  if (new Set(grades).size !== grades.length)
    throw new ScoringSettingsError('grade_names_repeated', 'grade names must be unique');
  for (let i = 1; i < bands.length; i++) {
    if (!(bands[i]!.minScore < bands[i - 1]!.minScore))
      throw new ScoringSettingsError(
        'bands_not_decreasing',
        'grade bands must be listed best first with decreasing minScore',
        { grade: bands[i]!.grade, minScore: bands[i]!.minScore, above: bands[i - 1]!.minScore },
      );
  }
  for (const quota of grading.quotas ?? []) {
    const index = grades.indexOf(quota.grade);
    if (index < 0 || index === bands.length - 1)
      throw new ScoringSettingsError(
        'quota_grade_invalid',
        `quota grade "${quota.grade}" must be a band above the last`,
        {
          grade: quota.grade,
        },
      );
    if (!(quota.maxShare >= 0 && quota.maxShare <= 1))
      throw new ScoringSettingsError('quota_share_invalid', `quota share for "${quota.grade}" must be 0–1`, {
        grade: quota.grade,
      });
  }
  const bottom = grading.bottom ?? null;
  if (bottom !== null && !(Number.isInteger(bottom.count) && bottom.count >= 0))
    throw new ScoringSettingsError('bottom_count_invalid', 'bottom count must be a whole number ≥ 0');
  const vetoGrade = grading.vetoGrade ?? null;
  if (vetoGrade !== null && !grades.includes(vetoGrade) && vetoGrade !== bottom?.grade) {
    throw new ScoringSettingsError(
      'veto_grade_invalid',
      `veto grade "${vetoGrade}" is neither a band nor the bottom grade`,
      { grade: vetoGrade },
    );
  }
}
