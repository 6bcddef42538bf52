import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  honestAnswerChance,
  isIdenticalPattern,
  REPEAT_FALSE_ALARM,
  REPEAT_LIMIT,
  repeatLimitFor,
  repeatLimitOf,
} from '../../server/ballots/flag-calibration.ts';
import { fillLimitOf, qualityFlags, qualityHits, type QualityInput } from '../../server/ballots/quality-flags.ts';
import { questionnaireShapeOf, scoredAnswersOf } from '../../server/ballots/questionnaire-shape.ts';
import { CampaignSettingsSchema } from '../../server/campaigns/campaign-settings.ts';
import { RECIPIENT_TEMPLATE } from '../../surveys/templates/recipient.ts';
import { satisfactionChoices, satisfactionStars } from '../../surveys/templates/scales.ts';
import { SUPERIOR_TEMPLATE } from '../../surveys/templates/superior.ts';

const quality = CampaignSettingsSchema.parse({}).quality;

/** A recipient form of `items` star questions (all required) and a comment. */
function starForm(items: number) {
  return {
    pages: [
      {
        name: 'p',
        elements: [
          ...Array.from({ length: items }, (_, i) => ({
            type: 'rating',
            name: `q${i}`,
            isRequired: true,
            rateValues: satisfactionStars(),
            pyItem: `q${i}`,
            pyScored: true,
          })),
          { type: 'comment', name: 'comment' },
        ],
      },
    ],
  };
}

/** The exact binomial tail P(X >= k), X ~ Bin(n, p), computed the slow way. */
function tail(n: number, p: number, k: number): number {
  let sum = 0;
  let choose = 1;
  for (let i = 0; i <= n; i += 1) {
    if (i >= k) sum += choose * p ** i * (1 - p) ** (n - i);
    choose = (choose * (n - i)) / (i + 1);
  }
  return sum;
}

describe('the shape of a questionnaire', () => {
  it('counts each scored item with its levels, 不了解 and an optional answer', () => {
    const shape = questionnaireShapeOf(RECIPIENT_TEMPLATE);
    expect(shape.items.map((i) => [i.name, i.choices, i.dontKnow, i.optional])).toEqual([
      ['attitude', 5, false, false],
      ['efficiency', 5, false, false],
      ['serviceRules', 4, true, false],
      ['overall', 6, true, false],
    ]);
    expect(shape.freeText).toEqual(['comment']);
    expect(questionnaireShapeOf(SUPERIOR_TEMPLATE).matrices[0]!.columns).toHaveLength(4);
  });

  it('counts the answers a ballot gave, 不了解 included, one group per unit row', () => {
    const shape = questionnaireShapeOf(SUPERIOR_TEMPLATE);
    const groups = scoredAnswersOf(shape, {
      units: { 1: { responsibility: 'A', promptness: 'B', delivery: 'unknown', overall: 'A' }, 2: { overall: 'C' } },
    });
    expect(groups.map((g) => g.length)).toEqual([4, 1]);
  });
});

