import type { ItemValue, QuestionCheckboxModel, QuestionRatingModel, QuestionSelectBase } from 'survey-core';
import { fieldBase, numberProperty, stringProperty } from './base.ts';
import type { Enclosure } from './base.ts';
import { ChoiceSet, optionFromItem } from './choices.ts';
import type { ChoiceOption } from './choices.ts';
import { compileCondition } from './conditions.ts';
import { runRules } from './fields-text.ts';
import type { ValueRule } from './validators.ts';
import type { Field, Place, Report, Scope } from './types.ts';
import { describeValue, valueKey } from './values.ts';

/** The item key a scored question feeds, and whether it is scored at all. */
export function scoringOf(owner: { getPropertyValue(name: string): unknown; name: string }): string | null {
  if (owner.getPropertyValue('pyScored') !== true) return null;
  return stringProperty(owner, 'pyItem') ?? owner.name;
}

function specialItems(question: QuestionSelectBase): Array<[ItemValue, boolean]> {
  const items: Array<[ItemValue, boolean]> = [];
  if (question.showNoneItem) items.push([question.noneItem, true]);
  if (question.getPropertyValue('showRefuseItem') === true) items.push([question.refuseItem, true]);
  if (question.getPropertyValue('showDontKnowItem') === true) items.push([question.dontKnowItem, true]);
  if (question.showOtherItem) items.push([question.otherItem, false]);
  return items;
}

export function choiceSetOf(
  items: readonly ItemValue[],
  extra: Array<[ItemValue, boolean]>,
  owner?: QuestionSelectBase,
): ChoiceSet | string {
  const options: ChoiceOption[] = [];
  for (const [item, exclusive] of [...items.map((item): [ItemValue, boolean] => [item, false]), ...extra]) {
    const option = optionFromItem(item, exclusive);
    if (typeof option === 'string') return option;
    options.push(option);
  }
  return new ChoiceSet(options, compileCondition(owner?.choicesVisibleIf), compileCondition(owner?.choicesEnableIf));
}

function scoreOne(item: string | null, set: ChoiceSet) {
  if (item === null) return undefined;
  return (value: unknown, emit: (unitId: number | undefined, item: string, points: number) => void) => {
    const option = set.options.find((o) => o.key === valueKey(value));
    if (option && !option.notCounted && option.points !== undefined) emit(undefined, item, option.points);
  };
}

export function singleChoiceCheck(set: ChoiceSet, rules: readonly ValueRule[]) {
  return (value: unknown, scope: Scope, place: Place, report: Report): void => {
    const verdict = set.judge(value, scope);
    if (!verdict.ok) return report(place, verdict.wrongType ? 'wrong_type' : 'not_allowed', verdict.detail);
    runRules(rules, value, scope, place, report);
  };
}

export function singleChoiceField(
  question: QuestionSelectBase,
  outer: Enclosure,
  rules: readonly ValueRule[],
): Field | string {
  const set = choiceSetOf(question.choices, specialItems(question), question);
  if (typeof set === 'string') return set;
  return {
    ...fieldBase(question, outer),
    prune: (value) => value,
    check: singleChoiceCheck(set, rules),
    score: scoreOne(scoringOf(question), set),
  };
}

export function ratingField(
  question: QuestionRatingModel,
  outer: Enclosure,
  rules: readonly ValueRule[],
): Field | string {
  const set = choiceSetOf(question.visibleRateValues, []);
  if (typeof set === 'string') return set;
  const base = fieldBase(question, outer);
  return {
    ...base,
    prune: (value) => value,
    check: singleChoiceCheck(set, rules),
    score: scoreOne(scoringOf(question), set),
  };
}

interface MultiLimits {
  readonly min: number;
  readonly max: number;
  /** Ranking without select-to-rank: every offered choice must be ranked. */
  readonly all: boolean;
}

function multiCheck(set: ChoiceSet, limits: MultiLimits, rules: readonly ValueRule[]) {
  return (value: unknown, scope: Scope, place: Place, report: Report): void => {
    if (!Array.isArray(value))
      return report(place, 'wrong_type', `${describeValue(value)} has the wrong type; expected an array of choices`);
    const seen = new Set<string>();
    let exclusive = false;
    for (const entry of value as unknown[]) {
      const verdict = set.judge(entry, scope);
      if (!verdict.ok) return report(place, verdict.wrongType ? 'wrong_type' : 'not_allowed', verdict.detail);
      if (seen.has(verdict.option.key)) return report(place, 'duplicate', `${describeValue(entry)} is chosen twice`);
      seen.add(verdict.option.key);
      exclusive ||= verdict.option.exclusive;
    }
    if (exclusive && value.length > 1)
      return report(place, 'not_allowed', 'an exclusive choice (such as "None") was combined with other choices');
    if (limits.max > 0 && value.length > limits.max)
      return report(place, 'too_many', `${value.length} choices; at most ${limits.max} allowed`);
    if (value.length < limits.min && !exclusive)
      return report(place, 'too_few', `${value.length} choices; at least ${limits.min} needed`);
    if (limits.all && value.length !== set.options.length)
      return report(place, 'too_few', `every choice must be ranked (${set.options.length})`);
    runRules(rules, value, scope, place, report);
  };
}

export function multiChoiceField(
  question: QuestionCheckboxModel,
  outer: Enclosure,
  rules: readonly ValueRule[],
): Field | string {
  const set = choiceSetOf(question.choices, specialItems(question), question);
  if (typeof set === 'string') return set;
  const ranking = question.getType() === 'ranking';
  const limits: MultiLimits = {
    min: numberProperty(question, 'minSelectedChoices') ?? 0,
    max: numberProperty(question, 'maxSelectedChoices') ?? 0,
    all: ranking && question.getPropertyValue('selectToRankEnabled') !== true,
  };
  return { ...fieldBase(question, outer), prune: (value) => value, check: multiCheck(set, limits, rules) };
}
