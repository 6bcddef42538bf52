import type { Db } from '../db/database.ts';
import type { DialectName } from '../db/database.ts';
import type { HotlineStatus } from '../db/schema-hotline.ts';

// The SQL of the post-back and of the signed-in view: a handed-off problem by its number, its history of
// posted statuses, and the write of one new status.

export async function problemByNumber(db: Db, dialect: DialectName, visitId: number, seq: number) {
  return (
    db
      .selectFrom('visit_problems')
      .select(['id', 'outcome'])
      .where('visit_id', '=', visitId)
      .where('seq', '=', seq)
      // Two posts of one problem at once take turns, so a repeat is seen as one (SQLite writes one at a time).
      .$if(dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst()
  );
}

export interface PostedStatus {
  ticket: string;
  status: HotlineStatus;
  reply: string | null;
  repliedAt: string | null;
}

/** Whether exactly this status was received for the problem before (a retry, or the same post twice). */
export async function alreadyReceived(db: Db, visitProblemId: number, posted: PostedStatus): Promise<boolean> {
  const row = await db
    .selectFrom('hotline_updates')
    .select('id')
    .where('visit_problem_id', '=', visitProblemId)
    .where('ticket', '=', posted.ticket)
    .where('status', '=', posted.status)
    .where((eb) => (posted.reply === null ? eb('reply', 'is', null) : eb('reply', '=', posted.reply)))
    .where((eb) => (posted.repliedAt === null ? eb('replied_at', 'is', null) : eb('replied_at', '=', posted.repliedAt)))
    .executeTakeFirst();
  return row !== undefined;
}

export async function applyStatus(
  db: Db,
  visitProblemId: number,
  integrationId: number,
  posted: PostedStatus,
  now: string,
): Promise<void> {
  await db
    .insertInto('hotline_updates')
    .values({
      visit_problem_id: visitProblemId,
      integration_id: integrationId,
      ticket: posted.ticket,
      status: posted.status,
      reply: posted.reply,
      replied_at: posted.repliedAt,
      received_at: now,
    })
    .execute();
  await db
    .updateTable('visit_problems')
    .set({
      hotline_ticket: posted.ticket,
      hotline_status: posted.status,
      hotline_reply: posted.reply,
      hotline_updated_at: now,
      updated_at: now,
    })
    .where('id', '=', visitProblemId)
    .execute();
}

export async function handOff(db: Db, id: number) {
  return db
    .selectFrom('visit_problems as p')
    .innerJoin('visits as v', 'v.id', 'p.visit_id')
    .leftJoin('hotline_exports as x', 'x.visit_problem_id', 'p.id')
    .select([
      'p.id',
      'p.visit_id',
      'p.seq',
      'p.outcome',
      'p.hotline_ticket',
      'p.hotline_status',
      'p.hotline_reply',
      'p.hotline_updated_at',
      'p.feedback_due_on',
      'v.team_id',
      'x.exported_at',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export async function updateHistory(db: Db, visitProblemId: number) {
  return db
    .selectFrom('hotline_updates as h')
    .leftJoin('integrations as i', 'i.id', 'h.integration_id')
    .select(['h.ticket', 'h.status', 'h.reply', 'h.replied_at', 'h.received_at', 'i.name as integration_name'])
    .where('h.visit_problem_id', '=', visitProblemId)
    .orderBy('h.id')
    .execute();
}

export async function isTeamMember(db: Db, teamId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('visit_team_members')
    .select('id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}
