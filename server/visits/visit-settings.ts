import { z } from '@hono/zod-openapi';
import type { Db } from '../db/database.ts';

// The office's visit settings (三遍访, decision 018), one JSON document in app_settings under one key: the
// working days within which the person who raised a problem on a visit must be told the outcome, for a
// problem transferred to a unit and for one handed to 12345. Counted from the day of the visit by the
// office's calendar (the rectification settings' corrections).

const KEY = 'visits';

const WorkingDays = z.number().int().min(1).max(250);

export const VisitSettingsSchema = z
  .object({
    /** 反馈时限 in working days from the visit, per outcome that needs feedback. */
    feedbackDays: z.object({ transferred: WorkingDays, hotline: WorkingDays }).strict(),
  })
  .strict()
  .openapi('VisitSettings');

export type VisitSettings = z.infer<typeof VisitSettingsSchema>;

export const DEFAULT_VISIT_SETTINGS: VisitSettings = { feedbackDays: { transferred: 10, hotline: 10 } };

/** The stored settings, or the defaults where nothing (or something no longer valid) is stored. */
export async function loadVisitSettings(db: Db): Promise<VisitSettings> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return DEFAULT_VISIT_SETTINGS;
  const parsed = VisitSettingsSchema.safeParse(safeJson(row.value));
  return parsed.success ? parsed.data : DEFAULT_VISIT_SETTINGS;
}

export async function saveVisitSettings(db: Db, settings: VisitSettings): Promise<void> {
  const value = JSON.stringify(VisitSettingsSchema.parse(settings));
  await db
    .insertInto('app_settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
