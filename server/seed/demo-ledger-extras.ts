import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../db/database.ts';
import type { WeeklyReminderTable, WeeklyReportTable } from '../db/schema.ts';
import { calendarOf, loadRectificationSettings } from '../problems/rectification-settings.ts';
import { addDays, addWorkingDays, chinaDay, type CalendarOverrides } from '../problems/working-days.ts';
import { weekDue, weekOf } from '../weekly-reports/report-week.ts';
import { assembleSummariesAsOf } from '../weekly-reports/weekly-reports.service.ts';
import {
  DEMO_OTHER_REPORTS,
  DEMO_REPORT_TEXTS,
  WEEKLY_DIFFICULTIES,
  WEEKLY_PLANS,
  WEEKLY_PROGRESS,
} from './demo-ledger-data.ts';
import type { SeededProblem } from './demo-ledger.ts';

// The demo ledger's inbox items and weekly reports, written as the mixer and the units would have.

const DAY_MS = 86_400_000;
const WEEKS_BACK = 4;

interface InboxContext {
  campaignId: number;
  units: ReadonlyMap<string, { id: number }>;
  problems: readonly SeededProblem[];
  staffIds: ReadonlyMap<string, number>;
  now: Date;
  calendar: CalendarOverrides;
}

/**
 * Recipients' problem reports in the units' inboxes, as the mixer writes them (a random id, the batch's
 * day, no time and nothing of a ballot), each answered or not: accepted into the ledger (the problems of
 * the `inbox_*` scenarios), merged with a problem, explained, sent to the office as abusive, or still open.
 * The demo campaign opened three weeks ago; reports are spread over that time, and the open ones received
 * before the answer window (inboxAnswerDays working days) are overdue today.
 */
export async function seedDemoInbox(db: Db, context: InboxContext): Promise<number> {
  const { now, calendar } = context;
  const answerDays = (await loadRectificationSettings(db)).inboxAnswerDays;
  const due = (day: string) => addWorkingDays(day, answerDays, calendar);
  const rows = [];
  for (const problem of context.problems) {
    if (!problem.spec.scenario.startsWith('inbox_')) continue;
    const received = chinaDay(new Date(problem.createdAt.getTime() - DAY_MS));
    rows.push({
      id: randomUUID(),
      campaign_id: context.campaignId,
      unit_id: problem.unitId,
      description: DEMO_REPORT_TEXTS[problem.spec.title] ?? problem.spec.title,
      contact: null,
      received_on: received,
      due_on: due(received),
      status: 'accepted' as const,
      problem_id: problem.id,
      answer: null,
      answered_at: problem.createdAt.toISOString(),
      answered_by: context.staffIds.get(problem.spec.unit) ?? null,
    });
  }
  const merged = context.problems.find((problem) => problem.spec.title.includes('叫号'));
  for (const report of DEMO_OTHER_REPORTS) {
    const unit = context.units.get(report.unit);
    if (!unit) continue;
    const received = chinaDay(new Date(now.getTime() - report.receivedDaysAgo * DAY_MS));
    const answered = report.status !== 'open';
    rows.push({
      id: randomUUID(),
      campaign_id: context.campaignId,
      unit_id: unit.id,
      description: report.description,
      contact: report.contact,
      received_on: received,
      due_on: due(received),
      status: report.status,
      problem_id: report.status === 'merged' ? (merged?.id ?? null) : null,
      answer: report.answer ?? null,
      answered_at: answered
        ? new Date(Math.min(now.getTime(), Date.parse(`${received}T10:00:00+08:00`) + DAY_MS)).toISOString()
        : null,
      answered_by: answered ? (context.staffIds.get(report.unit) ?? null) : null,
    });
  }
  if (rows.length > 0) await db.insertInto('problem_reports').values(rows).execute();
  return rows.length;
}

interface WeeklyContext {
  problems: readonly SeededProblem[];
  staffIds: ReadonlyMap<string, number>;
  officeId: number | null;
  now: Date;
  random: () => number;
}

/**
 * The last four weeks' reports of every unit with problems: most submitted by the Friday deadline, some
 * late, some missing (with the office's in-app reminder), and this week's drafts of the demo accounts'
 * units. A submitted report's summary is assembled as of its submission, from the timeline: the problems'
 * states and deadlines then, not today's.
 */
export async function seedDemoWeeklyReports(db: Db, context: WeeklyContext): Promise<number> {
  const { now, random } = context;
  const settings = await loadRectificationSettings(db);
  const units = [...new Map(context.problems.map((p) => [p.unitId, p.spec.unit])).entries()];
  const thisWeek = weekOf(chinaDay(now));
  const reports: Insertable<WeeklyReportTable>[] = [];
  const reminders: Insertable<WeeklyReminderTable>[] = [];
  for (let back = WEEKS_BACK; back >= 1; back -= 1) {
    const week = addDays(thisWeek, -7 * back);
    const due = weekDue(week, settings.weeklyDeadline, calendarOf(settings));
    const dueAt = Date.parse(due.at);
    const submissions: Array<{ index: number; unitId: number; code: string; at: string }> = [];
    for (const [index, [unitId, code]] of units.entries()) {
      const draw = random();
      if (draw >= 0.85) {
        reminders.push({
          unit_id: unitId,
          week_start: week,
          channel: 'app',
          sent_at: new Date(dueAt + 3_600_000).toISOString(),
          sent_by: context.officeId,
        });
        continue;
      }
      const late = draw >= 0.7;
      const at = new Date(
        Math.min(now.getTime() - 60_000, dueAt + (late ? 1 + Math.floor(random() * 2) : -0.2) * DAY_MS),
      ).toISOString();
      submissions.push({ index, unitId, code, at });
    }
    // Each summary as it stood when the unit submitted (a few distinct times a week: one query set each).
    for (const at of new Set(submissions.map((s) => s.at))) {
      const batch = submissions.filter((s) => s.at === at);
      const summaries = await assembleSummariesAsOf(
        db,
        week,
        batch.map((s) => s.unitId),
        new Date(at),
      );
      for (const { index, unitId, code } of batch) {
        const staff = context.staffIds.get(code) ?? null;
        reports.push({
          unit_id: unitId,
          week_start: week,
          state: 'submitted',
          progress: WEEKLY_PROGRESS[(index + back) % WEEKLY_PROGRESS.length]!,
          plan: WEEKLY_PLANS[(index + back) % WEEKLY_PLANS.length]!,
          difficulties: WEEKLY_DIFFICULTIES[(index + back) % WEEKLY_DIFFICULTIES.length]!,
          summary: JSON.stringify(summaries.get(unitId) ?? null),
          updated_at: at,
          updated_by: staff,
          submitted_at: at,
          submitted_by: staff,
        });
      }
    }
  }
  // This week: the demo accounts' units have begun their drafts.
  for (const [unitId, code] of units.filter(([, code]) => ['D26', 'D21', 'D16'].includes(code))) {
    reports.push({
      unit_id: unitId,
      week_start: thisWeek,
      state: 'draft',
      progress: WEEKLY_PROGRESS[0],
      plan: WEEKLY_PLANS[0],
      difficulties: '',
      summary: null,
      updated_at: new Date(now.getTime() - 3_600_000).toISOString(),
      updated_by: context.staffIds.get(code) ?? null,
      submitted_at: null,
      submitted_by: null,
    });
  }
  // One statement each: the demo's start stays short on PostgreSQL too.
  if (reports.length > 0) await db.insertInto('weekly_reports').values(reports).execute();
  if (reminders.length > 0) await db.insertInto('weekly_reminders').values(reminders).execute();
  return reports.length;
}
