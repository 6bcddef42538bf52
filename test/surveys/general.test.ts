import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareQuestionnaire } from '../../surveys/prepare.ts';
import { GENERAL_DEFINITION, GENERAL_REQUIRED, generalAnswers } from './general-definition.ts';
import { expectAccepted, expectRefused, flipType, missing, replace, unknownKey } from './mutations.ts';
import type { Answers, Mutation } from './mutations.ts';

const prepared = prepareQuestionnaire(GENERAL_DEFINITION);
const KNOWN = ['role', 'companyName', 'score', 'grid', 'md', 'visits', 'topics', 'double', 'age', 'total'];

const cellMutation =
  (why: string, change: (md: Record<string, Record<string, unknown>>) => unknown): Mutation =>
  (answers) => {
    const md = structuredClone(answers['md']) as Record<string, Record<string, unknown>>;
    return { answers: { ...answers, md: change(md) }, question: 'md', why };
  };

const mutations: fc.Arbitrary<Mutation> = fc.oneof(
  unknownKey(KNOWN),
  missing(GENERAL_REQUIRED),
  fc.constantFrom<Mutation>(
    replace('score', 'wrong type', flipType),
    replace('score', 'out of range', () => 11),
    replace('role', 'not a choice', () => 'alien'),
    replace('grid', 'unknown row', (grid) => ({ ...(grid as object), nope: 1 })),
    replace('grid', 'column as string', (grid) => ({ ...(grid as object), speed: '1' })),
    replace('grid', 'missing row', () => ({ speed: 1 })),
    replace('topics', 'too many', () => ['a', 'b', 'c']),
    replace('topics', 'duplicate', () => ['a', 'a']),
    replace('topics', 'not an array', () => 'a'),
    replace('visits', 'too many panels', (v) => [
      ...(v as unknown[]),
      ...(v as unknown[]),
      ...(v as unknown[]),
      ...(v as unknown[]),
    ]),
    replace('visits', 'panel missing place', () => [{ kind: 'home' }]),
    replace('visits', 'panel with unknown key', () => [{ place: 'x', kind: 'home', extra: 1 }]),
    replace('age', 'number as string', () => '30'),
    replace('age', 'too young', () => 3),
    cellMutation('cell not a choice', (md) => ({ ...md, r1: { ...md['r1'], level: 'medium' } })),
    cellMutation('cell required missing', (md) => ({ ...md, r2: { note: 'x' } })),
    cellMutation('cell too long', (md) => ({ ...md, r1: { ...md['r1'], note: 'x'.repeat(21) } })),
    cellMutation('boolean as string', (md) => ({ ...md, r1: { ...md['r1'], ok: 'true' } })),
    cellMutation('unknown column', (md) => ({ ...md, r1: { ...md['r1'], bogus: 1 } })),
  ),
);

describe('general SurveyJS definition', () => {
  it('accepts every valid answer set', () => {
    fc.assert(fc.property(generalAnswers, (answers) => void expectAccepted(prepared, answers)));
  });

  it('refuses every mutated answer set, naming the question', () => {
    fc.assert(
      fc.property(generalAnswers, mutations, (answers, mutate) => {
        const mutant = mutate(answers);
        if (mutant) expectRefused(prepared, mutant);
      }),
    );
  });

  it('drops answers to hidden questions instead of refusing them', () => {
    fc.assert(
      fc.property(generalAnswers, fc.string({ maxLength: 10 }), (answers, why) => {
        const citizen: Answers = { ...answers, role: 'citizen', companyName: 'hidden' };
        const visits = [{ place: 'home', kind: 'home', why: `hidden${why}` }];
        const kept = expectAccepted(prepared, { ...citizen, visits });
        expect(kept).not.toHaveProperty('companyName');
        expect(kept['visits']).toEqual([{ place: 'home', kind: 'home' }]);
      }),
    );
  });

  it('recomputes expressions and calculated values instead of trusting the client', () => {
    fc.assert(
      fc.property(generalAnswers, fc.integer(), (answers, forged) => {
        const kept = expectAccepted(prepared, { ...answers, double: forged, total: forged });
        expect(kept['double']).toBe((answers['score'] as number) * 2);
        expect(kept['total']).toBe((answers['score'] as number) + 1);
      }),
    );
  });

  it('refuses a prototype key sent as JSON', () => {
    const answers = JSON.parse(
      '{"role":"citizen","score":1,"grid":{"speed":1,"clarity":2},"md":{"r1":{"level":"low"},"r2":{"level":"high"}},"__proto__":{"x":1}}',
    ) as Answers;
    expect(prepared.validate(answers)).toMatchObject({
      ok: false,
      errors: [{ question: '__proto__', code: 'unknown_key' }],
    });
  });

  it('refuses answers that are not an object', () => {
    for (const answers of [null, [], 'x', 3])
      expect(prepared.validate(answers)).toMatchObject({ ok: false, errors: [{ code: 'not_an_object' }] });
  });
});
