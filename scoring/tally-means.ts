// Sums of ballot means, for the 'raterMean' item combination: each ballot's mean over the items it answered
// (m = P ÷ K), then the mean of those over ballots. Σm is not an integer even for integer points, so it is
// not summed directly — the bits would depend on ballot order. Instead ΣP and ΣP² are kept per distinct K
// (the summed weight of the items a ballot answered), exact integers for integer points and weights, and
// Σm = Σ_K ΣP_K ÷ K and Σm² = Σ_K ΣP²_K ÷ K², read in increasing K, are the same bits whatever order the
// ballots, or the tallies being merged, came in. A ballot that answered every item (K = W, the common case)
// costs nothing extra: its sums are the unit's ΣP and ΣP² less every other K's. The grouped card counts of
// the server (K answers, P points → n) fill the same sums, so no tally beyond them is needed.
import { RATER_TYPES } from './rater-type.ts';
import type { RaterGroupTally } from './tally-group.ts';
import type { Tally } from './tally.ts';

export interface BallotMeanSums {
  readonly unitCount: number;
  /** W: the summed weight of every item. Ballots with K = W are not kept in a slot. */
  readonly fullWeight: number;
  /** Slot of each other K seen so far, in order of first appearance. */
  readonly slots: Map<number, number>;
  /** Per slot: its K. */
  readonly weights: number[];
  /** Per slot, per unit: ΣP and ΣP² of the ballots whose K is the slot's. */
  readonly sumP: Float64Array[];
  readonly sumPP: Float64Array[];
  // Most ballots of a rater type answer the same items: remembering the last K spares the map lookup.
  lastWeight: number;
  lastSlot: number;
}

export function createBallotMeanSums(unitCount: number, fullWeight: number): BallotMeanSums {
  return {
    unitCount,
    fullWeight,
    slots: new Map(),
    weights: [],
    sumP: [],
    sumPP: [],
    lastWeight: Number.NaN,
    lastSlot: -1,
  };
}

function slotOf(sums: BallotMeanSums, k: number): number {
  if (k === sums.lastWeight) return sums.lastSlot;
  let slot = sums.slots.get(k);
  if (slot === undefined) {
    slot = sums.weights.length;
    sums.slots.set(k, slot);
    sums.weights.push(k);
    sums.sumP.push(new Float64Array(sums.unitCount));
    sums.sumPP.push(new Float64Array(sums.unitCount));
  }
  sums.lastWeight = k;
  sums.lastSlot = slot;
  return slot;
}

/**
 * Adds n ballots that each gave `unit` P points over K (weighted) valid answers, besides their ΣP and ΣP²
 * in the group's unit sums (which the caller adds).
 */
export function addBallotMeans(sums: BallotMeanSums, unit: number, p: number, k: number, n: number): void {
  if (k === sums.fullWeight) return;
  const slot = slotOf(sums, k);
  sums.sumP[slot]![unit]! += n * p;
  sums.sumPP[slot]![unit]! += n * p * p;
}

/** Σm and Σm² over the unit's ballots, in increasing K so the floating-point sums have a fixed order. */
export function ballotMeanTotals(group: RaterGroupTally, unit: number): { sum: number; sumSquares: number } {
  const sums = group.ballotMeans;
  const order = sums.weights.map((_, slot) => slot).sort((a, b) => sums.weights[a]! - sums.weights[b]!);
  let sum = 0;
  let sumSquares = 0;
  let fullP = group.unitSumP[unit]!;
  let fullPP = group.unitSumPP[unit]!;
  for (const slot of order) {
    const k = sums.weights[slot]!;
    const p = sums.sumP[slot]![unit]!;
    const pp = sums.sumPP[slot]![unit]!;
    sum += p / k;
    sumSquares += pp / (k * k);
    fullP -= p;
    fullPP -= pp;
  }
  const w = sums.fullWeight;
  return { sum: sum + fullP / w, sumSquares: sumSquares + fullPP / (w * w) };
}

/** Adds every rater type's ballot-mean sums of `source` into `target` (same units; see mergeTallyInto). */
export function mergeBallotMeans(target: Tally, source: Tally): void {
  for (const raterType of RATER_TYPES) {
    const into = target.groups[raterType].ballotMeans;
    const from = source.groups[raterType].ballotMeans;
    from.weights.forEach((k, fromSlot) => {
      const slot = slotOf(into, k);
      const sumP = into.sumP[slot]!;
      const sumPP = into.sumPP[slot]!;
      for (let unit = 0; unit < into.unitCount; unit++) {
        sumP[unit]! += from.sumP[fromSlot]![unit]!;
        sumPP[unit]! += from.sumPP[fromSlot]![unit]!;
      }
    });
  }
}
