import type { IElement, QuestionMultipleTextModel, QuestionPanelDynamicModel } from 'survey-core';
import { fieldBase, numberProperty, TOP_LEVEL } from './base.ts';
import type { Enclosure } from './base.ts';
import { lazyScope } from './conditions.ts';
import { textField } from './fields-text.ts';
import { FieldGroup } from './group.ts';
import { compileValidators } from './validators.ts';
import type { EmitRating, Field, Place, Report, Scope } from './types.ts';
import { describeValue, isPlainObject } from './values.ts';

export type ElementsCompiler = (
  elements: readonly IElement[],
  outer: Enclosure,
) => { fields: Field[]; ignoredKeys: string[] } | string;

function checkObject(
  group: FieldGroup,
  entry: unknown,
  scope: Scope,
  place: Place,
  report: Report,
  memberKind: string,
): void {
  if (!isPlainObject(entry))
    return report(
      place,
      'wrong_type',
      `${describeValue(entry)} has the wrong type; expected an object keyed by question`,
    );
  group.check(entry, scope, (name) => place.child(memberKind, name), report);
}

/** Dynamic panel (`paneldynamic`): `[ { "<template question>": <value> }, … ]`. */
export function panelDynamicField(
  question: QuestionPanelDynamicModel,
  outer: Enclosure,
  compile: ElementsCompiler,
): Field | string {
  const compiled = compile(question.templateElements, TOP_LEVEL);
  if (typeof compiled === 'string') return compiled;
  const group = new FieldGroup(compiled.fields, compiled.ignoredKeys);
  const min = numberProperty(question, 'minPanelCount') ?? 0;
  const max = numberProperty(question, 'maxPanelCount') ?? 100;
  // Inside a panel `{panel.x}` is a sibling; `{parentPanel.x}` reaches an enclosing dynamic panel.
  const scopeOf = (outerScope: Scope, panel: unknown, index: number): Scope =>
    lazyScope(() => {
      const values = outerScope();
      return { ...values, parentPanel: values['panel'], panel, panelIndex: index };
    });
  return {
    ...fieldBase(question, outer),
    prune(value, scope) {
      if (!Array.isArray(value)) return value;
      const next = value.map((entry: unknown, i) =>
        isPlainObject(entry) ? group.prune(entry, scopeOf(scope, entry, i)) : entry,
      );
      return next.every((entry, i) => entry === value[i]) ? value : next;
    },
    check(value, scope, place, report) {
      if (!Array.isArray(value))
        return report(place, 'wrong_type', `${describeValue(value)} has the wrong type; expected an array of panels`);
      if (value.length > max) return report(place, 'too_many', `${value.length} panels; at most ${max} allowed`);
      if (value.length < min) return report(place, 'too_few', `${value.length} panels; at least ${min} needed`);
      value.forEach((entry: unknown, i) =>
        checkObject(group, entry, scopeOf(scope, entry, i), place.child('panel', i), report, 'question'),
      );
    },
    score(value: unknown, emit: EmitRating) {
      if (!Array.isArray(value)) return;
      for (const entry of value as unknown[]) if (isPlainObject(entry)) group.score(entry, emit);
    },
  };
}

/** Multiple textboxes (`multipletext`): `{ "<item>": <text or number> }`. */
export function multipleTextField(question: QuestionMultipleTextModel, outer: Enclosure): Field | string {
  const fields: Field[] = [];
  for (const item of question.items) {
    const rules = compileValidators(item.validators);
    if (typeof rules === 'string') return `item "${item.name}": ${rules}`;
    const field = textField(item.editor, TOP_LEVEL, rules);
    fields.push({ ...field, name: item.name, isRequired: item.isRequired === true });
  }
  const group = new FieldGroup(fields);
  return {
    ...fieldBase(question, outer),
    prune: (value, scope) => (isPlainObject(value) ? group.prune(value, scope) : value),
    check: (value, scope, place, report) => checkObject(group, value, scope, place, report, 'item'),
  };
}
