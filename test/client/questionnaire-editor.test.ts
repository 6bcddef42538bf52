import { describe, expect, it } from 'vitest';
import { definitionRefused, inspectDefinition } from '../../server/questionnaires/definition-check.ts';
import { DEFAULT_TEMPLATES } from '../../surveys/templates/default-templates.ts';
import { deepFreeze } from '../../surveys/templates/text.ts';
import { definitionProblems, elementProblems } from '../../client/src/console/questionnaires/editor/editor-checks.ts';
import {
  elementAt,
  elementKeys,
  findByName,
  keptProperties,
  kindOf,
  type Definition,
  type ElementRef,
  type Json,
  type QuestionKind,
} from '../../client/src/console/questionnaires/editor/editor-model.ts';
import {
  addQuestion,
  blankDefinition,
  deleteElement,
  moveElement,
  replaceElement,
  setSurveyText,
  updateElement,
} from '../../client/src/console/questionnaires/editor/editor-ops.ts';
import { readText, writeText } from '../../client/src/console/questionnaires/editor/localized.ts';
import {
  addOption,
  applyScale,
  hasDontKnow,
  moveOption,
  optionsOf,
  removeOption,
  setDontKnow,
  setOptionPoints,
  setOptionText,
} from '../../client/src/console/questionnaires/editor/options.ts';
import {
  inServerWords,
  serverProblemText,
} from '../../client/src/console/questionnaires/editor/server-problem-text.ts';
import {
  addColumn,
  columnsOf,
  moveColumn,
  removeColumn,
  setColumnTitle,
  setQuestionText,
  setRequired,
  setScored,
} from '../../client/src/console/questionnaires/editor/questions.ts';
import { presetsFor } from '../../client/src/console/questionnaires/editor/scale-presets.ts';
import { problemText } from '../../client/src/shared/problem-text.ts';
import {
  elementOfPath,
  placeProblems,
  problemsOfRefusal,
  splitProblemLine,
} from '../../client/src/console/questionnaires/editor/server-problems.ts';

// The console's questionnaire editor works on the SurveyJS JSON itself
// (client/src/console/questionnaires/editor/): every edit returns a new definition in which whatever it
// does not edit is exactly as it was, and the definitions it builds pass the server's own checks.

/** A definition the editor only partly understands: unknown properties everywhere, a panel, a checkbox. */
function imported(): Definition {
  return deepFreeze({
    title: { default: '导入的问卷', en: 'Imported', ja: 'インポート' },
    completedHtml: '<p>谢谢</p>',
    pyFuture: { anything: [1, 2, 3] },
    pages: [
      {
        name: 'p1',
        visibleIf: '{a} = 1',
        elements: [
          {
            type: 'radiogroup',
            name: 'q1',
            title: '第一题',
            colCount: 0,
            visibleIf: '{x} notempty',
            choices: ['yes', { value: 'no', text: '否', pyPoints: 0, visibleIf: '{y} = 2' }],
          },
          { type: 'checkbox', name: 'habits', choices: ['a', 'b'], showNoneItem: true },
          { type: 'panel', name: 'box', elements: [{ type: 'text', name: 'rating1' }] },
        ],
      },
      { name: 'p2', elements: [{ type: 'boolean', name: 'b1', title: { default: '是否', en: 'Yes?' } }] },
    ],
  }) as Definition;
}

const at = (section: number, index: number): ElementRef => ({ section, index });
const json = (definition: Definition, ref: ElementRef) => elementAt(definition, ref) as Json;

function build(kinds: readonly QuestionKind[], raterType: 'recipient' | 'superior' = 'recipient'): Definition {
  let definition = blankDefinition();
  for (const kind of kinds) definition = addQuestion(definition, kind, raterType).definition;
  return definition;
}

