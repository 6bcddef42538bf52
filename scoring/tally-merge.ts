// Merging tallies lets a recount be split across workers or kept per polling day and combined
// later. Because every sum is exact for integer points, the merge gives the same bits as tallying
// all ballots in one go.
import { RATER_TYPES } from './rater-type.ts';
import { ranksAbove, ranksBelow } from './tally-ballot.ts';
import type { RaterGroupTally } from './tally-group.ts';
import { mergeBallotMeans } from './tally-means.ts';
import type { Tally } from './tally.ts';

const SUMMED = [
  'cellCount',
  'cellSum',
  'cellSumSquares',
  'cellDontKnow',
  'cellHistogram',
  'unitBallots',
  'unitSumP',
  'unitSumK',
  'unitSumPP',
  'unitSumKK',
  'unitSumPK',
  'unitZSum',
  'unitZCount',
] as const;

/** Adds everything tallied in `source` into `target`; both must come from the same settings. */
export function mergeTallyInto(target: Tally, source: Tally): void {
  const problem = describeMismatch(target, source);
  if (problem !== null) throw new RangeError(`Cannot merge tallies: ${problem}`);
  for (const raterType of RATER_TYPES) mergeGroup(target.groups[raterType], source.groups[raterType]);
  mergeBallotMeans(target, source);
}

function describeMismatch(target: Tally, source: Tally): string | null {
  if (!sameList(target.settings.unitIds, source.settings.unitIds)) return 'different units';
  for (const raterType of RATER_TYPES) {
    const a = target.groups[raterType];
    const b = source.groups[raterType];
    if (!sameList(a.itemIds, b.itemIds)) return `different ${raterType} items`;
    if (!sameList(Array.from(a.itemWeights), Array.from(b.itemWeights))) return `different ${raterType} item weights`;
    if (!sameList(Array.from(a.levelPoints), Array.from(b.levelPoints))) return `different ${raterType} scales`;
    if (a.leniency !== b.leniency) return `different ${raterType} leniency setting`;
  }
  return null;
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function mergeGroup(target: RaterGroupTally, source: RaterGroupTally): void {
  for (const key of SUMMED) {
    const into = target[key];
    const from = source[key];
    for (let i = 0; i < into.length; i++) into[i]! += from[i]!;
  }
  for (let cell = 0; cell < target.cellMin.length; cell++) {
    target.cellMin[cell] = Math.min(target.cellMin[cell]!, source.cellMin[cell]!);
    target.cellMax[cell] = Math.max(target.cellMax[cell]!, source.cellMax[cell]!);
  }
  mergeExtremes(target, source);
  const counters = target.counters;
  counters.ballotsReceived += source.counters.ballotsReceived;
  counters.selfRatingsDropped += source.counters.selfRatingsDropped;
  counters.standardisedBallots += source.counters.standardisedBallots;
  counters.unstandardisableBallots += source.counters.unstandardisableBallots;
  counters.spreadBallots += source.counters.spreadBallots;
  counters.ballotSdSum += source.counters.ballotSdSum;
}

function mergeExtremes(target: RaterGroupTally, source: RaterGroupTally): void {
  for (let unit = 0; unit < target.unitCount; unit++) {
    // unitBallots was already summed, so "target had none" is target − source === 0.
    if (source.unitBallots[unit] === 0) continue;
    const targetHadNone = target.unitBallots[unit] === source.unitBallots[unit];
    if (
      targetHadNone ||
      ranksAbove(source.unitHighP[unit]!, source.unitHighK[unit]!, target.unitHighP[unit]!, target.unitHighK[unit]!)
    ) {
      target.unitHighP[unit] = source.unitHighP[unit]!;
      target.unitHighK[unit] = source.unitHighK[unit]!;
    }
    if (
      targetHadNone ||
      ranksBelow(source.unitLowP[unit]!, source.unitLowK[unit]!, target.unitLowP[unit]!, target.unitLowK[unit]!)
    ) {
      target.unitLowP[unit] = source.unitLowP[unit]!;
      target.unitLowK[unit] = source.unitLowK[unit]!;
    }
  }
}
