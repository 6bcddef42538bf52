// One unit's result from one rater type, read off the tally. Suppression happens here, at the
// source: a group below its minimum leaves this function with its count and nothing else, so no
// later step (or server route) can publish what it never received.
import type { ItemResult, LevelCount, RaterGroupResult, RaterTypeSummary } from './result-types.ts';
import { bestPoints, worstPoints } from './scales.ts';
import type { ItemCombination, ScoreStatistic } from './settings.ts';
import { summariseSample } from './statistics.ts';
import type { Bounds } from './statistics.ts';
import { combinedScore } from './tally-combination.ts';
import { FIXED_POINT_SCALE } from './tally-group.ts';
import type { RaterGroupTally } from './tally-group.ts';

export interface GroupOptions {
  readonly minimum: number;
  readonly statistic: ScoreStatistic;
  /** How the group's items combine into its score (default 'pooled'). */
  readonly combination?: ItemCombination;
  readonly confidence: number;
  /** From leniencyRescale(group), computed once per rater type rather than once per unit. */
  readonly leniencyScale: LeniencyScale;
}

/** How leniency z-scores go back onto the points scale. */
export interface LeniencyScale {
  /** Mean points the rater type gave (ΣP ÷ ΣK over every unit). */
  readonly mean: number | null;
  /** Mean within-ballot SD of the ballots that varied their scores. */
  readonly sd: number;
}

export function scaleBounds(group: RaterGroupTally): Bounds {
  return { min: worstPoints(group.scale), max: bestPoints(group.scale) };
}

export function raterGroupResult(group: RaterGroupTally, unit: number, options: GroupOptions): RaterGroupResult {
  const ballots = group.unitBallots[unit]!;
  const { minimum, statistic } = options;
  if (ballots < minimum) return emptyGroup(ballots === 0 ? 'missing' : 'suppressed', ballots, minimum, statistic);
  const bounds = scaleBounds(group);
  const summary = combinedScore(group, unit, options.combination ?? 'pooled', options.confidence, bounds);
  const { mean, trimmedMean: trimmed } = summary;
  const items = group.itemIds.map((_, item) => itemResult(group, unit, item, options));
  return {
    status: 'ok',
    ballots,
    minimum,
    validVotes: items.reduce((total, item) => total + item.validVotes, 0),
    dontKnow: items.reduce((total, item) => total + item.dontKnow, 0),
    score: statistic === 'trimmedMean' && trimmed !== null ? trimmed : mean,
    statistic,
    mean,
    trimmedMean: trimmed,
    sd: summary.sd,
    standardError: summary.standardError,
    ci: summary.ci,
    min: group.unitLowP[unit]! / group.unitLowK[unit]!,
    max: group.unitHighP[unit]! / group.unitHighK[unit]!,
    leniencyAdjusted: leniencyAdjusted(group, unit, bounds, options.leniencyScale),
    histogram: histogram(group, unit, null),
    items,
  };
}

function emptyGroup(
  status: 'missing' | 'suppressed',
  ballots: number,
  minimum: number,
  statistic: ScoreStatistic,
): RaterGroupResult {
  return {
    status,
    ballots,
    minimum,
    validVotes: null,
    dontKnow: null,
    score: null,
    statistic,
    mean: null,
    trimmedMean: null,
    sd: null,
    standardError: null,
    ci: null,
    min: null,
    max: null,
    leniencyAdjusted: null,
    histogram: null,
    items: [],
  };
}

function itemResult(group: RaterGroupTally, unit: number, item: number, options: GroupOptions): ItemResult {
  const cell = unit * group.itemIds.length + item;
  const validVotes = group.cellCount[cell]!;
  const dontKnow = group.cellDontKnow[cell]!;
  const base = { item: group.itemIds[item]!, validVotes, dontKnow };
  // "Don't know" can leave an item with fewer answers than the group: suppress it on its own.
  if (validVotes < options.minimum) {
    return { ...base, suppressed: true, mean: null, sd: null, ci: null, min: null, max: null, histogram: null };
  }
  const summary = summariseSample(
    validVotes,
    group.cellSum[cell]!,
    group.cellSumSquares[cell]!,
    options.confidence,
    scaleBounds(group),
  );
  return {
    ...base,
    suppressed: false,
    mean: summary.mean,
    sd: summary.sd,
    ci: summary.ci,
    min: group.cellMin[cell]!,
    max: group.cellMax[cell]!,
    histogram: histogram(group, unit, item),
  };
}

/** Votes per level for one item, or summed over all items when item is null. */
function histogram(group: RaterGroupTally, unit: number, item: number | null): LevelCount[] {
  const levels = group.scale.levels;
  const itemCount = group.itemIds.length;
  const first = item ?? 0;
  const last = item ?? itemCount - 1;
  return levels.map((level, index) => {
    let count = 0;
    for (let i = first; i <= last; i++) count += group.cellHistogram[(unit * itemCount + i) * levels.length + index]!;
    return { level: level.key, label: level.label, points: level.points, count };
  });
}

/**
 * Mean z of the unit across the ballots that standardised it, put back on the points scale with
 * the group's overall mean and the typical (mean) within-ballot SD, and kept on the scale.
 */
function leniencyAdjusted(
  group: RaterGroupTally,
  unit: number,
  bounds: Bounds,
  scale: LeniencyScale,
): RaterGroupResult['leniencyAdjusted'] {
  const ballots = group.unitZCount[unit]!;
  if (!group.leniency || ballots === 0 || scale.mean === null) return null;
  const meanZ = group.unitZSum[unit]! / FIXED_POINT_SCALE / ballots;
  const score = Math.min(bounds.max, Math.max(bounds.min, scale.mean + scale.sd * meanZ));
  return { score, ballots };
}

export function leniencyRescale(group: RaterGroupTally): LeniencyScale {
  let points = 0;
  let weight = 0;
  for (let unit = 0; unit < group.unitCount; unit++) {
    points += group.unitSumP[unit]!;
    weight += group.unitSumK[unit]!;
  }
  const { spreadBallots, ballotSdSum } = group.counters;
  return {
    mean: weight > 0 ? points / weight : null,
    // No rater varied their scores: every z is 0 and the adjusted score is the overall mean.
    sd: spreadBallots > 0 ? ballotSdSum / FIXED_POINT_SCALE / spreadBallots : 0,
  };
}

export function raterTypeSummary(group: RaterGroupTally, rescale: LeniencyScale): RaterTypeSummary {
  const { counters } = group;
  return {
    scaleId: group.scale.id,
    ballotsReceived: counters.ballotsReceived,
    selfRatingsDropped: counters.selfRatingsDropped,
    leniency: group.leniency
      ? {
          mean: rescale.mean,
          sd: rescale.sd,
          standardisedBallots: counters.standardisedBallots,
          unstandardisableBallots: counters.unstandardisableBallots,
        }
      : null,
  };
}
