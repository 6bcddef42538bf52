import type { Question } from 'survey-core';
import { compileCondition } from './conditions.ts';
import type { Condition, Field } from './types.ts';

/** What a question inherits from the page and panels around it. */
export interface Enclosure {
  readonly visibleIf: readonly Condition[];
  readonly hidden: boolean;
  readonly enableIf: readonly Condition[];
  readonly readOnly: boolean;
}

export const TOP_LEVEL: Enclosure = { visibleIf: [], hidden: false, enableIf: [], readOnly: false };

export type FieldBase = Pick<
  Field,
  'name' | 'visibleIf' | 'hidden' | 'enableIf' | 'readOnly' | 'isRequired' | 'requiredIf' | 'computed'
>;

function withCondition(list: readonly Condition[], source: unknown): readonly Condition[] {
  const condition = compileCondition(source);
  return condition ? [...list, condition] : list;
}

export function enclose(
  outer: Enclosure,
  element: { visibleIf?: string; enableIf?: string; visible: boolean; readOnly: boolean },
): Enclosure {
  return {
    visibleIf: withCondition(outer.visibleIf, element.visibleIf),
    hidden: outer.hidden || element.visible === false,
    enableIf: withCondition(outer.enableIf, element.enableIf),
    readOnly: outer.readOnly || element.readOnly === true,
  };
}

export function fieldBase(question: Question, outer: Enclosure): FieldBase {
  const own = enclose(outer, question);
  return {
    name: question.name,
    ...own,
    isRequired: question.isRequired === true,
    requiredIf: compileCondition(question.requiredIf),
    computed: null,
  };
}

/** A string property of a survey-core object that its typings declare as `any`. */
export function stringProperty(owner: { getPropertyValue(name: string): unknown }, name: string): string | undefined {
  const value = owner.getPropertyValue(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function numberProperty(owner: { getPropertyValue(name: string): unknown }, name: string): number | undefined {
  const value = owner.getPropertyValue(name);
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}
