/** A SurveyJS localizable string: Chinese under `default` (see locale.ts), English under `en`. */
export interface LocalizedText {
  readonly default: string;
  readonly en: string;
}

export function text(zh: string, en: string): LocalizedText {
  return { default: zh, en };
}

/** Templates are shared constants: freezing them stops one campaign's edits leaking into another. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
