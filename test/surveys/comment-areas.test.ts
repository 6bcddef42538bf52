import { Model, settings, type Question } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { lintDefinition } from '../../surveys/lint.ts';
import { prepareQuestionnaire } from '../../surveys/prepare.ts';

/** What lint says, where: the problems' paths and English messages (their codes are checked on their own). */
const lintMessages = (definition: unknown) =>
  lintDefinition(definition).map(({ path, message }) => ({ path, message }));

function page(...elements: object[]): object {
  return { pages: [{ name: 'p', elements }] };
}

function codes(definition: object, answers: Record<string, unknown>): string[] {
  const result = prepareQuestionnaire(definition).validate(answers);
  return result.ok ? [] : result.errors.map((error) => `${error.question}:${error.code}`);
}

/** One question of each type that survey-core gives a comment area, with an answer to go with it. */
const WITH_COMMENT_AREA: ReadonlyArray<[string, object, unknown]> = [
  ['rating', { type: 'rating', name: 'quality', rateMax: 5 }, 4],
  ['boolean', { type: 'boolean', name: 'q' }, true],
  ['radiogroup', { type: 'radiogroup', name: 'q', choices: ['a', 'b'] }, 'a'],
  ['dropdown', { type: 'dropdown', name: 'q', choices: ['a', 'b'] }, 'b'],
  ['checkbox', { type: 'checkbox', name: 'q', choices: ['a', 'b'] }, ['a']],
  ['tagbox', { type: 'tagbox', name: 'q', choices: ['a', 'b'] }, ['b']],
  ['ranking', { type: 'ranking', name: 'q', choices: ['a', 'b'] }, ['b', 'a']],
  ['matrix', { type: 'matrix', name: 'q', columns: [1, 2], rows: ['r'] }, { r: 2 }],
  [
    'matrixdropdown',
    { type: 'matrixdropdown', name: 'q', rows: ['r'], columns: [{ name: 'c', cellType: 'text' }] },
    { r: { c: 'x' } },
  ],
  ['matrixdynamic', { type: 'matrixdynamic', name: 'q', columns: [{ name: 'c', cellType: 'text' }] }, [{ c: 'x' }]],
  ['paneldynamic', { type: 'paneldynamic', name: 'q', templateElements: [{ type: 'text', name: 't' }] }, [{ t: 'x' }]],
];

const COMMENT = '窗口人员很耐心，但排队时间太长。';

