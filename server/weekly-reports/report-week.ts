import { addDays, isDay, isWorkingDay, type CalendarOverrides } from '../problems/working-days.ts';

// The weeks of the weekly report (每周五上报): Monday-start weeks of China's calendar, named by their
// Monday `YYYY-MM-DD`, and each week's deadline. Pure: the clock and the calendar are passed in.

export interface WeeklyDeadline {
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday: number;
  /** `HH:MM`, China time. */
  readonly time: string;
}

export interface WeekDue {
  /** The deadline's China day. */
  readonly day: string;
  /** The deadline as an ISO UTC instant. */
  readonly at: string;
  /** True when the office's weekday is a day off that week and the deadline moved. */
  readonly moved: boolean;
}

/** Whether `week` is a Monday written `YYYY-MM-DD`. */
export function isWeek(week: string): boolean {
  return isDay(week) && new Date(`${week}T00:00:00Z`).getUTCDay() === 1;
}

/** The Monday of the week holding a China day. */
export function weekOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The week's seven days, Monday first. */
export function weekDays(week: string): string[] {
  return Array.from({ length: 7 }, (_, index) => addDays(week, index));
}

/** The instant a China day starts, as an ISO UTC string. */
export function chinaMidnight(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/** The week as instants: from Monday 00:00 China time (inclusive) to the next Monday 00:00 (exclusive). */
export function weekSpan(week: string): { from: string; to: string } {
  return { from: chinaMidnight(week), to: chinaMidnight(addDays(week, 7)) };
}

/**
 * The week's deadline: the office's weekday at its time, China time. When that day is off (a holiday
 * week), the report is due on the last working day before it in the same week — the office closes for
 * the holiday, so the report comes before it, as offices ask. A week with no working day up to that
 * weekday (a whole week off) is due on the first working day after it.
 */
export function weekDue(week: string, deadline: WeeklyDeadline, overrides?: CalendarOverrides): WeekDue {
  const nominal = addDays(week, deadline.weekday - 1);
  let day = nominal;
  if (!isWorkingDay(day, overrides)) {
    let before: string | null = null;
    for (let d = addDays(nominal, -1); d >= week; d = addDays(d, -1)) {
      if (isWorkingDay(d, overrides)) {
        before = d;
        break;
      }
    }
    day = before ?? firstWorkingDayAfter(nominal, overrides);
  }
  return { day, at: new Date(`${day}T${deadline.time}:00+08:00`).toISOString(), moved: day !== nominal };
}

function firstWorkingDayAfter(day: string, overrides?: CalendarOverrides): string {
  let next = addDays(day, 1);
  // Even the Spring Festival leaves a working day within a fortnight; the bound only guards the loop.
  for (let n = 0; n < 30 && !isWorkingDay(next, overrides); n += 1) next = addDays(next, 1);
  return next;
}

/** A China day `YYYY-MM-DD` as 9月28日. */
export function monthDay(day: string): string {
  const [, month, date] = day.split('-').map(Number);
  return `${month}月${date}日`;
}

/** The China clock time `HH:MM` of a deadline. */
export function dueClock(due: WeekDue): string {
  return new Date(Date.parse(due.at) + 8 * 3_600_000).toISOString().slice(11, 16);
}
