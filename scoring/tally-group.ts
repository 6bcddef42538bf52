// The accumulators for one rater type. Two levels are kept because they answer different questions:
// per unit × item cells give item statistics and histograms (one rating is one vote); per unit
// ballot-level sums give the rater-type score and its uncertainty, where the independent
// observation is the rater, not the vote (a rater's five answers about one unit are correlated).
import type { RaterType } from './rater-type.ts';
import type { Scale } from './scales.ts';
import { createBallotMeanSums } from './tally-means.ts';
import type { BallotMeanSums } from './tally-means.ts';
import type { RaterTypeTallySettings } from './tally.ts';

/**
 * Leniency z-scores and ballot SDs are summed as integers in units of 2⁻²⁰ so that the sums, and
 * therefore the published JSON, are bit-for-bit the same whatever order the ballots arrive in.
 */
export const FIXED_POINT_SCALE = 2 ** 20;

export interface GroupCounters {
  /** Ballots received, including ones with only "don't know" answers. */
  ballotsReceived: number;
  /** Ratings of the rater's own unit, dropped (a peer never rates itself). */
  selfRatingsDropped: number;
  /** Ballots that rated two or more units, so could be standardised. */
  standardisedBallots: number;
  /** Ballots with leniency on that rated only one unit: no z-score is possible. */
  unstandardisableBallots: number;
  /** Of the standardised ballots, those whose points varied across units (SD > 0). */
  spreadBallots: number;
  /** Σ ballot SD over spreadBallots, fixed point. */
  ballotSdSum: number;
}

export interface RaterGroupTally {
  readonly raterType: RaterType;
  readonly scale: Scale;
  readonly leniency: boolean;
  readonly unitCount: number;
  readonly itemIds: readonly string[];
  readonly itemIndex: ReadonlyMap<string, number>;
  readonly itemWeights: Float64Array;
  /** Points of each scale level, best first (for histogram bins). */
  readonly levelPoints: Float64Array;
  // Per cell, cell = unit × itemCount + item.
  readonly cellCount: Float64Array;
  readonly cellSum: Float64Array;
  readonly cellSumSquares: Float64Array;
  readonly cellMin: Float64Array;
  readonly cellMax: Float64Array;
  readonly cellDontKnow: Float64Array;
  /** cell × levelCount + level. */
  readonly cellHistogram: Float64Array;
  // Per unit, over ballots that gave it ≥ 1 valid rating. A ballot contributes P = Σ wᵢ·pointsᵢ
  // and K = Σ wᵢ over its valid answers; the unit's score is ΣP / ΣK.
  readonly unitBallots: Float64Array;
  readonly unitSumP: Float64Array;
  readonly unitSumK: Float64Array;
  readonly unitSumPP: Float64Array;
  readonly unitSumKK: Float64Array;
  readonly unitSumPK: Float64Array;
  /** The highest and lowest single ballot (P, K), for the trimmed mean. */
  readonly unitHighP: Float64Array;
  readonly unitHighK: Float64Array;
  readonly unitLowP: Float64Array;
  readonly unitLowK: Float64Array;
  /** ΣP and ΣP² per K of the ballots that skipped an item: Σ(P ÷ K) and its squares follow exactly ('raterMean'). */
  readonly ballotMeans: BallotMeanSums;
  /** Σ z (fixed point) and the number of z-scores, for the leniency-adjusted view. */
  readonly unitZSum: Float64Array;
  readonly unitZCount: Float64Array;
  readonly counters: GroupCounters;
  // Scratch for the ballot being tallied; always left zeroed between ballots.
  readonly scratchP: Float64Array;
  readonly scratchK: Float64Array;
  readonly scratchTouched: Int32Array;
}

export function createGroupTally(
  raterType: RaterType,
  settings: RaterTypeTallySettings,
  unitCount: number,
): RaterGroupTally {
  const itemIndex = new Map<string, number>();
  const itemWeights = new Float64Array(settings.items.length);
  settings.items.forEach((item, index) => {
    if (itemIndex.has(item.id)) throw new RangeError(`${raterType} item "${item.id}" is listed twice`);
    const weight = item.weight ?? 1;
    if (!(weight > 0 && Number.isFinite(weight)))
      throw new RangeError(`${raterType} item "${item.id}" needs a weight > 0`);
    itemIndex.set(item.id, index);
    itemWeights[index] = weight;
  });
  const cells = unitCount * settings.items.length;
  const levelCount = settings.scale.levels.length;
  const perUnit = (): Float64Array => new Float64Array(unitCount);
  return {
    raterType,
    scale: settings.scale,
    leniency: settings.leniency ?? raterType !== 'recipient',
    unitCount,
    itemIds: settings.items.map((item) => item.id),
    itemIndex,
    itemWeights,
    levelPoints: Float64Array.from(settings.scale.levels, (level) => level.points),
    cellCount: new Float64Array(cells),
    cellSum: new Float64Array(cells),
    cellSumSquares: new Float64Array(cells),
    cellMin: new Float64Array(cells).fill(Infinity),
    cellMax: new Float64Array(cells).fill(-Infinity),
    cellDontKnow: new Float64Array(cells),
    cellHistogram: new Float64Array(cells * levelCount),
    unitBallots: perUnit(),
    unitSumP: perUnit(),
    unitSumK: perUnit(),
    unitSumPP: perUnit(),
    unitSumKK: perUnit(),
    unitSumPK: perUnit(),
    unitHighP: perUnit(),
    unitHighK: perUnit(),
    unitLowP: perUnit(),
    unitLowK: perUnit(),
    ballotMeans: createBallotMeanSums(
      unitCount,
      itemWeights.reduce((total, weight) => total + weight, 0),
    ),
    unitZSum: perUnit(),
    unitZCount: perUnit(),
    counters: {
      ballotsReceived: 0,
      selfRatingsDropped: 0,
      standardisedBallots: 0,
      unstandardisableBallots: 0,
      spreadBallots: 0,
      ballotSdSum: 0,
    },
    scratchP: perUnit(),
    scratchK: perUnit(),
    scratchTouched: new Int32Array(unitCount),
  };
}
