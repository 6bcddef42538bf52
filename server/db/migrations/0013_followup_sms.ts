import type { Kysely } from 'kysely';

// Frozen. Follow-up messages (issue 15, decision 017): the SMS to a raiser goes out after the batch that
// wrote their follow-up row commits, never at ballot time, and again once the loop closes (asking them to
// look and rate). For that, while a phone is kept, the row keeps its code sealed under a key derived from
// the server key (`code_sealed`, the link in the message), and which message waits (`sms_waiting`:
// 'code' or 'rate'). Both go with the phone when the loop closes. Neither names the ballot: the code is
// an HMAC of the submission id, which the database keeps only as a SHA-256 (decision 011).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('problem_followups').addColumn('code_sealed', 'text').execute();
  await db.schema.alterTable('problem_followups').addColumn('sms_waiting', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('problem_followups').dropColumn('sms_waiting').execute();
  await db.schema.alterTable('problem_followups').dropColumn('code_sealed').execute();
}
