import { Model, type PageModel } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { giveSameGrade, sameGradeScale } from '../../client/src/respond/same-grade.ts';
import { pagerView } from '../../client/src/respond/unit-pager-view.ts';
import { pageByUnit, type PagedDefinition } from '../../client/src/respond/unit-pages.ts';
import { prepareQuestionnaire } from '../../surveys/prepare.ts';
import { DEFAULT_TEMPLATES } from '../../surveys/templates/default-templates.ts';

// The leaders' and peers' form one unit per page (issue 13): the paged model's answers, folded back,
// are exactly what the server's validator takes from the unpaged form.

const units = Array.from({ length: 30 }, (_, i) => ({ id: 101 + i, name: `单位${i + 1}`, nameEn: `Unit ${i + 1}` }));
type Json = Record<string, unknown>;

function pagedModel(served: object): { paged: PagedDefinition; model: Model } {
  const paged = pageByUnit(served as Json)!;
  expect(paged).not.toBeNull();
  return { paged, model: new Model(paged.definition) };
}

const unitPagesOf = (model: Model, paged: PagedDefinition) =>
  model.visiblePages.filter((page) => paged.unitPages.has(page.name));

describe('a unit matrix one unit per page', () => {
  it('gives a leader one page per unit, then the comment, and the server accepts the folded answers', () => {
    const prepared = prepareQuestionnaire(DEFAULT_TEMPLATES.superior, { units });
    const { paged, model } = pagedModel(prepared.definition);
    const pages = unitPagesOf(model, paged);
    expect(pages).toHaveLength(30);
    expect(model.visiblePages).toHaveLength(31);
    expect(model.visiblePages[30]!.questions.map((q) => q.name)).toEqual(['comment']);
    expect(pages.map((page) => paged.unitPages.get(page.name)!.key)).toEqual(units.map((u) => String(u.id)));

    const grades = ['A', 'B', 'C', 'D', 'unknown'];
    pages.forEach((page, i) => giveSameGrade(page, grades[i % grades.length]));
    // Still editable item by item after the shortcut.
    model.setValue(`units__unit_${units[0]!.id}`, {
      [units[0]!.id]: { ...model.getValue(`units__unit_${units[0]!.id}`)[units[0]!.id], delivery: 'C' },
    });
    model.setValue('comment', '好');

    const answers = paged.fromPaged(model.data as Json);
    expect(Object.keys(answers).sort()).toEqual(['comment', 'units']);
    const rows = answers['units'] as Record<string, Json>;
    expect(Object.keys(rows)).toHaveLength(30);
    expect(rows[String(units[0]!.id)]).toEqual({ responsibility: 'A', promptness: 'A', delivery: 'C', overall: 'A' });
    expect(rows[String(units[4]!.id)]).toEqual({
      responsibility: 'unknown',
      promptness: 'unknown',
      delivery: 'unknown',
      overall: 'unknown',
    });
    const result = prepared.validate(answers);
    expect(result).toMatchObject({ ok: true });
    // Thirty units, four items, every fifth unit "don't know" (not a vote).
    expect(result.ok && result.ratings).toHaveLength(24 * 4);
  });

  it('keeps drafts in the served shape, in both directions', () => {
    const prepared = prepareQuestionnaire(DEFAULT_TEMPLATES.superior, { units });
    const { paged, model } = pagedModel(prepared.definition);
    const draft = {
      units: { [units[2]!.id]: { responsibility: 'B', overall: 'B' }, 99999: { overall: 'A' } },
      comment: 'x',
    };
    model.data = paged.toPaged(draft);
    expect(model.getValue(`units__unit_${units[2]!.id}`)).toEqual({
      [units[2]!.id]: { responsibility: 'B', overall: 'B' },
    });
    // A row the served form does not have is not brought back.
    expect(paged.fromPaged(model.data as Json)).toEqual({
      units: { [units[2]!.id]: { responsibility: 'B', overall: 'B' } },
      comment: 'x',
    });
  });

  it('never offers a peer its own unit', () => {
    const prepared = prepareQuestionnaire(DEFAULT_TEMPLATES.peer, { units, excludeUnitId: units[3]!.id });
    const { paged, model } = pagedModel(prepared.definition);
    const keys = unitPagesOf(model, paged).map((page) => paged.unitPages.get(page.name)!.key);
    expect(keys).toHaveLength(29);
    expect(keys).not.toContain(String(units[3]!.id));
  });

  it('says where the person is and how many units are left', () => {
    const { paged, model } = pagedModel(prepareQuestionnaire(DEFAULT_TEMPLATES.superior, { units }).definition);
    const pages = unitPagesOf(model, paged);
    giveSameGrade(pages[0]!, 'A');
    giveSameGrade(pages[1]!, 'B');
    model.currentPage = pages[2]!;
    expect(pagerView(model, paged)).toMatchObject({ index: 2, total: 30, rated: 2, left: 27, current: undefined });
    giveSameGrade(pages[2]!, 'D');
    expect(pagerView(model, paged)).toMatchObject({ rated: 3, left: 27, current: 'D' });
    expect(pagerView(model, paged).firstUnrated?.index).toBe(3);
  });

  it('leaves a questionnaire without a unit matrix, or one an expression reads, as it is', () => {
    expect(pageByUnit(prepareQuestionnaire(DEFAULT_TEMPLATES.recipient, { targetUnitId: 1 }).definition as Json)).toBe(
      null,
    );
    const served = prepareQuestionnaire(DEFAULT_TEMPLATES.superior, { units }).definition as Json;
    const read = structuredClone(served);
    const elements = (read['pages'] as { elements: Json[] }[])[0]!.elements;
    elements[1]!['visibleIf'] = `{units.${units[0]!.id}.overall} = 'D'`;
    expect(pageByUnit(read)).toBeNull();
    const commented = structuredClone(served);
    (commented['pages'] as { elements: Json[] }[])[0]!.elements[0]!['showCommentArea'] = true;
    expect(pageByUnit(commented)).toBeNull();
  });
});