describe('the repeat limit', () => {
  it('keeps an honest crowd under the false-alarm rate and is the smallest such count', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.0005, max: 0.95, noNaN: true }), fc.integer({ min: 4, max: 120 }), (p, n) => {
        const limit = repeatLimitFor(p, n);
        if (limit === null) {
          // Off only when even n of n is too likely.
          expect(tail(n, p, n)).toBeGreaterThan(REPEAT_FALSE_ALARM * 0.999);
          return;
        }
        expect(limit).toBeGreaterThanOrEqual(REPEAT_LIMIT);
        expect(tail(n, p, limit)).toBeLessThanOrEqual(REPEAT_FALSE_ALARM * 1.001);
        if (limit > REPEAT_LIMIT) expect(tail(n, p, limit - 1)).toBeGreaterThan(REPEAT_FALSE_ALARM * 0.999);
      }),
      { numRuns: 300 },
    );
  });

  it('never rises when answers get less likely, nor falls when the window holds more ballots', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.9, noNaN: true }),
        fc.double({ min: 0.001, max: 0.9, noNaN: true }),
        fc.integer({ min: 4, max: 80 }),
        (a, b, n) => {
          const [rarer, likelier] = a < b ? [a, b] : [b, a];
          expect(repeatLimitFor(rarer, n) ?? Infinity).toBeLessThanOrEqual(repeatLimitFor(likelier, n) ?? Infinity);
          // More ballots in a window never lower the limit (null there means: no count can be flagged).
          const [small, large] = [repeatLimitFor(likelier, n), repeatLimitFor(likelier, n + 10)];
          if (small !== null && large !== null) expect(small).toBeLessThanOrEqual(large);
        },
      ),
    );
  });

  it('never applies to a form of one or two scored items, whatever the answers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 2 }),
        fc.string({ maxLength: 40 }),
        fc.integer({ min: 2, max: 10_000 }),
        (items, values, comment, burst) => {
          const answers: Record<string, unknown> = { comment };
          for (let i = 0; i < items; i += 1) answers[`q${i}`] = values[i];
          expect(repeatLimitOf(questionnaireShapeOf(starForm(items)), answers, burst)).toBeNull();
        },
      ),
    );
  });

  it('is low for a distinctive ballot and high (or off) for the commonest answers of a short form', () => {
    const recipient = questionnaireShapeOf(RECIPIENT_TEMPLATE);
    const allBest = { attitude: 5, efficiency: 5, serviceRules: 'all', overall: 5 };
    const commented = { ...allBest, comment: '窗口服务非常好，办事效率高，值得表扬！' };
    expect(repeatLimitOf(recipient, commented, 40)).toBe(REPEAT_LIMIT);
    expect(repeatLimitOf(recipient, allBest, 40)).toBeGreaterThan(10);
    // A short comment says nothing about who wrote it.
    expect(repeatLimitOf(recipient, { ...allBest, comment: '很好' }, 40)).toBe(repeatLimitOf(recipient, allBest, 40));
    // Straight lines on a long form get a limit; the more items, the lower.
    const straight = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, 5]));
    const long = repeatLimitOf(questionnaireShapeOf(starForm(12)), straight(12), 40)!;
    const longer = repeatLimitOf(questionnaireShapeOf(starForm(30)), straight(30), 40)!;
    expect(longer).toBeLessThan(long);
    expect(long).toBeLessThan(40);
  });

  it('multiplies the pessimistic chances answer by answer', () => {
    const shape = questionnaireShapeOf(starForm(3));
    const chance = (answers: Record<string, unknown>) => honestAnswerChance(scoredAnswersOf(shape, answers), []);
    expect(chance({ q0: 5, q1: 5, q2: 5 })).toBeCloseTo(0.9 * 0.9 * 0.9);
    expect(chance({ q0: 5, q1: 4, q2: 4 })).toBeCloseTo(0.9 * 0.5 * 0.9);
  });
});

describe('the fill-time limit', () => {
  it('scales with the answers given and never exceeds the rater type’s minFillSeconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), (items) => {
        const shape = questionnaireShapeOf(starForm(items));
        const answers = Object.fromEntries(Array.from({ length: items }, (_, i) => [`q${i}`, 4]));
        const limit = fillLimitOf({
          settings: quality,
          raterType: 'recipient',
          questionnaire: shape,
          answers,
          ratings: [],
        });
        expect(limit).toBe(Math.min(quality.minFillSeconds.recipient, quality.secondsPerAnswer.recipient * items));
      }),
    );
  });

  it('flags a one-question ballot only under about a second', () => {
    const shape = questionnaireShapeOf({
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'radiogroup', name: 'overall', isRequired: true, choices: satisfactionChoices(), pyScored: true },
          ],
        },
      ],
    });
    const input = (fillSeconds: number): QualityInput => ({
      campaignId: 1,
      raterType: 'recipient',
      settings: quality,
      questionnaire: shape,
      fillSeconds,
      targetUnitId: 7,
      answers: { overall: 5 },
      ratings: [{ unitId: 7, item: 'overall', points: 100 }],
    });
    expect(qualityFlags(input(2), [])).toEqual([]);
    expect(qualityFlags(input(0.5), [])).toEqual(['too_fast']);
    // No repeated-answers counter at all: only the burst counter.
    expect(qualityHits('key', input(2)).map((h) => h.scope)).toEqual(['campaign:1:burst']);
  });
});

describe('identical patterns', () => {
  const grades = (units: number, items: number, points = 80) =>
    Array.from({ length: units }, (_, u) =>
      Array.from({ length: items }, (_, i) => ({ unitId: u + 1, item: `i${i}`, points })),
    ).flat();

  it('need enough repeated cells that an honest rater rarely gives them', () => {
    expect(isIdenticalPattern(grades(3, 4))).toBe(false); // 8 repeated cells: 17 %
    expect(isIdenticalPattern(grades(8, 4))).toBe(true); // 28 cells: 0.2 %
    expect(isIdenticalPattern(grades(10, 1))).toBe(false);
    expect(isIdenticalPattern(grades(30, 1))).toBe(true);
  });

  it('are never flagged when any unit differs', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 30 }), fc.integer({ min: 1, max: 4 }), (units, items) => {
        const ratings = grades(units, items);
        ratings[ratings.length - 1] = { ...ratings[ratings.length - 1]!, points: 40 };
        expect(isIdenticalPattern(ratings)).toBe(false);
      }),
    );
  });
});
