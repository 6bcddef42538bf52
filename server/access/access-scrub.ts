import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * Removes what could still correlate access with ballots once a campaign closes (decision 002):
 * - the campaign's rate-limit key and counters (device and address hashes become meaningless);
 * - on PostgreSQL, the `xmin` each spent code row shares with its ballot's transaction: one UPDATE gives
 *   every code row of the campaign the same new xmin, and VACUUM removes the old row versions;
 * - on SQLite, the write-ahead log, whose frames keep commit order until a checkpoint.
 */
export async function scrubAccessTraces(db: Db, dialect: 'sqlite' | 'postgres', campaignId: number): Promise<void> {
  await db.deleteFrom('campaign_keys').where('campaign_id', '=', campaignId).execute();
  await db.deleteFrom('rate_counters').where('scope', 'like', `campaign:${campaignId}:%`).execute();
  await db
    .updateTable('access_codes')
    .set((eb) => ({ spent: eb.ref('spent') }))
    .where('campaign_id', '=', campaignId)
    .execute();
  if (dialect === 'postgres') {
    await sql`vacuum access_codes`.execute(db);
  } else {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  }
}
