import { DEMO_COMMENTS } from './demo-city.ts';

/** A small seeded PRNG (mulberry32) so the demo looks the same on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
