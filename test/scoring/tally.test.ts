import { describe, expect, it } from 'vitest';
import { computeResults } from '../../scoring/results.ts';
import { addBallot, addBallotBatch, createTally } from '../../scoring/tally.ts';
import { mergeTallyInto } from '../../scoring/tally-merge.ts';
import {
  createResultSettings,
  createTallySettings,
  createTestTally,
  sweep,
  unitsIn,
  vote,
} from './scoring-factories.ts';

const settings = createResultSettings();

function superiorGroup(points: readonly number[]) {
  const tally = createTestTally(
    { unitIds: ['a'] },
    points.map((value) => vote('superior', 'a', value)),
  );
  return computeResults(tally, unitsIn('gov', ['a']), settings).units[0]!.raterGroups.superior;
}

describe('rater-type statistics', () => {
  it('gives mean, SD and a t-based 95% interval', () => {
    const group = superiorGroup([100, 80, 80, 60, 80]);
    // mean 400 ÷ 5 = 80; SD = √((20² + 0 + 0 + 20² + 0) ÷ 4) = √200
    expect(group.mean).toBe(80);
    expect(group.sd).toBeCloseTo(Math.sqrt(200), 12);
    // half-width = t(0.975, 4) × √200 ÷ √5 = 2.776445 × 6.324555 = 17.5596
    expect(group.ci!.low).toBeCloseTo(80 - 2.776445105 * Math.sqrt(200 / 5), 6);
    expect(group.ci!.high).toBeCloseTo(80 + 2.776445105 * Math.sqrt(200 / 5), 6);
    expect([group.min, group.max]).toEqual([60, 100]);
  });

  it('clips the interval to the scale', () => {
    // three ballots: half-width 4.30 × 20 ÷ √3 ≈ 49.7 would reach 129.7
    const group = superiorGroup([100, 80, 60]);
    expect(group.ci).toEqual({ low: 40, high: 100 });
  });

  it('drops the single highest and lowest ballot for the trimmed mean', () => {
    // drop 100 and 40: (80 + 80 + 60) ÷ 3
    expect(superiorGroup([100, 80, 80, 60, 40]).trimmedMean).toBeCloseTo(220 / 3, 12);
    expect(superiorGroup([100, 80]).trimmedMean).toBeNull();
  });

  it('pools votes across items and treats each ballot as one observation', () => {
    const tally = createTestTally({ unitIds: ['a'], items: { superior: ['q1', 'q2'] } });
    addBallot(tally, {
      raterType: 'superior',
      ratings: [
        { unitId: 'a', item: 'q1', points: 100 },
        { unitId: 'a', item: 'q2', points: 80 },
      ],
    });
    addBallot(tally, {
      raterType: 'superior',
      ratings: [
        { unitId: 'a', item: 'q1', points: 60 },
        { unitId: 'a', item: 'q2', points: null },
      ],
    });
    const group = computeResults(tally, unitsIn('gov', ['a']), settings).units[0]!.raterGroups.superior;
    // score = (100 + 80 + 60) ÷ 3 valid votes = 80
    expect(group).toMatchObject({ score: 80, ballots: 2, validVotes: 3, dontKnow: 1 });
    // ballot residuals P − 80·K: 180 − 160 = 20 and 60 − 80 = −20; SD = √(800 ÷ 1) ÷ (3 ÷ 2 votes per ballot)
    expect(group.sd).toBeCloseTo(Math.sqrt(800) / 1.5, 12);
    expect(group.items.map((item) => [item.item, item.validVotes, item.dontKnow, item.mean])).toEqual([
      ['q1', 2, 0, 80],
      ['q2', 1, 1, 80],
    ]);
    expect(group.items[0]!.histogram!.map((level) => level.count)).toEqual([1, 0, 1, 0]);
  });

  it('weights items inside a ballot', () => {
    const tally = createTally({
      ...createTallySettings({ unitIds: ['a'] }),
      raterTypes: {
        ...createTallySettings().raterTypes,
        superior: {
          scale: createTallySettings().raterTypes.superior.scale,
          items: [
            { id: 'q1', weight: 3 },
            { id: 'q2', weight: 1 },
          ],
        },
      },
    });
    addBallot(tally, {
      raterType: 'superior',
      ratings: [
        { unitId: 'a', item: 'q1', points: 100 },
        { unitId: 'a', item: 'q2', points: 60 },
      ],
    });
    // (3 × 100 + 1 × 60) ÷ 4 = 90
    expect(computeResults(tally, unitsIn('gov', ['a']), settings).units[0]!.raterGroups.superior.score).toBe(90);
  });
});

