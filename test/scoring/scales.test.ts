import { describe, expect, it } from 'vitest';
import { findMappingProblems } from '../../scoring/mapping-check.ts';
import { computeResults } from '../../scoring/results.ts';
import {
  createScale,
  DONT_KNOW_KEY,
  FIVE_LEVEL_SCALE,
  FOUR_LEVEL_SCALE,
  pointsFor,
  PRESET_SCALES,
  TEN_POINT_SCALE,
  THREE_LEVEL_SCALE,
  worstPoints,
} from '../../scoring/scales.ts';
import type { Scale } from '../../scoring/scales.ts';
import type { Ballot } from '../../scoring/tally.ts';
import { createResultSettings, createTestTally, STANDARD_BANDS, unitsIn } from './scoring-factories.ts';

function votesFor(scale: Scale, counts: Record<string, number>): Ballot[] {
  return Object.entries(counts).flatMap(([key, count]) =>
    Array.from({ length: count }, () => ({
      raterType: 'recipient' as const,
      ratings: [{ unitId: 'a', item: 'overall', points: pointsFor(scale, key) }],
    })),
  );
}

function recipientScore(scale: Scale, counts: Record<string, number>): number | null {
  const tally = createTestTally({ unitIds: ['a'], scales: { recipient: scale } }, votesFor(scale, counts));
  const results = computeResults(tally, unitsIn('gov', ['a']), createResultSettings());
  return results.units[0]!.raterGroups.recipient.score;
}

describe('published level → points formulas', () => {
  it('scores 优秀/良好/一般/较差 as (A×1 + B×0.8 + C×0.6 + D×0.4) ÷ (A+B+C+D) × 100', () => {
    const [A, B, C, D] = [3, 2, 1, 1];
    const published = ((A * 1 + B * 0.8 + C * 0.6 + D * 0.4) / (A + B + C + D)) * 100; // 5.6 ÷ 7 × 100 = 80
    const score = recipientScore(FOUR_LEVEL_SCALE, { excellent: A, good: B, fair: C, poor: D });
    expect(score).toBeCloseTo(published, 10);
    expect(score).toBe(80);
  });

  it('scores 满意 100 / 基本满意 70 / 不满意 30', () => {
    // (5 × 100 + 3 × 70 + 2 × 30) ÷ 10 = 770 ÷ 10 = 77
    expect(recipientScore(THREE_LEVEL_SCALE, { satisfied: 5, basicallySatisfied: 3, dissatisfied: 2 })).toBe(77);
  });

  it('scores the GB/T 39735-2020 five levels at 20 points a star', () => {
    // (100 + 80 + 60 + 40 + 20) ÷ 5 = 60
    const one = { verySatisfied: 1, satisfied: 1, basicallySatisfied: 1, dissatisfied: 1, veryDissatisfied: 1 };
    expect(recipientScore(FIVE_LEVEL_SCALE, one)).toBe(60);
    expect(FIVE_LEVEL_SCALE.levels.map((level) => level.label)).toEqual([
      '非常满意',
      '满意',
      '基本满意',
      '不满意',
      '非常不满意',
    ]);
  });

  it('scores 1–10 points at ten points a point', () => {
    // (10 + 7 + 4) × 10 ÷ 3 = 70
    expect(recipientScore(TEN_POINT_SCALE, { '10': 1, '7': 1, '4': 1 })).toBe(70);
  });

  it('excludes "don\'t know" (不了解) from counts and means', () => {
    const tally = createTestTally(
      { unitIds: ['a'] },
      votesFor(THREE_LEVEL_SCALE, { satisfied: 1, basicallySatisfied: 1, [DONT_KNOW_KEY]: 2 }),
    );
    const group = computeResults(tally, unitsIn('gov', ['a']), createResultSettings()).units[0]!.raterGroups.recipient;
    // (100 + 70) ÷ 2 = 85; the two 不了解 count neither as ballots nor as votes
    expect(group).toMatchObject({ score: 85, ballots: 2, validVotes: 2, dontKnow: 2 });
  });
});

