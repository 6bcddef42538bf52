import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import '../../surveys/properties.ts';
import { prepareQuestionnaire, QuestionnaireDefinitionError } from '../../surveys/prepare.ts';

/** Each case: survey-core on its own lets the ballot through; Pingyi's validate() does not. */
const DEFINITION = {
  elements: [
    { type: 'rating', name: 'r', isRequired: true },
    { type: 'radiogroup', name: 'g', choices: ['a', 'b'] },
    { type: 'text', name: 't', maxLength: 5 },
    { type: 'comment', name: 'c' },
    { type: 'expression', name: 'e', expression: '{r} * 2' },
    { type: 'text', name: 'h', visibleIf: "{g} = 'a'" },
    { type: 'matrix', name: 'm', columns: [1, 2], rows: ['x'] },
    { type: 'checkbox', name: 'cb', choices: ['a', 'b'], showNoneItem: true },
  ],
};

function surveyCoreAccepts(answers: Record<string, unknown>): boolean {
  const model = new Model(DEFINITION);
  model.data = answers;
  return !model.hasErrors(false, false) && model.validate(false);
}

const prepared = prepareQuestionnaire(DEFINITION);

describe.each([
  { gap: 'a string where the rating stores a number', answers: { r: '4' }, code: 'wrong_type', question: 'r' },
  { gap: 'text longer than maxLength', answers: { r: 4, t: 'abcdefghij' }, code: 'too_long', question: 't' },
  { gap: 'text with no cap at all', answers: { r: 4, c: 'x'.repeat(100_000) }, code: 'too_long', question: 'c' },
  { gap: 'an unknown key', answers: { r: 4, foo: 1 }, code: 'unknown_key', question: 'foo' },
  { gap: 'a matrix cell that is not a column', answers: { r: 4, m: { x: 3 } }, code: 'not_allowed', question: 'm' },
  { gap: 'a matrix row that does not exist', answers: { r: 4, m: { y: 1 } }, code: 'unknown_key', question: 'm' },
  {
    gap: '"None" ticked together with another choice',
    answers: { r: 4, cb: ['none', 'a'] },
    code: 'not_allowed',
    question: 'cb',
  },
])('survey-core gap: $gap', ({ answers, code, question }) => {
  it('passes survey-core validate()', () => expect(surveyCoreAccepts(answers)).toBe(true));
  it('is refused by Pingyi with a message naming the question', () => {
    const result = prepared.validate(answers);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toContainEqual({
      question,
      code,
      message: expect.stringContaining(`"${question}"`),
    });
  });
});

describe('answers survey-core keeps until the survey completes', () => {
  it('drops an answer to a hidden question and recomputes expressions', () => {
    expect(prepared.validate({ r: 4, g: 'b', h: 'hidden', e: 999 })).toEqual({
      ok: true,
      answers: { r: 4, g: 'b', e: 8 },
      ratings: [],
    });
  });
});

describe('definitions the server cannot check', () => {
  it('refuses choicesByUrl instead of fetching it', () => {
    const definition = {
      elements: [{ type: 'dropdown', name: 'd', choicesByUrl: { url: 'https://example.org/choices' } }],
    };
    expect(() => prepareQuestionnaire(definition)).toThrow(QuestionnaireDefinitionError);
    expect(() => prepareQuestionnaire(definition)).toThrow(/choicesByUrl/);
  });
});
