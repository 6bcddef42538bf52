import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareQuestionnaire } from '../../surveys/prepare.ts';
import { DEFAULT_TEMPLATES } from '../../surveys/templates/default-templates.ts';
import { expectAccepted, expectRefused, flipType, missing, replace, unknownKey } from './mutations.ts';
import type { Answers, Mutation } from './mutations.ts';

const HABITS = ['yong', 'lan', 'san', 'tuo', 'tui', 'yong2', 'fu', 'xu', 'si', 'jiang'];
const text = (max: number) => fc.string({ minLength: 1, maxLength: max });

const recipientAnswers: fc.Arbitrary<Answers> = fc
  .record(
    {
      attitude: fc.integer({ min: 1, max: 5 }),
      efficiency: fc.integer({ min: 1, max: 5 }),
      serviceRules: fc.constantFrom('all', 'some', 'none', 'unknown'),
      overall: fc.constantFrom(5, 4, 3, 2, 1, 'unknown'),
      badHabits: fc.oneof(fc.subarray(HABITS, { minLength: 1 }), fc.constant(['none'])),
      comment: text(500),
      problem: fc.record(
        { problemDescription: text(1000), problemContact: fc.stringMatching(/^[0-9+\- ]{5,20}$/) },
        { requiredKeys: ['problemDescription'] },
      ),
    },
    { requiredKeys: ['attitude', 'efficiency', 'serviceRules', 'overall'] },
  )
  .map(({ problem, ...answers }) => (problem ? { ...answers, reportProblem: true, ...problem } : answers));

describe('recipient template (property-based)', () => {
  const prepared = prepareQuestionnaire(DEFAULT_TEMPLATES.recipient, { targetUnitId: 42 });
  const mutations: fc.Arbitrary<Mutation> = fc.oneof(
    unknownKey([
      'attitude',
      'efficiency',
      'serviceRules',
      'overall',
      'badHabits',
      'comment',
      'reportProblem',
      'problemDescription',
      'problemContact',
    ]),
    missing(['attitude', 'efficiency', 'serviceRules', 'overall']),
    fc.constantFrom<Mutation>(
      replace('attitude', 'wrong type', flipType),
      replace('efficiency', 'six stars', () => 6),
      replace('overall', 'wrong type', flipType),
      replace('overall', 'not a level', () => 0),
      replace('serviceRules', 'not a choice', () => 'maybe'),
      replace('badHabits', 'none with others', () => ['none', 'tuo']),
      replace('badHabits', 'not a habit', () => ['lazy']),
      replace('comment', 'too long', () => '长'.repeat(501)),
      replace('comment', 'not a string', () => 12),
      replace('problemDescription', 'too long', () => 'x'.repeat(1001)),
      replace('problemContact', 'not a phone', () => 'call me'),
      (answers) => ({
        answers: { ...answers, reportProblem: true, problemDescription: '' },
        question: 'problemDescription',
        why: 'problem missing',
      }),
    ),
  );

  it('accepts every valid ballot and rates only the target unit', () => {
    fc.assert(
      fc.property(recipientAnswers, (answers) => {
        const result = prepared.validate(answers);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        for (const rating of result.ratings) expect(rating.unitId).toBe(42);
        expect(result.ratings.some((r) => r.item === 'overall')).toBe(answers['overall'] !== 'unknown');
      }),
    );
  });

  it('refuses every mutated ballot, naming the question', () => {
    fc.assert(
      fc.property(recipientAnswers, mutations, (answers, mutate) => {
        const mutant = mutate(answers);
        if (mutant) expectRefused(prepared, mutant);
      }),
    );
  });

  it('drops the problem report when the respondent did not ask to report one', () => {
    fc.assert(
      fc.property(recipientAnswers, text(50), (answers, description) => {
        const kept = expectAccepted(prepared, { ...answers, reportProblem: false, problemDescription: description });
        expect(kept).not.toHaveProperty('problemDescription');
      }),
    );
  });
});

const GRADES = ['A', 'B', 'C', 'D', 'unknown'];
const units = Array.from({ length: 30 }, (_, i) => ({ id: 100 + i, name: `单位${i}` }));

function unitAnswers(items: readonly string[], ids: readonly number[]): fc.Arbitrary<Answers> {
  const row = fc.record(Object.fromEntries(items.map((item) => [item, fc.constantFrom(...GRADES)])));
  return fc.record(
    { units: fc.record(Object.fromEntries(ids.map((id) => [String(id), row]))), comment: text(1000) },
    { requiredKeys: ['units'] },
  );
}

function cellMutations(items: readonly string[], ids: readonly number[], outsider: number): fc.Arbitrary<Mutation> {
  const at = fc.tuple(fc.constantFrom(...ids), fc.constantFrom(...items));
  const change = (why: string, edit: (row: Record<string, unknown>, item: string) => void) =>
    at.map(([id, item]): Mutation => (answers) => {
      const grid = structuredClone(answers['units']) as Record<string, Record<string, unknown>>;
      edit(grid[String(id)] ?? {}, item);
      return { answers: { ...answers, units: grid }, question: 'units', why: `${why} at ${id}/${item}` };
    });
  return fc.oneof(
    change('grade as number', (row, item) => void (row[item] = 1)),
    change('grade not offered', (row, item) => void (row[item] = 'E')),
    change('grade missing', (row, item) => void delete row[item]),
    change('unknown column', (row) => void (row['bribe'] = 'A')),
    fc.constant<Mutation>((answers) => ({
      answers: {
        ...answers,
        units: { ...(answers['units'] as object), [String(outsider)]: Object.fromEntries(items.map((i) => [i, 'A'])) },
      },
      question: 'units',
      why: 'rates a unit out of scope',
    })),
    fc.constant<Mutation>((answers) => ({
      answers: { ...answers, units: [answers['units']] },
      question: 'units',
      why: 'array instead of object',
    })),
  );
}

describe.each([
  { type: 'superior' as const, items: ['responsibility', 'promptness', 'delivery', 'overall'], exclude: undefined },
  { type: 'peer' as const, items: ['cooperation', 'bigPicture'], exclude: 105 },
])('$type template with 30 units (property-based)', ({ type, items, exclude }) => {
  const prepared = prepareQuestionnaire(DEFAULT_TEMPLATES[type], { units, excludeUnitId: exclude });
  const ids = units.map((unit) => unit.id).filter((id) => id !== exclude);
  const answers = unitAnswers(items, ids);

  it('accepts every complete grid and rates each unit from its row', () => {
    fc.assert(
      fc.property(answers, (ballot) => {
        const result = prepared.validate(ballot);
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const grid = ballot['units'] as Record<string, Record<string, string>>;
        const counted = Object.values(grid)
          .flatMap((row) => Object.values(row))
          .filter((grade) => grade !== 'unknown');
        expect(result.ratings).toHaveLength(counted.length);
        for (const rating of result.ratings) expect(grid[String(rating.unitId)]?.[rating.item]).not.toBe('unknown');
      }),
      { numRuns: 50 },
    );
  });

  it('refuses every mutated grid, naming the matrix', () => {
    const mutations = fc.oneof(
      cellMutations(items, ids, exclude ?? 999),
      unknownKey(['units', 'comment']),
      missing(['units']),
    );
    fc.assert(
      fc.property(answers, mutations, (ballot, mutate) => {
        const mutant = mutate(ballot);
        if (mutant) expectRefused(prepared, mutant);
      }),
      { numRuns: 50 },
    );
  });
});