describe('scales', () => {
  it('maps answer keys to points and "don\'t know" to null', () => {
    expect(pointsFor(THREE_LEVEL_SCALE, 'basicallySatisfied')).toBe(70);
    expect(pointsFor(THREE_LEVEL_SCALE, DONT_KNOW_KEY)).toBeNull();
    expect(() => pointsFor(THREE_LEVEL_SCALE, 'meh')).toThrow(/no answer "meh"/);
  });

  it('rejects scales whose points do not strictly decrease', () => {
    const flat = [
      { key: 'good', label: '好', points: 80 },
      { key: 'ok', label: '中', points: 80 },
    ];
    expect(() => createScale('flat', flat)).toThrow(/strictly decrease/);
  });

  it('ships presets that are all valid and share the 0–100 footing', () => {
    for (const scale of PRESET_SCALES) {
      expect(() => createScale(scale.id, scale.levels, scale.dontKnowKeys)).not.toThrow();
      expect(scale.levels[0]!.points).toBe(100);
    }
  });
});

describe('all-worst check', () => {
  // The criticised scheme: 不满意 still earned 50, so a unit everyone disliked landed mid-table.
  const criticised = createScale('criticised', [
    { key: 'satisfied', label: '满意', points: 100 },
    { key: 'basicallySatisfied', label: '基本满意', points: 80 },
    { key: 'dissatisfied', label: '不满意', points: 50 },
  ]);
  const bands = [
    { grade: '好', minScore: 85 },
    { grade: '较好', minScore: 70 },
    { grade: '一般', minScore: 50 },
    { grade: '差', minScore: 0 },
  ];

  it('flags a mapping where an all-worst unit would not land in the worst band', () => {
    expect(findMappingProblems({ recipient: criticised }, bands)).toEqual([
      { raterType: 'recipient', scaleId: 'criticised', worstPoints: 50, landsIn: '一般', worstGrade: '差' },
    ]);
  });

  it('accepts the published mappings under the usual bands', () => {
    const scales = { superior: FOUR_LEVEL_SCALE, peer: FIVE_LEVEL_SCALE, recipient: THREE_LEVEL_SCALE };
    expect(findMappingProblems(scales, STANDARD_BANDS)).toEqual([]);
    expect(findMappingProblems(scales, bands)).toEqual([]);
  });

  it('grades a unit rated worst by everyone in the worst band, and reports the problem in results', () => {
    const tally = createTestTally({ unitIds: ['a'] }, [
      { raterType: 'superior', ratings: [{ unitId: 'a', item: 'overall', points: worstPoints(FOUR_LEVEL_SCALE) }] },
      { raterType: 'peer', ratings: [{ unitId: 'a', item: 'overall', points: worstPoints(FOUR_LEVEL_SCALE) }] },
      { raterType: 'recipient', ratings: [{ unitId: 'a', item: 'overall', points: worstPoints(THREE_LEVEL_SCALE) }] },
    ]);
    const results = computeResults(
      tally,
      unitsIn('gov', ['a']),
      createResultSettings({ grading: { bands: STANDARD_BANDS } }),
    );
    // 0.25 × 40 + 0.25 × 40 + 0.5 × 30 = 35 < 60
    expect(results.units[0]!.composite.score).toBe(35);
    expect(results.units[0]!.grade).toEqual({ grade: '不满意', basis: 'band', bandGrade: '不满意' });
    expect(results.mappingProblems).toEqual([]);

    const criticisedTally = createTestTally({ unitIds: ['a'], scales: { recipient: criticised } });
    const criticisedResults = computeResults(
      criticisedTally,
      unitsIn('gov', ['a']),
      createResultSettings({ grading: { bands } }),
    );
    expect(criticisedResults.mappingProblems.map((problem) => problem.raterType)).toEqual(['recipient']);
  });
});
