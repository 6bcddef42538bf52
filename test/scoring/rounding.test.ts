import { describe, expect, it } from 'vitest';
import { computeResults } from '../../scoring/results.ts';
import type { Scale } from '../../scoring/scales.ts';
import { roundTo } from '../../scoring/statistics.ts';
import { createResultSettings, createTestTally, STANDARD_BANDS, unitsIn, votes } from './scoring-factories.ts';

// Decision 003: a composite is rounded half away from zero at the configured precision, on its exact value,
// and the rounded figure is what is ranked and graded — so a reader who recomputes a published composite
// by hand gets the figure, the rank and the grade the publication shows.

describe('roundTo: half away from zero, on the exact value', () => {
  it('rounds a half up although the double stored for it lies just below', () => {
    // 1.005 is stored as 1.00499999999999989…; Math.round(1.005 × 100) / 100 gives 1.
    expect(roundTo(1.005, 2)).toBe(1.01);
    expect(roundTo(0.4 * 80 + 0.3 * 92 + 0.3 * 84.65, 2)).toBe(85);
    expect(roundTo(2.5, 0)).toBe(3);
    expect(roundTo(0.125, 2)).toBe(0.13);
  });

  it('rounds down what is below the half, however close', () => {
    expect(roundTo(84.9949, 2)).toBe(84.99);
    expect(roundTo(84.99499999, 2)).toBe(84.99);
    expect(roundTo(84.99485, 2)).toBe(84.99);
    expect(roundTo(2.4999999, 0)).toBe(2);
  });

  it('is symmetric about zero and leaves what needs no rounding as it is', () => {
    expect(roundTo(-1.005, 2)).toBe(-1.01);
    expect(roundTo(-84.9949, 2)).toBe(-84.99);
    expect(roundTo(85, 2)).toBe(85);
    expect(roundTo(0, 2)).toBe(0);
    expect(roundTo(100, 0)).toBe(100);
    expect(roundTo(84.995, 3)).toBe(84.995);
  });
});

/** Two levels 85 and 84 points: a recipient score anywhere between them, to the ballot. */
const NARROW_SCALE: Scale = {
  id: 'narrow',
  levels: [
    { key: 'high', label: '85', points: 85 },
    { key: 'low', label: '84', points: 84 },
  ],
  dontKnowKeys: [],
};

describe('a composite on either side of a half-cent, ranked and graded', () => {
  // Weights 0.4 / 0.3 / 0.3. Every unit: superiors 80 (one ballot), peers 92 (100, 100, 100, 80, 80).
  // Recipients: a 84.65 (13 × 85 + 7 × 84 over 20) → 32 + 27.6 + 25.395 = 84.995 exactly, held in a double as
  // 84.99499999999999; b 84.6495 (1299 × 85 + 701 × 84 over 2000) → 84.99485; c 254/3 (85, 85, 84) → 85.
  const peers = [100, 100, 100, 80, 80];
  const ballots = ['a', 'b', 'c'].flatMap((unit) => [
    ...votes('superior', unit, 80, 1),
    ...peers.flatMap((points) => votes('peer', unit, points, 1)),
  ]);
  const recipients = [
    ...votes('recipient', 'a', 85, 13),
    ...votes('recipient', 'a', 84, 7),
    ...votes('recipient', 'b', 85, 1299),
    ...votes('recipient', 'b', 84, 701),
    ...votes('recipient', 'c', 85, 2),
    ...votes('recipient', 'c', 84, 1),
  ];
  const tally = createTestTally({ scales: { recipient: NARROW_SCALE } }, [...ballots, ...recipients]);
  const settings = createResultSettings({
    weights: { superior: 0.4, peer: 0.3, recipient: 0.3 },
    grading: { bands: STANDARD_BANDS },
  });
  const results = computeResults(tally, unitsIn('gov', ['a', 'b', 'c']), settings);
  const unit = (id: string) => results.units.find((u) => u.unitId === id)!;

  it('publishes the half-cent rounded up and the figure below it rounded down', () => {
    expect(unit('a').composite.unrounded).toBeLessThan(84.995); // the double, not the exact value
    expect(unit('a').composite.score).toBe(85);
    expect(unit('b').composite.score).toBe(84.99);
    expect(unit('c').composite.score).toBe(85);
  });

  it('grades and ranks the published figure: 85.00 is in the ≥ 85 band and ties with 85.00', () => {
    expect(unit('a').grade).toEqual({ grade: '满意', basis: 'band', bandGrade: '满意' });
    expect(unit('b').grade).toEqual({ grade: '比较满意', basis: 'band', bandGrade: '比较满意' });
    expect([unit('a').rank, unit('c').rank, unit('b').rank]).toEqual([1, 1, 3]);
  });

  it('gives a vetoed unit the last band unless a veto grade is configured', () => {
    const vetoed = unitsIn('gov', ['a', 'b', 'c']).map((u) => (u.id === 'a' ? { ...u, veto: { reason: '事故' } } : u));
    const byDefault = computeResults(tally, vetoed, settings).units.find((u) => u.unitId === 'a')!;
    expect(byDefault.grade).toEqual({ grade: '不满意', basis: 'veto', bandGrade: '满意' });
    expect(byDefault.flags).toContainEqual({ code: 'vetoed', reason: '事故' });
    const configured = computeResults(tally, vetoed, {
      ...settings,
      grading: { bands: STANDARD_BANDS, vetoGrade: '基本满意' },
    }).units.find((u) => u.unitId === 'a')!;
    expect(configured.grade).toEqual({ grade: '基本满意', basis: 'veto', bandGrade: '满意' });
  });
});
