import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../scoring/random.ts';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { RaterType } from '../../scoring/rater-type.ts';
import { computeResults } from '../../scoring/results.ts';
import type { ScoringResults } from '../../scoring/result-types.ts';
import { FOUR_LEVEL_SCALE, THREE_LEVEL_SCALE } from '../../scoring/scales.ts';
import type { ResultSettings, TieBreak, UnitInput } from '../../scoring/settings.ts';
import { addBallot, createTally } from '../../scoring/tally.ts';
import type { Ballot, Tally } from '../../scoring/tally.ts';
import { mergeTallyInto } from '../../scoring/tally-merge.ts';
import { STANDARD_BANDS } from './scoring-factories.ts';

const UNIT_IDS = ['u0', 'u1', 'u2', 'u3', 'u4', 'u5'];
const FOUR_POINTS = [100, 80, 60, 40, null];
const THREE_POINTS = [100, 70, 30, null];

function tallyOf(ballots: readonly Ballot[]): Tally {
  const tally = createTally({
    unitIds: UNIT_IDS,
    raterTypes: {
      // Integer item weights keep every sum exact, which is what makes order independence bitwise.
      superior: { scale: FOUR_LEVEL_SCALE, items: [{ id: 'q1' }, { id: 'q2', weight: 2 }] },
      peer: { scale: FOUR_LEVEL_SCALE, items: [{ id: 'q1' }] },
      recipient: { scale: THREE_LEVEL_SCALE, items: [{ id: 'q1' }, { id: 'q2' }] },
    },
  });
  for (const ballot of ballots) addBallot(tally, ballot);
  return tally;
}

const unitId = fc.constantFrom(...UNIT_IDS);

const recipientBallot: fc.Arbitrary<Ballot> = fc
  .record({ unit: unitId, q1: fc.constantFrom(...THREE_POINTS), q2: fc.constantFrom(...THREE_POINTS) })
  .map(({ unit, q1, q2 }) => ({
    raterType: 'recipient',
    ratings: [
      { unitId: unit, item: 'q1', points: q1 },
      { unitId: unit, item: 'q2', points: q2 },
    ],
  }));

const superiorBallot: fc.Arbitrary<Ballot> = fc
  .uniqueArray(fc.record({ unit: unitId, q1: fc.constantFrom(...FOUR_POINTS), q2: fc.constantFrom(...FOUR_POINTS) }), {
    selector: (rating) => rating.unit,
    minLength: 1,
  })
  .map((ratings) => ({
    raterType: 'superior',
    ratings: ratings.flatMap(({ unit, q1, q2 }) => [
      { unitId: unit, item: 'q1', points: q1 },
      { unitId: unit, item: 'q2', points: q2 },
    ]),
  }));

const peerBallot: fc.Arbitrary<Ballot> = fc
  .record({
    rater: fc.option(unitId, { nil: null }),
    ratings: fc.uniqueArray(fc.record({ unit: unitId, points: fc.constantFrom(...FOUR_POINTS) }), {
      selector: (rating) => rating.unit,
      minLength: 1,
    }),
  })
  .map(({ rater, ratings }) => ({
    raterType: 'peer',
    raterUnitId: rater,
    ratings: ratings.map(({ unit, points }) => ({ unitId: unit, item: 'q1', points })),
  }));

const ballotsArbitrary = fc.array(fc.oneof({ arbitrary: recipientBallot, weight: 3 }, superiorBallot, peerBallot), {
  maxLength: 40,
});

const tieBreakArbitrary = fc.subarray<TieBreak>(['recipientScore', 'superiorScore', 'peerScore', 'validBallots']);

const settingsArbitrary: fc.Arbitrary<ResultSettings> = fc
  .record({
    rawWeights: fc.tuple(fc.nat(10), fc.nat(10), fc.nat(10)).filter(([a, b, c]) => a + b + c > 0),
    minimums: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
    tieBreaks: tieBreakArbitrary,
  })
  .map(({ rawWeights: [a, b, c], minimums: [s, p, r], tieBreaks }) => ({
    weights: { superior: a / (a + b + c), peer: b / (a + b + c), recipient: c / (a + b + c) },
    minimumBallots: { superior: s, peer: p, recipient: r },
    categories: [
      { id: 'x', ranked: true },
      { id: 'y', ranked: true },
    ],
    tieBreaks,
    grading: {
      bands: STANDARD_BANDS,
      quotas: [{ grade: '满意', maxShare: 0.34 }],
      bottom: { grade: '末位', below: 60, count: 1 },
    },
  }));

const UNITS: UnitInput[] = UNIT_IDS.map((id, index) => ({ id, categoryId: index % 2 === 0 ? 'x' : 'y' }));

