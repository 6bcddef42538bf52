import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { RaterType } from '../../scoring/rater-type.ts';
import { computeResults } from '../../scoring/results.ts';
import { FOUR_LEVEL_SCALE } from '../../scoring/scales.ts';
import { ITEM_COMBINATIONS } from '../../scoring/settings.ts';
import type { ItemCombination, ScoreStatistic } from '../../scoring/settings.ts';
import { createTally } from '../../scoring/tally.ts';
import type { Tally } from '../../scoring/tally.ts';
import { noticeMethod } from '../../server/publications/publication-method.ts';
import type { MethodInput } from '../../server/publications/publication-method.ts';
import type { CountedRating } from '../../server/results/results.repository.ts';
import { addBallotShapes, addCellCounts, addRatingRows, unitIndexById } from '../../server/results/tally-fill.ts';
import type { BallotShape, CellCount } from '../../server/results/tally-fill.ts';

// The two ways results are computed on the server (results-compute.ts) give the same bits for every item
// combination: the live figures from grouped counts — rating_tallies (unit, item, points → n) and
// card_tallies (unit, K answers, P points → n) — and the recount, card by card through the scoring loop.
// 'raterMean' needs each card's mean P ÷ K, which card_tallies already hold; no other tally is kept.

const UNIT_IDS = [11, 12, 13, 14];
const ITEMS = ['attitude', 'efficiency', 'overall'];
const POINTS = [100, 80, 60, 40];

interface TestCard {
  readonly raterType: RaterType;
  readonly unitId: number;
  /** Per item: points, or null for 不了解 (no rating stored). */
  readonly answers: readonly (number | null)[];
}

function emptyTally(): Tally {
  const typeSettings = { scale: FOUR_LEVEL_SCALE, items: ITEMS.map((id) => ({ id })), leniency: false };
  return createTally({
    unitIds: UNIT_IDS.map(String),
    raterTypes: { superior: typeSettings, peer: typeSettings, recipient: typeSettings },
  });
}

/** The recount: counted ratings of each rater type ordered by card, as listCountedRatings returns them. */
function recountTally(cards: readonly TestCard[]): Tally {
  const tally = emptyTally();
  const units = unitIndexById(tally);
  for (const raterType of RATER_TYPES) {
    const rows: CountedRating[] = [];
    cards.forEach((card, index) => {
      if (card.raterType !== raterType) return;
      const cardId = `card-${String(index).padStart(4, '0')}`;
      card.answers.forEach((points, i) => {
        if (points !== null) rows.push({ card_id: cardId, unit_id: card.unitId, item: ITEMS[i]!, points });
      });
    });
    addRatingRows(tally, units, raterType, rows);
  }
  return tally;
}

/** The live path: the same cards grouped as the running tallies hold them. */
function liveTally(cards: readonly TestCard[]): Tally {
  const cells = new Map<string, CellCount>();
  const shapes = new Map<string, BallotShape>();
  for (const card of cards) {
    let answers = 0;
    let points = 0;
    card.answers.forEach((value, i) => {
      if (value === null) return;
      answers++;
      points += value;
      const key = `${card.raterType}|${card.unitId}|${ITEMS[i]}|${value}`;
      const row = cells.get(key);
      cells.set(key, {
        rater_type: card.raterType,
        unit_id: card.unitId,
        item: ITEMS[i]!,
        points: value,
        n: (row?.n ?? 0) + 1,
      });
    });
    if (answers === 0) continue;
    const key = `${card.raterType}|${card.unitId}|${answers}|${points}`;
    const row = shapes.get(key);
    shapes.set(key, { rater_type: card.raterType, unit_id: card.unitId, answers, points, n: (row?.n ?? 0) + 1 });
  }
  const tally = emptyTally();
  const units = unitIndexById(tally);
  addCellCounts(tally, units, [...cells.values()], new Set(RATER_TYPES));
  addBallotShapes(tally, units, [...shapes.values()]);
  return tally;
}

const cardArbitrary: fc.Arbitrary<TestCard> = fc.record({
  raterType: fc.constantFrom(...RATER_TYPES),
  unitId: fc.constantFrom(...UNIT_IDS),
  answers: fc.array(fc.constantFrom(...POINTS, null), { minLength: ITEMS.length, maxLength: ITEMS.length }),
});

