// Factories for scoring tests: each test builds the campaign it needs instead of sharing fixtures.
import type { RaterType } from '../../scoring/rater-type.ts';
import { FOUR_LEVEL_SCALE, THREE_LEVEL_SCALE } from '../../scoring/scales.ts';
import type { Scale } from '../../scoring/scales.ts';
import type { ResultSettings, UnitInput } from '../../scoring/settings.ts';
import { addBallot, createTally } from '../../scoring/tally.ts';
import type { Ballot, Tally, TallySettings } from '../../scoring/tally.ts';

export interface TestTallyOptions {
  readonly unitIds?: readonly string[];
  readonly scales?: Partial<Record<RaterType, Scale>>;
  readonly items?: Partial<Record<RaterType, readonly string[]>>;
}

export function createTallySettings(options: TestTallyOptions = {}): TallySettings {
  const scales = options.scales ?? {};
  const items = options.items ?? {};
  const typeSettings = (raterType: RaterType, defaultScale: Scale) => ({
    scale: scales[raterType] ?? defaultScale,
    items: (items[raterType] ?? ['overall']).map((id) => ({ id })),
  });
  return {
    unitIds: options.unitIds ?? ['a', 'b', 'c'],
    raterTypes: {
      superior: typeSettings('superior', FOUR_LEVEL_SCALE),
      peer: typeSettings('peer', FOUR_LEVEL_SCALE),
      recipient: typeSettings('recipient', THREE_LEVEL_SCALE),
    },
  };
}

export function createTestTally(options: TestTallyOptions = {}, ballots: readonly Ballot[] = []): Tally {
  const tally = createTally(createTallySettings(options));
  for (const ballot of ballots) addBallot(tally, ballot);
  return tally;
}

/** A ballot rating one unit on the single default item. */
export function vote(raterType: RaterType, unitId: string, points: number | null, item = 'overall'): Ballot {
  return { raterType, ratings: [{ unitId, item, points }] };
}

/** `count` identical single-unit ballots. */
export function votes(raterType: RaterType, unitId: string, points: number | null, count: number): Ballot[] {
  return Array.from({ length: count }, () => vote(raterType, unitId, points));
}

/** One rater rating several units on the default item: [unitId, points] pairs. */
export function sweep(
  raterType: RaterType,
  pairs: readonly (readonly [string, number | null])[],
  raterUnitId: string | null = null,
): Ballot {
  return { raterType, raterUnitId, ratings: pairs.map(([unitId, points]) => ({ unitId, item: 'overall', points })) };
}

export function createResultSettings(overrides: Partial<ResultSettings> = {}): ResultSettings {
  return {
    weights: { superior: 0.25, peer: 0.25, recipient: 0.5 },
    minimumBallots: { superior: 1, peer: 1, recipient: 1 },
    categories: [{ id: 'gov', ranked: true }],
    ...overrides,
  };
}

export function unitsIn(categoryId: string, ids: readonly string[]): UnitInput[] {
  return ids.map((id) => ({ id, categoryId }));
}

export const STANDARD_BANDS = [
  { grade: '满意', minScore: 85 },
  { grade: '比较满意', minScore: 75 },
  { grade: '基本满意', minScore: 60 },
  { grade: '不满意', minScore: 0 },
] as const;
