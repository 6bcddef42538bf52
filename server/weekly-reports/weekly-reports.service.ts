import type { AppDeps } from '../app-deps.ts';
import type { Db } from '../db/database.ts';
import type { UserRole } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { OPEN_STATES } from '../problems/problem-states.ts';
import { loadRectificationSettings } from '../problems/rectification-settings.ts';
import { addDays, chinaDay } from '../problems/working-days.ts';
import { isWeek, weekDue, weekOf, weekSpan, type WeekDue } from './report-week.ts';
import {
  findUnit,
  inboxCounts,
  openProblems,
  problemsAsOf,
  unitsInScope,
  weekEntries,
  weekReminders,
  weekReports,
  writeReport,
  type ReportTexts,
  type ScopeUnit,
  type StoredReport,
} from './weekly-reports.repository.ts';
import {
  assembleSummary,
  parseSummary,
  type OpenProblem,
  type WeekEntry,
  type WeeklySummary,
} from './weekly-summary.ts';

// The rules of the weekly reports (每周五上报, decision 017): who may read and write which unit's report,
// the week's deadline, the draft assembled from the timeline, submission (final: a submitted report is
// never changed, so the office and the city committee read what the unit sent), and each unit's status.

export type ReportStatus = 'on_time' | 'late' | 'draft' | 'missing';

export interface Viewer {
  readonly id: number;
  readonly role: UserRole;
  readonly unitId: number | null;
}

/** Refuses a week that is not a Monday (400) or that has not begun in China (422). */
export function checkWeek(week: string, now: Date): void {
  if (!isWeek(week)) throw new AppError(400, 'invalid_week', `"${week}" is not a week: give its Monday as YYYY-MM-DD.`);
  if (week > weekOf(chinaDay(now)))
    throw new AppError(422, 'week_in_future', `The week of ${week} has not begun: nothing can be reported for it yet.`);
}

/** The unit, if the viewer may see its reports: unit staff see their own only (another unit is 404, as if absent). */
export async function unitFor(db: Db, viewer: Viewer, unitId: number): Promise<ScopeUnit> {
  const unit = viewer.role === 'unit_staff' && viewer.unitId !== unitId ? null : await findUnit(db, unitId);
  if (!unit) throw notFound(`Unit ${unitId}`);
  return unit;
}

export async function dueOf(db: Db, week: string): Promise<WeekDue> {
  const settings = await loadRectificationSettings(db);
  return weekDue(week, settings.weeklyDeadline, settings.calendar);
}

export function statusOf(report: Pick<StoredReport, 'state' | 'submitted_at'> | undefined, due: WeekDue): ReportStatus {
  if (!report) return 'missing';
  if (report.state === 'draft' || report.submitted_at === null) return 'draft';
  return report.submitted_at > due.at ? 'late' : 'on_time';
}

/** The week's summaries of the units, assembled now from their timelines. */
export async function assembleSummaries(
  db: Db,
  week: string,
  unitIds: readonly number[],
  now: Date,
): Promise<Map<number, WeeklySummary>> {
  const span = weekSpan(week);
  const [entries, open, inbox] = await Promise.all([
    weekEntries(db, unitIds, span),
    openProblems(db, unitIds),
    inboxCounts(db, unitIds, { first: week, last: addDays(week, 6) }, span),
  ]);
  return summariesOf(db, week, unitIds, now, { entries, open, inbox });
}

/**
 * The week's summaries as they would have been assembled at `asOf`, a time in the past (the demo's past
 * reports): each problem in its state and with its deadline at that time, from the timeline (problems
 * created later are absent), and the week's entries and inbox items up to that time only.
 */
export async function assembleSummariesAsOf(
  db: Db,
  week: string,
  unitIds: readonly number[],
  asOf: Date,
): Promise<Map<number, WeeklySummary>> {
  const at = asOf.toISOString();
  const whole = weekSpan(week);
  // Entries at `asOf` itself count: the span's end is exclusive.
  const until = new Date(asOf.getTime() + 1).toISOString();
  const span = { from: whole.from, to: until < whole.to ? until : whole.to };
  const lastDay = addDays(week, 6) < chinaDay(asOf) ? addDays(week, 6) : chinaDay(asOf);
  const [entries, problems, inbox] = await Promise.all([
    weekEntries(db, unitIds, span),
    problemsAsOf(db, unitIds, at),
    inboxCounts(db, unitIds, { first: week, last: lastDay }, span),
  ]);
  const deadlines = new Map([...problems.values()].flat().map((problem) => [problem.id, problem.deadline]));
  const asThen = (entry: WeekEntry): WeekEntry =>
    deadlines.has(entry.problemId) ? { ...entry, deadline: deadlines.get(entry.problemId) ?? null } : entry;
  return summariesOf(db, week, unitIds, asOf, {
    entries: new Map([...entries].map(([unitId, list]) => [unitId, list.map(asThen)])),
    open: new Map([...problems].map(([unitId, list]) => [unitId, list.filter((p) => OPEN_STATES.includes(p.state))])),
    inbox,
  });
}