describe('adding questions', () => {
  it('adds each of the five kinds with a name no element, column or item uses, and the form that edits it', () => {
    const definition = build(['rating', 'radiogroup', 'boolean', 'comment', 'unitMatrix', 'rating', 'unitMatrix']);
    const names = elementKeys(definition).map(({ element }) => (element as Json)['name']);
    expect(names).toEqual(['rating1', 'choice1', 'yesno1', 'comment1', 'units1', 'rating2', 'units2']);
    expect(elementKeys(definition).map(({ element }) => kindOf(element))).toEqual([
      'rating',
      'radiogroup',
      'boolean',
      'comment',
      'unitMatrix',
      'rating',
      'unitMatrix',
    ]);
    // Each matrix's first item has a name of its own, so two matrices never feed one item by accident.
    const items = elementKeys(definition)
      .filter(({ element }) => kindOf(element) === 'unitMatrix')
      .map(({ element }) => columnsOf(element as Json)[0]?.name);
    expect(items).toEqual(['item1', 'item2']);
  });

  it('never reuses a name taken anywhere, nested or in another case, and inserts after the question given', () => {
    const source = imported();
    // `rating1` is taken by a text box inside the panel.
    const { definition, ref } = addQuestion(source, 'rating', 'recipient', at(0, 0));
    expect(ref).toEqual(at(0, 1));
    expect(json(definition, ref)['name']).toBe('rating2');
    expect(json(definition, at(0, 2))['name']).toBe('habits');
    const upper = addQuestion(
      { pages: [{ name: 'p', elements: [{ type: 'text', name: 'Choice1' }] }] },
      'radiogroup',
      'recipient',
    );
    expect(json(upper.definition, upper.ref)['name']).toBe('choice2');
  });

  it('keeps a name when the title changes, and scores a recipient question under its own name', () => {
    const added = addQuestion(blankDefinition(), 'radiogroup', 'recipient');
    const renamed = updateElement(added.definition, added.ref, (el) =>
      setQuestionText(el, 'title', { zh: '办事效率', en: 'Efficiency' }),
    );
    expect(json(renamed, added.ref)).toMatchObject({
      name: 'choice1',
      title: { default: '办事效率', en: 'Efficiency' },
      pyScored: true,
      pyItem: 'choice1',
    });
  });

  it('starts superior and peer ratings unscored: only unit matrices score there', () => {
    const { definition, ref } = addQuestion(blankDefinition(), 'rating', 'superior');
    expect(json(definition, ref)['pyScored']).toBeUndefined();
    expect(json(definition, ref)['pyItem']).toBeUndefined();
  });

  it('makes a page when the definition has none', () => {
    const { definition, ref } = addQuestion({ title: 'x' }, 'boolean', 'recipient');
    expect(definition['pages']).toEqual([
      { name: 'page1', elements: [{ type: 'boolean', name: 'yesno1', title: '' }] },
    ]);
    expect(ref).toEqual(at(0, 0));
  });
});

