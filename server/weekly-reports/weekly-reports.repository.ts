import type { Db } from '../db/database.ts';
import type { ProblemState } from '../db/schema.ts';
import { OPEN_STATES } from '../problems/problem-states.ts';
import type { OpenProblem, WeekEntry } from './weekly-summary.ts';

// All SQL of the weekly reports. Functions take the database or a transaction first; unit ids are
// given as a list (an empty list answers nothing without asking the database).

export interface ScopeUnit {
  readonly id: number;
  readonly name: string;
  readonly nameEn: string;
}

/**
 * The units that report every week: active units with a problem that has ever been filed, or with an
 * enabled unit staff account (a unit that can report should, even with an empty ledger).
 */
export async function unitsInScope(db: Db): Promise<ScopeUnit[]> {
  const rows = await db
    .selectFrom('units')
    .select(['units.id', 'units.name', 'units.name_en'])
    .where('units.active', '=', 1)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('problems')
            .select('problems.id')
            .whereRef('problems.unit_id', '=', 'units.id')
            .where('problems.filed_at', 'is not', null),
        ),
        eb.exists(
          eb
            .selectFrom('users')
            .select('users.id')
            .whereRef('users.unit_id', '=', 'units.id')
            .where('users.role', '=', 'unit_staff')
            .where('users.disabled', '=', 0),
        ),
      ]),
    )
    .orderBy('units.sort_order')
    .orderBy('units.id')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, nameEn: row.name_en }));
}

export async function findUnit(db: Db, id: number): Promise<ScopeUnit | null> {
  const row = await db.selectFrom('units').select(['id', 'name', 'name_en']).where('id', '=', id).executeTakeFirst();
  return row ? { id: row.id, name: row.name, nameEn: row.name_en } : null;
}

/** The top of the unit tree's name when there is exactly one (the office is named after it). */
export async function rootUnitName(db: Db): Promise<string | null> {
  const roots = await db.selectFrom('units').select('name').where('parent_id', 'is', null).limit(2).execute();
  return roots.length === 1 ? roots[0]!.name : null;
}

/** The week's timeline entries of the units' problems, per unit, in order. */
export async function weekEntries(
  db: Db,
  unitIds: readonly number[],
  span: { from: string; to: string },
): Promise<Map<number, WeekEntry[]>> {
  const byUnit = new Map<number, WeekEntry[]>();
  if (unitIds.length === 0) return byUnit;
  const rows = await db
    .selectFrom('problem_events')
    .innerJoin('problems', 'problems.id', 'problem_events.problem_id')
    .select([
      'problems.unit_id',
      'problems.title',
      'problems.deadline',
      'problem_events.problem_id',
      'problem_events.at',
      'problem_events.action',
      'problem_events.from_state',
      'problem_events.to_state',
      'problem_events.note',
    ])
    .where('problems.unit_id', 'in', [...unitIds])
    .where('problem_events.at', '>=', span.from)
    .where('problem_events.at', '<', span.to)
    .orderBy('problem_events.at')
    .orderBy('problem_events.id')
    .execute();
  for (const row of rows) {
    const list = byUnit.get(row.unit_id) ?? [];
    list.push({
      problemId: row.problem_id,
      title: row.title,
      deadline: row.deadline,
      at: row.at,
      action: row.action,
      fromState: row.from_state,
      toState: row.to_state,
      note: row.note,
    });
    byUnit.set(row.unit_id, list);
  }
  return byUnit;
}

/** The units' problems still to be rectified, per unit. */
export async function openProblems(db: Db, unitIds: readonly number[]): Promise<Map<number, OpenProblem[]>> {
  const byUnit = new Map<number, OpenProblem[]>();
  if (unitIds.length === 0) return byUnit;
  const rows = await db
    .selectFrom('problems')
    .select(['id', 'unit_id', 'title', 'state', 'deadline', 'owner'])
    .where('unit_id', 'in', [...unitIds])
    .where('state', 'in', [...OPEN_STATES] as ProblemState[])
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = byUnit.get(row.unit_id) ?? [];
    list.push({ id: row.id, title: row.title, state: row.state, deadline: row.deadline, owner: row.owner });
    byUnit.set(row.unit_id, list);
  }
  return byUnit;
}

