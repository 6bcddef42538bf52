// Finding words of the other language in a page's visible text (test/e2e/language-scan.e2e.test.ts).
// Pure, so its rules are tested on their own (test/client/language-leaks.test.ts).

/** What a person can read on a page: its text, and the words only assistive technology or a hover shows. */
export interface VisibleText {
  readonly text: string;
  /** aria-label, title, placeholder and alt texts, and the options of closed selects. */
  readonly attributes: readonly string[];
}

/** Text that may show in either language: what the office typed, and what is not a word of either. */
export interface Allowed {
  /** Names, titles, labels and other strings the office typed (or the demo seeded), removed as they are. */
  readonly data: readonly string[];
}

/** The language switch names the language it switches to, in that language. */
const SWITCH_LABELS = ['English', '中文'];
/**
 * Names of file formats and of the questionnaire format, which Chinese offices say as they are
 * ("导出Excel", "下载Word", "SurveyJS JSON"): the product's name, as a file name is, not an English word.
 */
const FORMAT_NAMES = /\b(?:Excel|Word|CSV|JSON|PDF|SurveyJS)\b/g;

const ACCESS_CODE = /\b[A-Z0-9]{4}-[A-Z0-9]{4}\b/g;
/** A file name or path (`docs/deploy.md`), or a file type written as its extension (`.xlsx`). */
const FILE_NAME = /(?:[\w-]+[/.])*[\w-]*\.(?:xlsx|xls|csv|json|docx|pdf|png|svg|zip|md)\b/gi;
/** A one-time password as the server prints it. */
const ONE_TIME_PASSWORD = /\b[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}\b/g;
/** A setting of the deployment, named as it is set (`SMS_PROVIDER`, `PUBLIC_URL`): a code, not a word. */
const SETTING_NAME = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g;
/** A content hash as a publication prints it (SHA-256, in hex). */
const HASH = /\bSHA-256\b|\b[0-9a-f]{32,}\b/g;
/** An address: a URL, or the host name of this computer. */
const ADDRESS = /\bhttps?:\/\/\S+|\blocalhost(?::\d+)?\b/g;

const LATIN_WORD = /[A-Za-z]{2,}/g;
/** CJK ideographs and the full-width punctuation that only Chinese text uses. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff0f\uff1a-\uff20]+/g;

function removeAll(text: string, needles: readonly string[]): string {
  // Longest first, so a unit's name is removed whole before a shorter name inside it.
  const sorted = [...new Set(needles.map((needle) => needle.trim()).filter((needle) => needle.length > 0))].sort(
    (a, b) => b.length - a.length,
  );
  let rest = text;
  for (const needle of sorted) rest = rest.split(needle).join(' ');
  return rest;
}

function stripAllowed(visible: VisibleText, allowed: Allowed): string {
  const all = [visible.text, ...visible.attributes].join('\n');
  return removeAll(all, [...allowed.data, ...SWITCH_LABELS])
    .replace(ADDRESS, ' ')
    .replace(HASH, ' ')
    .replace(ONE_TIME_PASSWORD, ' ')
    .replace(ACCESS_CODE, ' ')
    .replace(FILE_NAME, ' ')
    .replace(FORMAT_NAMES, ' ')
    .replace(SETTING_NAME, ' ');
}

function distinct(matches: Iterable<RegExpMatchArray>): string[] {
  return [...new Set([...matches].map((match) => match[0]))].sort();
}

/** Latin words of two letters or more left after removing what is allowed: leaks into the Chinese UI. */
export function latinLeaks(visible: VisibleText, allowed: Allowed): string[] {
  return distinct(stripAllowed(visible, allowed).matchAll(LATIN_WORD));
}

/** Runs of Chinese characters or punctuation left after removing what is allowed: leaks into the English UI. */
export function cjkLeaks(visible: VisibleText, allowed: Allowed): string[] {
  return distinct(stripAllowed(visible, allowed).matchAll(CJK));
}

/**
 * What the office typed, in API answers and questionnaire definitions: the strings under these keys (a
 * name, a title, a question's text in every locale). Enum values (`open`, `superior`) are not taken: a page
 * showing one untranslated is a leak.
 */
const OFFICE_KEYS = new Set([
  'code',
  'name',
  'nameEn',
  'slug',
  'title',
  'label',
  'family',
  'username',
  'displayName',
  'description',
  'text',
  'html',
  'placeholder',
  'labelTrue',
  'labelFalse',
  'minRateDescription',
  'maxRateDescription',
  'otherText',
  'noneText',
  'commentText',
  'commentPlaceholder',
  'completedHtml',
  'requiredErrorText',
  'reason',
  'grade',
  'issuer',
  'signature',
  'addressee',
  'documentNumber',
  'comments',
]);

function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

export function officeStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(officeStrings);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    OFFICE_KEYS.has(key) ? [...allStrings(inner), ...officeStrings(inner)] : officeStrings(inner),
  );
}
