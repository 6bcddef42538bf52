import { describe, expect, it } from 'vitest';
import { lintDefinition } from '../../surveys/lint.ts';
import { DEFAULT_TEMPLATES } from '../../surveys/templates/default-templates.ts';
import { GENERAL_DEFINITION } from './general-definition.ts';

function page(...elements: object[]): object {
  return { pages: [{ name: 'p', elements }] };
}

describe('lintDefinition', () => {
  it('accepts the default templates and a general definition', () => {
    for (const definition of [...Object.values(DEFAULT_TEMPLATES), GENERAL_DEFINITION]) expect(lintDefinition(definition)).toEqual([]);
  });

  it('accepts JSON text and reports malformed JSON', () => {
    expect(lintDefinition(JSON.stringify(GENERAL_DEFINITION))).toEqual([]);
    expect(lintDefinition('{"pages": [')).toEqual([{ path: '', message: expect.stringMatching(/^malformed JSON/) }]);
    expect(lintDefinition('[]')).toEqual([{ path: '', message: 'a questionnaire definition must be a JSON object' }]);
  });

  it.each([
    ['an unknown question type', { type: 'bogus', name: 'q4' }, 'pages[0] (name "p").elements[1] (name "q4")', /unknown question type "bogus"/],
    ['an unsupported question type', { type: 'file', name: 'q4' }, 'pages[0] (name "p").elements[1] (name "q4")', /not supported/],
    ['an unknown property', { type: 'text', name: 'q4', frob: 1 }, 'pages[0] (name "p").elements[1] (name "q4").frob', /unknown property "frob"/],
    ['a duplicate name', { type: 'text', name: 'q1' }, 'pages[0] (name "p").elements[1] (name "q1")', /duplicate question name "q1"/],
    ['choicesByUrl', { type: 'dropdown', name: 'q4', choicesByUrl: { url: 'https://x' } }, 'pages[0] (name "p").elements[1] (name "q4").choicesByUrl', /choicesByUrl/],
    ['a scored question without points', { type: 'radiogroup', name: 'q4', pyScored: true, choices: ['a'] }, 'pages[0] (name "p").elements[1] (name "q4")', /choices\[0\] \(value "a"\) has no pyPoints/],
    ['a scored checkbox', { type: 'checkbox', name: 'q4', pyScored: true, choices: [{ value: 'a', pyPoints: 1 }] }, 'pages[0] (name "p").elements[1] (name "q4")', /cannot be scored/],
    ['an invalid expression', { type: 'text', name: 'q4', visibleIf: '{q1} = = 2' }, 'pages[0] (name "p").elements[1] (name "q4").visibleIf', /invalid expression/],
    ['a prototype name', { type: 'text', name: '__proto__' }, 'pages[0] (name "p").elements[1] (name "__proto__")', /cannot be used/],
    ['a bad localized text', { type: 'text', name: 'q4', title: { default: 1 } }, 'pages[0] (name "p").elements[1] (name "q4").title', /string/],
  ])('refuses %s at the exact element', (_what, element, path, message) => {
    expect(lintDefinition(page({ type: 'text', name: 'q1' }, element))).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it('finds problems inside panels, matrix columns and dynamic panels', () => {
    const issues = lintDefinition(page({
      type: 'panel', name: 'box', elements: [
        { type: 'matrixdropdown', name: 'md', rows: [1], columns: [{ name: 'c', cellType: 'text', pyScored: true, wat: 1 }] },
        { type: 'paneldynamic', name: 'pd', templateElements: [{ type: 'text', name: 'x', valueName: 'y' }] },
      ],
    }));
    expect(issues.map((issue) => issue.path)).toEqual([
      'pages[0] (name "p").elements[0] (name "box").elements[0] (name "md").columns[0] (name "c")',
      'pages[0] (name "p").elements[0] (name "box").elements[0] (name "md").columns[0] (name "c").wat',
      'pages[0] (name "p").elements[0] (name "box").elements[1] (name "pd").templateElements[0] (name "x").valueName',
    ]);
  });

  it('refuses triggers, which change answers only in the browser', () => {
    expect(lintDefinition({ ...page({ type: 'text', name: 'q1' }), triggers: [{ type: 'complete', expression: '{q1} = 1' }] }))
      .toEqual([{ path: 'triggers', message: expect.stringMatching(/triggers is not supported/) }]);
  });
});
