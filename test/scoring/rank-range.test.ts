import { describe, expect, it } from 'vitest';
import { rankRangesByBootstrap, rankRangesByCiOverlap } from '../../scoring/rank-range.ts';
import type { RangeCandidate } from '../../scoring/rank-range.ts';
import { computeResults } from '../../scoring/results.ts';
import { createResultSettings, createTestTally, unitsIn, vote } from './scoring-factories.ts';

function candidate(id: string, rank: number, estimate: number, halfWidth: number | null): RangeCandidate {
  return {
    id,
    rank,
    estimate,
    standardError: halfWidth === null ? null : halfWidth / 1.96,
    ci: halfWidth === null ? null : { low: estimate - halfWidth, high: estimate + halfWidth },
  };
}

describe('rank ranges from interval overlap', () => {
  it('shows indistinguishable units as sharing a range and a clear leader as alone', () => {
    const ranges = rankRangesByCiOverlap([
      candidate('a', 1, 95, 1), // [94, 96] sits above everyone else's interval
      candidate('b', 2, 85, 3), // [82, 88] overlaps c
      candidate('c', 3, 84, 3), // [81, 87]
      candidate('d', 4, 70, 2), // [68, 72]
    ]);
    expect(Object.fromEntries(ranges)).toEqual({
      a: { best: 1, worst: 1 },
      b: { best: 2, worst: 3 },
      c: { best: 2, worst: 3 },
      d: { best: 4, worst: 4 },
    });
  });

  it('lets a unit of unknown uncertainty be anywhere', () => {
    const ranges = rankRangesByCiOverlap([
      candidate('a', 1, 95, 1),
      candidate('b', 2, 60, null),
      candidate('c', 3, 50, 1),
    ]);
    expect(ranges.get('b')).toEqual({ best: 1, worst: 3 });
    expect(ranges.get('a')).toEqual({ best: 1, worst: 2 });
  });
});

describe('rank ranges from a seeded bootstrap', () => {
  const candidates = [
    candidate('a', 1, 95, 0.5),
    candidate('b', 2, 85, 4),
    candidate('c', 3, 84, 4),
    candidate('d', 4, 60, 0.5),
  ];
  const options = { replicates: 2000, seed: 42, confidence: 0.95, bounds: { min: 0, max: 100 } };

  it('is the same for the same seed and separates only what the data separate', () => {
    const first = rankRangesByBootstrap(candidates, options);
    expect(rankRangesByBootstrap([...candidates].reverse(), options)).toEqual(first);
    expect(first.get('a')).toEqual({ best: 1, worst: 1 });
    expect(first.get('b')).toEqual({ best: 2, worst: 3 });
    expect(first.get('c')).toEqual({ best: 2, worst: 3 });
    expect(first.get('d')).toEqual({ best: 4, worst: 4 });
  });
});

describe('rank ranges in results', () => {
  it('always contains the published rank', () => {
    const ballots = [
      ...[100, 80, 100].map((points) => vote('superior', 'a', points)),
      ...[80, 100, 80].map((points) => vote('superior', 'b', points)),
      ...[40, 60, 40].map((points) => vote('superior', 'c', points)),
    ];
    const settings = createResultSettings({
      weights: { superior: 1, peer: 0, recipient: 0 },
      rankRange: { method: 'bootstrap', replicates: 500, seed: 7 },
    });
    const results = computeResults(createTestTally({}, ballots), unitsIn('gov', ['a', 'b', 'c']), settings);
    for (const unit of results.units) {
      expect(unit.rankRange!.best).toBeLessThanOrEqual(unit.rank!);
      expect(unit.rankRange!.worst).toBeGreaterThanOrEqual(unit.rank!);
    }
    expect(results.units.map((unit) => unit.rank)).toEqual([1, 2, 3]);
    expect(results.units[0]!.rankRange).toEqual({ best: 1, worst: 2 });
  });
});
