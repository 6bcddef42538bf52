import { sendEach } from '../access/sms-message.ts';
import type { AppDeps } from '../app-deps.ts';
import { unitStaffPhones } from '../auth/users.repository.ts';
import { AppError } from '../errors.ts';
import { addDays, chinaDay } from '../problems/working-days.ts';
import { loadRectificationSettings } from '../problems/rectification-settings.ts';
import { weekDue, weekOf } from './report-week.ts';
import {
  insertReminders,
  unitReminders,
  unitsInScope,
  unitReports,
  weekReports,
  type ScopeUnit,
} from './weekly-reports.repository.ts';
import { checkWeek, statusOf, unitFor, type Viewer } from './weekly-reports.service.ts';
import { reminderPhones, weeklyReminderMessage } from './weekly-sms.ts';

// Reminders to units that have not reported: in-app rows the unit's staff see as a banner, or SMS to the
// phones of the unit's staff accounts (weekly-sms.ts); and the weeks a unit has and has not reported.

/** How many weeks back a unit's staff are reminded of, and its history lists. */
const HISTORY_WEEKS = 12;
const BANNER_WEEKS = 4;

export interface ReminderResult {
  reminded: number[];
  /** Units that have submitted. */
  skipped: number[];
  /** SMS: units none of whose enabled staff accounts has a phone on file. */
  noPhone: number[];
  /** SMS: units with a phone on file to which no message went out (the gateway refused or failed). */
  failed: number[];
}

/**
 * Reminds the named units, or every unit in scope that has not submitted. A unit that has submitted
 * is skipped (and said so); a unit outside the scope is refused (422 invalid_units). By SMS, each unit is
 * reminded, without a phone, or failed; a reminder row is written only for a unit reached by one SMS or more.
 */
export async function sendReminders(
  deps: AppDeps,
  viewer: Viewer,
  week: string,
  request: { unitIds?: number[]; channel: 'app' | 'sms' },
  now: Date,
): Promise<ReminderResult> {
  checkWeek(week, now);
  if (request.channel === 'sms') {
    if (!deps.sms) throw new AppError(422, 'sms_not_configured', 'No SMS gateway is configured (SMS_PROVIDER).');
    if (!deps.config.SMS_WEEKLY_TEMPLATE_ID)
      throw new AppError(
        422,
        'sms_template_missing',
        'No SMS template for weekly-report reminders is configured (SMS_WEEKLY_TEMPLATE_ID): send the reminder in the app instead.',
      );
  }
  const scope = await unitsInScope(deps.db);
  const inScope = new Map(scope.map((u) => [u.id, u]));
  const wanted = request.unitIds ? [...new Set(request.unitIds)] : [...inScope.keys()];
  const outside = wanted.filter((id) => !inScope.has(id));
  if (outside.length > 0)
    throw new AppError(
      422,
      'invalid_units',
      `Units ${outside.join(', ')} do not report weekly (inactive, or no account and no filed problem).`,
    );
  const done = new Set(
    (await weekReports(deps.db, week, wanted)).filter((r) => r.state === 'submitted').map((r) => r.unit_id),
  );
  const skipped = wanted.filter((id) => done.has(id));
  const toRemind = wanted.filter((id) => !done.has(id));
  const unitOf = (id: number) => inScope.get(id)!;
  const outcome =
    request.channel === 'sms'
      ? await textUnits(deps, week, toRemind.map(unitOf))
      : { reminded: toRemind, noPhone: [], failed: [] };
  const at = now.toISOString();
  await insertReminders(
    deps.db,
    outcome.reminded.map((unitId) => ({ unitId, week, channel: request.channel, at, userId: viewer.id })),
  );
  return { reminded: outcome.reminded, skipped, noPhone: outcome.noPhone, failed: outcome.failed };
}

/** Texts every phone of each unit's staff; a unit counts as reminded when one message or more went out. */
async function textUnits(
  deps: AppDeps,
  week: string,
  units: readonly ScopeUnit[],
): Promise<Omit<ReminderResult, 'skipped'>> {
  const unitIds = units.map((u) => u.id);
  const [phones, settings] = await Promise.all([unitStaffPhones(deps.db, unitIds), loadRectificationSettings(deps.db)]);
  const due = weekDue(week, settings.weeklyDeadline, settings.calendar);
  const messages = units.flatMap((unit) =>
    reminderPhones(phones.get(unit.id) ?? []).map((phone) => ({
      unitId: unit.id,
      message: weeklyReminderMessage(deps.config, phone, { unitName: unit.name, week, due }),
    })),
  );
  const results = await sendEach(
    deps.sms!,
    messages.map(({ message }) => message),
  );
  const reached = new Set(messages.filter((_, i) => results[i]!.sent).map((m) => m.unitId));
  const tried = new Set(messages.map((m) => m.unitId));
  const outcome = {
    reminded: units.filter((u) => reached.has(u.id)).map((u) => u.id),
    noPhone: units.filter((u) => !tried.has(u.id)).map((u) => u.id),
    failed: units.filter((u) => tried.has(u.id) && !reached.has(u.id)).map((u) => u.id),
  };
  const notSent = results.filter((r) => !r.sent).length;
  // Counts only: a phone never goes into the log.
  if (notSent > 0)
    deps.logger.warn('weekly reminder SMS: some messages were not sent', {
      week,
      messages: messages.length,
      notSent,
      unitsFailed: outcome.failed.length,
    });
  return outcome;
}

/** The reminders a unit's staff should see: weeks of the last few with a reminder and no submitted report. */
export async function myReminders(deps: AppDeps, viewer: Viewer, now: Date) {
  if (viewer.role !== 'unit_staff' || viewer.unitId === null) return { reminders: [] };
  const current = weekOf(chinaDay(now));
  const first = addDays(current, -7 * BANNER_WEEKS);
  const [rows, reports, settings] = await Promise.all([
    unitReminders(deps.db, viewer.unitId, first),
    unitReports(deps.db, viewer.unitId, first, current),
    loadRectificationSettings(deps.db),
  ]);
  const submitted = new Set(reports.filter((r) => r.state === 'submitted').map((r) => r.week_start));
  const latest = new Map<string, string>();
  for (const row of rows) if (!submitted.has(row.week_start)) latest.set(row.week_start, row.sent_at);
  const reminders = [...latest]
    .sort(([a], [b]) => b.localeCompare(a))
    .map(([week, sentAt]) => ({ week, sentAt, due: weekDue(week, settings.weeklyDeadline, settings.calendar) }));
  return { reminders };
}

/** A unit's last weeks, newest first, with each week's status. */
export async function unitHistory(deps: AppDeps, viewer: Viewer, unitId: number, now: Date) {
  const unit = await unitFor(deps.db, viewer, unitId);
  const current = weekOf(chinaDay(now));
  const first = addDays(current, -7 * (HISTORY_WEEKS - 1));
  const settings = await loadRectificationSettings(deps.db);
  const reports = new Map((await unitReports(deps.db, unit.id, first, current)).map((r) => [r.week_start, r]));
  const weeks = [];
  for (let week = current; week >= first; week = addDays(week, -7)) {
    const due = weekDue(week, settings.weeklyDeadline, settings.calendar);
    const report = reports.get(week);
    weeks.push({ week, due, status: statusOf(report, due), submittedAt: report?.submitted_at ?? null });
  }
  return { unit, weeks };
}
