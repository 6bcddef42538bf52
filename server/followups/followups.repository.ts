import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { toE164 } from '../access/sms-message.ts';
import type { Db } from '../db/database.ts';
import { followupCodeHash, sealFollowupCode } from './followup-code.ts';

// The rows of `problem_followups` (decision 017). A recipient's row is written by the mixer with its
// report, in the batch's transaction and shuffled order, with the batch's day: nothing of the ballot.

/** What the mixer hands over of each sealed problem report (ballots' SealedProblem has these fields). */
export interface ReportForFollowup {
  readonly contact: string | null;
  readonly followupCode?: string | null;
}

/**
 * The follow-up rows of a batch of reports (`ids` in the order of `reports`): the code's hash, the report,
 * the phone if the contact left is a mobile number (then the code sealed, for the SMS that waits).
 */
export async function insertReportFollowups(
  trx: Db,
  serverKey: string,
  reports: readonly ReportForFollowup[],
  ids: readonly string[],
  createdOn: string,
): Promise<void> {
  const rows = reports.flatMap((report, i) => {
    if (!report.followupCode) return [];
    const phone = report.contact ? toE164(report.contact) : null;
    return [
      {
        id: randomUUID(),
        code_hash: followupCodeHash(report.followupCode),
        report_id: ids[i]!,
        problem_id: null,
        phone,
        anonymous: 1 as const,
        created_on: createdOn,
        code_sealed: phone ? sealFollowupCode(serverKey, report.followupCode) : null,
        sms_waiting: phone ? ('code' as const) : null,
      },
    ];
  });
  if (rows.length === 0) return;
  // Two submissions never share a code but for a 59-bit coincidence; that must not stop the batch.
  await trx
    .insertInto('problem_followups')
    .values(rows)
    .onConflict((oc) => oc.column('code_hash').doNothing())
    .execute();
}

/** A follow-up by its code's hash, with what its page shows next to it. */
export function findFollowup(db: Db, codeHash: string) {
  return db
    .selectFrom('problem_followups as f')
    .leftJoin('problem_reports as r', 'r.id', 'f.report_id')
    .select([
      'f.id',
      'f.report_id',
      'f.problem_id',
      'f.anonymous',
      'f.created_on',
      'f.phone',
      'r.unit_id as report_unit_id',
      'r.status as report_status',
      'r.received_on',
      'r.due_on',
      'r.answer',
      'r.answered_at',
      'r.problem_id as report_problem_id',
    ])
    .where('f.code_hash', '=', codeHash)
    .executeTakeFirst();
}

export type FoundFollowup = NonNullable<Awaited<ReturnType<typeof findFollowup>>>;

/** The problem a follow-up follows: its own link (a raiser known by name), or its report's (accepted or merged). */
export function problemIdOf(followup: Pick<FoundFollowup, 'problem_id' | 'report_problem_id'>): number | null {
  return followup.problem_id ?? followup.report_problem_id ?? null;
}

/**
 * The loop is closed for this raiser: their phone, the sealed code and any waiting message go, and the
 * contact left with their report too (decision 017: kept only until the loop closes).
 */
export async function forgetPhone(db: Db, followup: { id: string; report_id: string | null }): Promise<void> {
  await db
    .updateTable('problem_followups')
    .set({ phone: null, code_sealed: null, sms_waiting: null })
    .where('id', '=', followup.id)
    .execute();
  if (followup.report_id !== null) {
    await db.updateTable('problem_reports').set({ contact: null }).where('id', '=', followup.report_id).execute();
  }
}

/**
 * At close (decision 011), the follow-up rows of a campaign's reports are rewritten in random order, as
 * the reports themselves are: written with their batch, their physical order and (on PostgreSQL) xmin
 * would otherwise keep which batch, and so roughly when, each report came. The fix ratings that point at
 * them are copied aside and written back in the same transaction.
 */
export async function rewriteCampaignFollowups(db: Db, campaignId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ofCampaign = sql`report_id in (select id from problem_reports where campaign_id = ${campaignId})`;
    await sql`create temp table rewrite_followups as select * from problem_followups where ${ofCampaign} order by random()`.execute(
      trx,
    );
    await sql`create temp table rewrite_fix_ratings as select * from fix_ratings where followup_id in (select id from rewrite_followups)`.execute(
      trx,
    );
    await sql`delete from fix_ratings where followup_id in (select id from rewrite_followups)`.execute(trx);
    await sql`delete from problem_followups where ${ofCampaign}`.execute(trx);
    await sql`insert into problem_followups select * from rewrite_followups order by random()`.execute(trx);
    await sql`insert into fix_ratings select * from rewrite_fix_ratings order by random()`.execute(trx);
    await sql`drop table rewrite_fix_ratings`.execute(trx);
    await sql`drop table rewrite_followups`.execute(trx);
  });
}
