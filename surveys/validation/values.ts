/** Helpers shared by the field checks: what counts as empty, and strict value identity. */

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** SurveyJS's notion of "not answered": undefined, null, '', [] and {}. */
export function isEmptyAnswer(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}

/**
 * Identity of a choice value that keeps its JSON type: the string "4" and the number 4 differ.
 * survey-core compares loosely; the server must not, or a tampered client could slip values in.
 */
export function valueKey(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return `s:${value}`;
    case 'number':
      return Number.isFinite(value) ? `n:${value}` : null;
    case 'boolean':
      return `b:${String(value)}`;
    default:
      return null;
  }
}

export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

export function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** Own keys only, in a map: a plain-object lookup would find `constructor` on the prototype. */
export function indexBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) map.set(key(item), item);
  return map;
}