/**
 * The units' problems as they stood at `at` (an ISO instant), rebuilt from the append-only timeline, per
 * unit: only those created by then, each in the state its last entry at or before `at` left it, with the
 * deadline it had then — the first later change of `deadline` recorded in an entry's `changes` says what it
 * was before, else today's stands. Titles and owners are today's.
 */
export async function problemsAsOf(
  db: Db,
  unitIds: readonly number[],
  at: string,
): Promise<Map<number, OpenProblem[]>> {
  const byUnit = new Map<number, OpenProblem[]>();
  if (unitIds.length === 0) return byUnit;
  const rows = await db
    .selectFrom('problem_events')
    .innerJoin('problems', 'problems.id', 'problem_events.problem_id')
    .select([
      'problems.unit_id',
      'problems.title',
      'problems.deadline',
      'problems.owner',
      'problem_events.problem_id',
      'problem_events.at',
      'problem_events.to_state',
      'problem_events.changes',
    ])
    .where('problems.unit_id', 'in', [...unitIds])
    // Later entries only matter when they changed a field (the deadline before them).
    .where((eb) => eb.or([eb('problem_events.at', '<=', at), eb('problem_events.changes', 'is not', null)]))
    .orderBy('problem_events.problem_id')
    .orderBy('problem_events.at')
    .orderBy('problem_events.id')
    .execute();
  const problems = new Map<number, { unitId: number; problem: OpenProblem; settled: boolean }>();
  for (const row of rows) {
    let found = problems.get(row.problem_id);
    const change = deadlineChange(row.changes);
    if (row.at <= at) {
      if (!found) {
        const { title, owner, deadline } = row;
        found = {
          unitId: row.unit_id,
          problem: { id: row.problem_id, title, owner, deadline, state: 'draft' },
          settled: false,
        };
        problems.set(row.problem_id, found);
      }
      if (row.to_state !== null) found.problem = { ...found.problem, state: row.to_state };
      if (change) found.problem = { ...found.problem, deadline: change.to };
    } else if (found && change && !found.settled) {
      // The first change after `at` started from the deadline the problem had at `at`.
      found.problem = { ...found.problem, deadline: change.from };
      found.settled = true;
    }
  }
  for (const { unitId, problem } of problems.values()) {
    const list = byUnit.get(unitId) ?? [];
    list.push(problem);
    byUnit.set(unitId, list);
  }
  return byUnit;
}

/** The deadline change an entry recorded (`changes.deadline = [before, after]`), or null. */
function deadlineChange(changes: string | null): { from: string | null; to: string | null } | null {
  if (changes === null) return null;
  try {
    const change = (JSON.parse(changes) as Record<string, unknown>)['deadline'];
    if (!Array.isArray(change) || change.length !== 2) return null;
    const [from, to] = change as unknown[];
    return { from: typeof from === 'string' ? from : null, to: typeof to === 'string' ? to : null };
  } catch {
    return null;
  }
}

/** Inbox items received (by the day their batch was written) and answered within the week, per unit. */
export async function inboxCounts(
  db: Db,
  unitIds: readonly number[],
  days: { first: string; last: string },
  span: { from: string; to: string },
): Promise<Map<number, { received: number; answered: number }>> {
  const counts = new Map<number, { received: number; answered: number }>();
  if (unitIds.length === 0) return counts;
  const received = await db
    .selectFrom('problem_reports')
    .select((eb) => ['unit_id', eb.fn.countAll().as('n')])
    .where('unit_id', 'in', [...unitIds])
    .where('received_on', '>=', days.first)
    .where('received_on', '<=', days.last)
    .groupBy('unit_id')
    .execute();
  const answered = await db
    .selectFrom('problem_reports')
    .select((eb) => ['unit_id', eb.fn.countAll().as('n')])
    .where('unit_id', 'in', [...unitIds])
    .where('answered_at', '>=', span.from)
    .where('answered_at', '<', span.to)
    .groupBy('unit_id')
    .execute();
  const entry = (unitId: number) => counts.get(unitId) ?? { received: 0, answered: 0 };
  for (const row of received) counts.set(row.unit_id, { ...entry(row.unit_id), received: Number(row.n) });
  for (const row of answered) counts.set(row.unit_id, { ...entry(row.unit_id), answered: Number(row.n) });
  return counts;
}

