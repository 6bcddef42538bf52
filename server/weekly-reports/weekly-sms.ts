import { toE164, type SmsMessage } from '../access/sms-message.ts';
import type { Config } from '../config.ts';
import { dueClock, monthDay, type WeekDue } from './report-week.ts';

// The text of a weekly-report reminder by SMS: the approved template SMS_WEEKLY_TEMPLATE_ID, its
// parameters in the order SMS_WEEKLY_TEMPLATE_PARAMS gives, written as a Chinese reader expects
// (9月28日, 10月9日18:00, China time). Pure: the sending is the reminders' (weekly-reminders.ts).

type WeeklySmsConfig = Pick<Config, 'SMS_WEEKLY_TEMPLATE_ID' | 'SMS_WEEKLY_TEMPLATE_PARAMS'>;

/** A deadline as 10月9日18:00, China time. */
function dueWords(due: WeekDue): string {
  return `${monthDay(due.day)}${dueClock(due)}`;
}

/** The unit staff's phones as gateways want them (E.164), each once; a number that is not one is left out. */
export function reminderPhones(phones: readonly string[]): string[] {
  return [...new Set(phones.map(toE164).filter((phone): phone is string => phone !== null))];
}

/** One reminder to one phone of the unit's staff that the week's report is not in yet. */
export function weeklyReminderMessage(
  config: WeeklySmsConfig,
  phone: string,
  reminder: { unitName: string; week: string; due: WeekDue },
): SmsMessage {
  const params = config.SMS_WEEKLY_TEMPLATE_PARAMS.map((p) =>
    p === 'unit' ? reminder.unitName : p === 'week' ? monthDay(reminder.week) : dueWords(reminder.due),
  );
  return { phone, params, templateId: config.SMS_WEEKLY_TEMPLATE_ID! };
}
