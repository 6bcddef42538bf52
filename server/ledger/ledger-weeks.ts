import { addDays, chinaDay, isDay } from '../problems/working-days.ts';

// The weeks of 整改周周见: China weeks, Monday to Sunday (UTC+8, no daylight saving), named by their Monday
// `YYYY-MM-DD`. An event belongs to the week of its China calendar day, so Sunday 23:30 in China (15:30 UTC)
// is still that Sunday's week. Pure.

const CHINA_OFFSET = '+08:00';

/** The Monday of the China week that holds `day`. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, -((weekday + 6) % 7));
}

/** The Monday of the China week an instant falls in. */
export function weekOfInstant(instant: Date | string): string {
  return mondayOf(chinaDay(typeof instant === 'string' ? new Date(instant) : instant));
}

export function isMonday(day: string): boolean {
  return isDay(day) && mondayOf(day) === day;
}

/** The week's bounds as stored instants (ISO UTC): from Monday 00:00 China time, up to next Monday's. */
export function weekInstants(monday: string): { from: string; to: string } {
  const from = new Date(`${monday}T00:00:00.000${CHINA_OFFSET}`);
  const to = new Date(`${addDays(monday, 7)}T00:00:00.000${CHINA_OFFSET}`);
  return { from: from.toISOString(), to: to.toISOString() };
}

/** The Sunday that ends the week. */
export function weekEnd(monday: string): string {
  return addDays(monday, 6);
}