function results(tally: Tally, itemCombination: ItemCombination, statistic: ScoreStatistic) {
  return computeResults(
    tally,
    UNIT_IDS.map((id) => ({ id: String(id), categoryId: 'gov' })),
    {
      weights: { superior: 0.3, peer: 0.2, recipient: 0.5 },
      minimumBallots: { superior: 2, peer: 1, recipient: 3 },
      categories: [{ id: 'gov', ranked: true }],
      statistic: { superior: statistic, peer: statistic, recipient: statistic },
      itemCombination,
    },
  );
}

describe('live tallies and the recount, for every item combination', () => {
  it('give the same results to the bit', () => {
    fc.assert(
      fc.property(
        fc.array(cardArbitrary, { maxLength: 60 }),
        fc.constantFrom(...ITEM_COMBINATIONS),
        fc.constantFrom<ScoreStatistic>('mean', 'trimmedMean'),
        (cards, combination, statistic) => {
          const live = JSON.stringify(results(liveTally(cards), combination, statistic));
          expect(live).toBe(JSON.stringify(results(recountTally(cards), combination, statistic)));
        },
      ),
    );
  });

  it('part as soon as a card answered 不了解 (a hand-counted unit)', () => {
    const cards: TestCard[] = [
      { raterType: 'recipient', unitId: 11, answers: [100, null, null] },
      { raterType: 'recipient', unitId: 11, answers: [60, 60, 80] },
      { raterType: 'recipient', unitId: 11, answers: [80, 40, 60] },
    ];
    const score = (combination: ItemCombination) =>
      results(liveTally(cards), combination, 'mean').units[0]!.raterGroups.recipient.score;
    // pooled: (100 + 200 + 180) ÷ 7; raterMean: (100 + 200/3 + 60) ÷ 3;
    // itemMean: attitude 240 ÷ 3 = 80, efficiency 100 ÷ 2 = 50, overall 140 ÷ 2 = 70 → 200 ÷ 3
    expect(score('pooled')).toBeCloseTo(480 / 7, 12);
    expect(score('raterMean')).toBeCloseTo((160 + 200 / 3) / 3, 12);
    expect(score('itemMean')).toBeCloseTo(200 / 3, 12);
    for (const combination of ITEM_COMBINATIONS) {
      expect(JSON.stringify(results(liveTally(cards), combination, 'mean'))).toBe(
        JSON.stringify(results(recountTally(cards), combination, 'mean')),
      );
    }
  });
});

describe("the publication's method paragraph", () => {
  const input = (itemCombination: ItemCombination | undefined): MethodInput => ({
    campaign: {
      name: '2026年度机关作风评议',
      nameEn: '2026 work-style evaluation',
      startsAt: '2026-11-01T00:00:00Z',
      endsAt: '2026-11-30T00:00:00Z',
      closedAt: null,
    },
    issuer: '市评议办',
    settings: {
      raterTypes: [
        { raterType: 'recipient', minimumBallots: 3, statistic: 'mean', scale: [{ label: '满意', points: 100 }] },
      ],
      ...(itemCombination === undefined ? {} : { itemCombination }),
      weights: { superior: 0, peer: 0, recipient: 1 },
      categoryWeights: [],
      precision: 2,
      confidence: 0.95,
      tieBreaks: [],
      grading: null,
      vetoes: [],
    },
    ballots: { recipient: 10 },
    categories: [],
  });
  const paragraph = (itemCombination: ItemCombination | undefined) => {
    const method = noticeMethod(input(itemCombination));
    return { zh: method.zh.method.join(''), en: method.en.method.join(' ') };
  };

  it('says how several items were combined, in both languages', () => {
    expect(paragraph('pooled').zh).toContain('全部有效评分一并平均');
    expect(paragraph('pooled').en).toContain('all valid answers are averaged together');
    expect(paragraph('raterMean').zh).toContain('先求每张计分票已评项目的平均分');
    expect(paragraph('raterMean').en).toContain('the mean of the items it answered');
    expect(paragraph('itemMean').zh).toContain('先求每个项目有效评分的平均分');
    expect(paragraph('itemMean').en).toContain("each item's score is the mean of its valid answers");
    // A document published before the setting pooled, and says so.
    expect(paragraph(undefined)).toEqual(paragraph('pooled'));
  });
});