async function summariesOf(
  db: Db,
  week: string,
  unitIds: readonly number[],
  now: Date,
  sources: {
    entries: ReadonlyMap<number, WeekEntry[]>;
    open: ReadonlyMap<number, OpenProblem[]>;
    inbox: ReadonlyMap<number, { received: number; answered: number }>;
  },
): Promise<Map<number, WeeklySummary>> {
  const settings = await loadRectificationSettings(db);
  const summaries = new Map<number, WeeklySummary>();
  for (const unitId of unitIds) {
    summaries.set(
      unitId,
      assembleSummary({
        week,
        entries: sources.entries.get(unitId) ?? [],
        open: sources.open.get(unitId) ?? [],
        inbox: sources.inbox.get(unitId) ?? { received: 0, answered: 0 },
        now,
        overrides: settings.calendar,
      }),
    );
  }
  return summaries;
}

/** A report as the console shows it: the stored texts (or empty ones) and the summary, frozen or live. */
export async function reportView(deps: AppDeps, viewer: Viewer, week: string, unitId: number, now: Date) {
  checkWeek(week, now);
  const unit = await unitFor(deps.db, viewer, unitId);
  const [due, [stored]] = await Promise.all([dueOf(deps.db, week), weekReports(deps.db, week, [unit.id])]);
  const frozen = stored?.state === 'submitted' ? parseSummary(stored.summary) : null;
  const summary = frozen ?? (await assembleSummaries(deps.db, week, [unit.id], now)).get(unit.id)!;
  const reminders = (await weekReminders(deps.db, week)).filter((r) => r.unit_id === unit.id);
  const status = statusOf(stored, due);
  const mayWrite = viewer.role === 'admin' || (viewer.role === 'unit_staff' && viewer.unitId === unit.id);
  return {
    week,
    unit,
    due,
    status,
    progress: stored?.progress ?? '',
    plan: stored?.plan ?? '',
    difficulties: stored?.difficulties ?? '',
    summary,
    updatedAt: stored?.updated_at ?? null,
    updatedBy: stored?.updated_by_name ?? null,
    submittedAt: stored?.submitted_at ?? null,
    submittedBy: stored?.submitted_by_name ?? null,
    /** Submitted by the office on the unit's behalf. */
    onBehalf: stored?.submitted_by_role === 'admin',
    canEdit: mayWrite && status !== 'on_time' && status !== 'late',
    reminders: reminders.map((r) => ({ sentAt: r.sent_at, channel: r.channel })),
  };
}

/** Saves the draft or submits it; refuses leaders (the route), others' units (404) and a submitted report (409). */
export async function writeUnitReport(
  deps: AppDeps,
  viewer: Viewer,
  week: string,
  unitId: number,
  texts: ReportTexts,
  submit: boolean,
  now: Date,
): Promise<void> {
  checkWeek(week, now);
  const unit = await unitFor(deps.db, viewer, unitId);
  const clean = { progress: texts.progress.trim(), plan: texts.plan.trim(), difficulties: texts.difficulties.trim() };
  if (submit && clean.progress === '')
    throw new AppError(
      422,
      'weekly_progress_required',
      'Say what progress was made this week (本周进展) before submitting.',
    );
  const [existing] = await weekReports(deps.db, week, [unit.id]);
  if (existing?.state === 'submitted') throw submitted(existing.submitted_at);
  const summary = submit ? (await assembleSummaries(deps.db, week, [unit.id], now)).get(unit.id)! : null;
  const written = await writeReport(
    deps.db,
    { unitId: unit.id, week, texts: clean, userId: viewer.id, at: now.toISOString() },
    summary ? { summary: JSON.stringify(summary) } : null,
  );
  if (!written) throw submitted(null);
}

function submitted(at: string | null): AppError {
  return new AppError(
    409,
    'weekly_report_submitted',
    `This week's report was submitted${at ? ` at ${at}` : ''} and is final; put corrections in next week's report.`,
  );
}

/** The office's overview of a week: every unit in scope with its status, figures and last reminder. */
export async function weekOverview(deps: AppDeps, week: string, now: Date) {
  checkWeek(week, now);
  const units = await unitsInScope(deps.db);
  const ids = units.map((u) => u.id);
  const [due, reports, reminders] = await Promise.all([
    dueOf(deps.db, week),
    weekReports(deps.db, week, ids),
    weekReminders(deps.db, week),
  ]);
  const byUnit = new Map(reports.map((r) => [r.unit_id, r]));
  const live = await assembleSummaries(
    deps.db,
    week,
    ids.filter((id) => byUnit.get(id)?.state !== 'submitted'),
    now,
  );
  const rows = units.map((unit) => {
    const report = byUnit.get(unit.id);
    const summary = (report?.state === 'submitted' ? parseSummary(report.summary) : null) ?? live.get(unit.id) ?? null;
    const sent = reminders.filter((r) => r.unit_id === unit.id);
    const last = sent.at(-1);
    return {
      unit,
      status: statusOf(report, due),
      submittedAt: report?.submitted_at ?? null,
      submittedBy: report?.submitted_by_name ?? null,
      onBehalf: report?.submitted_by_role === 'admin',
      report: report ?? null,
      summary,
      reminders: sent.length,
      lastReminder: last ? { sentAt: last.sent_at, channel: last.channel } : null,
    };
  });
  const counts = { units: rows.length, on_time: 0, late: 0, draft: 0, missing: 0 };
  for (const row of rows) counts[row.status] += 1;
  return { week, due, pastDue: now.toISOString() > due.at, counts, rows };
}
