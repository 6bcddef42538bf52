import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { deleteTokenKeys } from './token-keys.ts';

/**
 * Removes what could still correlate access with ballots once a campaign closes (decision 011):
 * - its rate counters (device and address hashes) and its token keys: no token can be issued or redeemed;
 * - the blinded requests and signatures kept for retried exchanges;
 * - on PostgreSQL, the `xmin` each code row got when it was exchanged: one UPDATE gives every code row of
 *   the campaign the same new xmin, and VACUUM removes the old row versions; on SQLite, the log, whose
 *   frames keep commit order until a checkpoint.
 */
export async function scrubAccessTraces(db: Db, dialect: 'sqlite' | 'postgres', campaignId: number): Promise<void> {
  await db.deleteFrom('rate_counters').where('scope', 'like', `campaign:${campaignId}:%`).execute();
  await deleteTokenKeys(db, campaignId);
  await db
    .updateTable('access_codes')
    .set((eb) => ({ spent: eb.ref('spent'), blinded_hash: null, blind_signature: null }))
    .where('campaign_id', '=', campaignId)
    .execute();
  if (dialect === 'postgres') {
    await sql`vacuum access_codes, token_keys, rate_counters`.execute(db);
  } else {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  }
}