export interface StoredReport {
  readonly id: number;
  readonly unit_id: number;
  readonly week_start: string;
  readonly state: 'draft' | 'submitted';
  readonly progress: string;
  readonly plan: string;
  readonly difficulties: string;
  readonly summary: string | null;
  readonly updated_at: string;
  readonly updated_by_name: string | null;
  readonly submitted_at: string | null;
  readonly submitted_by_name: string | null;
  readonly submitted_by_role: string | null;
}

/** The stored reports of a week (of some units, or all). */
export async function weekReports(db: Db, week: string, unitIds?: readonly number[]): Promise<StoredReport[]> {
  if (unitIds && unitIds.length === 0) return [];
  let query = db
    .selectFrom('weekly_reports as r')
    .leftJoin('users as u', 'u.id', 'r.updated_by')
    .leftJoin('users as s', 's.id', 'r.submitted_by')
    .select([
      'r.id',
      'r.unit_id',
      'r.week_start',
      'r.state',
      'r.progress',
      'r.plan',
      'r.difficulties',
      'r.summary',
      'r.updated_at',
      'u.display_name as updated_by_name',
      'r.submitted_at',
      's.display_name as submitted_by_name',
      's.role as submitted_by_role',
    ])
    .where('r.week_start', '=', week);
  if (unitIds) query = query.where('r.unit_id', 'in', [...unitIds]);
  return query.execute();
}

/** A unit's stored reports of the weeks from `first` to `last`. */
export async function unitReports(db: Db, unitId: number, first: string, last: string) {
  return db
    .selectFrom('weekly_reports')
    .select(['week_start', 'state', 'submitted_at'])
    .where('unit_id', '=', unitId)
    .where('week_start', '>=', first)
    .where('week_start', '<=', last)
    .execute();
}

export interface ReportTexts {
  readonly progress: string;
  readonly plan: string;
  readonly difficulties: string;
}

/**
 * Writes a unit's draft, or submits it (with its frozen summary). Nothing changes once the report is
 * submitted: the answer is then null, whoever won a race to submit.
 */
export async function writeReport(
  db: Db,
  row: { unitId: number; week: string; texts: ReportTexts; userId: number; at: string },
  submission: { summary: string } | null,
): Promise<{ id: number } | null> {
  const values = {
    ...row.texts,
    updated_at: row.at,
    updated_by: row.userId,
    ...(submission
      ? { state: 'submitted' as const, summary: submission.summary, submitted_at: row.at, submitted_by: row.userId }
      : { state: 'draft' as const }),
  };
  const written = await db
    .insertInto('weekly_reports')
    .values({ unit_id: row.unitId, week_start: row.week, ...values })
    .onConflict((oc) =>
      oc.columns(['unit_id', 'week_start']).doUpdateSet(values).where('weekly_reports.state', '=', 'draft'),
    )
    .returning('id')
    .executeTakeFirst();
  return written ?? null;
}

export interface ReminderRow {
  readonly unit_id: number;
  readonly week_start: string;
  readonly channel: 'app' | 'sms';
  readonly sent_at: string;
}

export async function weekReminders(db: Db, week: string): Promise<ReminderRow[]> {
  return db
    .selectFrom('weekly_reminders')
    .select(['unit_id', 'week_start', 'channel', 'sent_at'])
    .where('week_start', '=', week)
    .orderBy('sent_at')
    .orderBy('id')
    .execute();
}

export async function unitReminders(db: Db, unitId: number, firstWeek: string): Promise<ReminderRow[]> {
  return db
    .selectFrom('weekly_reminders')
    .select(['unit_id', 'week_start', 'channel', 'sent_at'])
    .where('unit_id', '=', unitId)
    .where('week_start', '>=', firstWeek)
    .orderBy('sent_at')
    .orderBy('id')
    .execute();
}

export async function insertReminders(
  db: Db,
  rows: readonly { unitId: number; week: string; channel: 'app' | 'sms'; at: string; userId: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('weekly_reminders')
    .values(
      rows.map((r) => ({
        unit_id: r.unitId,
        week_start: r.week,
        channel: r.channel,
        sent_at: r.at,
        sent_by: r.userId,
      })),
    )
    .execute();
}
