import { Model, Serializer } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { PINGYI_PROPERTIES, registerPingyiProperties } from '../../surveys/properties.ts';
import { prepareQuestionnaire } from '../../surveys/prepare.ts';
import { RECIPIENT_TEMPLATE } from '../../surveys/templates/recipient.ts';

const GOOD = { attitude: 5, efficiency: 4, serviceRules: 'all', overall: 5 };

describe('Pingyi properties', () => {
  it('registers every property once, however often it is called', () => {
    registerPingyiProperties();
    registerPingyiProperties();
    for (const { className, name } of PINGYI_PROPERTIES) {
      const found = Serializer.getProperties(className).filter((p) => p.name === name);
      expect(found, `${className}.${name}`).toHaveLength(1);
    }
  });

  it('round-trips through survey-core without loss', () => {
    const model = new Model(RECIPIENT_TEMPLATE);
    expect(model.jsonErrors ?? []).toEqual([]);
    const attitude = model.getQuestionByName('attitude').toJSON() as Record<string, unknown>;
    expect(attitude).toMatchObject({ pyItem: 'attitude', pyScored: true });
  });
});

describe('recipient template', () => {
  it('shows Chinese by default and English when asked', () => {
    const model = new Model(RECIPIENT_TEMPLATE);
    expect(model.getQuestionByName('overall').title).toBe('总体满意度');
    model.locale = 'en';
    expect(model.getQuestionByName('overall').title).toBe('Overall satisfaction');
  });

  it('rates the target unit and does not count 不了解', () => {
    const prepared = prepareQuestionnaire(RECIPIENT_TEMPLATE, { targetUnitId: 7 });
    const result = prepared.validate({ ...GOOD, overall: 'unknown' });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.ratings).toEqual([
      { unitId: 7, item: 'attitude', points: 100 },
      { unitId: 7, item: 'efficiency', points: 80 },
      { unitId: 7, item: 'serviceRules', points: 100 },
    ]);
  });

  it('asks for the problem only when the respondent wants to report one', () => {
    const prepared = prepareQuestionnaire(RECIPIENT_TEMPLATE, { targetUnitId: 7 });
    expect(prepared.validate({ ...GOOD, problemDescription: 'dropped' })).toMatchObject({ ok: true, answers: GOOD });
    expect(prepared.validate({ ...GOOD, reportProblem: true })).toMatchObject({
      ok: false,
      errors: [{ question: 'problemDescription', code: 'required' }],
    });
  });

  it('lists its scored items with labels', () => {
    const keys = prepareQuestionnaire(RECIPIENT_TEMPLATE).items.map((item) => item.key);
    expect(keys).toEqual(['attitude', 'efficiency', 'serviceRules', 'overall']);
  });
});
