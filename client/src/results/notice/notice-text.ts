// Dates and numbers as a notice writes them. The server writes the same in the Word export
// (server/publications/publication-notice.ts, publication-method.ts); these are the page's copies.
import type { Lang } from '../../shared/i18n.ts';

/** 2026-12-01 → 2026年12月1日 (GB/T 9704: full year, no leading zeros); 1 December 2026 in English. */
export function noticeDate(lang: Lang, day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (lang === 'zh') return `${year}年${month}月${date}日`;
  return new Date(Date.UTC(year!, month! - 1, date!)).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

/** The day of an instant in China, where notices are dated: YYYY-MM-DD. */
export function chinaDay(iso: string): string {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二: the numbering of （一）（二）… */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : DIGITS[n % 10]}`;
  return String(n);
}

/** The heading number of the n-th part: （一） in Chinese, (1) in English. */
export function partNumber(lang: Lang, n: number): string {
  return lang === 'zh' ? `（${chineseNumber(n)}）` : `(${n}) `;
}
