/**
 * SurveyJS localizable strings as the templates write them: `{ default: '中文', en: 'English' }`, where
 * `default` is Chinese because zh-cn is the default locale (surveys/locale.ts). A plain string is Chinese
 * only. Other locales an imported definition carries are kept as they are.
 */

/** A text as the editor shows it: the Chinese and the English, '' when missing. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** survey-core looks up the current locale's key before `default`, so an explicit zh-cn text wins. */
const ZH_KEYS = ['zh-cn', 'default'] as const;

const isTextObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function readText(value: unknown): Bilingual {
  if (typeof value === 'string') return { zh: value, en: '' };
  if (typeof value === 'number' || typeof value === 'boolean') return { zh: String(value), en: '' };
  if (!isTextObject(value)) return { zh: '', en: '' };
  const zh = ZH_KEYS.map((key) => value[key]).find((text) => typeof text === 'string');
  const en = value['en'];
  return { zh: typeof zh === 'string' ? zh : '', en: typeof en === 'string' ? en : '' };
}

/**
 * The stored form of a text after an edit: a plain string when only Chinese is left, an object when it has
 * English (or other locales) too, undefined when it is empty (the property is then removed).
 */
export function writeText(previous: unknown, next: Bilingual): unknown {
  const texts: Record<string, unknown> = isTextObject(previous) ? { ...previous } : {};
  const zhKey = 'zh-cn' in texts ? 'zh-cn' : 'default';
  if (next.zh === '') delete texts[zhKey];
  else texts[zhKey] = next.zh;
  if (next.en === '') delete texts['en'];
  else texts['en'] = next.en;
  const keys = Object.keys(texts);
  if (keys.length === 0) return undefined;
  if (keys.length === 1 && keys[0] === 'default') return next.zh;
  return texts;
}

/** Sets (or removes, when empty) one localizable property of a JSON object, in place. */
export function setTextProperty(json: Record<string, unknown>, key: string, next: Bilingual): void {
  const stored = writeText(json[key], next);
  if (stored === undefined) delete json[key];
  else json[key] = stored;
}
