import { createRandom } from '../../scoring/random.ts';
import { DEMO_COMMENTS } from './demo-city.ts';

/** The scoring module's seeded generator, so the demo looks the same on every machine. */
export const seededRandom = createRandom;

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

/** A star level around the unit's quality (0..1): good units mostly get 4–5 stars, weak ones 2–4. */
function stars(random: () => number, quality: number): number {
  const centre = 2 + quality * 3;
  return Math.max(1, Math.min(5, Math.round(centre + (random() - 0.5) * 2.2)));
}

/** Plausible answers to the recipient template for a unit of the given quality. */
export function demoRecipientAnswers(random: () => number, quality: number): Record<string, unknown> {
  const answers: Record<string, unknown> = {
    attitude: stars(random, quality),
    efficiency: stars(random, quality),
    serviceRules: random() < 0.05 ? 'unknown' : stars(random, quality) >= 4 ? 'all' : random() < 0.7 ? 'some' : 'none',
    overall: random() < 0.04 ? 'unknown' : stars(random, quality),
  };
  if (random() < 0.3) {
    answers.badHabits = (answers.overall as number) <= 3 ? [pick(random, ['tuo', 'tui', 'lan'])] : ['none'];
  }
  const comment = pick(random, DEMO_COMMENTS);
  if (comment && random() < 0.35) answers.comment = comment;
  return answers;
}

const GRADES = ['A', 'B', 'C', 'D'] as const;

/** A grade 优秀/良好/一般/较差 around the unit's quality, with a leader's own leniency and some 不了解. */
function grade(random: () => number, quality: number, leniency: number): string {
  if (random() < 0.04) return 'unknown';
  const level = (1 - quality) * 3 - leniency + (random() - 0.5) * 1.6;
  return GRADES[Math.max(0, Math.min(3, Math.round(level)))] as string;
}

/** Answers to a unit-matrix questionnaire (superior or peer) rating every unit on the given items. */
export function demoMatrixAnswers(
  random: () => number,
  units: ReadonlyArray<{ id: number; quality: number }>,
  items: readonly string[],
): Record<string, unknown> {
  const leniency = (random() - 0.5) * 0.8;
  const rows: Record<string, Record<string, string>> = {};
  for (const unit of units) {
    const row: Record<string, string> = {};
    for (const item of items) row[item] = grade(random, unit.quality, leniency);
    rows[String(unit.id)] = row;
  }
  return { units: rows };
}
