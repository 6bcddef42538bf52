import type { RaterType } from '../../scoring/rater-type.ts';
import type { CampaignSettings } from '../campaigns/campaign-settings.ts';
import { freeTextOf, scoredAnswersOf, type QuestionnaireShape, type ScoredAnswer } from './questionnaire-shape.ts';

/**
 * How each quality flag is calibrated to the questionnaire, so that an honest ballot of a short form is
 * rarely flagged (decision 011, "Quality flags"). Every rule bounds the chance that an honest rater
 * produces what the flag looks for, under a pessimistic model of honest answers:
 * - the first answer of a ballot is the crowd's commonest with probability at most 0.9 (a hall where
 *   nearly everyone picks 非常满意);
 * - the next answer repeats the previous one with probability at most 0.9, and is one particular other
 *   answer with probability at most 0.5 (0.9 for an item that allows only two answers);
 * - a free-text answer of 12 characters or more is written word for word by another rater with
 *   probability at most 0.01 (a short one — "很好", "无" — says nothing);
 * - a leader or peer grades the next unit's cell as the previous unit's with probability at most 0.8.
 * The bench (bench/quality-flags.ts) measures the rate on honest generated ballots.
 */
export const HONEST = Object.freeze({
  firstAnswer: 0.9,
  sameAsPrevious: 0.9,
  otherAnswer: 0.5,
  twoChoiceAnswer: 0.9,
  distinctText: 0.01,
  distinctTextLength: 12,
  unitCellSame: 0.8,
});

/**
 * repeated_answers: the chance, per ballot, that an honest crowd gives this ballot's answers more often
 * in one window than the limit allows, is kept under 0.1 %.
 */
export const REPEAT_FALSE_ALARM = 0.001;
/** A repeat limit is never below this (more than three identical ballots). */
export const REPEAT_LIMIT = 3;
/** A ballot with fewer scored answers than this is never flagged repeated_answers. */
export const REPEAT_MIN_ANSWERS = 3;
/** identical_pattern: the chance that an honest many-unit ballot grades every unit alike is under 1 %. */
export const PATTERN_FALSE_ALARM = 0.01;

/**
 * The most an honest rater's answers, in this order, are shared by another honest rater's: the
 * pessimistic model above applied answer by answer, and to each long free-text answer.
 */
export function honestAnswerChance(groups: readonly (readonly ScoredAnswer[])[], freeText: readonly string[]): number {
  let chance = 1;
  let previous: unknown = undefined;
  let first = true;
  for (const answer of groups.flat()) {
    if (first) chance *= HONEST.firstAnswer;
    else if (answer.value === previous) chance *= HONEST.sameAsPrevious;
    else chance *= answer.item.choices <= 2 ? HONEST.twoChoiceAnswer : HONEST.otherAnswer;
    previous = answer.value;
    first = false;
  }
  for (const text of freeText) if ([...text].length >= HONEST.distinctTextLength) chance *= HONEST.distinctText;
  return chance;
}

/**
 * The smallest count L (at least REPEAT_LIMIT) such that, among `others` honest ballots each sharing the
 * answers with probability `chance`, L or more share them with probability at most REPEAT_FALSE_ALARM;
 * null when even `others` would be too likely (then only a burst can flag it). Binomial tail, in logs.
 */
export function repeatLimitFor(chance: number, others: number): number | null {
  const key = `${chance}|${others}`;
  if (limits.has(key)) return limits.get(key)!;
  const limit = binomialLimit(chance, others);
  // The chances are products of a few constants, so few distinct keys occur; the bound only guards.
  if (limits.size > 10_000) limits.clear();
  limits.set(key, limit);
  return limit;
}

const limits = new Map<string, number | null>();

function binomialLimit(chance: number, others: number): number | null {
  if (chance <= 0) return REPEAT_LIMIT;
  if (chance >= 1 || others < REPEAT_LIMIT) return null;
  const logP = Math.log(chance);
  const logQ = Math.log1p(-chance);
  // P(X >= L) = 1 − P(X <= L − 1); accumulate the lower tail until the rest is small enough.
  let logPmf = others * logQ;
  let below = 0;
  for (let k = 0; k < others; k += 1) {
    below += Math.exp(logPmf);
    if (k + 1 >= REPEAT_LIMIT && 1 - below <= REPEAT_FALSE_ALARM) return k + 1;
    logPmf += Math.log(others - k) - Math.log(k + 1) + logP - logQ;
  }
  return null;
}

/**
 * How many identical ballots of one unit within the burst window are still plausible for this ballot's
 * answers: null when this form's answers cannot tell a repeat from agreement (fewer than three scored
 * answers, or a limit above the burst limit, where the burst flag decides).
 */
export function repeatLimitOf(
  shape: QuestionnaireShape,
  answers: Record<string, unknown>,
  burstMaxPerUnit: number,
): number | null {
  const groups = scoredAnswersOf(shape, answers);
  if (groups.flat().length < REPEAT_MIN_ANSWERS) return null;
  const limit = repeatLimitFor(honestAnswerChance(groups, freeTextOf(shape, answers)), burstMaxPerUnit - 1);
  return limit !== null && limit < burstMaxPerUnit ? limit : null;
}

/** How many scored answers the ballot gave (不了解 included), for the fill-time limit. */
export function answerCountOf(shape: QuestionnaireShape, answers: Record<string, unknown>): number {
  return scoredAnswersOf(shape, answers).flat().length;
}

/**
 * The fill-time limit of one ballot: `secondsPerAnswer` for each scored answer it gave, and never more
 * than the rater type's `minFillSeconds` (the limit campaigns have always had, now the most any form
 * asks). A one-question form asks about a second, the default recipient form four.
 */
export function minFillSecondsOf(quality: CampaignSettings['quality'], raterType: RaterType, answerCount: number) {
  return Math.min(quality.minFillSeconds[raterType], quality.secondsPerAnswer[raterType] * answerCount);
}

/**
 * identical_pattern: every rated unit got the same points on every item, on enough cells that an honest
 * rater would do so with probability under PATTERN_FALSE_ALARM (0.8 per cell after the first unit's).
 * Three units on four items (8 cells: 17 %) are never flagged; eight units on four (28 cells: 0.2 %) are.
 */
export function isIdenticalPattern(ratings: ReadonlyArray<{ unitId: number; item: string; points: number }>): boolean {
  const byUnit = new Map<number, string[]>();
  for (const r of ratings) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), `${r.item}=${r.points}`]);
  if (byUnit.size < 3) return false;
  const patterns = new Set([...byUnit.values()].map((items) => items.sort().join('&')));
  if (patterns.size !== 1) return false;
  const perUnit = [...byUnit.values()][0]!.length;
  const repeatedCells = (byUnit.size - 1) * perUnit;
  return HONEST.unitCellSame ** repeatedCells < PATTERN_FALSE_ALARM;
}
