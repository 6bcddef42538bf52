// Ranks shown as if exact invite people to read 3rd vs 4th as a real difference when the two
// composites are a rounding error apart. Each rank therefore comes with the range of ranks the unit
// could plausibly hold.
import { createNormalSampler, createRandom } from './random.ts';
import { compareIds } from './ranking.ts';
import type { RankRange } from './result-types.ts';
import type { Bounds, Interval } from './statistics.ts';

export interface RangeCandidate {
  readonly id: string;
  readonly rank: number;
  readonly estimate: number;
  /** null when unknown (a group of one): the unit is then treated as possibly anywhere. */
  readonly standardError: number | null;
  readonly ci: Interval | null;
}

/**
 * Best rank = 1 + units whose whole interval lies above this one's; worst rank = n − units whose
 * whole interval lies below. Non-overlap of two 95% intervals is a conservative test, so the
 * ranges err on the wide side — the honest direction for a published league table.
 */
export function rankRangesByCiOverlap(candidates: readonly RangeCandidate[]): Map<string, RankRange> {
  const ranges = new Map<string, RankRange>();
  const low = (c: RangeCandidate): number => c.ci?.low ?? -Infinity;
  const high = (c: RangeCandidate): number => c.ci?.high ?? Infinity;
  for (const unit of candidates) {
    let clearlyAbove = 0;
    let clearlyBelow = 0;
    for (const other of candidates) {
      if (other === unit) continue;
      if (low(other) > high(unit)) clearlyAbove++;
      if (high(other) < low(unit)) clearlyBelow++;
    }
    ranges.set(unit.id, includeRank({ best: 1 + clearlyAbove, worst: candidates.length - clearlyBelow }, unit.rank));
  }
  return ranges;
}

export interface BootstrapOptions {
  readonly replicates: number;
  readonly seed: number;
  readonly confidence: number;
  /** Where a unit with unknown uncertainty may land: drawn uniformly across the scale. */
  readonly bounds: Bounds;
}

/**
 * Parametric bootstrap: each replicate draws every composite from Normal(estimate, SE), ranks the
 * draws, and the range is the central `confidence` share of the unit's simulated ranks. Tallies
 * keep sums, not ballots, so resampling ballots is not possible; the normal draw uses the same
 * SE as the intervals. Candidates are drawn in unit-id order, so a seed always gives the same ranges.
 */
export function rankRangesByBootstrap(
  candidates: readonly RangeCandidate[],
  options: BootstrapOptions,
): Map<string, RankRange> {
  const ordered = [...candidates].sort((a, b) => compareIds(a.id, b.id));
  const count = ordered.length;
  const { replicates } = options;
  const random = createRandom(options.seed);
  const normal = createNormalSampler(random);
  const simulatedRanks = new Int32Array(count * replicates);
  const draws = new Float64Array(count);
  const order = Array.from({ length: count }, (_, i) => i);
  for (let r = 0; r < replicates; r++) {
    ordered.forEach((unit, i) => {
      draws[i] =
        unit.standardError === null
          ? options.bounds.min + random() * (options.bounds.max - options.bounds.min)
          : unit.estimate + unit.standardError * normal();
    });
    order.sort((a, b) => draws[b]! - draws[a]! || a - b);
    order.forEach((unitIndex, position) => {
      const previous = order[position - 1];
      const tied = previous !== undefined && draws[previous] === draws[unitIndex];
      simulatedRanks[unitIndex * replicates + r] = tied ? simulatedRanks[previous * replicates + r]! : position + 1;
    });
  }
  const tail = (1 - options.confidence) / 2;
  const ranges = new Map<string, RankRange>();
  ordered.forEach((unit, i) => {
    const ranks = simulatedRanks.subarray(i * replicates, (i + 1) * replicates).sort();
    const best = ranks[Math.floor(tail * (replicates - 1))]!;
    const worst = ranks[Math.ceil((1 - tail) * (replicates - 1))]!;
    ranges.set(unit.id, includeRank({ best, worst }, unit.rank));
  });
  return ranges;
}

// The published rank itself is always plausible; without this a tie-break could put it outside.
function includeRank(range: RankRange, rank: number): RankRange {
  return { best: Math.min(range.best, rank), worst: Math.max(range.worst, rank) };
}
