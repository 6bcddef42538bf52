// Pure helpers of the rectification settings form: the calendar corrections typed as lists of days.

/** 1 = Monday … 7 = Sunday, as the settings store the weekly deadline's weekday. */
export const WEEKDAYS: readonly [day: number, zh: string, en: string][] = [
  [1, '星期一', 'Monday'],
  [2, '星期二', 'Tuesday'],
  [3, '星期三', 'Wednesday'],
  [4, '星期四', 'Thursday'],
  [5, '星期五', 'Friday'],
  [6, '星期六', 'Saturday'],
  [7, '星期日', 'Sunday'],
];

const DAY = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/** A real calendar day written YYYY-MM-DD (or with one-digit month or day, or slashes), normalised; else null. */
export function normaliseDay(text: string): string | null {
  const match = DAY.exec(text.trim().replace(/[/.]/g, '-'));
  if (!match) return null;
  const [, y, m, d] = match;
  const day = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day ? day : null;
}

/** The days of a list typed one per line (or separated by commas, spaces or 、): sorted, once each, and what is not a day. */
export function dayList(text: string): { days: string[]; wrong: string[] } {
  const days = new Set<string>();
  const wrong: string[] = [];
  for (const part of text.split(/[\s,，、;；]+/)) {
    if (!part) continue;
    const day = normaliseDay(part);
    if (day) days.add(day);
    else wrong.push(part);
  }
  return { days: [...days].sort(), wrong };
}

export function dayListText(days: readonly string[]): string {
  return days.join('\n');
}
