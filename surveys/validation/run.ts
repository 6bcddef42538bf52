import type { CompiledQuestionnaire } from './compile.ts';
import { lazyScope } from './conditions.ts';
import { Place } from './types.ts';
import type { AnswerError, Rating, Scope } from './types.ts';
import { isEmptyAnswer, isPlainObject } from './values.ts';
import type { PlainObject } from './values.ts';

export type ValidationResult =
  | { readonly ok: true; readonly answers: Record<string, unknown>; readonly ratings: Rating[] }
  | { readonly ok: false; readonly errors: AnswerError[] };

/** Enough to show a tamperer what is wrong without letting a huge ballot build a huge reply. */
const MAX_ERRORS = 50;

function rootScope(compiled: CompiledQuestionnaire, values: PlainObject): Scope {
  return lazyScope(() => {
    const scope: Record<string, unknown> = { ...values };
    for (const { name, computation } of compiled.calculated) {
      // Later calculated values may use earlier ones, so each sees the scope built so far.
      scope[name] = computation?.compute(() => scope);
    }
    return scope;
  });
}

/**
 * Hiding an answer can hide another (q2 shown only if q1 = 'x'), so pruning repeats until nothing
 * changes; each pass can only remove or recompute, and the number of passes is bounded.
 */
function settle(compiled: CompiledQuestionnaire, answers: PlainObject): PlainObject {
  let values = answers;
  for (let pass = 0; pass <= compiled.root.fields.length + 1; pass++) {
    const next = compiled.root.prune(values, rootScope(compiled, values));
    if (next === values) break;
    values = next;
  }
  return values;
}

function resultAnswers(compiled: CompiledQuestionnaire, values: PlainObject, scope: Scope): Record<string, unknown> {
  const answers: Record<string, unknown> = { ...values };
  for (const { name, includeIntoResult } of compiled.calculated) {
    const value = includeIntoResult ? scope()[name] : undefined;
    if (!isEmptyAnswer(value)) answers[name] = value;
  }
  return answers;
}

export function runValidation(
  compiled: CompiledQuestionnaire,
  answers: unknown,
  targetUnitId: number | undefined,
): ValidationResult {
  if (!isPlainObject(answers)) {
    return {
      ok: false,
      errors: [
        { question: '', code: 'not_an_object', message: 'Answers must be a JSON object keyed by question name' },
      ],
    };
  }
  const values = settle(compiled, answers);
  const scope = rootScope(compiled, values);
  const errors: AnswerError[] = [];
  compiled.root.check(values, scope, Place.question, (place, code, detail) => {
    if (errors.length < MAX_ERRORS)
      errors.push({ question: place.question, code, message: `${place.description}: ${detail}` });
  });
  if (errors.length > 0) return { ok: false, errors };
  const ratings: Rating[] = [];
  compiled.root.score(values, (unitId, item, points) => {
    const unit = unitId ?? targetUnitId;
    // A programming error, not a bad ballot: the server prepared a recipient questionnaire without its unit.
    if (unit === undefined)
      throw new Error(`Item "${item}" rates the target unit, but the questionnaire was prepared without targetUnitId`);
    ratings.push({ unitId: unit, item, points });
  });
  return { ok: true, answers: resultAnswers(compiled, values, scope), ratings };
}
