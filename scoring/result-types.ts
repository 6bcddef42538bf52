// The shape of published results. Every field is always present (null rather than missing) and
// every list has a defined order, so the same inputs give the same JSON and the same content hash.
import type { RaterType } from './rater-type.ts';
import type {
  BoundaryTies,
  ItemCombination,
  RankRangeSettings,
  RaterWeights,
  ScoreStatistic,
  TieBreak,
} from './settings.ts';
import type { Interval } from './statistics.ts';

export interface LevelCount {
  readonly level: string;
  readonly label: string;
  readonly points: number;
  readonly count: number;
}

export interface ItemResult {
  readonly item: string;
  readonly validVotes: number;
  readonly dontKnow: number;
  /** Fewer valid votes than the group minimum: no statistics, so no single answer can be exposed. */
  readonly suppressed: boolean;
  readonly mean: number | null;
  readonly sd: number | null;
  readonly ci: Interval | null;
  readonly min: number | null;
  readonly max: number | null;
  readonly histogram: readonly LevelCount[] | null;
}

/**
 * The one vocabulary for ballot counts, on every screen and export (labels: client/src/shared/labels.ts,
 * server/publications/publication-flags.ts):
 * - received (收到的评价票): every ballot the server accepted — the participation count;
 * - excluded (复核排除): set aside by the office after review (recipients only);
 * - onlyDontKnow (仅答“不了解”): accepted but with no valid rating (every item 不了解 or left blank);
 * - counted (计分票): at least one valid rating — what a score is computed from.
 * received = excluded + onlyDontKnow + counted. Per unit and rater type, counted is the ballots with at
 * least one valid rating of that unit (RaterGroupResult.ballots).
 */
export type BallotCountName = 'received' | 'excluded' | 'onlyDontKnow' | 'counted';

/** 'suppressed': below the minimum, so nothing but the count is published and it is not weighted. */
export type RaterGroupStatus = 'ok' | 'suppressed' | 'missing';

export interface RaterGroupResult {
  readonly status: RaterGroupStatus;
  /** The counted ballots (BallotCountName 'counted') of this unit from this rater type. */
  readonly ballots: number;
  readonly minimum: number;
  readonly validVotes: number | null;
  readonly dontKnow: number | null;
  /** The value weighted into the composite: the mean or the trimmed mean, per `statistic`. */
  readonly score: number | null;
  readonly statistic: ScoreStatistic;
  readonly mean: number | null;
  readonly trimmedMean: number | null;
  /** Spread of single ballots' scores for this unit. */
  readonly sd: number | null;
  readonly standardError: number | null;
  readonly ci: Interval | null;
  /** Lowest and highest single ballot score. */
  readonly min: number | null;
  readonly max: number | null;
  /** Superiors and peers: each ballot standardised across the units it rated, then rescaled. */
  readonly leniencyAdjusted: { readonly score: number; readonly ballots: number } | null;
  readonly histogram: readonly LevelCount[] | null;
  readonly items: readonly ItemResult[];
}

export type UnitFlag =
  | { readonly code: 'raterTypeMissing'; readonly raterType: RaterType; readonly weightRedistributed: number }
  | {
      readonly code: 'raterTypeSuppressed';
      readonly raterType: RaterType;
      readonly ballots: number;
      readonly minimum: number;
      readonly weightRedistributed: number;
    }
  | { readonly code: 'trimmedMeanUnavailable'; readonly raterType: RaterType; readonly ballots: number }
  | { readonly code: 'notScored' }
  | { readonly code: 'vetoed'; readonly reason: string }
  | { readonly code: 'demotedByQuota'; readonly from: string; readonly to: string }
  | {
      readonly code: 'quotaBoundaryTie';
      readonly grade: string;
      readonly policy: BoundaryTies;
      readonly tiedUnits: number;
    };

export interface CompositeTerm {
  readonly raterType: RaterType;
  readonly score: number;
  readonly weight: number;
  readonly contribution: number;
}

export interface CompositeResult {
  /** Rounded to the campaign's precision; this is what is ranked and graded. */
  readonly score: number | null;
  readonly unrounded: number | null;
  readonly standardError: number | null;
  readonly ci: Interval | null;
  /** score = Σ contribution, one term per rater type actually used. */
  readonly terms: readonly CompositeTerm[];
}

export type GradeBasis = 'band' | 'quota' | 'bottom' | 'veto';

export interface GradeResult {
  readonly grade: string;
  readonly basis: GradeBasis;
  /** The grade the score band alone would give (null when unscored). */
  readonly bandGrade: string | null;
}

export interface RankRange {
  readonly best: number;
  readonly worst: number;
}

export interface UnitResult {
  readonly unitId: string;
  readonly categoryId: string;
  readonly raterGroups: Readonly<Record<RaterType, RaterGroupResult>>;
  readonly composite: CompositeResult;
  /**
   * The weights used: `configured` is the category's own where it has one, else the campaign's; `used` is
   * after groups below their minimum gave theirs away in proportion (sums to 1, or all 0 when unscored).
   * composite.unrounded = Σ used × raterGroups[type].score.
   */
  readonly weights: { readonly configured: RaterWeights; readonly used: RaterWeights };
  readonly rank: number | null;
  /** Ranks the unit could plausibly hold given the uncertainty of every composite. */
  readonly rankRange: RankRange | null;
  readonly grade: GradeResult | null;
  readonly flags: readonly UnitFlag[];
}

export interface CategoryResult {
  readonly categoryId: string;
  readonly ranked: boolean;
  /** Best first; tied units in unit-id order (display order only, they share the rank). */
  readonly ranking: readonly { readonly unitId: string; readonly rank: number }[];
  readonly gradeCounts: readonly { readonly grade: string; readonly count: number }[];
}

export interface RaterTypeSummary {
  readonly scaleId: string;
  /** Despite the name: the counted ballots (BallotCountName 'counted'), at least one valid rating. */
  readonly ballotsReceived: number;
  readonly selfRatingsDropped: number;
  /** The rescaling of the leniency view: overall mean points and the typical rater's SD. */
  readonly leniency: {
    readonly mean: number | null;
    readonly sd: number | null;
    readonly standardisedBallots: number;
    readonly unstandardisableBallots: number;
  } | null;
}

export interface MappingProblem {
  readonly raterType: RaterType;
  readonly scaleId: string;
  readonly worstPoints: number;
  readonly landsIn: string;
  readonly worstGrade: string;
}

export interface ScoringResults {
  readonly method: {
    readonly precision: number;
    readonly confidence: number;
    readonly statistic: Readonly<Record<RaterType, ScoreStatistic>>;
    /** How each rater type's items were combined into its score (decision 003, "Combining items"). */
    readonly itemCombination: ItemCombination;
    readonly tieBreaks: readonly TieBreak[];
    readonly rankRange: RankRangeSettings;
  };
  readonly raterTypes: Readonly<Record<RaterType, RaterTypeSummary>>;
  readonly mappingProblems: readonly MappingProblem[];
  readonly categories: readonly CategoryResult[];
  /** Sorted by unit id. */
  readonly units: readonly UnitResult[];
}