describe('comment areas (showCommentArea / hasComment)', () => {
  it('survey-core stores a comment under <name> + settings.commentSuffix', () => {
    const model = new Model(page({ type: 'rating', name: 'quality', showCommentArea: true }));
    (model.getQuestionByName('quality') as Question).comment = COMMENT;
    expect(settings.commentSuffix).toBe('-Comment');
    expect(model.data).toEqual({ 'quality-Comment': COMMENT });
  });

  it.each(WITH_COMMENT_AREA)('a %s question keeps its comment in the stored answers', (_type, question, answer) => {
    const name = (question as { name: string }).name;
    const key = `${name}-Comment`;
    for (const spelling of ['showCommentArea', 'hasComment']) {
      const prepared = prepareQuestionnaire(page({ ...question, [spelling]: true }));
      expect(prepared.validate({ [name]: answer, [key]: COMMENT })).toEqual({
        ok: true,
        answers: { [name]: answer, [key]: COMMENT },
        ratings: [],
      });
      // A comment without an answer is kept too: survey-core lets people write one without choosing.
      expect(prepared.validate({ [key]: COMMENT })).toMatchObject({ ok: true, answers: { [key]: COMMENT } });
    }
  });

  it.each(WITH_COMMENT_AREA)('a %s question without a comment area refuses a comment', (_type, question, answer) => {
    const name = (question as { name: string }).name;
    expect(codes(page(question), { [name]: answer, [`${name}-Comment`]: COMMENT })).toEqual([
      `${name}-Comment:unknown_key`,
    ]);
  });

  it('a comment must be text within the cap survey-core shows (maxCommentLength)', () => {
    const rating = { type: 'rating', name: 'quality', showCommentArea: true };
    expect(codes(page(rating), { quality: 3, 'quality-Comment': 5 })).toEqual(['quality-Comment:wrong_type']);
    expect(codes({ maxCommentLength: 10, ...page(rating) }, { 'quality-Comment': 'x'.repeat(11) })).toEqual([
      'quality-Comment:too_long',
    ]);
    expect(codes({ maxCommentLength: 10, ...page(rating) }, { 'quality-Comment': 'x'.repeat(10) })).toEqual([]);
  });

  it('types survey-core draws no comment area for refuse the comment, as the browser never sends one', () => {
    for (const question of [
      { type: 'text', name: 'q', showCommentArea: true },
      { type: 'comment', name: 'q', showCommentArea: true },
    ]) {
      expect(new Model(page(question)).getQuestionByName('q').showCommentArea).toBe(false);
      expect(codes(page(question), { q: 'x', 'q-Comment': COMMENT })).toEqual(['q-Comment:unknown_key']);
    }
  });

  it('the comment of a hidden question is dropped with its answer', () => {
    const definition = page(
      { type: 'boolean', name: 'gate' },
      { type: 'rating', name: 'quality', showCommentArea: true, visibleIf: '{gate} = true' },
    );
    expect(prepareQuestionnaire(definition).validate({ gate: false, quality: 2, 'quality-Comment': 'x' })).toEqual({
      ok: true,
      answers: { gate: false },
      ratings: [],
    });
  });

  it('comments inside a dynamic panel and "Other" texts inside matrix cells are checked where survey-core puts them', () => {
    const definition = page(
      {
        type: 'paneldynamic',
        name: 'visits',
        templateElements: [{ type: 'rating', name: 'score', showCommentArea: true }],
      },
      {
        type: 'matrixdropdown',
        name: 'md',
        rows: ['r'],
        columns: [{ name: 'how', cellType: 'dropdown', choices: ['a'], showOtherItem: true }],
      },
    );
    const answers = {
      visits: [{ score: 3, 'score-Comment': COMMENT }],
      md: { r: { how: 'other', 'how-Comment': '电话' } },
    };
    expect(prepareQuestionnaire(definition).validate(answers)).toMatchObject({ ok: true, answers });
    expect(codes(definition, { md: { r: { how: 'other' } } })).toEqual(['md:required']);
    expect(codes(definition, { visits: [{ score: 3, 'score-Comment': 'x'.repeat(501) }] })).toEqual([
      'visits:too_long',
    ]);
    expect(prepareQuestionnaire(definition).validate({ md: { r: { how: 'a', 'how-Comment': 'x' } } })).toMatchObject({
      ok: true,
      answers: { md: { r: { how: 'a' } } },
    });
  });

  it('what survey-core itself sends for every type with a comment area is accepted and kept', () => {
    const elements = WITH_COMMENT_AREA.map(([type, question]) => ({ ...question, name: type, showCommentArea: true }));
    const prepared = prepareQuestionnaire(page(...elements));
    const model = new Model(prepared.definition);
    for (const [type, , answer] of WITH_COMMENT_AREA) {
      const question = model.getQuestionByName(type);
      question.value = answer;
      question.comment = `${COMMENT} (${type})`;
    }
    const data = JSON.parse(JSON.stringify(model.data)) as Record<string, unknown>;
    expect(Object.keys(data).filter((key) => key.endsWith('-Comment'))).toHaveLength(WITH_COMMENT_AREA.length);
    expect(prepared.validate(data)).toMatchObject({ ok: true, answers: data });
  });
});

describe('comment boxes that survey-core would store where the server cannot check them are refused on import', () => {
  it('a comment area together with "Other" (survey-core then stores the Other text as the answer itself)', () => {
    const model = new Model(
      page({ type: 'radiogroup', name: 'q', choices: ['a'], showOtherItem: true, showCommentArea: true }),
    );
    const question = model.getQuestionByName('q') as Question & { otherValue: string };
    question.value = 'other';
    question.otherValue = '自己填写';
    expect(model.data).toEqual({ q: '自己填写' });

    for (const definition of [
      page({ type: 'radiogroup', name: 'q', choices: ['a'], showOtherItem: true, showCommentArea: true }),
      page({ type: 'checkbox', name: 'q', choices: ['a'], hasOther: true, hasComment: true }),
      page({
        type: 'matrixdropdown',
        name: 'q',
        rows: ['r'],
        columns: [{ name: 'c', cellType: 'radiogroup', choices: ['a'], showOtherItem: true, showCommentArea: true }],
      }),
    ]) {
      expect(lintMessages(definition)).toEqual([
        { path: expect.stringContaining('(name "'), message: expect.stringMatching(/showCommentArea.*Other/) },
      ]);
    }
  });

  it('a comment box on one choice (survey-core then stores { value, comment } as the answer)', () => {
    const definition = page({ type: 'checkbox', name: 'q', choices: [{ value: 'a', showCommentArea: true }, 'b'] });
    expect(lintMessages(definition)).toEqual([
      {
        path: 'pages[0] (name "p").elements[0] (name "q").choices[0].showCommentArea',
        message: expect.stringMatching(/not supported/),
      },
    ]);
  });
});
