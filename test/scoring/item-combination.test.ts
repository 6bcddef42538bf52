import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../scoring/random.ts';
import type { RaterGroupResult } from '../../scoring/result-types.ts';
import { computeResults } from '../../scoring/results.ts';
import { FOUR_LEVEL_SCALE } from '../../scoring/scales.ts';
import { resultSettingsSchema } from '../../scoring/settings-schema.ts';
import { ITEM_COMBINATIONS } from '../../scoring/settings.ts';
import type { ItemCombination, ResultSettings, ScoreStatistic } from '../../scoring/settings.ts';
import { criticalT } from '../../scoring/statistics.ts';
import { addBallot, createTally } from '../../scoring/tally.ts';
import type { Ballot, Tally } from '../../scoring/tally.ts';
import { mergeTallyInto } from '../../scoring/tally-merge.ts';
import { createResultSettings, unitsIn } from './scoring-factories.ts';

// How one rater type's items combine into its score (decision 003, "Combining items"). The three choices
// agree when every ballot answered every item and part as soon as one answered 不了解 (null).

type Answers = readonly (number | null)[];

/** Superior ballots about unit a on items q1, q2 (item weights as given). */
function tallyOf(ballots: readonly Answers[], weights: readonly number[] = [1, 1]): Tally {
  const tally = createTally({
    unitIds: ['a'],
    raterTypes: {
      superior: { scale: FOUR_LEVEL_SCALE, items: weights.map((weight, i) => ({ id: `q${i + 1}`, weight })) },
      peer: { scale: FOUR_LEVEL_SCALE, items: [{ id: 'q1' }] },
      recipient: { scale: FOUR_LEVEL_SCALE, items: [{ id: 'q1' }] },
    },
  });
  for (const answers of ballots) {
    addBallot(tally, {
      raterType: 'superior',
      ratings: answers.map((points, i) => ({ unitId: 'a', item: `q${i + 1}`, points })),
    });
  }
  return tally;
}

function superiors(
  ballots: readonly Answers[],
  itemCombination: ItemCombination,
  options: { weights?: readonly number[]; statistic?: ScoreStatistic } = {},
): RaterGroupResult {
  const settings = createResultSettings({
    weights: { superior: 1, peer: 0, recipient: 0 },
    itemCombination,
    statistic: { superior: options.statistic ?? 'mean' },
  });
  return computeResults(tallyOf(ballots, options.weights), unitsIn('gov', ['a']), settings).units[0]!.raterGroups
    .superior;
}

// Four leaders; the first could not judge q2 (不了解).
//   ballot   q1   q2    P    K   P ÷ K
//   1       100  null  100   1   100
//   2        60   40   100   2    50
//   3        80   80   160   2    80
//   4        60   60   120   2    60
const LEADERS: Answers[] = [
  [100, null],
  [60, 40],
  [80, 80],
  [60, 60],
];

