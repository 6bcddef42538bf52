// The hot loop: one ballot into the accumulators. Written with local typed-array references and no
// allocation because it runs a million times per recount.
import { FIXED_POINT_SCALE } from './tally-group.ts';
import type { RaterGroupTally } from './tally-group.ts';
import { addBallotMeans } from './tally-means.ts';

/** Tallies ratings start … end − 1 of the columns as one ballot. */
export function tallyBallot(
  group: RaterGroupTally,
  units: ArrayLike<number>,
  items: ArrayLike<number>,
  points: ArrayLike<number>,
  start: number,
  end: number,
  raterUnit: number,
): void {
  const { unitCount, levelPoints, itemWeights, scratchP, scratchK, scratchTouched, counters } = group;
  const { cellCount, cellSum, cellSumSquares, cellMin, cellMax, cellDontKnow, cellHistogram } = group;
  const itemCount = itemWeights.length;
  const levelCount = levelPoints.length;
  counters.ballotsReceived++;
  let touched = 0;
  for (let r = start; r < end; r++) {
    const unit = units[r]!;
    const item = items[r]!;
    const value = points[r]!;
    if (!(unit >= 0 && unit < unitCount && unit === Math.floor(unit)))
      throw new RangeError(`Unit index ${unit} out of range`);
    if (!(item >= 0 && item < itemCount && item === Math.floor(item)))
      throw new RangeError(`${group.raterType} item index ${item} out of range`);
    if (unit === raterUnit) {
      counters.selfRatingsDropped++;
      continue;
    }
    const cell = unit * itemCount + item;
    if (value !== value) {
      cellDontKnow[cell]!++;
      continue;
    }
    let level = 0;
    while (level < levelCount && levelPoints[level] !== value) level++;
    if (level === levelCount)
      throw new RangeError(`${value} points is not a level of the ${group.raterType} scale "${group.scale.id}"`);
    cellCount[cell]!++;
    cellSum[cell]! += value;
    cellSumSquares[cell]! += value * value;
    if (value < cellMin[cell]!) cellMin[cell] = value;
    if (value > cellMax[cell]!) cellMax[cell] = value;
    cellHistogram[cell * levelCount + level]!++;
    const weight = itemWeights[item]!;
    if (scratchK[unit] === 0) scratchTouched[touched++] = unit;
    scratchP[unit]! += weight * value;
    scratchK[unit]! += weight;
  }
  if (touched > 0) closeBallot(group, touched);
}

function closeBallot(group: RaterGroupTally, touched: number): void {
  const { scratchP, scratchK, scratchTouched } = group;
  const { unitBallots, unitSumP, unitSumK, unitSumPP, unitSumKK, unitSumPK } = group;
  const { unitHighP, unitHighK, unitLowP, unitLowK, ballotMeans } = group;
  for (let t = 0; t < touched; t++) {
    const unit = scratchTouched[t]!;
    const p = scratchP[unit]!;
    const k = scratchK[unit]!;
    const first = unitBallots[unit] === 0;
    unitBallots[unit]!++;
    unitSumP[unit]! += p;
    unitSumK[unit]! += k;
    unitSumPP[unit]! += p * p;
    unitSumKK[unit]! += k * k;
    unitSumPK[unit]! += p * k;
    addBallotMeans(ballotMeans, unit, p, k, 1);
    if (first || ranksAbove(p, k, unitHighP[unit]!, unitHighK[unit]!)) {
      unitHighP[unit] = p;
      unitHighK[unit] = k;
    }
    if (first || ranksBelow(p, k, unitLowP[unit]!, unitLowK[unit]!)) {
      unitLowP[unit] = p;
      unitLowK[unit] = k;
    }
  }
  if (group.leniency) standardiseBallot(group, touched);
  for (let t = 0; t < touched; t++) {
    const unit = scratchTouched[t]!;
    scratchP[unit] = 0;
    scratchK[unit] = 0;
  }
}

// Total orders on single ballots: by score, then the heavier ballot counts as more extreme, then
// by points. The extremes the trimmed mean drops are then the same whatever order ballots arrive in.
export function ranksAbove(p: number, k: number, otherP: number, otherK: number): boolean {
  const score = p / k;
  const otherScore = otherP / otherK;
  if (score !== otherScore) return score > otherScore;
  if (k !== otherK) return k > otherK;
  return p > otherP;
}

export function ranksBelow(p: number, k: number, otherP: number, otherK: number): boolean {
  const score = p / k;
  const otherScore = otherP / otherK;
  if (score !== otherScore) return score < otherScore;
  if (k !== otherK) return k > otherK;
  return p > otherP;
}

/**
 * Leniency view: z-score of this ballot's unit scores across the units it rated. A rater who
 * scores everyone 100 and one who scores everyone 40 then say the same thing — nothing — and a
 * rater's influence on a unit is bounded by how they ranked it among the others.
 */
function standardiseBallot(group: RaterGroupTally, touched: number): void {
  const { scratchP, scratchK, counters, unitZSum, unitZCount } = group;
  if (touched < 2) {
    counters.unstandardisableBallots++;
    return;
  }
  // Sorting fixes the summation order, so the mean does not depend on the order of the ratings.
  const units = group.scratchTouched.subarray(0, touched).sort();
  let sum = 0;
  for (let t = 0; t < touched; t++) sum += scratchP[units[t]!]! / scratchK[units[t]!]!;
  const mean = sum / touched;
  let squares = 0;
  for (let t = 0; t < touched; t++) {
    const deviation = scratchP[units[t]!]! / scratchK[units[t]!]! - mean;
    squares += deviation * deviation;
  }
  const sd = Math.sqrt(squares / touched);
  counters.standardisedBallots++;
  // A rater who gave every unit the same score expresses no preference: z = 0 for all. The
  // tolerance absorbs rounding in the mean of identical non-integer scores.
  const spread = sd > 1e-9 * Math.max(1, Math.abs(mean));
  if (spread) {
    counters.spreadBallots++;
    counters.ballotSdSum += Math.round(sd * FIXED_POINT_SCALE);
  }
  for (let t = 0; t < touched; t++) {
    const unit = units[t]!;
    if (spread) unitZSum[unit]! += Math.round(((scratchP[unit]! / scratchK[unit]! - mean) / sd) * FIXED_POINT_SCALE);
    unitZCount[unit]!++;
  }
}
