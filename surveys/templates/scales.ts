import { text } from './text.ts';

/**
 * Rating scales used by the default templates. Points are the defaults only: an evaluation office
 * edits `pyPoints` per campaign. Every scale puts its worst level far below 60 so that a unit
 * everybody rated worst lands in the worst band (the 不满意 = 50 scheme criticised in the press).
 */

/** 不了解: a valid answer that is not a vote. */
export const DONT_KNOW = {
  value: 'unknown',
  text: text('不了解', "Don't know"),
  pyNotCounted: true,
} as const;

/** The national five levels (GB/T 39735-2020 好差评), best first, as 5 to 1 stars. */
export const SATISFACTION_LEVELS = [
  { value: 5, stars: '★★★★★', text: text('非常满意', 'Very satisfied'), pyPoints: 100 },
  { value: 4, stars: '★★★★', text: text('满意', 'Satisfied'), pyPoints: 80 },
  { value: 3, stars: '★★★', text: text('一般', 'Neutral'), pyPoints: 60 },
  { value: 2, stars: '★★', text: text('不满意', 'Dissatisfied'), pyPoints: 30 },
  { value: 1, stars: '★', text: text('非常不满意', 'Very dissatisfied'), pyPoints: 0 },
] as const;

/** The five levels as radio choices, stars in front so a phone user can read them at a glance. */
export function satisfactionChoices(): object[] {
  const levels = SATISFACTION_LEVELS.map((level) => ({
    value: level.value,
    text: text(`${level.stars} ${level.text.default}`, `${level.stars} ${level.text.en}`),
    pyPoints: level.pyPoints,
  }));
  return [...levels, DONT_KNOW];
}

/** The five levels as star rating values: SurveyJS draws stars left to right, 1 to 5. */
export function satisfactionStars(): object[] {
  return [...SATISFACTION_LEVELS]
    .reverse()
    .map(({ value, text: label, pyPoints }) => ({ value, text: label, pyPoints }));
}

/**
 * The four grades with the published formula's weights:
 * score = (A×1 + B×0.8 + C×0.6 + D×0.4) ÷ (A+B+C+D) × 100.
 */
export const GRADE_LEVELS = [
  { value: 'A', text: text('优秀', 'Excellent'), pyPoints: 100 },
  { value: 'B', text: text('良好', 'Good'), pyPoints: 80 },
  { value: 'C', text: text('一般', 'Fair'), pyPoints: 60 },
  { value: 'D', text: text('较差', 'Poor'), pyPoints: 40 },
] as const;

export function gradeChoices(): object[] {
  return [...GRADE_LEVELS, DONT_KNOW];
}
