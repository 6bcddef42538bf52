// Weeks of the weekly report on the client: China's calendar day (UTC+8), the Monday that names a week,
// and how a week and an instant are written. The server decides deadlines; these only label and move.
import { t, type Lang } from '../../shared/i18n.ts';

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

export function currentWeek(): string {
  return mondayOf(chinaToday());
}

const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function parts(day: string) {
  const date = new Date(`${day}T00:00:00Z`);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate(), w: date.getUTCDay() };
}

/** 2026年9月28日—10月4日 / 28 Sep – 4 Oct 2026. */
export function weekLabel(week: string, lang: Lang): string {
  const a = parts(week);
  const b = parts(addDays(week, 6));
  const en = (p: ReturnType<typeof parts>) =>
    new Date(Date.UTC(p.y, p.m - 1, p.d)).toLocaleDateString('en-GB', {
      timeZone: 'UTC',
      day: 'numeric',
      month: 'short',
    });
  return t(
    lang,
    `${a.y}年${a.m}月${a.d}日—${b.y !== a.y ? `${b.y}年` : ''}${b.m}月${b.d}日`,
    `${en(a)} – ${en(b)} ${b.y}`,
  );
}

/** A day with its weekday: 9月30日（周三） / Wed 30 Sep. */
export function dayLabel(day: string, lang: Lang): string {
  const p = parts(day);
  return t(lang, `${p.m}月${p.d}日（${WEEKDAYS_ZH[p.w]}）`, `${WEEKDAYS_EN[p.w]} ${p.d}/${p.m}`);
}

/** An instant in China time: 9月30日 18:00 / 30/9 18:00. */
export function chinaTime(iso: string | null, lang: Lang): string {
  if (!iso) return '—';
  const local = new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString();
  const p = parts(local.slice(0, 10));
  return t(lang, `${p.m}月${p.d}日 ${local.slice(11, 16)}`, `${p.d}/${p.m} ${local.slice(11, 16)}`);
}

/** How long until (or since) a deadline, in days and hours. */
export function countdown(dueAt: string, lang: Lang, now: Date = new Date()): { overdue: boolean; text: string } {
  const ms = Date.parse(dueAt) - now.getTime();
  const hours = Math.floor(Math.abs(ms) / 3_600_000);
  const days = Math.floor(hours / 24);
  const span =
    days > 0
      ? t(lang, `${days}天${hours % 24}小时`, `${days} d ${hours % 24} h`)
      : t(lang, `${hours}小时`, `${hours} h`);
  return ms >= 0
    ? { overdue: false, text: t(lang, `距截止还有${span}`, `${span} left`) }
    : { overdue: true, text: t(lang, `已超过截止时间${span}`, `${span} past the deadline`) };
}