describe('edits keep what they do not edit', () => {
  it('changes a title, required and a choice, leaving every other property and the input untouched', () => {
    const source = imported();
    const before = structuredClone(source);
    const edited = updateElement(source, at(0, 0), (el) => {
      setQuestionText(el, 'title', { zh: '第一题（改）', en: 'First' });
      setRequired(el, true);
      setOptionPoints(el, 'choices', 1, 10);
      setOptionText(el, 'choices', 0, { zh: '是', en: 'Yes' });
    });
    expect(source).toEqual(before);
    const question = json(edited, at(0, 0));
    expect(question).toEqual({
      type: 'radiogroup',
      name: 'q1',
      title: { default: '第一题（改）', en: 'First' },
      colCount: 0,
      visibleIf: '{x} notempty',
      choices: [
        { value: 'yes', text: { default: '是', en: 'Yes' } },
        { value: 'no', text: '否', pyPoints: 10, visibleIf: '{y} = 2' },
      ],
      isRequired: true,
    });
    expect(keptProperties(question, 'radiogroup')).toEqual(['colCount', 'visibleIf']);
    // Everything outside the question is the same JSON, key order included.
    const { pages: editedPages, ...editedRest } = edited;
    const { pages: sourcePages, ...sourceRest } = source;
    expect(JSON.stringify(editedRest)).toBe(JSON.stringify(sourceRest));
    expect((editedPages as Json[]).slice(1)).toEqual((sourcePages as Json[]).slice(1));
    expect(JSON.stringify(json(edited, at(0, 1)))).toBe(JSON.stringify(json(source, at(0, 1))));
    expect(JSON.stringify(json(edited, at(0, 2)))).toBe(JSON.stringify(json(source, at(0, 2))));
  });

  it('keeps other locales of a text and honours an explicit zh-cn key', () => {
    const titled = setSurveyText(imported(), 'title', { zh: '新标题', en: 'New title' });
    expect(titled['title']).toEqual({ default: '新标题', en: 'New title', ja: 'インポート' });
    expect(readText({ 'zh-cn': '简体', default: 'fallback' })).toEqual({ zh: '简体', en: '' });
    expect(writeText({ 'zh-cn': '简体', default: 'fallback' }, { zh: '改', en: '' })).toEqual({
      'zh-cn': '改',
      default: 'fallback',
    });
    expect(writeText({ default: '中', en: 'En' }, { zh: '中', en: '' })).toBe('中');
    expect(writeText('中', { zh: '', en: '' })).toBeUndefined();
  });

  it('turns scoring on and off with pyScored and pyItem together', () => {
    const element: Json = { type: 'rating', name: 'r', pyItem: 'kept' };
    setScored(element, true);
    expect(element).toEqual({ type: 'rating', name: 'r', pyItem: 'kept', pyScored: true });
    setScored(element, false);
    expect(element).toEqual({ type: 'rating', name: 'r' });
  });

  it('replaces an element the editor has no form for with the JSON written for it, and nothing else', () => {
    const source = imported();
    const edited = replaceElement(source, at(0, 1), { type: 'checkbox', name: 'habits', choices: ['a', 'b', 'c'] });
    expect(json(edited, at(0, 1))).toEqual({ type: 'checkbox', name: 'habits', choices: ['a', 'b', 'c'] });
    expect(json(edited, at(0, 0))).toEqual(json(source, at(0, 0)));
  });
});

describe('reordering and deleting', () => {
  it('moves a question up and down, across pages at the ends, and nowhere past the first or last', () => {
    const source = imported();
    const down = moveElement(source, at(0, 0), 1)!;
    expect(down.ref).toEqual(at(0, 1));
    expect(elementKeys(down.definition).map((e) => e.key)).toEqual(['name:habits', 'name:q1', 'name:box', 'name:b1']);
    const toNextPage = moveElement(source, at(0, 2), 1)!;
    expect(toNextPage.ref).toEqual(at(1, 0));
    expect(elementKeys(toNextPage.definition).map((e) => e.key)).toEqual([
      'name:q1',
      'name:habits',
      'name:box',
      'name:b1',
    ]);
    expect(json(toNextPage.definition, at(1, 0))).toEqual(json(source, at(0, 2)));
    const toPreviousPage = moveElement(source, at(1, 0), -1)!;
    expect(toPreviousPage.ref).toEqual(at(0, 3));
    expect(moveElement(source, at(0, 0), -1)).toBeNull();
    expect(moveElement(source, at(1, 0), 1)).toBeNull();
    // The page's own properties stay with the page.
    expect((toNextPage.definition['pages'] as Json[])[0]!['visibleIf']).toBe('{a} = 1');
  });

  it('deletes only the question named', () => {
    const deleted = deleteElement(imported(), at(0, 1));
    expect(elementKeys(deleted).map((e) => e.key)).toEqual(['name:q1', 'name:box', 'name:b1']);
    expect(findByName(deleted, 'box')).toEqual(at(0, 1));
  });
});

