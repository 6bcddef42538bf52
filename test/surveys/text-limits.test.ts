import { Model, type Question, type QuestionMatrixDropdownModelBase } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { prepareQuestionnaire } from '../../surveys/prepare.ts';
import { DEFAULT_TEMPLATES } from '../../surveys/templates/default-templates.ts';
import { GENERAL_DEFINITION } from './general-definition.ts';

type Answers = Record<string, unknown>;

function page(...elements: object[]): object {
  return { pages: [{ name: 'p', elements }] };
}

/** Every text box of one kind the page shows, with the cap survey-core enforces on it in the browser. */
interface TextBox {
  readonly field: string;
  /** What survey-core in the browser enforces (its maxlength attribute and counter); null is no cap. */
  readonly browserCap: (model: Model) => number | null;
  /** A ballot that puts `text` into this box and nothing else the box needs. */
  readonly answers: (text: string) => Answers;
}

/** survey-core's own cap of a text question (its typings say `any`). */
const capOf = (q: Question | undefined): number | null =>
  q ? ((q as unknown as { getMaxLength(): number | null }).getMaxLength() ?? null) : null;
const question = (model: Model, name: string) => model.getQuestionByName(name);
const cell = (model: Model, matrix: string, column: string) => {
  const row = (question(model, matrix) as QuestionMatrixDropdownModelBase).visibleRows[0];
  return capOf(row?.cells.find((c) => c.column.name === column)?.question);
};
const ownCap = (name: string) => (model: Model) => capOf(question(model, name));
const commentCap = (name: string) => (model: Model) => question(model, name).getOthersMaxLength() as number | null;

/** No maxLength anywhere: the server's own caps must reach the page. */
const NO_CAPS = page(
  { type: 'text', name: 'name' },
  { type: 'text', name: 'mail', inputType: 'email' },
  { type: 'text', name: 'unlimited', maxLength: 0 },
  { type: 'text', name: 'own', maxLength: 30 },
  { type: 'comment', name: 'story' },
  { type: 'rating', name: 'quality', showCommentArea: true },
  { type: 'radiogroup', name: 'how', choices: ['a'], showOtherItem: true },
  {
    type: 'multipletext',
    name: 'contact',
    items: [{ name: 'who' }, { name: 'tel', inputType: 'tel', maxLength: 20 }],
  },
  {
    type: 'matrixdropdown',
    name: 'md',
    rows: ['r'],
    columns: [
      { name: 'note', cellType: 'text' },
      { name: 'long', cellType: 'comment' },
    ],
  },
  { type: 'matrixdynamic', name: 'mdy', cellType: 'text', rowCount: 1, columns: [{ name: 'inherited' }] },
  { type: 'paneldynamic', name: 'pd', panelCount: 1, templateElements: [{ type: 'text', name: 'where' }] },
);

const NO_CAPS_BOXES: ReadonlyArray<TextBox & { cap: number }> = [
  { field: 'text', cap: 500, browserCap: ownCap('name'), answers: (text) => ({ name: text }) },
  { field: 'email text', cap: 500, browserCap: ownCap('mail'), answers: (text) => ({ mail: `${text.slice(5)}@x.cn` }) },
  {
    field: 'text with maxLength 0',
    cap: 500,
    browserCap: ownCap('unlimited'),
    answers: (text) => ({ unlimited: text }),
  },
  { field: 'text with its own cap', cap: 30, browserCap: ownCap('own'), answers: (text) => ({ own: text }) },
  { field: 'long text (comment)', cap: 2000, browserCap: ownCap('story'), answers: (text) => ({ story: text }) },
  {
    field: 'comment area',
    cap: 500,
    browserCap: commentCap('quality'),
    answers: (text) => ({ 'quality-Comment': text }),
  },
  {
    field: '"Other" text',
    cap: 500,
    browserCap: commentCap('how'),
    answers: (text) => ({ how: 'other', 'how-Comment': text }),
  },
  {
    field: 'multiple-text item',
    cap: 500,
    browserCap: (model) => capOf((question(model, 'contact') as unknown as { items: Question[] }).items[0]),
    answers: (text) => ({ contact: { who: text } }),
  },
  {
    field: 'matrix text cell',
    cap: 500,
    browserCap: (model) => cell(model, 'md', 'note'),
    answers: (text) => ({ md: { r: { note: text } } }),
  },
  {
    field: 'matrix long-text cell',
    cap: 2000,
    browserCap: (model) => cell(model, 'md', 'long'),
    answers: (text) => ({ md: { r: { long: text } } }),
  },
  {
    field: 'cell typed by the matrix',
    cap: 500,
    browserCap: (model) => cell(model, 'mdy', 'inherited'),
    answers: (text) => ({ mdy: [{ inherited: text }] }),
  },
  {
    field: 'text in a dynamic panel',
    cap: 500,
    browserCap: (model) => {
      const panel = (question(model, 'pd') as unknown as { panels: Array<{ getQuestionByName(n: string): Question }> })
        .panels[0];
      return capOf(panel?.getQuestionByName('where'));
    },
    answers: (text) => ({ pd: [{ where: text }] }),
  },
];

function expectSameCap(definition: object, box: TextBox, cap: number): void {
  const prepared = prepareQuestionnaire(definition);
  // The page builds its model from exactly what the server serves.
  expect(box.browserCap(new Model(prepared.definition)), `${box.field}: the page's cap`).toBe(cap);
  const full = prepared.validate(box.answers('字'.repeat(cap)));
  expect(full.ok, `${box.field}: ${cap} characters are accepted`).toBe(true);
  const over = prepared.validate(box.answers('字'.repeat(cap + 1)));
  expect(over.ok ? [] : over.errors.map((e) => e.code), `${box.field}: ${cap + 1} are refused`).toEqual(['too_long']);
}

describe('the page enforces the same text caps as the server', () => {
  it.each(NO_CAPS_BOXES)('$field without maxLength: the served definition carries the cap ($cap)', (box) =>
    expectSameCap(NO_CAPS, box, box.cap),
  );

  it('the survey-wide caps (maxTextLength, maxCommentLength) stay the ones both sides use', () => {
    const capped = { maxTextLength: 80, maxCommentLength: 40, ...NO_CAPS };
    const expected: Record<string, number> = {
      'text with its own cap': 30,
      'comment area': 40,
      '"Other" text': 40,
    };
    for (const box of NO_CAPS_BOXES) expectSameCap(capped, box, expected[box.field] ?? 80);
    // The old name survey-core still reads.
    expectSameCap({ maxOthersLength: 40, ...NO_CAPS }, NO_CAPS_BOXES[5]!, 40);
  });

  it('the stored definition is not changed, only the served copy', () => {
    const definition = structuredClone(NO_CAPS);
    prepareQuestionnaire(definition);
    expect(definition).toEqual(NO_CAPS);
  });

  it.each([...Object.entries(DEFAULT_TEMPLATES), ['general', GENERAL_DEFINITION] as const])(
    'every text box of the %s questionnaire has a cap on the page',
    (_name, definition) => {
      const units = [{ id: 7, name: '市发改委' }];
      const model = new Model(prepareQuestionnaire(definition, { units, targetUnitId: 7 }).definition);
      const uncapped = model
        .getAllQuestions(false, false, true)
        .filter(
          (q) =>
            ['text', 'comment'].includes(q.getType()) &&
            (q as unknown as { isTextInput?: boolean }).isTextInput !== false,
        )
        .filter((q) => !((capOf(q) ?? 0) > 0))
        .map((q) => q.name);
      expect(uncapped).toEqual([]);
      expect(model.maxCommentLength).toBeGreaterThan(0);
    },
  );
});
