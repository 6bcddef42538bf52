import chineseDays from 'chinese-days';

// Working days by the official Chinese calendar: weekends, the State Council's public holidays and the
// adjusted working days (调休) that make up for them, from the maintained `chinese-days` package, with the
// office's own corrections on top (a holiday announced after the package was released, a local day off).
// Pure: days are `YYYY-MM-DD` strings of China's calendar (UTC+8, no daylight saving); the clock is passed in.

export interface CalendarOverrides {
  /** Days off that the package does not know. */
  readonly holidays: readonly string[];
  /** Working days that the package takes for days off (an adjusted Saturday it does not know yet). */
  readonly workdays: readonly string[];
}

export const NO_OVERRIDES: CalendarOverrides = { holidays: [], workdays: [] };

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The calendar day in China at an instant. */
export function chinaDay(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether `day` is a real calendar day written `YYYY-MM-DD`. */
export function isDay(day: string): boolean {
  if (!DAY.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The package's answer per day, kept: it costs tens of microseconds a call, and overdue counts span years. */
const officialWorkdays = new Map<string, boolean>();
const MAX_REMEMBERED_DAYS = 20_000;

function officialWorkday(day: string): boolean {
  let known = officialWorkdays.get(day);
  if (known === undefined) {
    known = chineseDays.isWorkday(day);
    if (officialWorkdays.size >= MAX_REMEMBERED_DAYS) officialWorkdays.clear();
    officialWorkdays.set(day, known);
  }
  return known;
}

export function isWorkingDay(day: string, overrides: CalendarOverrides = NO_OVERRIDES): boolean {
  if (overrides.holidays.includes(day)) return false;
  if (overrides.workdays.includes(day)) return true;
  return officialWorkday(day);
}

/** The day `n` working days after `start` (`start` itself not counted; n = 0 gives `start`). */
export function addWorkingDays(start: string, n: number, overrides: CalendarOverrides = NO_OVERRIDES): string {
  let day = start;
  for (let left = n; left > 0;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, overrides)) left -= 1;
  }
  return day;
}

/**
 * Working days from `from` to `to`: positive when `to` is later (days after `from`, up to and including
 * `to`), negative when earlier, 0 on the same day. `workingDaysBetween(deadline, today)` > 0 is how
 * many working days a problem is overdue.
 */
export function workingDaysBetween(from: string, to: string, overrides: CalendarOverrides = NO_OVERRIDES): number {
  if (from === to) return 0;
  const forward = from < to;
  const [start, end] = forward ? [from, to] : [to, from];
  let count = 0;
  for (let day = addDays(start, 1); day <= end; day = addDays(day, 1)) {
    if (isWorkingDay(day, overrides)) count += 1;
  }
  return forward ? count : -count;
}

/**
 * Whether the package knows a year's holidays. Every year has official holidays, so a year without any is
 * one published after the package: deadlines in it count weekends only until the package is updated or the
 * office enters the year's holidays as overrides, and the console says so.
 */
export function calendarKnowsYear(year: number): boolean {
  return chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
}