describe('options and their points', () => {
  it('adds options before 不了解, moves and removes them, and converts a bare value only when edited', () => {
    const element: Json = { type: 'radiogroup', name: 'q', choices: ['a', 'b'] };
    setDontKnow(element, 'choices', true);
    setDontKnow(element, 'choices', true);
    expect(optionsOf(element, 'choices').filter((o) => o.notCounted)).toHaveLength(1);
    expect(addOption(element, 'choices')).toBe(2);
    expect(optionsOf(element, 'choices').map((o) => o.value)).toEqual(['a', 'b', 'choice1', 'unknown']);
    expect((element['choices'] as unknown[])[0]).toBe('a');
    setOptionPoints(element, 'choices', 0, 100);
    expect((element['choices'] as unknown[])[0]).toEqual({ value: 'a', pyPoints: 100 });
    setOptionPoints(element, 'choices', 0, null);
    expect((element['choices'] as unknown[])[0]).toEqual({ value: 'a' });
    expect(moveOption(element, 'choices', 0, -1)).toBe(false);
    expect(moveOption(element, 'choices', 0, 1)).toBe(true);
    removeOption(element, 'choices', 0);
    expect(optionsOf(element, 'choices').map((o) => o.value)).toEqual(['a', 'choice1', 'unknown']);
    setDontKnow(element, 'choices', false);
    expect(hasDontKnow(element, 'choices')).toBe(false);
  });

  it('gives 不了解 a value of its own when "unknown" is taken, and numbers rating levels on', () => {
    const element: Json = { type: 'radiogroup', name: 'q', choices: ['unknown'] };
    setDontKnow(element, 'choices', true);
    expect((element['choices'] as Json[])[1]).toMatchObject({ value: 'unknown2', pyNotCounted: true });
    const rating: Json = { type: 'rating', name: 'r', rateValues: [{ value: 1 }, { value: 5 }] };
    addOption(rating, 'rateValues');
    expect(optionsOf(rating, 'rateValues').map((o) => o.value)).toEqual([1, 5, 6]);
  });

  it('replaces the levels with a ready-made scale and keeps the 不了解 option as it was', () => {
    const element: Json = {
      type: 'radiogroup',
      name: 'q',
      choices: [
        { value: 'x', pyPoints: 1 },
        { value: 'dk', text: '说不清', pyNotCounted: true, visibleIf: '{a}' },
      ],
    };
    applyScale(
      element,
      'choices',
      presetsFor('choices')
        .find((p) => p.id === 'grades4')!
        .levels(),
    );
    expect(optionsOf(element, 'choices').map((o) => [o.value, o.points, o.notCounted])).toEqual([
      ['A', 100, false],
      ['B', 80, false],
      ['C', 60, false],
      ['D', 40, false],
      ['dk', null, true],
    ]);
    expect((element['choices'] as Json[])[4]).toEqual({
      value: 'dk',
      text: '说不清',
      pyNotCounted: true,
      visibleIf: '{a}',
    });
  });

  it('edits the items of a unit matrix, never its rows', () => {
    const { definition, ref } = addQuestion(blankDefinition(), 'unitMatrix', 'peer');
    const edited = updateElement(definition, ref, (el, whole) => {
      setColumnTitle(el, 0, { zh: '协作配合', en: 'Cooperation' });
      addColumn(el, 'item9');
      setColumnTitle(el, 1, { zh: '大局意识', en: '' });
      expect(moveColumn(el, 1, -1)).toBe(true);
      void whole;
    });
    const matrix = json(edited, ref);
    expect(columnsOf(matrix).map((c) => [c.name, c.title.zh, c.required, c.scored])).toEqual([
      ['item9', '大局意识', true, true],
      ['item1', '协作配合', true, true],
    ]);
    expect(matrix['rows']).toEqual([]);
    expect(matrix['pyUnitRows']).toBe(true);
    const removed = updateElement(edited, ref, (el) => removeColumn(el, 0));
    expect(columnsOf(json(removed, ref)).map((c) => c.name)).toEqual(['item1']);
  });
});

