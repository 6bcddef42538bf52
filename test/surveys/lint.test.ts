import { describe, expect, it } from 'vitest';
import { lintDefinition } from '../../surveys/lint.ts';
import { DEFAULT_TEMPLATES } from '../../surveys/templates/default-templates.ts';
import { GENERAL_DEFINITION } from './general-definition.ts';

/** What lint says, where: the problems' paths and English messages (their codes are checked on their own). */
const lintMessages = (definition: unknown) =>
  lintDefinition(definition).map(({ path, message }) => ({ path, message }));

function page(...elements: object[]): object {
  return { pages: [{ name: 'p', elements }] };
}

describe('lintDefinition', () => {
  it('accepts the default templates and a general definition', () => {
    for (const definition of [...Object.values(DEFAULT_TEMPLATES), GENERAL_DEFINITION])
      expect(lintMessages(definition)).toEqual([]);
  });

  it('accepts JSON text and reports malformed JSON', () => {
    expect(lintMessages(JSON.stringify(GENERAL_DEFINITION))).toEqual([]);
    expect(lintMessages('{"pages": [')).toEqual([{ path: '', message: expect.stringMatching(/^malformed JSON/) }]);
    expect(lintMessages('[]')).toEqual([{ path: '', message: 'a questionnaire definition must be a JSON object' }]);
  });

  it.each([
    [
      'an unknown question type',
      { type: 'bogus', name: 'q4' },
      'pages[0] (name "p").elements[1] (name "q4")',
      /unknown question type "bogus"/,
    ],
    [
      'an unsupported question type',
      { type: 'file', name: 'q4' },
      'pages[0] (name "p").elements[1] (name "q4")',
      /not supported/,
    ],
    [
      'an unknown property',
      { type: 'text', name: 'q4', frob: 1 },
      'pages[0] (name "p").elements[1] (name "q4").frob',
      /unknown property "frob"/,
    ],
    [
      'a duplicate name',
      { type: 'text', name: 'q1' },
      'pages[0] (name "p").elements[1] (name "q1")',
      /duplicate question name "q1"/,
    ],
    [
      'choicesByUrl',
      { type: 'dropdown', name: 'q4', choicesByUrl: { url: 'https://x' } },
      'pages[0] (name "p").elements[1] (name "q4").choicesByUrl',
      /choicesByUrl/,
    ],
    [
      'a scored question without points',
      { type: 'radiogroup', name: 'q4', pyScored: true, choices: ['a'] },
      'pages[0] (name "p").elements[1] (name "q4")',
      /choices\[0\] \(value "a"\) has no pyPoints/,
    ],
    [
      'a scored checkbox',
      { type: 'checkbox', name: 'q4', pyScored: true, choices: [{ value: 'a', pyPoints: 1 }] },
      'pages[0] (name "p").elements[1] (name "q4")',
      /cannot be scored/,
    ],
    [
      'an invalid expression',
      { type: 'text', name: 'q4', visibleIf: '{q1} = = 2' },
      'pages[0] (name "p").elements[1] (name "q4").visibleIf',
      /invalid expression/,
    ],
    [
      'a prototype name',
      { type: 'text', name: '__proto__' },
      'pages[0] (name "p").elements[1] (name "__proto__")',
      /cannot be used/,
    ],
    [
      'a bad localized text',
      { type: 'text', name: 'q4', title: { default: 1 } },
      'pages[0] (name "p").elements[1] (name "q4").title',
      /string/,
    ],
  ])('refuses %s at the exact element', (_what, element, path, message) => {
    expect(lintMessages(page({ type: 'text', name: 'q1' }, element))).toContainEqual({
      path,
      message: expect.stringMatching(message),
    });
  });

  it('finds problems inside panels, matrix columns and dynamic panels', () => {
    const issues = lintMessages(
      page({
        type: 'panel',
        name: 'box',
        elements: [
          {
            type: 'matrixdropdown',
            name: 'md',
            rows: [1],
            columns: [{ name: 'c', cellType: 'text', pyScored: true, wat: 1 }],
          },
          { type: 'paneldynamic', name: 'pd', templateElements: [{ type: 'text', name: 'x', valueName: 'y' }] },
        ],
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'pages[0] (name "p").elements[0] (name "box").elements[0] (name "md").columns[0] (name "c")',
      'pages[0] (name "p").elements[0] (name "box").elements[0] (name "md").columns[0] (name "c").wat',
      'pages[0] (name "p").elements[0] (name "box").elements[1] (name "pd").templateElements[0] (name "x").valueName',
    ]);
  });

  it('still lints each default template clean', () => {
    for (const [name, definition] of Object.entries(DEFAULT_TEMPLATES))
      expect([name, lintMessages(definition)]).toEqual([name, []]);
  });

  describe('prototype keys', () => {
    it.each([
      [
        'on a question',
        '{"pages":[{"name":"p","elements":[{"type":"text","name":"q1","__proto__":{"isRequired":true}}]}]}',
        'pages[0] (name "p").elements[0] (name "q1").__proto__',
      ],
      [
        'on the survey',
        '{"constructor":{"prototype":{}},"pages":[{"name":"p","elements":[{"type":"text","name":"q1"}]}]}',
        'constructor',
      ],
      [
        'on a choice',
        '{"pages":[{"name":"p","elements":[{"type":"radiogroup","name":"q1","choices":[{"value":"a","prototype":1}]}]}]}',
        'pages[0] (name "p").elements[0] (name "q1").choices[0].prototype',
      ],
      [
        'in a localized text',
        '{"pages":[{"name":"p","elements":[{"type":"text","name":"q1","title":{"__proto__":"x"}}]}]}',
        'pages[0] (name "p").elements[0] (name "q1").title.__proto__',
      ],
      [
        'in free JSON (defaultValue)',
        '{"pages":[{"name":"p","elements":[{"type":"text","name":"q1","defaultValue":[{"constructor":1}]}]}]}',
        'pages[0] (name "p").elements[0] (name "q1").defaultValue[0].constructor',
      ],
    ])('refuses one %s, at its path', (_where, text, path) => {
      const issues = lintMessages(text);
      expect(issues).toContainEqual({ path, message: expect.stringMatching(/cannot be used as a property name/) });
      expect(issues.filter((issue) => issue.path === path)).toHaveLength(1);
    });

    it('treats other Object.prototype members as unknown properties', () => {
      expect(lintMessages(page({ type: 'text', name: 'q1', toString: 1 }))).toEqual([
        {
          path: 'pages[0] (name "p").elements[0] (name "q1").toString',
          message: 'unknown property "toString" for text',
        },
      ]);
    });
  });

  describe('the old "questions" list', () => {
    it('refuses it at the top level, telling the office to wrap the questions in a page, and checks what is inside', () => {
      const issues = lintMessages({
        questions: [{ type: 'dropdown', name: 'q', choicesByUrl: { url: 'https://x' }, frob: 1 }],
      });
      expect(issues).toEqual([
        {
          path: 'questions',
          message: expect.stringMatching(/old "questions" list is not supported; wrap the questions in a page/),
        },
        {
          path: 'questions[0] (name "q").choicesByUrl',
          message: expect.stringMatching(/choicesByUrl is not supported/),
        },
        { path: 'questions[0] (name "q").frob', message: 'unknown property "frob" for dropdown' },
      ]);
    });

    it('refuses it on pages, panels and dynamic panels, where survey-core also reads it', () => {
      const issues = lintMessages({
        pages: [
          {
            name: 'p',
            questions: [
              { type: 'panel', name: 'box', questions: [{ type: 'text', name: 'a' }] },
              { type: 'paneldynamic', name: 'pd', questions: [{ type: 'text', name: 'b', valueName: 'x' }] },
            ],
          },
        ],
      });
      expect(issues).toEqual([
        { path: 'pages[0] (name "p").questions', message: expect.stringMatching(/rename it to "elements"/) },
        {
          path: 'pages[0] (name "p").questions[0] (name "box").questions',
          message: expect.stringMatching(/rename it to "elements"/),
        },
        {
          path: 'pages[0] (name "p").questions[1] (name "pd").questions',
          message: expect.stringMatching(/rename it to "templateElements"/),
        },
        {
          path: 'pages[0] (name "p").questions[1] (name "pd").questions[0] (name "b").valueName',
          message: expect.stringMatching(/valueName is not supported/),
        },
      ]);
    });
  });

  it.each([
    [
      'a null choice',
      { type: 'radiogroup', name: 'q4', choices: ['a', null] },
      'choices[1]',
      /must be a value .* not null/,
    ],
    ['an array choice', { type: 'checkbox', name: 'q4', choices: [[1, 2]] }, 'choices[0]', /not an array/],
    [
      'a choice whose value is an object',
      { type: 'dropdown', name: 'q4', choices: [{ value: { a: 1 }, text: 'A' }] },
      'choices[0].value',
      /not an object/,
    ],
    [
      'a choice whose value is null',
      { type: 'dropdown', name: 'q4', choices: [{ value: null, text: 'A' }] },
      'choices[0].value',
      /not null/,
    ],
    ['a null row', { type: 'matrix', name: 'q4', rows: [null], columns: ['a'] }, 'rows[0]', /not null/],
    ['a null matrix column', { type: 'matrix', name: 'q4', rows: ['r'], columns: [null] }, 'columns[0]', /not null/],
    ['a null rating value', { type: 'rating', name: 'q4', rateValues: [1, null] }, 'rateValues[1]', /not null/],
    [
      'a bare matrixdropdown column',
      { type: 'matrixdropdown', name: 'q4', rows: ['r'], columns: ['c'] },
      'columns[0]',
      /must be an object, not "c"/,
    ],
    [
      'a null matrixdropdown column',
      { type: 'matrixdropdown', name: 'q4', rows: ['r'], columns: [null] },
      'columns[0]',
      /must be an object, not null/,
    ],
    [
      'a null choice in a matrix column',
      { type: 'matrixdropdown', name: 'q4', rows: ['r'], columns: [{ name: 'c', choices: [null] }] },
      'columns[0] (name "c").choices[0]',
      /not null/,
    ],
  ])('refuses %s, which survey-core would mis-load', (_what, element, tail, message) => {
    const path = `pages[0] (name "p").elements[1] (name "q4").${tail}`;
    expect(lintMessages(page({ type: 'text', name: 'q1' }, element))).toContainEqual({
      path,
      message: expect.stringMatching(message),
    });
  });

  it('accepts bare strings, numbers and booleans as choices', () => {
    expect(
      lintMessages(page({ type: 'radiogroup', name: 'q1', choices: ['a', 2, true, { value: false, text: 'no' }] })),
    ).toEqual([]);
  });

  it.each([
    [
      'pyScored "yes"',
      { type: 'radiogroup', name: 'q4', pyScored: 'yes', choices: [{ value: 'a', pyPoints: 1 }] },
      'pyScored',
      'pyScored must be true or false, not "yes"',
    ],
    [
      'pyItem empty',
      { type: 'radiogroup', name: 'q4', pyScored: true, pyItem: ' ', choices: [{ value: 'a', pyPoints: 1 }] },
      'pyItem',
      'pyItem must be a non-empty text, not " "',
    ],
    [
      'pyItem a number',
      { type: 'radiogroup', name: 'q4', pyScored: true, pyItem: 3, choices: [{ value: 'a', pyPoints: 1 }] },
      'pyItem',
      'pyItem must be a non-empty text, not 3',
    ],
    [
      'pyPoints a string',
      { type: 'radiogroup', name: 'q4', choices: [{ value: 'a', pyPoints: '100' }] },
      'choices[0].pyPoints',
      'pyPoints must be a number, not "100"',
    ],
    [
      'pyPoints null',
      { type: 'rating', name: 'q4', rateValues: [{ value: 1, pyPoints: null }] },
      'rateValues[0].pyPoints',
      'pyPoints must be a number, not null',
    ],
    [
      'pyNotCounted "true"',
      { type: 'radiogroup', name: 'q4', choices: [{ value: 'a', pyNotCounted: 'true' }] },
      'choices[0].pyNotCounted',
      'pyNotCounted must be true or false, not "true"',
    ],
    [
      'pyUnitRows 1',
      { type: 'matrix', name: 'q4', pyUnitRows: 1, columns: ['a'] },
      'pyUnitRows',
      'pyUnitRows must be true or false, not 1',
    ],
    [
      'a column\'s pyScored "true"',
      {
        type: 'matrixdropdown',
        name: 'q4',
        rows: ['r'],
        columns: [{ name: 'c', pyScored: 'true', choices: [{ value: 'a', pyPoints: 1 }] }],
      },
      'columns[0] (name "c").pyScored',
      'pyScored must be true or false, not "true"',
    ],
  ])('refuses %s, which would silently not score', (_what, element, tail, message) => {
    const path = `pages[0] (name "p").elements[1] (name "q4").${tail}`;
    expect(lintMessages(page({ type: 'text', name: 'q1' }, element))).toContainEqual({ path, message });
  });

  it('refuses NaN and Infinity points passed as parsed values', () => {
    const issues = lintMessages(
      page({
        type: 'radiogroup',
        name: 'q1',
        pyScored: true,
        choices: [
          { value: 'a', pyPoints: Number.NaN },
          { value: 'b', pyPoints: Infinity },
        ],
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          path: 'pages[0] (name "p").elements[0] (name "q1").choices[0].pyPoints',
          message: 'pyPoints must be a number, not NaN',
        },
        {
          path: 'pages[0] (name "p").elements[0] (name "q1").choices[1].pyPoints',
          message: 'pyPoints must be a number, not Infinity',
        },
      ]),
    );
  });

  it('refuses triggers, which change answers only in the browser', () => {
    expect(
      lintMessages({
        ...page({ type: 'text', name: 'q1' }),
        triggers: [{ type: 'complete', expression: '{q1} = 1' }],
      }),
    ).toEqual([{ path: 'triggers', message: expect.stringMatching(/triggers is not supported/) }]);
  });
});

describe('lint codes', () => {
  const codesOf = (definition: unknown) => lintDefinition(definition).map(({ code, params }) => ({ code, params }));

  it('names each problem with a stable code and what a message in another language needs', () => {
    expect(codesOf('{"pages": [')).toEqual([{ code: 'malformed_json', params: {} }]);
    expect(codesOf(page({ type: 'text', name: 'q1', frob: 1 }))).toEqual([
      { code: 'unknown_property', params: { key: 'frob', className: 'text' } },
    ]);
    expect(codesOf(page({ type: 'dropdown', name: 'q1', choicesByUrl: { url: 'https://x' } }))).toEqual([
      { code: 'unsupported_property', params: { key: 'choicesByUrl', reason: 'choices_by_url' } },
    ]);
    expect(codesOf(page({ type: 'text', name: 'q1' }, { type: 'text', name: 'q1' }))).toEqual([
      { code: 'duplicate_question_name', params: { name: 'q1' } },
    ]);
    expect(
      codesOf(page({ type: 'radiogroup', name: 'q1', pyScored: true, choices: [{ value: 'a', pyPoints: 1 }, 'b'] })),
    ).toEqual([{ code: 'points_missing', params: { list: 'choices', index: 1, value: '"b"' } }]);
  });
});
