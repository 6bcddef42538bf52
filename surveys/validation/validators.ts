import type { SurveyValidator } from 'survey-core';
import { numberProperty, stringProperty } from './base.ts';
import { compileCondition } from './conditions.ts';
import type { Scope } from './types.ts';

/** Returns a detail message when the value fails, null when it passes. */
export type ValueRule = (value: unknown, scope: Scope) => string | null;

// Deliberately simple: the same shape browsers accept for <input type="email">.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function numericRule(validator: SurveyValidator): ValueRule {
  const min = numberProperty(validator, 'minValue');
  const max = numberProperty(validator, 'maxValue');
  return (value) => {
    const number =
      typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(number)) return 'must be a number';
    if (min !== undefined && number < min) return `must be at least ${min}`;
    if (max !== undefined && number > max) return `must be at most ${max}`;
    return null;
  };
}

function textRule(validator: SurveyValidator): ValueRule {
  const min = numberProperty(validator, 'minLength') ?? 0;
  const max = numberProperty(validator, 'maxLength') ?? 0;
  const allowDigits = validator.getPropertyValue('allowDigits') !== false;
  return (value) => {
    if (typeof value !== 'string') return null;
    if (min > 0 && value.length < min) return `must be at least ${min} characters long`;
    if (max > 0 && value.length > max) return `must be at most ${max} characters long`;
    if (!allowDigits && /\d/.test(value)) return 'must not contain digits';
    return null;
  };
}

function answerCountRule(validator: SurveyValidator): ValueRule {
  const min = numberProperty(validator, 'minCount');
  const max = numberProperty(validator, 'maxCount');
  return (value) => {
    if (!Array.isArray(value)) return null;
    if (min !== undefined && value.length < min) return `needs at least ${min} answers`;
    if (max !== undefined && value.length > max) return `allows at most ${max} answers`;
    return null;
  };
}

function regexRule(validator: SurveyValidator): ValueRule | string {
  const source = stringProperty(validator, 'regex');
  if (source === undefined) return () => null;
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, validator.getPropertyValue('caseInsensitive') === true ? 'i' : '');
  } catch {
    return `regex validator has an invalid pattern ${JSON.stringify(source)}`;
  }
  // Runs only after the length cap, so a hostile long answer cannot make a slow pattern crawl.
  return (value) => (typeof value === 'string' && !pattern.test(value) ? 'does not match the required pattern' : null);
}

function expressionRule(validator: SurveyValidator): ValueRule {
  const condition = compileCondition(validator.getPropertyValue('expression'));
  return (_value, scope) =>
    condition && !condition.holds(scope) ? `fails the check ${JSON.stringify(condition.source)}` : null;
}

/** Compiles SurveyJS validators; returns a string for a validator the server cannot enforce. */
export function compileValidators(validators: readonly SurveyValidator[]): ValueRule[] | string {
  const rules: ValueRule[] = [];
  for (const validator of validators) {
    const type = validator.getType();
    if (type === 'numericvalidator') rules.push(numericRule(validator));
    else if (type === 'textvalidator') rules.push(textRule(validator));
    else if (type === 'answercountvalidator') rules.push(answerCountRule(validator));
    else if (type === 'emailvalidator')
      rules.push((value) => (typeof value === 'string' && !EMAIL.test(value) ? 'is not an e-mail address' : null));
    else if (type === 'expressionvalidator') rules.push(expressionRule(validator));
    else if (type === 'regexvalidator') {
      const rule = regexRule(validator);
      if (typeof rule === 'string') return rule;
      rules.push(rule);
    } else return `validator type "${type}" is not supported`;
  }
  return rules;
}