describe('combining the items of a rater type', () => {
  it('pools all points over all valid answers by default', () => {
    const group = superiors(LEADERS, 'pooled');
    // (100 + 100 + 160 + 120) ÷ (1 + 2 + 2 + 2) = 480 ÷ 7
    expect(group.mean).toBe(480 / 7);
    expect(group.score).toBe(480 / 7);
    expect(superiors(LEADERS, 'pooled')).toEqual(computeDefault(LEADERS));
  });

  it("takes each rater's mean over the items they answered, then the mean of raters", () => {
    const group = superiors(LEADERS, 'raterMean');
    // (100 + 50 + 80 + 60) ÷ 4 = 72.5
    expect(group.mean).toBe(72.5);
    // SD of the four ballot means: deviations 27.5, −22.5, 7.5, −12.5 → √(1475 ÷ 3)
    expect(group.sd).toBeCloseTo(Math.sqrt(1475 / 3), 10);
    expect(group.standardError).toBeCloseTo(Math.sqrt(1475 / 3) / 2, 10);
    expect([group.min, group.max]).toEqual([50, 100]);
  });

  it("takes each item's mean over its valid answers, then the mean of the items", () => {
    const group = superiors(LEADERS, 'itemMean');
    // q1: (100 + 60 + 80 + 60) ÷ 4 = 75; q2: (40 + 80 + 60) ÷ 3 = 60; (75 + 60) ÷ 2 = 67.5
    expect(group.mean).toBe(67.5);
    // The ballot-level SE of 'pooled', centred on the item mean.
    const pooled = superiors(LEADERS, 'pooled');
    expect(group.standardError).toBe(pooled.standardError);
    const half = criticalT(0.95, 3) * pooled.standardError!;
    expect(group.ci).toEqual({ low: Math.max(40, 67.5 - half), high: Math.min(100, 67.5 + half) });
    // The item rows are the same whatever the combination.
    expect(group.items).toEqual(pooled.items);
  });

  it('weights items by their weight in every choice', () => {
    const weights = [1, 2];
    // pooled: P = 100, 60 + 2 × 40, 80 + 2 × 80, 60 + 2 × 60; K = 1, 3, 3, 3 → 660 ÷ 10
    expect(superiors(LEADERS, 'pooled', { weights }).mean).toBe(66);
    // raterMean: (100 + 140/3 + 240/3 + 180/3) ÷ 4
    expect(superiors(LEADERS, 'raterMean', { weights }).mean).toBeCloseTo((100 + 140 / 3 + 80 + 60) / 4, 10);
    // itemMean: (1 × 75 + 2 × 60) ÷ 3 = 65
    expect(superiors(LEADERS, 'itemMean', { weights }).mean).toBe(65);
  });

  it('trims what each choice averages: ballots, ballot means, or each item’s answers', () => {
    const trimmed = (combination: ItemCombination) =>
      superiors(LEADERS, combination, { statistic: 'trimmedMean' }).score;
    // pooled: drop ballot 1 (100 ÷ 1, the highest) and ballot 2 (100 ÷ 2, the lowest): 280 ÷ 4
    expect(trimmed('pooled')).toBe(70);
    // raterMean: drop the means 100 and 50: (80 + 60) ÷ 2
    expect(trimmed('raterMean')).toBe(70);
    // itemMean: q1 drops 100 and 60 → (80 + 60) ÷ 2 = 70; q2 drops 80 and 40 → 60; (70 + 60) ÷ 2
    expect(trimmed('itemMean')).toBe(65);
    // An item with fewer than three answers leaves no trimmed item mean: the mean is used, and flagged.
    const sparse: Answers[] = [
      [100, null],
      [60, 40],
      [80, null],
    ];
    const group = superiors(sparse, 'itemMean', { statistic: 'trimmedMean' });
    expect(group.trimmedMean).toBeNull();
    expect(group.score).toBe(group.mean);
  });

  it('gives the same score in every choice when every ballot answered every item', () => {
    const full: Answers[] = [
      [100, 80],
      [60, 40],
      [80, 80],
    ];
    // 440 ÷ 6 whichever way it is combined
    for (const combination of ITEM_COMBINATIONS) expect(superiors(full, combination).mean).toBeCloseTo(440 / 6, 10);
    expect(superiors(full, 'raterMean').sd).toBeCloseTo(superiors(full, 'pooled').sd!, 10);
  });

  it('echoes the choice in the method and refuses one it does not know', () => {
    const results = computeResults(
      tallyOf(LEADERS),
      unitsIn('gov', ['a']),
      createResultSettings({ itemCombination: 'itemMean' }),
    );
    expect(results.method.itemCombination).toBe('itemMean');
    expect(defaultMethod()).toBe('pooled');
    const parsed = resultSettingsSchema.safeParse({ ...createResultSettings(), itemCombination: 'median' });
    expect(parsed.success).toBe(false);
    expect(resultSettingsSchema.safeParse({ ...createResultSettings(), itemCombination: 'raterMean' }).success).toBe(
      true,
    );
  });
});

function computeDefault(ballots: readonly Answers[]): RaterGroupResult {
  const settings = createResultSettings({ weights: { superior: 1, peer: 0, recipient: 0 } });
  return computeResults(tallyOf(ballots), unitsIn('gov', ['a']), settings).units[0]!.raterGroups.superior;
}

function defaultMethod(): ItemCombination {
  return computeResults(tallyOf(LEADERS), unitsIn('gov', ['a']), createResultSettings()).method.itemCombination;
}

// Properties: every choice is independent of ballot order to the bit and survives merging split tallies.

const UNIT_IDS = ['u0', 'u1', 'u2'];
const POINTS = [100, 80, 60, 40, null];