/** A recipient questionnaire as an office would build it in the editor. */
function recipientQuestionnaire(): Definition {
  let definition = setSurveyText(blankDefinition(), 'title', { zh: '窗口服务评价', en: 'Service at the window' });
  const titles: Record<QuestionKind, [string, string]> = {
    rating: ['服务态度', 'Attitude'],
    radiogroup: ['是否一次办结', 'Done in one visit?'],
    boolean: ['是否第一次来办事', 'First visit?'],
    comment: ['意见和建议', 'Comments'],
    unitMatrix: ['', ''],
  };
  for (const kind of ['rating', 'radiogroup', 'boolean', 'comment'] as const) {
    const added = addQuestion(definition, kind, 'recipient');
    definition = updateElement(added.definition, added.ref, (el) =>
      setQuestionText(el, 'title', { zh: titles[kind][0], en: titles[kind][1] }),
    );
  }
  // Radio group: three levels with points plus 不了解.
  const radio = findByName(definition, 'choice1')!;
  definition = updateElement(definition, radio, (el) => {
    applyScale(
      el,
      'choices',
      presetsFor('choices')
        .find((p) => p.id === 'satisfaction3')!
        .levels(),
    );
    setDontKnow(el, 'choices', true);
  });
  return moveElement(definition, findByName(definition, 'yesno1')!, -1)!.definition;
}

describe('what the editor builds passes the server checks', () => {
  it('a recipient questionnaire of a rating, a radio group with points and 不了解, a boolean and a comment', () => {
    const definition = recipientQuestionnaire();
    expect(definitionProblems(definition, 'recipient')).toEqual([]);
    const check = inspectDefinition(definition, 'recipient');
    expect(check.ok ? [] : check.problems).toEqual([]);
    expect(check.ok && check.prepared.items.map((item) => [item.key, item.label, item.labelEn])).toEqual([
      ['rating1', '服务态度', 'Attitude'],
      ['choice1', '是否一次办结', 'Done in one visit?'],
    ]);
  });

  it('a superior questionnaire with a unit matrix, and every default template edited through the editor', () => {
    let definition = setSurveyText(blankDefinition(), 'title', { zh: '领导评议', en: 'Leaders' });
    const added = addQuestion(definition, 'unitMatrix', 'superior');
    definition = updateElement(added.definition, added.ref, (el) => {
      setQuestionText(el, 'title', { zh: '各单位评价', en: 'Grades' });
      setColumnTitle(el, 0, { zh: '担当作为', en: 'Responsibility' });
    });
    const check = inspectDefinition(definition, 'superior');
    expect(check.ok ? [] : check.problems).toEqual([]);
    for (const raterType of ['superior', 'peer', 'recipient'] as const) {
      let template = structuredClone(DEFAULT_TEMPLATES[raterType]) as Definition;
      const first = elementKeys(template)[0]!.ref;
      template = updateElement(template, first, (el) =>
        setQuestionText(el, 'title', { zh: '改过的标题', en: 'Edited' }),
      );
      template = moveElement(template, first, 1)!.definition;
      const result = inspectDefinition(template, raterType);
      expect(result.ok ? [] : result.problems).toEqual([]);
    }
  });

  it("finds what the server would refuse first: a blank title, a choice without points, scoring outside a leader's matrix", () => {
    const { definition, ref } = addQuestion(blankDefinition(), 'radiogroup', 'recipient');
    const noPoints = updateElement(definition, ref, (el) => void addOption(el, 'choices'));
    expect(elementProblems(json(noPoints, ref), 'recipient').map((p) => p.code)).toEqual([
      'title_missing',
      'option_text_missing',
      'points_missing',
    ]);
    expect(definitionProblems(blankDefinition(), 'recipient').map((p) => p.code)).toEqual([
      'survey_title_missing',
      'no_questions',
    ]);
    const scored = updateElement(definition, ref, (el) => setScored(el, true));
    expect(elementProblems(json(scored, ref), 'superior').map((p) => p.code)).toContain('scored_outside_matrix');
    const duplicate = updateElement(definition, ref, (el) => {
      (el['choices'] as Json[])[1]!['value'] = (el['choices'] as Json[])[0]!['value'];
    });
    expect(elementProblems(json(duplicate, ref), 'recipient').map((p) => p.code)).toContain('option_value_duplicate');
  });
});

