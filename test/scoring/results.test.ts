import { describe, expect, it } from 'vitest';
import { computeResults } from '../../scoring/results.ts';
import {
  createResultSettings,
  createTestTally,
  STANDARD_BANDS,
  sweep,
  unitsIn,
  vote,
  votes,
} from './scoring-factories.ts';

const minimums = { superior: 3, peer: 3, recipient: 5 };

describe('anonymity threshold', () => {
  // Two peers rated unit a: publishing their mean would let each work out what the other said.
  const tally = createTestTally({}, [
    ...votes('superior', 'a', 80, 3),
    sweep('peer', [
      ['a', 40],
      ['b', 100],
    ]),
    sweep('peer', [
      ['a', 100],
      ['b', 100],
    ]),
    ...votes('recipient', 'a', 100, 5),
  ]);
  const results = computeResults(tally, unitsIn('gov', ['a', 'b']), createResultSettings({ minimumBallots: minimums }));
  const unitA = results.units[0]!;

  it('suppresses a group below its minimum: count only, no score, no items, no histogram', () => {
    expect(unitA.raterGroups.peer).toMatchObject({
      status: 'suppressed',
      ballots: 2,
      minimum: 3,
      score: null,
      mean: null,
      sd: null,
      ci: null,
      min: null,
      max: null,
      leniencyAdjusted: null,
      histogram: null,
      items: [],
    });
  });

  it('keeps the suppressed group out of the composite and flags it', () => {
    // 0.25 × 80 + 0.5 × 100 over the remaining 0.75: (20 + 50) ÷ 0.75 = 93.33
    expect(unitA.composite.score).toBe(93.33);
    expect(unitA.weights.used.peer).toBe(0);
    expect(unitA.flags).toEqual([
      { code: 'raterTypeSuppressed', raterType: 'peer', ballots: 2, minimum: 3, weightRedistributed: 0.25 },
    ]);
  });

  it('suppresses a single item whose valid answers fall below the minimum', () => {
    const withDontKnow = createTestTally({ items: { superior: ['q1', 'q2'] } }, [
      ...Array.from({ length: 3 }, (_, i) => ({
        raterType: 'superior' as const,
        ratings: [
          { unitId: 'a', item: 'q1', points: 80 },
          { unitId: 'a', item: 'q2', points: i === 0 ? 60 : null },
        ],
      })),
    ]);
    const group = computeResults(
      withDontKnow,
      unitsIn('gov', ['a']),
      createResultSettings({ minimumBallots: minimums }),
    ).units[0]!.raterGroups.superior;
    expect(group.status).toBe('ok');
    expect(group.items.map((item) => [item.item, item.suppressed, item.mean])).toEqual([
      ['q1', false, 80],
      ['q2', true, null],
    ]);
  });

  it('leaves a unit with no usable group unscored, unranked and ungraded', () => {
    const sparse = createTestTally({}, [vote('recipient', 'a', 100)]);
    const unit = computeResults(
      sparse,
      unitsIn('gov', ['a']),
      createResultSettings({ minimumBallots: minimums, grading: { bands: STANDARD_BANDS } }),
    ).units[0]!;
    expect(unit).toMatchObject({
      rank: null,
      rankRange: null,
      grade: null,
      weights: { used: { superior: 0, peer: 0, recipient: 0 } },
    });
    expect(unit.composite.score).toBeNull();
    expect(unit.flags.map((flag) => flag.code)).toEqual([
      'raterTypeMissing',
      'raterTypeMissing',
      'raterTypeSuppressed',
      'notScored',
    ]);
  });
});

describe('veto', () => {
  it('forces the veto grade and says why, while the score and rank stay visible', () => {
    const tally = createTestTally({}, [vote('recipient', 'a', 100), vote('recipient', 'b', 70)]);
    const units = [
      { id: 'a', categoryId: 'gov', veto: { reason: '发生重大安全责任事故' } },
      { id: 'b', categoryId: 'gov' },
    ];
    const settings = createResultSettings({
      weights: { superior: 0, peer: 0, recipient: 1 },
      grading: { bands: STANDARD_BANDS },
    });
    const unit = computeResults(tally, units, settings).units[0]!;
    expect(unit).toMatchObject({ rank: 1, grade: { grade: '不满意', basis: 'veto', bandGrade: '满意' } });
    expect(unit.flags).toEqual([{ code: 'vetoed', reason: '发生重大安全责任事故' }]);
  });
});

describe('published output', () => {
  const ballots = [
    sweep('superior', [
      ['a', 100],
      ['b', 80],
      ['c', 60],
    ]),
    sweep('superior', [
      ['a', 80],
      ['b', 80],
      ['c', 40],
    ]),
    sweep(
      'peer',
      [
        ['b', 60],
        ['c', 80],
      ],
      'a',
    ),
    ...votes('recipient', 'a', 100, 2),
    vote('recipient', 'b', 70),
    vote('recipient', 'c', null),
  ];
  const units = [
    { id: 'c', categoryId: 'gov' },
    { id: 'a', categoryId: 'gov' },
    { id: 'b', categoryId: 'gov' },
  ];
  const settings = createResultSettings({
    grading: { bands: STANDARD_BANDS, quotas: [{ grade: '满意', maxShare: 0.2 }] },
  });

  it('is the same JSON for the same inputs, with units sorted by id', () => {
    const first = JSON.stringify(computeResults(createTestTally({}, ballots), units, settings));
    const again = JSON.stringify(
      computeResults(createTestTally({}, [...ballots].reverse()), [...units].reverse(), settings),
    );
    expect(again).toBe(first);
    expect(JSON.parse(first).units.map((unit: { unitId: string }) => unit.unitId)).toEqual(['a', 'b', 'c']);
  });

  it('contains no undefined, NaN or Infinity that JSON would silently change', () => {
    const results = computeResults(createTestTally({}, ballots), units, settings);
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'number') expect(Number.isFinite(value), path).toBe(true);
      expect(value, path).not.toBeUndefined();
      if (value !== null && typeof value === 'object')
        for (const [key, child] of Object.entries(value)) walk(child, `${path}.${key}`);
    };
    walk(results, 'results');
  });

  it('refuses units the tally does not know or whose category is not configured', () => {
    const tally = createTestTally();
    expect(() => computeResults(tally, unitsIn('gov', ['zz']), settings)).toThrow(/not in the tally/);
    expect(() => computeResults(tally, unitsIn('nope', ['a']), settings)).toThrow(/unknown category/);
    expect(() => computeResults(tally, unitsIn('gov', ['a', 'a']), settings)).toThrow(/listed twice/);
  });
});
