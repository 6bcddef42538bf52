import type {
  IElement,
  PanelModel,
  Question,
  QuestionBooleanModel,
  QuestionCheckboxModel,
  QuestionMatrixDropdownModel,
  QuestionMatrixDynamicModel,
  QuestionMatrixModel,
  QuestionMultipleTextModel,
  QuestionPanelDynamicModel,
  QuestionRatingModel,
  QuestionSelectBase,
  QuestionTextModel,
  SurveyModel,
} from 'survey-core';
import { enclose, fieldBase, TOP_LEVEL } from './base.ts';
import type { Enclosure } from './base.ts';
import { compileComputation } from './conditions.ts';
import { multiChoiceField, ratingField, singleChoiceField } from './fields-choice.ts';
import { commentField } from './fields-comment.ts';
import { matrixField } from './fields-matrix.ts';
import { matrixDropdownField, matrixDynamicField } from './fields-matrix-dropdown.ts';
import { multipleTextField, panelDynamicField } from './fields-panel.ts';
import { booleanField, textField } from './fields-text.ts';
import { FieldGroup } from './group.ts';
import type { Computation, Field } from './types.ts';
import { compileValidators } from './validators.ts';

/** Question types that hold no answer. */
const DISPLAY_ONLY = new Set(['html', 'image']);

export interface CalculatedValue {
  readonly name: string;
  readonly computation: Computation | null;
  readonly includeIntoResult: boolean;
}

export interface CompiledQuestionnaire {
  readonly root: FieldGroup;
  readonly calculated: readonly CalculatedValue[];
}

type Compiled = { fields: Field[]; ignoredKeys: string[] };

function computedField(question: Question, outer: Enclosure): Field {
  return {
    ...fieldBase(question, outer),
    computed: compileComputation(question.getPropertyValue('expression')),
    prune: (value) => value,
    check: () => undefined,
  };
}

function scalar(question: Question, outer: Enclosure): Field | string {
  const rules = compileValidators(question.validators);
  if (typeof rules === 'string') return rules;
  switch (question.getType()) {
    case 'text':
    case 'comment':
      return textField(question as QuestionTextModel, outer, rules);
    case 'boolean':
      return booleanField(question as QuestionBooleanModel, outer, rules);
    case 'radiogroup':
    case 'dropdown':
      return singleChoiceField(question as QuestionSelectBase, outer, rules);
    case 'checkbox':
    case 'tagbox':
    case 'ranking':
      return multiChoiceField(question as QuestionCheckboxModel, outer, rules);
    case 'rating':
      return ratingField(question as QuestionRatingModel, outer, rules);
    default:
      return `question type "${question.getType()}" is not supported`;
  }
}

function composite(question: Question, outer: Enclosure): Field | string | null {
  switch (question.getType()) {
    case 'matrix':
      return matrixField(question as QuestionMatrixModel, outer);
    case 'matrixdropdown':
      return matrixDropdownField(question as QuestionMatrixDropdownModel, outer, compileQuestion);
    case 'matrixdynamic':
      return matrixDynamicField(question as QuestionMatrixDynamicModel, outer, compileQuestion);
    case 'paneldynamic':
      return panelDynamicField(question as QuestionPanelDynamicModel, outer, compileElements);
    case 'multipletext':
      return multipleTextField(question as QuestionMultipleTextModel, outer);
    case 'expression':
      return computedField(question, outer);
    default:
      return null;
  }
}

function ownField(question: Question, outer: Enclosure): Field | string {
  const field = composite(question, outer);
  if (field === null) return scalar(question, outer);
  if (typeof field === 'string') return field;
  if (question.validators.length > 0 && question.getType() !== 'expression') {
    return `validators on a "${question.getType()}" question are not supported`;
  }
  return field;
}

/** A question's answer, then its comment or "Other" text (`<name>-Comment`) if it has one. */
export function compileQuestion(question: Question, outer: Enclosure): Field[] | string {
  const field = ownField(question, outer);
  if (typeof field === 'string') return field;
  const comment = commentField(question, outer);
  return comment ? [field, comment] : [field];
}

/** Matrix totals are stored by SurveyJS clients under `<name>-total`; the server drops them. */
function totalKeys(question: Question): string[] {
  const type = question.getType();
  return type === 'matrixdropdown' || type === 'matrixdynamic' ? [`${question.name}-total`] : [];
}

export function compileElements(elements: readonly IElement[], outer: Enclosure): Compiled | string {
  const compiled: Compiled = { fields: [], ignoredKeys: [] };
  for (const element of elements) {
    if (element.isPanel) {
      const panel = element as unknown as PanelModel;
      const inner = compileElements(panel.elements, enclose(outer, panel));
      if (typeof inner === 'string') return inner;
      compiled.fields.push(...inner.fields);
      compiled.ignoredKeys.push(...inner.ignoredKeys);
      continue;
    }
    const question = element as unknown as Question;
    if (DISPLAY_ONLY.has(question.getType())) continue;
    const fields = compileQuestion(question, outer);
    if (typeof fields === 'string') return `question "${question.name}": ${fields}`;
    compiled.fields.push(...fields);
    compiled.ignoredKeys.push(...totalKeys(question));
  }
  return compiled;
}

/** Turns a survey-core model (built once per definition) into plain compiled checks. */
export function compileModel(model: SurveyModel): CompiledQuestionnaire | string {
  const compiled: Compiled = { fields: [], ignoredKeys: [] };
  for (const page of model.pages) {
    const inner = compileElements(page.elements, enclose(TOP_LEVEL, page));
    if (typeof inner === 'string') return inner;
    compiled.fields.push(...inner.fields);
    compiled.ignoredKeys.push(...inner.ignoredKeys);
  }
  const calculated = model.calculatedValues.map((value) => ({
    name: value.name,
    computation: compileComputation(value.expression),
    includeIntoResult: value.includeIntoResult === true,
  }));
  // A client sends calculated values it was told to include; the server computes its own.
  compiled.ignoredKeys.push(...calculated.map((value) => value.name));
  return { root: new FieldGroup(compiled.fields, compiled.ignoredKeys), calculated };
}
