import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../errors.ts';
import { addDays, chinaDay } from '../problems/working-days.ts';
import { loadRectificationSettings } from '../problems/rectification-settings.ts';
import { weekDue, weekOf } from './report-week.ts';
import { insertReminders, unitReminders, unitsInScope, unitReports, weekReports } from './weekly-reports.repository.ts';
import { checkWeek, statusOf, unitFor, type Viewer } from './weekly-reports.service.ts';

// Reminders to units that have not reported (in-app rows the unit's staff see as a banner; SMS would go
// through the gateway, but no phone of a unit's staff is on file: users have no phone column), and the
// weeks a unit has and has not reported.

/** How many weeks back a unit's staff are reminded of, and its history lists. */
const HISTORY_WEEKS = 12;
const BANNER_WEEKS = 4;

/**
 * Reminds the named units, or every unit in scope that has not submitted. A unit that has submitted
 * is skipped (and said so); a unit outside the scope is refused (422 invalid_units).
 */
export async function sendReminders(
  deps: AppDeps,
  viewer: Viewer,
  week: string,
  request: { unitIds?: number[]; channel: 'app' | 'sms' },
  now: Date,
): Promise<{ reminded: number[]; skipped: number[] }> {
  checkWeek(week, now);
  if (request.channel === 'sms') {
    if (!deps.sms) throw new AppError(422, 'sms_not_configured', 'No SMS gateway is configured (SMS_PROVIDER).');
    throw new AppError(
      422,
      'no_phone_on_file',
      'No phone number of any unit staff account is on file: send the reminder in the app instead.',
    );
  }
  const scope = await unitsInScope(deps.db);
  const inScope = new Set(scope.map((u) => u.id));
  const wanted = request.unitIds ? [...new Set(request.unitIds)] : [...inScope];
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
  const reminded = wanted.filter((id) => !done.has(id));
  const at = now.toISOString();
  await insertReminders(
    deps.db,
    reminded.map((unitId) => ({ unitId, week, channel: request.channel, at, userId: viewer.id })),
  );
  return { reminded, skipped: wanted.filter((id) => done.has(id)) };
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
