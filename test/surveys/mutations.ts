import fc from 'fast-check';
import { expect } from 'vitest';
import type { PreparedQuestionnaire } from '../../surveys/prepare.ts';

export type Answers = Record<string, unknown>;

/** A broken copy of valid answers and the question the refusal must name. */
export interface Mutant {
  readonly answers: Answers;
  readonly question: string;
  readonly why: string;
}

export type Mutation = (answers: Answers) => Mutant | null;

export function expectAccepted(prepared: PreparedQuestionnaire, answers: Answers): Answers {
  const result = prepared.validate(answers);
  if (!result.ok) expect.fail(`valid answers refused: ${JSON.stringify(result.errors)} for ${JSON.stringify(answers)}`);
  return result.answers;
}

export function expectRefused(prepared: PreparedQuestionnaire, mutant: Mutant): void {
  const result = prepared.validate(mutant.answers);
  if (result.ok) expect.fail(`${mutant.why}: accepted ${JSON.stringify(mutant.answers)}`);
  const named = result.errors.some(
    (error) => error.question === mutant.question && error.message.includes(JSON.stringify(mutant.question)),
  );
  if (!named) expect.fail(`${mutant.why}: no error names "${mutant.question}": ${JSON.stringify(result.errors)}`);
}

export const unknownKey = (known: readonly string[]): fc.Arbitrary<Mutation> =>
  fc
    .oneof(
      fc.string({ minLength: 1, maxLength: 12 }),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'units-total-x'),
    )
    .filter((key) => !known.includes(key))
    .map((key) => (answers) => ({ answers: { ...answers, [key]: 1 }, question: key, why: `unknown key ${key}` }));

export const missing = (required: readonly string[]): fc.Arbitrary<Mutation> =>
  fc.constantFrom(...required).map((key) => (answers) => {
    const { [key]: _dropped, ...rest } = answers;
    return { answers: rest, question: key, why: `missing required ${key}` };
  });

/** Replaces one top-level answer; `make` gets the current value so it can flip its type. */
export const replace =
  (key: string, why: string, make: (value: unknown) => unknown): Mutation =>
  (answers) =>
    key in answers
      ? { answers: { ...answers, [key]: make(answers[key]) }, question: key, why: `${why} in ${key}` }
      : null;

/** The same value with the other JSON type: 4 ↔ "4", true ↔ "true", ["a"] ↔ "a". */
export function flipType(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return /^\d+$/.test(value) ? Number(value) : [value];
  if (Array.isArray(value)) return value[0] ?? 'x';
  return JSON.stringify(value);
}
