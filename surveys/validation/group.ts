import { allHold } from './conditions.ts';
import type { EmitRating, Field, Place, Report, Scope } from './types.ts';
import { isEmptyAnswer } from './values.ts';
import type { PlainObject } from './values.ts';

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  return typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b);
}

function settle(computed: unknown): unknown {
  if (typeof computed === 'number' && !Number.isFinite(computed)) return undefined;
  return isEmptyAnswer(computed) ? undefined : computed;
}

/**
 * The questions that share one answer object: the whole questionnaire, one dynamic-panel entry,
 * one matrix row (its columns) or one multiple-text question (its items).
 */
export class FieldGroup {
  private readonly byName: Map<string, Field>;

  constructor(
    readonly fields: readonly Field[],
    /** Keys a SurveyJS client sends but the server recomputes (calculated values, totals). */
    private readonly ignoredKeys: readonly string[] = [],
  ) {
    this.byName = new Map(fields.map((field) => [field.name, field]));
  }

  has(name: string): boolean {
    return this.byName.has(name) || this.ignoredKeys.includes(name);
  }

  visible(field: Field, scope: Scope): boolean {
    return !field.hidden && allHold(field.visibleIf, scope);
  }

  /** Drops hidden and empty answers and recomputes expressions; same reference if unchanged. */
  prune(value: PlainObject, scope: Scope): PlainObject {
    let out: PlainObject | null = null;
    const set = (name: string, next: unknown): void => {
      out ??= { ...value };
      if (next === undefined) delete out[name];
      else out[name] = next;
    };
    for (const field of this.fields) {
      const current = Object.hasOwn(value, field.name) ? value[field.name] : undefined;
      let next: unknown;
      if (!this.visible(field, scope)) next = undefined;
      else if (field.computed) next = settle(field.computed.compute(scope));
      else if (isEmptyAnswer(current) || (field.keepWhen && !field.keepWhen(value))) next = undefined;
      else next = field.prune(current, scope);
      if (!sameValue(next, current)) set(field.name, next);
    }
    for (const key of this.ignoredKeys) if (Object.hasOwn(value, key)) set(key, undefined);
    return out ?? value;
  }

  /** Reports unknown keys, missing required answers and wrong values in a pruned object. */
  check(value: PlainObject, scope: Scope, placeOf: (name: string) => Place, report: Report): void {
    for (const key of Object.keys(value)) {
      if (!this.byName.has(key)) report(placeOf(key), 'unknown_key', 'unknown key; the answer is refused');
    }
    for (const field of this.fields) {
      if (field.computed || !this.visible(field, scope)) continue;
      const answer = value[field.name];
      if (isEmptyAnswer(answer)) {
        if (this.required(field, value, scope)) report(placeOf(field.name), 'required', 'an answer is required');
      } else {
        field.check(answer, scope, placeOf(field.name), report);
      }
    }
  }

  private required(field: Field, value: PlainObject, scope: Scope): boolean {
    // A disabled (read-only) question cannot be answered, so it cannot be required either.
    if (field.readOnly || !allHold(field.enableIf, scope)) return false;
    if (field.isRequired) return true;
    if (field.requiredIf?.holds(scope)) return true;
    return field.requiredWhen?.(value) === true;
  }

  score(value: PlainObject, emit: EmitRating): void {
    for (const field of this.fields) {
      const answer = value[field.name];
      if (field.score && answer !== undefined) field.score(answer, emit);
    }
  }
}

/** Place of a nested answer: `Question "pd", panel "0", question "name"`. */
export function nestedPlace(
  parent: Place,
  kind: string,
  key: string | number,
  memberKind: string,
): (name: string) => Place {
  const container = parent.child(kind, key);
  return (name) => container.child(memberKind, name);
}
