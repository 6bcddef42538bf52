import type { Db } from '../db/database.ts';
import { calendarOf, loadRectificationSettings } from '../problems/rectification-settings.ts';
import { addWorkingDays, chinaDay } from '../problems/working-days.ts';

/** The days the mixer stamps on a batch of problem reports it writes: the batch's China day and the answer's due day. */
export interface InboxDays {
  readonly receivedOn: string;
  readonly dueOn: string;
}

/**
 * The day a batch is written (never a ballot's time: the batch is written later, mixed) and the last
 * working day for the unit's answer, `inboxAnswerDays` working days later by the office's calendar.
 */
export async function inboxDays(db: Db, now: Date): Promise<InboxDays> {
  const settings = await loadRectificationSettings(db);
  const receivedOn = chinaDay(now);
  return { receivedOn, dueOn: addWorkingDays(receivedOn, settings.inboxAnswerDays, calendarOf(settings)) };
}