function results(ballots: readonly Ballot[], settings: ResultSettings): ScoringResults {
  return computeResults(tallyOf(ballots), UNITS, settings);
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = createRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** A ballot giving `unit` the best level on every item of the rater type. */
function bestVote(raterType: RaterType, unit: string): Ballot {
  const items = raterType === 'peer' ? ['q1'] : ['q1', 'q2'];
  return { raterType, ratings: items.map((item) => ({ unitId: unit, item, points: 100 })) };
}

describe('scoring properties', () => {
  it('uses weights that sum to 1 (or 0 when unscored)', () => {
    fc.assert(
      fc.property(ballotsArbitrary, settingsArbitrary, (ballots, settings) => {
        for (const unit of results(ballots, settings).units) {
          const total = RATER_TYPES.reduce((sum, raterType) => sum + unit.weights.used[raterType], 0);
          if (unit.composite.score === null) expect(total).toBe(0);
          else expect(Math.abs(total - 1)).toBeLessThan(1e-9);
        }
      }),
    );
  });

  it('never uses a rater type below its minimum', () => {
    fc.assert(
      fc.property(ballotsArbitrary, settingsArbitrary, (ballots, settings) => {
        for (const unit of results(ballots, settings).units) {
          for (const raterType of RATER_TYPES) {
            const group = unit.raterGroups[raterType];
            if (group.ballots >= settings.minimumBallots[raterType]) continue;
            expect(unit.weights.used[raterType]).toBe(0);
            expect(group.score).toBeNull();
            expect(unit.composite.terms.map((term) => term.raterType)).not.toContain(raterType);
          }
        }
      }),
    );
  });

  it('does not depend on the order of ballots, to the bit', () => {
    fc.assert(
      fc.property(ballotsArbitrary, settingsArbitrary, fc.integer(), (ballots, settings, seed) => {
        const reordered = shuffled(ballots, seed);
        expect(JSON.stringify(results(reordered, settings))).toBe(JSON.stringify(results(ballots, settings)));
      }),
    );
  });

  it('merges split tallies into the same results', () => {
    fc.assert(
      fc.property(ballotsArbitrary, settingsArbitrary, fc.nat(), (ballots, settings, cut) => {
        const at = ballots.length === 0 ? 0 : cut % ballots.length;
        const merged = tallyOf(ballots.slice(0, at));
        mergeTallyInto(merged, tallyOf(ballots.slice(at)));
        expect(JSON.stringify(computeResults(merged, UNITS, settings))).toBe(
          JSON.stringify(results(ballots, settings)),
        );
      }),
    );
  });

  it("never lowers a unit's score or rank when it gets one more top vote", () => {
    fc.assert(
      fc.property(
        ballotsArbitrary,
        settingsArbitrary,
        unitId,
        fc.constantFrom(...RATER_TYPES),
        (ballots, settings, unit, raterType) => {
          const before = results(ballots, settings).units.find((candidate) => candidate.unitId === unit)!;
          const count = before.raterGroups[raterType].ballots;
          const minimum = settings.minimumBallots[raterType];
          // The one documented exception: the vote that lifts a group over its minimum brings the
          // whole group into the composite, and that group may score below the others.
          fc.pre(count >= minimum || count + 1 < minimum);
          const after = results([...ballots, bestVote(raterType, unit)], settings).units.find(
            (candidate) => candidate.unitId === unit,
          )!;
          if (before.composite.unrounded !== null) {
            expect(after.composite.unrounded!).toBeGreaterThanOrEqual(before.composite.unrounded - 1e-9);
            expect(after.rank!).toBeLessThanOrEqual(before.rank!);
          }
        },
      ),
    );
  });

  it('gives equal ranks to equal results and counts only strictly better units above', () => {
    // Twins: every ballot about u0–u2 is repeated about u3–u5 so some units tie exactly.
    const twin = (ballot: Ballot): Ballot => ({
      ...ballot,
      raterUnitId: null,
      ratings: ballot.ratings.map((rating) => ({ ...rating, unitId: `u${Number(rating.unitId.slice(1)) + 3}` })),
    });
    const firstHalf = ballotsArbitrary.map((ballots) =>
      ballots
        .map((ballot) => ({
          ...ballot,
          raterUnitId: null,
          ratings: ballot.ratings.filter((rating) => Number(rating.unitId.slice(1)) < 3),
        }))
        .filter((ballot) => ballot.ratings.length > 0),
    );
    fc.assert(
      fc.property(firstHalf, settingsArbitrary, (ballots, settings) => {
        const sameCategory = { ...settings, categories: [{ id: 'x', ranked: true }], tieBreaks: [] };
        const units = UNIT_IDS.map((id) => ({ id, categoryId: 'x' }));
        const scored = computeResults(tallyOf([...ballots, ...ballots.map(twin)]), units, sameCategory).units;
        for (const unit of scored) {
          if (unit.composite.score === null) continue;
          const better = scored.filter(
            (other) => other.composite.score !== null && other.composite.score > unit.composite.score!,
          ).length;
          expect(unit.rank).toBe(better + 1);
        }
        for (let i = 0; i < 3; i++) expect(scored[i + 3]!.rank).toBe(scored[i]!.rank);
      }),
    );
  });
});