describe('same grade for every item of a unit', () => {
  const served = () => structuredClone(prepareQuestionnaire(DEFAULT_TEMPLATES.superior, { units }).definition) as Json;
  const matrixOf = (definition: Json) => (definition['pages'] as { elements: Json[] }[])[0]!.elements[0]!;
  const firstUnitPage = (definition: Json): PageModel => {
    const { paged, model } = pagedModel(definition);
    return unitPagesOf(model, paged)[0]!;
  };

  it('offers every grade of the scale, "don\'t know" included', () => {
    expect(sameGradeScale(firstUnitPage(served()))?.map((grade) => grade.value)).toEqual([
      'A',
      'B',
      'C',
      'D',
      'unknown',
    ]);
  });

  it('is not offered where the items use different scales', () => {
    const definition = served();
    const columns = matrixOf(definition)['columns'] as Json[];
    columns[3]!['choices'] = [
      { value: 'A', text: '满意' },
      { value: 'D', text: '不满意' },
    ];
    expect(sameGradeScale(firstUnitPage(definition))).toBeNull();
  });

  it('is not offered where a graded item is not a choice from a list', () => {
    const definition = served();
    const columns = matrixOf(definition)['columns'] as Json[];
    columns[0] = { ...columns[0], cellType: 'rating', rateValues: [1, 2, 3, 4, 5] };
    expect(sameGradeScale(firstUnitPage(definition))).toBeNull();
  });

  it('fills only the items that are shown', () => {
    const definition = served();
    const columns = matrixOf(definition)['columns'] as Json[];
    columns[2]!['visibleIf'] = "{row.overall} = 'D'";
    const page = firstUnitPage(definition);
    giveSameGrade(page, 'A');
    const matrix = page.questions[0]!;
    expect(Object.values(matrix.value as Json)[0]).toEqual({ responsibility: 'A', promptness: 'A', overall: 'A' });
  });
});