describe("the server's problems beside the question they concern", () => {
  it("places the lines of a real refusal by the question's name, even after the question moved", () => {
    const sent = recipientQuestionnaire();
    const broken = updateElement(sent, findByName(sent, 'choice1')!, (el) => setOptionPoints(el, 'choices', 0, null));
    const check = inspectDefinition(broken, 'recipient');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const refusal = definitionRefused(check.code, check.problems);
    // From the lines of the message alone (a server that sends no problem list) …
    const fromLines = problemsOfRefusal({ error: { code: refusal.code, message: refusal.message } });
    expect(fromLines.map((p) => p.path)).toEqual(check.problems.map((p) => p.path));
    const placed = placeProblems(broken, fromLines);
    expect(placed.map((p) => p.element)).toEqual(fromLines.map(() => 'name:choice1'));
    expect(inServerWords('zh', placed[0]!)).toBe(true);
    expect(serverProblemText('zh', placed[0]!)).toBe(placed[0]!.message);
    // … and from the problems the refusal carries, each worded by its code.
    const body = { error: { code: refusal.code, message: refusal.message, ...refusal.extra } };
    const listed = placeProblems(broken, problemsOfRefusal(body));
    expect(listed.map((p) => p.element)).toEqual(check.problems.map(() => 'name:choice1'));
    expect(listed[0]!.code).toBe('points_missing');
    expect(listed[0]!.params).toMatchObject({ list: 'choices', index: 0 });
    expect(inServerWords('zh', listed[0]!)).toBe(false);
    expect(serverProblemText('zh', listed[0]!)).toBe(
      problemText('zh', 'definition', { code: 'points_missing', params: listed[0]!.params }),
    );
    expect(serverProblemText('zh', listed[0]!)).toMatch(/^第 1 个选项没有分值/);
  });

  it('uses problems with codes when the refusal carries them, worded in Chinese by their code', () => {
    const definition = imported();
    const problems = problemsOfRefusal({
      error: {
        code: 'invalid_definition',
        message: 'The questionnaire definition cannot be used (2 problems): …',
        problems: [
          {
            path: 'pages[1] (name "p2").elements[0] (name "b1").x',
            code: 'unknown_property',
            params: { key: 'x', className: 'boolean' },
            message: 'unknown property "x" for boolean',
          },
          { path: ['pages', 0, 'elements', 1], code: 'something_new', message: 'a new rule' },
          { path: '', message: 'the questionnaire has no questions' },
        ],
      },
    });
    const placed = placeProblems(definition, problems);
    expect(placed.map((p) => p.element)).toEqual(['name:b1', 'name:habits', null]);
    expect(serverProblemText('zh', placed[0]!)).toBe(
      problemText('zh', 'definition', { code: 'unknown_property', params: { key: 'x', className: 'boolean' } }),
    );
    expect(serverProblemText('zh', placed[0]!)).toContain('x');
    // A code the console has no words for yet gets a general Chinese sentence, never the English one.
    expect(serverProblemText('zh', placed[1]!)).not.toContain('a new rule');
    expect(serverProblemText('en', placed[1]!)).toBe('a new rule');
    // A problem without a code (an older server's message lines) is shown in the server's words.
    expect(inServerWords('zh', placed[2]!)).toBe(true);
    expect(serverProblemText('zh', placed[2]!)).toBe('the questionnaire has no questions');
  });

  it('reads paths in the server grammar, names with quotes and colons included', () => {
    expect(splitProblemLine('pages[0] (name "a: b").elements[2] (name "q\\"4").choices[1]: has no pyPoints')).toEqual({
      path: 'pages[0] (name "a: b").elements[2] (name "q\\"4").choices[1]',
      message: 'has no pyPoints',
    });
    expect(splitProblemLine('malformed JSON: Unexpected token')).toEqual({
      path: '',
      message: 'malformed JSON: Unexpected token',
    });
    expect(elementOfPath('pages[0] (name "a: b").elements[2] (name "q\\"4").choices[1]')).toEqual({
      page: 0,
      index: 2,
      name: 'q"4',
    });
    expect(elementOfPath('elements[3]')).toEqual({ page: null, index: 3, name: null });
    expect(elementOfPath('title')).toBeNull();
  });
});
