import { describe, expect, it } from 'vitest';
import { prepareQuestionnaire } from '../../surveys/prepare.ts';

function page(...elements: object[]): object {
  return { pages: [{ name: 'p', elements }] };
}

function codes(definition: object, answers: Record<string, unknown>): string[] {
  const result = prepareQuestionnaire(definition).validate(answers);
  return result.ok ? [] : result.errors.map((error) => `${error.question}:${error.code}`);
}

describe('conditions the server evaluates like the browser', () => {
  const gate = { type: 'boolean', name: 'gate' };

  it('requiredIf makes an answer required only while it holds', () => {
    const definition = page(gate, { type: 'text', name: 'why', requiredIf: '{gate} = true' });
    expect(codes(definition, { gate: true })).toEqual(['why:required']);
    expect(codes(definition, { gate: false })).toEqual([]);
  });

  it('a disabled question is not required', () => {
    const definition = page(gate, { type: 'text', name: 'why', isRequired: true, enableIf: '{gate} = true' });
    expect(codes(definition, { gate: false })).toEqual([]);
    expect(codes(definition, { gate: true })).toEqual(['why:required']);
  });

  it('a choice hidden by its visibleIf is not allowed', () => {
    const definition = page(gate, {
      type: 'radiogroup',
      name: 'pick',
      choices: ['a', { value: 'b', visibleIf: '{gate} = true' }],
    });
    expect(codes(definition, { gate: false, pick: 'b' })).toEqual(['pick:not_allowed']);
    expect(codes(definition, { gate: true, pick: 'b' })).toEqual([]);
  });

  it('hidden matrix rows are dropped and not required', () => {
    const definition = page(gate, {
      type: 'matrix',
      name: 'm',
      eachRowRequired: true,
      columns: [1, 2],
      rows: ['x', { value: 'y', visibleIf: '{gate} = true' }],
    });
    expect(prepareQuestionnaire(definition).validate({ gate: false, m: { x: 1, y: 2 } })).toMatchObject({
      ok: true,
      answers: { m: { x: 1 } },
    });
    expect(codes(definition, { gate: true, m: { x: 1 } })).toEqual(['m:required']);
  });

  it('a chain of hidden questions settles: hiding q1 hides q2', () => {
    const definition = page(
      gate,
      { type: 'text', name: 'q1', visibleIf: '{gate} = true' },
      { type: 'text', name: 'q2', visibleIf: "{q1} = 'x'" },
    );
    expect(prepareQuestionnaire(definition).validate({ gate: false, q1: 'x', q2: 'y' })).toMatchObject({
      ok: true,
      answers: { gate: false },
    });
  });

  it('matrixdynamic and multipletext check their rows and items', () => {
    const definition = page(
      {
        type: 'matrixdynamic',
        name: 'md',
        minRowCount: 1,
        maxRowCount: 2,
        columns: [{ name: 'n', cellType: 'text', inputType: 'number' }],
      },
      {
        type: 'multipletext',
        name: 'mt',
        items: [
          { name: 'a', isRequired: true },
          { name: 'b', inputType: 'number' },
        ],
      },
    );
    expect(codes(definition, { md: [{ n: 1 }, { n: 2 }, { n: 3 }], mt: { a: 'x' } })).toEqual(['md:too_many']);
    expect(codes(definition, { md: [{ n: '1' }], mt: { b: '2' } })).toEqual([
      'md:wrong_type',
      'mt:required',
      'mt:wrong_type',
    ]);
  });

  it('the "Other" text is required when Other is chosen and dropped otherwise', () => {
    const definition = page({ type: 'dropdown', name: 'd', choices: ['a'], showOtherItem: true });
    expect(codes(definition, { d: 'other' })).toEqual(['d-Comment:required']);
    expect(prepareQuestionnaire(definition).validate({ d: 'a', 'd-Comment': 'x' })).toMatchObject({
      ok: true,
      answers: { d: 'a' },
    });
    expect(codes(definition, { d: 'other', 'd-Comment': 'mine' })).toEqual([]);
  });
});
