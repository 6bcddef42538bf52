import { z } from '@hono/zod-openapi';
import type { Db } from '../db/database.ts';
import { PROBLEM_SOURCES, type ProblemSource } from '../db/schema.ts';
import { isDay, type CalendarOverrides } from './working-days.ts';

// The office's rectification settings (decision 017), one JSON document in app_settings under one key:
// the default deadline in working days per source, the working days a unit has to answer an inbox item,
// the weekly report's deadline, and corrections to the official calendar.

const KEY = 'rectification';

const Day = z.string().refine(isDay, { message: 'must be a calendar day written YYYY-MM-DD' });
const WorkingDays = z.number().int().min(1).max(250);

export const RectificationSettingsSchema = z
  .object({
    /** Default 时限 per source, in working days from the day the problem is filed or accepted. */
    deadlineDays: z.object(
      Object.fromEntries(PROBLEM_SOURCES.map((source) => [source, WorkingDays])) as Record<
        ProblemSource,
        typeof WorkingDays
      >,
    ),
    /** Working days a unit has to answer an item of its inbox (好差评: 5). */
    inboxAnswerDays: WorkingDays,
    /** The weekly report is due by this weekday (1 = Monday … 7 = Sunday) and time, China time. */
    weeklyDeadline: z.object({
      weekday: z.number().int().min(1).max(7),
      time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:MM' }),
    }),
    /** Corrections to the official calendar: days off and working days the package does not know. */
    calendar: z.object({ holidays: z.array(Day).max(400), workdays: z.array(Day).max(400) }),
  })
  .strict()
  .openapi('RectificationSettings');

export type RectificationSettings = z.infer<typeof RectificationSettingsSchema>;

export const DEFAULT_RECTIFICATION_SETTINGS: RectificationSettings = {
  deadlineDays: { self: 20, rating: 5, visit: 10, hotline: 5, inspection: 15, media: 10, assigned: 15 },
  inboxAnswerDays: 5,
  weeklyDeadline: { weekday: 5, time: '18:00' },
  calendar: { holidays: [], workdays: [] },
};

/** The stored settings, or the defaults where nothing (or something no longer valid) is stored. */
export async function loadRectificationSettings(db: Db): Promise<RectificationSettings> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return DEFAULT_RECTIFICATION_SETTINGS;
  const parsed = RectificationSettingsSchema.safeParse(safeJson(row.value));
  return parsed.success ? parsed.data : DEFAULT_RECTIFICATION_SETTINGS;
}

export async function saveRectificationSettings(db: Db, settings: RectificationSettings): Promise<void> {
  const value = JSON.stringify(RectificationSettingsSchema.parse(settings));
  await db
    .insertInto('app_settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export function calendarOf(settings: RectificationSettings): CalendarOverrides {
  return settings.calendar;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
