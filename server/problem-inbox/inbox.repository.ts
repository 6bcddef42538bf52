import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database, InboxStatus } from '../db/schema.ts';

// All SQL of the units' inbox. It reads and answers `problem_reports`, which the mixer writes in shuffled
// batches apart from the ballots (decision 011): nothing here touches a ballot table or could join one.

export interface InboxFilter {
  /** Only this unit's items (unit staff: always their own). */
  readonly unitId?: number;
  readonly campaignId?: number;
  readonly status?: InboxStatus;
  /** Open items whose due day is before this day (today) only. */
  readonly overdueBefore?: string;
}

type Eb = ExpressionBuilder<Database & { pr: Database['problem_reports'] }, 'pr'>;

function where(eb: Eb, filter: InboxFilter, withStatus: boolean) {
  const conditions = [];
  if (filter.unitId !== undefined) conditions.push(eb('pr.unit_id', '=', filter.unitId));
  if (filter.campaignId !== undefined) conditions.push(eb('pr.campaign_id', '=', filter.campaignId));
  if (withStatus && filter.status !== undefined) conditions.push(eb('pr.status', '=', filter.status));
  if (withStatus && filter.overdueBefore !== undefined) {
    conditions.push(eb('pr.status', '=', 'open'), eb('pr.due_on', '<', filter.overdueBefore));
  }
  return eb.and(conditions);
}

function itemQuery(db: Db) {
  return (
    db
      .selectFrom('problem_reports as pr')
      // A problem transferred from a visit has no campaign.
      .leftJoin('campaigns as c', 'c.id', 'pr.campaign_id')
      .innerJoin('units as u', 'u.id', 'pr.unit_id')
      .leftJoin('problems as p', 'p.id', 'pr.problem_id')
      .select([
        'pr.id',
        'pr.source',
        'pr.campaign_id',
        'c.name as campaign_name',
        'c.name_en as campaign_name_en',
        'pr.unit_id',
        'u.name as unit_name',
        'u.name_en as unit_name_en',
        'pr.description',
        'pr.contact',
        'pr.received_on',
        'pr.due_on',
        'pr.status',
        'pr.answer',
        'pr.answered_at',
        'pr.problem_id',
        'p.title as problem_title',
        'p.state as problem_state',
      ])
  );
}

/** A page of items: open ones first, then by the day received and the report's random id (never arrival). */
export function listItems(db: Db, filter: InboxFilter, limit: number, offset: number) {
  return itemQuery(db)
    .where((eb) => where(eb as unknown as Eb, filter, true))
    .orderBy(sql`case when pr.status = 'open' then 0 else 1 end`)
    .orderBy(sql`coalesce(pr.received_on, '')`)
    .orderBy('pr.id')
    .limit(limit)
    .offset(offset)
    .execute();
}

export type InboxRow = Awaited<ReturnType<typeof listItems>>[number];

export async function countItems(db: Db, filter: InboxFilter): Promise<number> {
  const row = await db
    .selectFrom('problem_reports as pr')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => where(eb as unknown as Eb, filter, true))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many items per status, and how many open ones are overdue, under the unit and campaign filters. */
export async function countByStatus(db: Db, filter: InboxFilter, today: string) {
  const rows = await db
    .selectFrom('problem_reports as pr')
    .select((eb) => [
      'pr.status',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(sql`case when pr.status = 'open' and pr.due_on < ${today} then 1 else 0 end`).as('overdue'),
    ])
    .where((eb) => where(eb as unknown as Eb, filter, false))
    .groupBy('pr.status')
    .execute();
  return rows.map((row) => ({ status: row.status, n: Number(row.n), overdue: Number(row.overdue ?? 0) }));
}

export function findItem(db: Db, id: string) {
  return db.selectFrom('problem_reports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One item as the list shows it. */
export function loadItemRow(db: Db, id: string): Promise<InboxRow | undefined> {
  return itemQuery(db).where('pr.id', '=', id).executeTakeFirst();
}

export interface StatusChange {
  readonly status: InboxStatus;
  readonly answer?: string | null;
  readonly problemId?: number | null;
  readonly answeredAt: string | null;
  readonly answeredBy: number | null;
  readonly dueOn?: string;
}

/**
 * Moves an item from one of `from` to a new status, only if it is still there (compare and set: two
 * answers at once cannot both win). Returns whether it moved.
 */
export async function changeStatus(
  db: Db,
  id: string,
  from: readonly InboxStatus[],
  change: StatusChange,
): Promise<boolean> {
  const result = await db
    .updateTable('problem_reports')
    .set({
      status: change.status,
      answered_at: change.answeredAt,
      answered_by: change.answeredBy,
      ...(change.answer !== undefined ? { answer: change.answer } : {}),
      ...(change.problemId !== undefined ? { problem_id: change.problemId } : {}),
      ...(change.dueOn !== undefined ? { due_on: change.dueOn } : {}),
    })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setProblem(db: Db, id: string, problemId: number): Promise<void> {
  await db.updateTable('problem_reports').set({ problem_id: problemId }).where('id', '=', id).execute();
}

/** The raiser's follow-up code (if they took one) follows the problem the report went into. */
export async function followProblem(db: Db, reportId: string, problemId: number): Promise<void> {
  await db.updateTable('problem_followups').set({ problem_id: problemId }).where('report_id', '=', reportId).execute();
}

export async function activeProblemType(db: Db, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('problem_types')
    .select('id')
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The visit problem an item was transferred from, with what the unit may see of its visit. */
export function visitOfItem(db: Db, visitProblemId: number) {
  return db
    .selectFrom('visit_problems as vp')
    .innerJoin('visits as v', 'v.id', 'vp.visit_id')
    .leftJoin('visit_teams as t', 't.id', 'v.team_id')
    .leftJoin('visit_enterprises as e', 'e.id', 'v.enterprise_id')
    .leftJoin('visit_villages as vv', 'vv.id', 'v.village_id')
    .leftJoin('units as tw', (join) => join.on(sql`tw.id`, '=', sql`coalesce(e.township_id, vv.township_id)`))
    .select([
      'vp.visit_id',
      'vp.seq',
      'vp.description',
      'vp.raiser_name',
      'vp.raiser_phone',
      'vp.share_contact',
      'vp.feedback_due_on',
      'v.visited_on',
      'v.place',
      'v.target_kind',
      't.name as team_name',
      'e.name as enterprise_name',
      'vv.name as village_name',
      'tw.name as township_name',
    ])
    .where('vp.id', '=', visitProblemId)
    .executeTakeFirst();
}

/** The ledger's 来源说明 of a problem accepted from a visit: which visit, which of its problems. */
export async function visitSourceRef(db: Db, visitProblemId: number): Promise<string | null> {
  const row = await db
    .selectFrom('visit_problems')
    .select(['visit_id', 'seq'])
    .where('id', '=', visitProblemId)
    .executeTakeFirst();
  return row ? visitRef(row.visit_id, row.seq) : null;
}

export function visitRef(visitId: number, seq: number): string {
  return `走访记录 #${visitId} 问题${seq}`;
}