describe('tally input', () => {
  it('gives the same results from columns as from ballot objects', () => {
    const byObject = createTestTally({}, [
      sweep(
        'peer',
        [
          ['a', 100],
          ['b', 80],
          ['c', null],
        ],
        'c',
      ),
      sweep('peer', [
        ['a', 60],
        ['b', 80],
      ]),
      vote('recipient', 'c', 70),
    ]);
    const byColumns = createTally(createTallySettings());
    addBallotBatch(byColumns, {
      raterType: 'peer',
      ballotStarts: [0, 3, 5],
      units: Int32Array.of(0, 1, 2, 0, 1),
      items: Int32Array.of(0, 0, 0, 0, 0),
      points: Float64Array.of(100, 80, NaN, 60, 80),
      raterUnits: Int32Array.of(2, -1),
    });
    addBallotBatch(byColumns, { raterType: 'recipient', ballotStarts: [0, 1], units: [2], items: [0], points: [70] });
    const units = unitsIn('gov', ['a', 'b', 'c']);
    expect(computeResults(byColumns, units, settings)).toEqual(computeResults(byObject, units, settings));
  });

  it('drops and counts a peer rating its own unit', () => {
    const tally = createTestTally({}, [
      sweep(
        'peer',
        [
          ['a', 100],
          ['b', 40],
        ],
        'a',
      ),
    ]);
    const results = computeResults(tally, unitsIn('gov', ['a', 'b']), settings);
    expect(results.raterTypes.peer.selfRatingsDropped).toBe(1);
    expect(results.units[0]!.raterGroups.peer.status).toBe('missing');
    expect(results.units[1]!.raterGroups.peer.score).toBe(40);
  });

  it('refuses unknown units, items, off-scale points and malformed columns', () => {
    const tally = createTestTally();
    expect(() => addBallot(tally, vote('recipient', 'zz', 100))).toThrow(/Unknown unit "zz"/);
    expect(() => addBallot(tally, vote('recipient', 'a', 100, 'nope'))).toThrow(/Unknown recipient item "nope"/);
    expect(() => addBallot(tally, vote('recipient', 'a', 95))).toThrow(/95 points is not a level/);
    expect(() =>
      addBallotBatch(tally, { raterType: 'recipient', ballotStarts: [0, 2], units: [0], items: [0], points: [100] }),
    ).toThrow(RangeError);
    expect(() =>
      addBallotBatch(tally, { raterType: 'recipient', ballotStarts: [0, 1], units: [7], items: [0], points: [100] }),
    ).toThrow(/out of range/);
  });

  it('merges tallies into exactly what one tally of all ballots gives', () => {
    const ballots = [
      sweep('superior', [
        ['a', 100],
        ['b', 60],
        ['c', 80],
      ]),
      vote('recipient', 'a', 30),
      vote('recipient', 'a', 100),
      sweep('superior', [
        ['a', 40],
        ['b', 60],
      ]),
    ];
    const whole = createTestTally({}, ballots);
    const first = createTestTally({}, ballots.slice(0, 2));
    mergeTallyInto(first, createTestTally({}, ballots.slice(2)));
    const units = unitsIn('gov', ['a', 'b', 'c']);
    expect(JSON.stringify(computeResults(first, units, settings))).toBe(
      JSON.stringify(computeResults(whole, units, settings)),
    );
    expect(() => mergeTallyInto(first, createTestTally({ unitIds: ['x'] }))).toThrow(/different units/);
  });
});
