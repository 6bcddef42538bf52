import type { Question, QuestionBooleanModel, QuestionTextModel } from 'survey-core';
import { DEFAULT_LONG_TEXT_MAX_LENGTH, DEFAULT_TEXT_MAX_LENGTH } from '../text-limits.ts';
import { fieldBase, numberProperty } from './base.ts';
import type { Enclosure, FieldBase } from './base.ts';
import type { ValueRule } from './validators.ts';
import type { Field, Place, Report, Scope } from './types.ts';
import { describeValue } from './values.ts';

const NUMERIC_INPUTS = new Set(['number', 'range']);
const FORMATS: Record<string, RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  'datetime-local': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/,
  month: /^\d{4}-\d{2}$/,
  week: /^\d{4}-W\d{2}$/,
  time: /^\d{2}:\d{2}(:\d{2})?$/,
  color: /^#[0-9a-fA-F]{6}$/,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
};

export function runRules(
  rules: readonly ValueRule[],
  value: unknown,
  scope: Scope,
  place: Place,
  report: Report,
): void {
  for (const rule of rules) {
    const detail = rule(value, scope);
    if (detail !== null) report(place, 'validator_failed', `${describeValue(value)} ${detail}`);
  }
}

/**
 * The cap on a text answer: the question's, else the survey's, else Pingyi's default. The served
 * definition carries the same number (`writeTextLimits`), so the page stops typing where this refuses.
 */
export function maxLengthOf(question: Question, fallback: number): number {
  const own = numberProperty(question, 'maxLength');
  if (own !== undefined && own > 0) return own;
  const survey = question.survey as unknown as { maxTextLength?: number } | undefined;
  const surveyMax = survey?.maxTextLength;
  return typeof surveyMax === 'number' && surveyMax > 0 ? surveyMax : fallback;
}

export function stringField(base: FieldBase, maxLength: number, rules: readonly ValueRule[], format?: RegExp): Field {
  return {
    ...base,
    prune: (value) => value,
    check(value, scope, place, report) {
      if (typeof value !== 'string')
        return report(place, 'wrong_type', `${describeValue(value)} has the wrong type; expected a string`);
      if (value.length > maxLength)
        return report(
          place,
          'too_long',
          `the answer is ${value.length} characters long; at most ${maxLength} are allowed`,
        );
      if (format && !format.test(value))
        return report(place, 'bad_format', `${describeValue(value)} is not in the expected format`);
      runRules(rules, value, scope, place, report);
    },
  };
}

function numberField(base: FieldBase, question: QuestionTextModel, rules: readonly ValueRule[]): Field {
  const min = numberProperty(question, 'min');
  const max = numberProperty(question, 'max');
  return {
    ...base,
    prune: (value) => value,
    check(value, scope, place, report) {
      // survey-core stores number inputs as numbers; a string here was not typed into that input.
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return report(place, 'wrong_type', `${describeValue(value)} has the wrong type; expected a number`);
      }
      if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        return report(place, 'out_of_range', `${value} is outside ${min ?? '-∞'}…${max ?? '∞'}`);
      }
      runRules(rules, value, scope, place, report);
    },
  };
}

export function textField(question: QuestionTextModel, outer: Enclosure, rules: readonly ValueRule[]): Field {
  const base = fieldBase(question, outer);
  const inputType = question.getType() === 'text' ? String(question.inputType ?? 'text') : 'text';
  if (NUMERIC_INPUTS.has(inputType)) return numberField(base, question, rules);
  const fallback = question.getType() === 'comment' ? DEFAULT_LONG_TEXT_MAX_LENGTH : DEFAULT_TEXT_MAX_LENGTH;
  return stringField(base, maxLengthOf(question, fallback), rules, FORMATS[inputType]);
}

export function booleanField(question: QuestionBooleanModel, outer: Enclosure, rules: readonly ValueRule[]): Field {
  const base = fieldBase(question, outer);
  const yes: unknown = question.getPropertyValue('valueTrue') ?? true;
  const no: unknown = question.getPropertyValue('valueFalse') ?? false;
  return {
    ...base,
    prune: (value) => value,
    check(value, scope, place, report) {
      if (value !== yes && value !== no) {
        return report(
          place,
          'not_allowed',
          `${describeValue(value)} is neither ${JSON.stringify(yes)} nor ${JSON.stringify(no)}`,
        );
      }
      runRules(rules, value, scope, place, report);
    },
  };
}