function propertyTally(ballots: readonly Ballot[]): Tally {
  const tally = createTally({
    unitIds: UNIT_IDS,
    raterTypes: {
      superior: {
        scale: FOUR_LEVEL_SCALE,
        items: [{ id: 'q1' }, { id: 'q2', weight: 2 }, { id: 'q3', weight: 3 }],
      },
      peer: { scale: FOUR_LEVEL_SCALE, items: [{ id: 'q1' }, { id: 'q2' }] },
      recipient: { scale: FOUR_LEVEL_SCALE, items: [{ id: 'q1' }, { id: 'q2' }] },
    },
  });
  for (const ballot of ballots) addBallot(tally, ballot);
  return tally;
}

const ballotArbitrary: fc.Arbitrary<Ballot> = fc
  .record({
    raterType: fc.constantFrom('superior' as const, 'peer' as const, 'recipient' as const),
    units: fc.uniqueArray(fc.constantFrom(...UNIT_IDS), { minLength: 1, maxLength: 3 }),
    answers: fc.array(fc.constantFrom(...POINTS), { minLength: 9, maxLength: 9 }),
  })
  .map(({ raterType, units, answers }) => {
    const items = raterType === 'superior' ? ['q1', 'q2', 'q3'] : ['q1', 'q2'];
    const rated = raterType === 'recipient' ? units.slice(0, 1) : units;
    return {
      raterType,
      ratings: rated.flatMap((unitId, u) => items.map((item, i) => ({ unitId, item, points: answers[u * 3 + i]! }))),
    };
  });

const settingsArbitrary: fc.Arbitrary<ResultSettings> = fc
  .record({
    itemCombination: fc.constantFrom(...ITEM_COMBINATIONS),
    statistic: fc.constantFrom<ScoreStatistic>('mean', 'trimmedMean'),
  })
  .map(({ itemCombination, statistic }) =>
    createResultSettings({
      weights: { superior: 0.25, peer: 0.25, recipient: 0.5 },
      itemCombination,
      statistic: { superior: statistic, peer: statistic, recipient: statistic },
    }),
  );

const UNITS = unitsIn('gov', UNIT_IDS);

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = createRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('item combination properties', () => {
  it('does not depend on the order of ballots, to the bit, in every choice', () => {
    fc.assert(
      fc.property(
        fc.array(ballotArbitrary, { maxLength: 30 }),
        settingsArbitrary,
        fc.integer(),
        (ballots, settings, seed) => {
          const reordered = shuffled(ballots, seed);
          expect(JSON.stringify(computeResults(propertyTally(reordered), UNITS, settings))).toBe(
            JSON.stringify(computeResults(propertyTally(ballots), UNITS, settings)),
          );
        },
      ),
    );
  });

  it('merges split tallies into the same results in every choice', () => {
    fc.assert(
      fc.property(
        fc.array(ballotArbitrary, { maxLength: 30 }),
        settingsArbitrary,
        fc.nat(),
        (ballots, settings, cut) => {
          const at = ballots.length === 0 ? 0 : cut % ballots.length;
          const merged = propertyTally(ballots.slice(at));
          mergeTallyInto(merged, propertyTally(ballots.slice(0, at)));
          expect(JSON.stringify(computeResults(merged, UNITS, settings))).toBe(
            JSON.stringify(computeResults(propertyTally(ballots), UNITS, settings)),
          );
        },
      ),
    );
  });

  it('agrees across the choices whenever no ballot answered 不了解', () => {
    const complete = ballotArbitrary.map((ballot) => ({
      ...ballot,
      ratings: ballot.ratings.map((rating) => ({ ...rating, points: rating.points ?? 60 })),
    }));
    fc.assert(
      fc.property(fc.array(complete, { minLength: 1, maxLength: 30 }), (ballots) => {
        const scores = ITEM_COMBINATIONS.map((itemCombination) =>
          computeResults(propertyTally(ballots), UNITS, createResultSettings({ itemCombination })).units.map(
            (unit) => unit.composite.unrounded,
          ),
        );
        for (const other of scores.slice(1)) {
          other.forEach((score, u) => {
            if (score === null) expect(scores[0]![u]).toBeNull();
            else expect(score).toBeCloseTo(scores[0]![u]!, 9);
          });
        }
      }),
    );
  });
});
