// One rater type's items combined into its score for a unit, read off the tally, for each ItemCombination
// (decision 003, "Combining items"). What each statistic is computed over:
// - 'pooled': mean ΣP ÷ ΣK; the trimmed mean drops the highest and the lowest ballot (by P ÷ K) from both
//   sums; SD, SE and interval are the ratio estimator's over ballots.
// - 'raterMean': the ballots' means m = P ÷ K as independent observations: mean Σm ÷ n; the trimmed mean
//   drops the highest and the lowest m (the same two ballots as 'pooled' drops); SD, SE and interval are
//   those of the sample of m.
// - 'itemMean': Σ wᵢ·meanᵢ ÷ Σ wᵢ over the items with a valid answer; the trimmed mean drops each item's
//   highest and lowest answer (needs three answers on every such item); the tally keeps no per-ballot
//   cross-item sums, so SD and SE are the ballot-level ones of 'pooled' (exact when every ballot answered
//   every item, when the two means coincide; an approximation otherwise, like the trimmed mean's) and
//   the interval is centred on the item mean.
// In every case the observation is the ballot: n − 1 degrees of freedom, n = ballots with a valid answer.
import type { ItemCombination } from './settings.ts';
import { confidenceInterval, summariseRatio, summariseSample } from './statistics.ts';
import type { Bounds, SampleSummary } from './statistics.ts';
import type { RaterGroupTally } from './tally-group.ts';
import { ballotMeanTotals } from './tally-means.ts';

export interface CombinedScore extends SampleSummary {
  readonly mean: number;
  readonly trimmedMean: number | null;
}

/** The unit's combined score from the group's tally; the unit has at least one ballot. */
export function combinedScore(
  group: RaterGroupTally,
  unit: number,
  combination: ItemCombination,
  confidence: number,
  bounds: Bounds,
): CombinedScore {
  const pooled = summariseRatio(
    {
      n: group.unitBallots[unit]!,
      sumP: group.unitSumP[unit]!,
      sumK: group.unitSumK[unit]!,
      sumPP: group.unitSumPP[unit]!,
      sumKK: group.unitSumKK[unit]!,
      sumPK: group.unitSumPK[unit]!,
    },
    confidence,
    bounds,
  );
  if (combination === 'raterMean') return raterMean(group, unit, confidence, bounds);
  if (combination === 'itemMean') return itemMean(group, unit, pooled, confidence, bounds);
  return { ...pooled, mean: pooled.mean!, trimmedMean: pooledTrimmedMean(group, unit) };
}

/** Drops the single highest and lowest ballot; needs three ballots to leave one. */
function pooledTrimmedMean(group: RaterGroupTally, unit: number): number | null {
  if (group.unitBallots[unit]! < 3) return null;
  const points = group.unitSumP[unit]! - group.unitHighP[unit]! - group.unitLowP[unit]!;
  const weight = group.unitSumK[unit]! - group.unitHighK[unit]! - group.unitLowK[unit]!;
  return points / weight;
}

function raterMean(group: RaterGroupTally, unit: number, confidence: number, bounds: Bounds): CombinedScore {
  const n = group.unitBallots[unit]!;
  const { sum, sumSquares } = ballotMeanTotals(group, unit);
  const summary = summariseSample(n, sum, sumSquares, confidence, bounds);
  const highest = group.unitHighP[unit]! / group.unitHighK[unit]!;
  const lowest = group.unitLowP[unit]! / group.unitLowK[unit]!;
  return { ...summary, mean: summary.mean!, trimmedMean: n < 3 ? null : (sum - highest - lowest) / (n - 2) };
}

function itemMean(
  group: RaterGroupTally,
  unit: number,
  pooled: SampleSummary,
  confidence: number,
  bounds: Bounds,
): CombinedScore {
  const itemCount = group.itemIds.length;
  let weighted = 0;
  let weightedTrimmed = 0;
  let weights = 0;
  let trimmable = true;
  for (let item = 0; item < itemCount; item++) {
    const cell = unit * itemCount + item;
    const count = group.cellCount[cell]!;
    if (count === 0) continue;
    const weight = group.itemWeights[item]!;
    const sum = group.cellSum[cell]!;
    weighted += (weight * sum) / count;
    weights += weight;
    if (count < 3) trimmable = false;
    else weightedTrimmed += (weight * (sum - group.cellMax[cell]! - group.cellMin[cell]!)) / (count - 2);
  }
  const mean = weighted / weights;
  const n = group.unitBallots[unit]!;
  return {
    count: n,
    mean,
    trimmedMean: trimmable ? weightedTrimmed / weights : null,
    sd: pooled.sd,
    standardError: pooled.standardError,
    ci: confidenceInterval(mean, pooled.standardError, n - 1, confidence, bounds),
  };
}
