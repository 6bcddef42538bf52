import { sql, type RawBuilder } from 'kysely';
import type { AppDeps } from '../app-deps.ts';
import { shuffleInPlace } from '../crypto/shuffle.ts';
import type { Db } from '../db/database.ts';
import { rewriteCampaignFollowups } from '../followups/followups.repository.ts';
import { mixInbox } from './ballot-mixer.ts';

// What closing does to a campaign's ballots (decision 011): whatever still waits sealed is mixed in,
// then every table that holds one row per ballot, card or report is rewritten in an order that has
// nothing to do with arrival, so no page, cell, ctid or xmin keeps the order ballots came in; the old
// row versions are removed (SQLite overwrites deleted content: secure_delete; PostgreSQL: VACUUM).
// Each table is rewritten in chunks by the first characters of its random keys, one short transaction
// each, so other campaigns wait at most for one chunk.

/** Tables with one row per ballot, card or report, and the random key that chunks them. */
const REWRITTEN = [
  { table: 'ratings', key: 'card_id' },
  { table: 'ballots', key: 'id' },
  { table: 'rater_comments', key: 'id' },
  { table: 'problem_reports', key: 'id' },
  { table: 'receipts', key: 'submission_hash' },
  { table: 'spent_tokens', key: 'token_hash' },
] as const;

/** Counts per unit (decision 013): small, rewritten whole. */
const TALLIES = ['rating_tallies', 'card_tallies', 'recipient_counts'] as const;

const HEX = '0123456789abcdef';
/** Rows per table above which the rewrite uses 256 chunks rather than 16. */
const LARGE_TABLE = 100_000;

type SealDeps = Pick<AppDeps, 'db' | 'dialect' | 'secret'>;

export async function sealCampaignBallots(deps: SealDeps, campaignId: number): Promise<void> {
  const { db } = deps;
  await mixInbox(deps, db, campaignId, true);
  // The hour stays while voting runs (review, bursts); afterwards the day is enough and says less.
  await db
    .updateTable('ballots')
    .set({ submitted_hour: sql<string>`substr(submitted_hour, 1, 10) || 'T00:00:00Z'` })
    .where('campaign_id', '=', campaignId)
    .execute();
  for (const { table, key } of shuffleInPlace([...REWRITTEN])) {
    const count = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaign_id', '=', campaignId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) === 0) continue;
    for (const prefix of chunkPrefixes(Number(count.n))) {
      await rewriteChunk(db, table, sql`campaign_id = ${campaignId} and ${sql.ref(key)} like ${`${prefix}%`}`);
    }
  }
  // The reports' follow-up rows were written with their batches too (decision 017).
  await rewriteCampaignFollowups(db, campaignId);
  // The tallies hold counts only, but on PostgreSQL each row's xmin is the last ballot that moved it.
  for (const table of TALLIES) await rewriteChunk(db, table, sql`campaign_id = ${campaignId}`);
  if (deps.dialect === 'postgres') {
    await sql`vacuum ratings, rating_tallies, card_tallies, recipient_counts, ballots, rater_comments, problem_reports, problem_followups, fix_ratings, receipts, spent_tokens, ballot_inbox`.execute(
      db,
    );
  } else {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  }
}

function chunkPrefixes(rows: number): string[] {
  const single = [...HEX];
  const prefixes = rows > LARGE_TABLE ? single.flatMap((a) => single.map((b) => a + b)) : single;
  return shuffleInPlace(prefixes);
}

/** One chunk: copied aside in random order, deleted, and written back in that order, in one transaction. */
async function rewriteChunk(db: Db, table: string, where: RawBuilder<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`create temp table rewrite_chunk as select * from ${sql.table(table)} where ${where} order by random()`.execute(
      trx,
    );
    await sql`delete from ${sql.table(table)} where ${where}`.execute(trx);
    await sql`insert into ${sql.table(table)} select * from rewrite_chunk order by random()`.execute(trx);
    await sql`drop table rewrite_chunk`.execute(trx);
  });
}
