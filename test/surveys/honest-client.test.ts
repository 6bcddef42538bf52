import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { prepareQuestionnaire } from '../../surveys/prepare.ts';
import { DEFAULT_TEMPLATES } from '../../surveys/templates/default-templates.ts';

/** What a real survey-core client sends must pass: strictness may not refuse honest ballots. */
function clientData(definition: object, fill: (model: Model) => void): Record<string, unknown> {
  const model = new Model(definition);
  fill(model);
  expect(model.validate(false)).toBe(true);
  model.doComplete();
  return JSON.parse(JSON.stringify(model.data)) as Record<string, unknown>;
}

describe('ballots produced by survey-core itself', () => {
  it('recipient', () => {
    const prepared = prepareQuestionnaire(DEFAULT_TEMPLATES.recipient, { targetUnitId: 3 });
    const data = clientData(prepared.definition, (model) => {
      model.setValue('attitude', 4);
      model.setValue('efficiency', 5);
      model.setValue('serviceRules', 'some');
      model.setValue('overall', 'unknown');
      model.setValue('badHabits', ['none']);
      model.setValue('reportProblem', true);
      model.setValue('problemDescription', '材料要求没有一次说清');
    });
    expect(prepared.validate(data)).toMatchObject({ ok: true, answers: data });
  });

  it('superior with units filled in at serve time', () => {
    const units = [
      { id: 11, name: '市发改委' },
      { id: 12, name: '市财政局' },
    ];
    const prepared = prepareQuestionnaire(DEFAULT_TEMPLATES.superior, { units });
    const row = { responsibility: 'A', promptness: 'B', delivery: 'C', overall: 'unknown' };
    const data = clientData(prepared.definition, (model) => model.setValue('units', { 11: row, 12: row }));
    const result = prepared.validate(data);
    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.ratings.map((r) => r.unitId)).toEqual([11, 11, 11, 12, 12, 12]);
  });
});
