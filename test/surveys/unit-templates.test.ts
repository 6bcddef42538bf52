import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { prepareQuestionnaire } from '../../surveys/prepare.ts';
import { DEFAULT_TEMPLATES } from '../../surveys/templates/default-templates.ts';

const units = [1, 2, 3].map((id) => ({ id, name: `单位${id}`, nameEn: `Unit ${id}` }));

function rowsOf(definition: object): unknown[] {
  const model = new Model(definition);
  return model.getQuestionByName('units').rows.map((row: { value: unknown }) => row.value);
}

describe('unit matrices', () => {
  it('peer questionnaires never offer the rater’s own unit', () => {
    const prepared = prepareQuestionnaire(DEFAULT_TEMPLATES.peer, { units, excludeUnitId: 2 });
    expect(rowsOf(prepared.definition)).toEqual([1, 3]);
    const row = { cooperation: 'A', bigPicture: 'B' };
    expect(prepared.validate({ units: { '1': row, '2': row, '3': row } })).toMatchObject({
      ok: false,
      errors: [{ question: 'units', code: 'unknown_key', message: expect.stringContaining('row "2"') }],
    });
  });

  it('leaves the template itself untouched', () => {
    prepareQuestionnaire(DEFAULT_TEMPLATES.superior, { units });
    expect(rowsOf(DEFAULT_TEMPLATES.superior)).toEqual([]);
  });

  it('superior ratings carry the unit from the row and skip 不了解', () => {
    const prepared = prepareQuestionnaire(DEFAULT_TEMPLATES.superior, { units: units.slice(0, 1) });
    const result = prepared.validate({
      units: { '1': { responsibility: 'A', promptness: 'B', delivery: 'unknown', overall: 'D' } },
    });
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.ratings).toEqual([
      { unitId: 1, item: 'responsibility', points: 100 },
      { unitId: 1, item: 'promptness', points: 80 },
      { unitId: 1, item: 'overall', points: 40 },
    ]);
  });

  it('requires every unit to be graded', () => {
    const prepared = prepareQuestionnaire(DEFAULT_TEMPLATES.superior, { units });
    const result = prepared.validate({
      units: { '1': { responsibility: 'A', promptness: 'A', delivery: 'A', overall: 'A' } },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.message)).toContain(
      'Question "units", row "2", column "overall": an answer is required',
    );
  });

  it('lists items for result tables', () => {
    expect(prepareQuestionnaire(DEFAULT_TEMPLATES.peer).items.map((i) => [i.key, i.label])).toEqual([
      ['cooperation', '协作配合'],
      ['bigPicture', '大局意识'],
    ]);
  });

  it('every default template loads in survey-core without JSON errors', () => {
    for (const template of Object.values(DEFAULT_TEMPLATES)) expect(new Model(template).jsonErrors ?? []).toEqual([]);
  });
});
