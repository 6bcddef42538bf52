import { describe, expect, it } from 'vitest';
import {
  coverageFigures,
  shareOf,
  visitPlace,
  visitsIn,
  type CoverageVisit,
  type CoverageWorld,
} from '../../server/visit-coverage/coverage-count.ts';

// The pure arithmetic of coverage on a few rows counted by hand: the household cap, a listed household
// counted once, an empty count as one household, inactive targets left out, shares and feedback.

const visit = (id: number, fields: Partial<CoverageVisit>): CoverageVisit => ({
  id,
  teamId: null,
  cadreUnitIds: [],
  targetKind: 'household',
  enterpriseId: null,
  villageId: null,
  householdId: null,
  householdsCount: null,
  ...fields,
});

// Township 1: village 10 (20 households, a list of households 100 and 101), village 11 (5 households),
// village 12 (inactive); enterprises 1 (village 10), 2 (no village), 3 (inactive). Township 2: village 20.
const world: CoverageWorld = {
  villages: [
    { id: 10, townshipId: 1, households: 20, active: true },
    { id: 11, townshipId: 1, households: 5, active: true },
    { id: 12, townshipId: 1, households: 40, active: false },
    { id: 20, townshipId: 2, households: 7, active: true },
  ],
  enterprises: [
    { id: 1, townshipId: 1, villageId: 10, active: true },
    { id: 2, townshipId: 1, villageId: null, active: true },
    { id: 3, townshipId: 1, villageId: null, active: false },
  ],
  householdVillage: new Map([
    [100, 10],
    [101, 10],
  ]),
  visits: [
    visit(1, { targetKind: 'enterprise', enterpriseId: 1 }),
    visit(2, { targetKind: 'enterprise', enterpriseId: 1 }),
    visit(3, { targetKind: 'enterprise', enterpriseId: 3 }),
    visit(4, { villageId: 10, householdsCount: 15 }),
    visit(5, { householdId: 100 }),
    visit(6, { villageId: 10, householdId: 100 }),
    visit(7, { villageId: 10, householdId: 101 }),
    visit(8, { villageId: 11 }),
    visit(9, { villageId: 11, householdsCount: 9 }),
    visit(10, { villageId: 12, householdsCount: 3 }),
    visit(11, { targetKind: 'village', villageId: 20 }),
  ],
  problems: [
    { visitId: 1, outcome: 'solved', feedbackDueOn: null, fedBackOn: null },
    { visitId: 4, outcome: 'transferred', feedbackDueOn: '2026-11-10', fedBackOn: '2026-11-12' },
    { visitId: 4, outcome: 'hotline', feedbackDueOn: '2026-11-10', fedBackOn: null },
    { visitId: 11, outcome: 'hotline', feedbackDueOn: '2026-11-11', fedBackOn: null },
    { visitId: 11, outcome: 'explained', feedbackDueOn: null, fedBackOn: null },
  ],
};

describe('coverage arithmetic', () => {
  it('counts a township by hand', () => {
    const area = { townships: new Set([1]), villages: new Set<number>() };
    expect(coverageFigures(world, { area, visit: visitsIn(visitPlace(world), area) }, '2026-11-11')).toEqual({
      // Enterprise 3 is inactive: its visit counts as a visit, not as coverage.
      enterprises: { total: 2, visited: 1, share: 0.5 },
      // Household visits are not a village visit.
      villages: { total: 2, visited: 0, share: 0 },
      // Village 10: 15 + households 100 and 101 once each = 17 of 20; village 11: 1 (empty count) + 9 = 10,
      // capped at 5; village 12 is inactive.
      households: { total: 25, visited: 22, share: 0.88 },
      visits: 10,
      problems: { heard: 3, solved: 1, explained: 0, transferred: 1, hotline: 1 },
      // Due 11-10, not told: overdue on 11-11.
      feedback: { due: 2, done: 1, overdue: 1 },
    });
  });

  it('counts everywhere, and a deadline not yet passed', () => {
    expect(coverageFigures(world, { area: 'all', visit: () => true }, '2026-11-10')).toEqual({
      enterprises: { total: 2, visited: 1, share: 0.5 },
      villages: { total: 3, visited: 1, share: 0.3333 },
      households: { total: 32, visited: 22, share: 0.6875 },
      visits: 11,
      problems: { heard: 5, solved: 1, explained: 1, transferred: 1, hotline: 2 },
      feedback: { due: 3, done: 1, overdue: 0 },
    });
  });

  it('an area of one village holds its enterprises only', () => {
    const area = { townships: new Set<number>(), villages: new Set([10]) };
    const figures = coverageFigures(world, { area, visit: visitsIn(visitPlace(world), area) }, '2026-11-11');
    expect([figures.enterprises, figures.households, figures.visits]).toEqual([
      { total: 1, visited: 1, share: 1 },
      { total: 20, visited: 17, share: 0.85 },
      6,
    ]);
  });

  it('shares: four decimals, null without targets', () => {
    expect([shareOf(1, 3), shareOf(2, 3), shareOf(0, 0), shareOf(5, 5)]).toEqual([0.3333, 0.6667, null, 1]);
  });
});
