import { describe, expect, it } from 'vitest';
import { competitionRank } from '../../scoring/ranking.ts';
import { computeResults } from '../../scoring/results.ts';
import { createResultSettings, createTestTally, vote } from './scoring-factories.ts';

describe('competition ranking', () => {
  it('shows ties as ties: 1, 2, 2, 4', () => {
    const ranked = competitionRank([
      { id: 'd', keys: [70] },
      { id: 'c', keys: [80] },
      { id: 'a', keys: [90] },
      { id: 'b', keys: [80] },
    ]);
    expect(ranked).toEqual([
      { id: 'a', rank: 1 },
      { id: 'b', rank: 2 },
      { id: 'c', rank: 2 },
      { id: 'd', rank: 4 },
    ]);
  });

  it('uses later keys only to separate equal earlier keys, and puts null last', () => {
    const ranked = competitionRank([
      { id: 'a', keys: [80, 90] },
      { id: 'b', keys: [80, 95] },
      { id: 'c', keys: [80, null] },
      { id: 'd', keys: [85, null] },
    ]);
    expect(ranked.map((entry) => `${entry.id}${entry.rank}`)).toEqual(['d1', 'b2', 'a3', 'c4']);
  });
});

describe('ranking in results', () => {
  // a and b both publish 85 overall; b's recipients scored it higher
  const ballots = [
    vote('superior', 'a', 100),
    vote('recipient', 'a', 70),
    vote('superior', 'b', 80),
    vote('superior', 'b', 60),
    vote('recipient', 'b', 100),
    vote('superior', 'c', 40),
    vote('recipient', 'c', 30),
  ];
  const weights = { superior: 0.5, peer: 0, recipient: 0.5 };
  const units = [
    { id: 'a', categoryId: 'gov' },
    { id: 'b', categoryId: 'gov' },
    { id: 'c', categoryId: 'vertical' },
  ];
  const categories = [
    { id: 'gov', ranked: true },
    { id: 'vertical', ranked: false },
  ];

  it('ranks within categories, shares ranks on ties and leaves unranked categories unranked', () => {
    const results = computeResults(createTestTally({}, ballots), units, createResultSettings({ weights, categories }));
    // a: 0.5 × 100 + 0.5 × 70 = 85; b: 0.5 × (80 + 60) ÷ 2 + 0.5 × 100 = 85
    expect(results.units.map((unit) => [unit.unitId, unit.composite.score, unit.rank])).toEqual([
      ['a', 85, 1],
      ['b', 85, 1],
      ['c', 35, null],
    ]);
    expect(results.categories).toEqual([
      {
        categoryId: 'gov',
        ranked: true,
        ranking: [
          { unitId: 'a', rank: 1 },
          { unitId: 'b', rank: 1 },
        ],
        gradeCounts: [],
      },
      { categoryId: 'vertical', ranked: false, ranking: [], gradeCounts: [] },
    ]);
    expect(results.units[2]!.rankRange).toBeNull();
  });

  it('breaks ties by recipient score when the campaign says so', () => {
    const settings = createResultSettings({ weights, categories, tieBreaks: ['recipientScore', 'validBallots'] });
    const results = computeResults(createTestTally({}, ballots), units, settings);
    expect(results.units.slice(0, 2).map((unit) => unit.rank)).toEqual([2, 1]);
  });

  it('ranks by the published, rounded composite', () => {
    // a: 1/3 × 100 + 2/3 × 70 and b: 1/3 × 40 + 2/3 × 100 are both 80 in decimals, not quite in
    // binary; the published 80.00 ties, so the ranks must tie
    const tally = createTestTally({}, [
      vote('superior', 'a', 100),
      vote('recipient', 'a', 70),
      vote('superior', 'b', 40),
      vote('recipient', 'b', 100),
    ]);
    const settings = createResultSettings({ weights: { superior: 1 / 3, peer: 0, recipient: 2 / 3 } });
    const results = computeResults(
      tally,
      [
        { id: 'a', categoryId: 'gov' },
        { id: 'b', categoryId: 'gov' },
      ],
      settings,
    );
    expect(results.units.map((unit) => [unit.composite.score, unit.rank])).toEqual([
      [80, 1],
      [80, 1],
    ]);
  });
});
