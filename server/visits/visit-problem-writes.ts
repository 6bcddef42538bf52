import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { InboxDays } from '../problem-inbox/inbox-days.ts';
import { addWorkingDays, type CalendarOverrides } from '../problems/working-days.ts';
import type { VisitSettings } from './visit-settings.ts';
import type { ProblemRow } from './visits.repository.ts';
import type { VisitProblemInput } from './visits.schemas.ts';

// The writes of a visit's problems, inside the visit's transaction: a transferred problem becomes an item
// of the unit's inbox (source 'visit', no campaign) in the same transaction; a problem that needs feedback
// gets its deadline in working days from the day of the visit.

export interface ProblemContext {
  readonly visitId: number;
  readonly visitedOn: string;
  readonly settings: VisitSettings;
  readonly calendar: CalendarOverrides;
  /** The day the inbox item is received (today) and its answer's due day. */
  readonly inbox: InboxDays;
  readonly at: string;
}

function feedbackDueOn(p: VisitProblemInput, ctx: ProblemContext): string | null {
  if (p.outcome !== 'transferred' && p.outcome !== 'hotline') return null;
  return addWorkingDays(ctx.visitedOn, ctx.settings.feedbackDays[p.outcome], ctx.calendar);
}

/** The columns every outcome sets (the others null), hotline fields apart. */
function outcomeColumns(p: VisitProblemInput, ctx: ProblemContext) {
  return {
    description: p.description,
    raiser_name: p.raiserName ?? null,
    raiser_phone: p.raiserPhone ?? null,
    share_contact: p.shareContact ? (1 as const) : (0 as const),
    outcome: p.outcome,
    resolution: p.outcome === 'solved' || p.outcome === 'explained' ? p.resolution : null,
    explanation_accepted:
      p.outcome === 'explained' && p.explanationAccepted !== null ? (p.explanationAccepted ? 1 : 0) : null,
    unit_id: p.outcome === 'transferred' ? p.unitId : p.outcome === 'hotline' ? (p.unitId ?? null) : null,
    feedback_due_on: feedbackDueOn(p, ctx),
    updated_at: ctx.at,
  } as const;
}

/** The raiser's phone goes to the unit only with their consent. */
function reportFields(p: Extract<VisitProblemInput, { outcome: 'transferred' }>) {
  return { unit_id: p.unitId, description: p.description, contact: p.shareContact ? (p.raiserPhone ?? null) : null };
}

async function insertReport(
  trx: Db,
  p: Extract<VisitProblemInput, { outcome: 'transferred' }>,
  visitProblemId: number,
  ctx: ProblemContext,
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('problem_reports')
    .values({
      id,
      campaign_id: null,
      ...reportFields(p),
      received_on: ctx.inbox.receivedOn,
      due_on: ctx.inbox.dueOn,
      problem_id: null,
      answer: null,
      answered_at: null,
      answered_by: null,
      source: 'visit',
      visit_problem_id: visitProblemId,
    })
    .execute();
  return id;
}

export async function insertProblem(trx: Db, seq: number, p: VisitProblemInput, ctx: ProblemContext): Promise<void> {
  const row = await trx
    .insertInto('visit_problems')
    .values({
      visit_id: ctx.visitId,
      seq,
      ...outcomeColumns(p, ctx),
      report_id: null,
      hotline_ticket: p.outcome === 'hotline' ? (p.hotlineTicket ?? null) : null,
      hotline_status: null,
      hotline_reply: null,
      hotline_updated_at: null,
      fed_back_on: null,
      feedback_channel: null,
      feedback_satisfaction: null,
      followup_id: null,
      created_at: ctx.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (p.outcome === 'transferred') {
    const reportId = await insertReport(trx, p, row.id, ctx);
    await trx.updateTable('visit_problems').set({ report_id: reportId }).where('id', '=', row.id).execute();
  }
}

function answeredAlready(row: ProblemRow, what: string): AppError {
  return new AppError(
    409,
    'visit_problem_answered',
    `Problem ${row.seq} of this visit ${what}: its outcome and unit can no longer change.`,
  );
}

/** Takes an unanswered inbox item back (compare and set: an answer arriving meanwhile wins, and this is 409). */
async function withdrawReport(trx: Db, row: ProblemRow): Promise<void> {
  const result = await trx
    .deleteFrom('problem_reports')
    .where('id', '=', row.report_id!)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) throw answeredAlready(row, 'has been answered by the unit');
}

/** A correction of a stored problem: the inbox item follows while the unit has not answered it. */
export async function updateProblem(trx: Db, row: ProblemRow, p: VisitProblemInput, ctx: ProblemContext) {
  const transferredBefore = row.outcome === 'transferred' && row.report_id !== null;
  if (row.outcome === 'hotline' && row.hotline_status !== null && p.outcome !== 'hotline') {
    throw answeredAlready(row, 'has a status from 12345');
  }
  let reportId = row.report_id;
  if (transferredBefore && p.outcome === 'transferred' && p.unitId === row.unit_id) {
    // Unanswered, the item shows the corrected words; answered, it keeps what the unit answered.
    await trx
      .updateTable('problem_reports')
      .set({ description: p.description, contact: reportFields(p).contact })
      .where('id', '=', row.report_id!)
      .where('status', '=', 'open')
      .execute();
  } else {
    if (transferredBefore) {
      if (row.report_status !== 'open') throw answeredAlready(row, 'has been answered by the unit');
      await withdrawReport(trx, row);
      reportId = null;
    }
    if (p.outcome === 'transferred') reportId = await insertReport(trx, p, row.id, ctx);
  }
  await trx
    .updateTable('visit_problems')
    .set({
      ...outcomeColumns(p, ctx),
      report_id: reportId,
      // A ticket 12345 gave later is kept when the correction does not name one.
      hotline_ticket: p.outcome === 'hotline' ? (p.hotlineTicket ?? row.hotline_ticket) : null,
    })
    .where('id', '=', row.id)
    .execute();
}

/** A problem dropped by a correction: only one nobody outside the team has acted on yet. */
export async function removeProblem(trx: Db, row: ProblemRow): Promise<void> {
  if (row.outcome === 'hotline') throw answeredAlready(row, 'was handed to 12345 (it may have been exported)');
  if (row.fed_back_on !== null || row.followup_id !== null) throw answeredAlready(row, 'has had its feedback');
  if (row.outcome === 'transferred' && row.report_id !== null) {
    if (row.report_status !== 'open') throw answeredAlready(row, 'has been answered by the unit');
    await withdrawReport(trx, row);
  }
  await trx.deleteFrom('visit_problems').where('id', '=', row.id).execute();
}
