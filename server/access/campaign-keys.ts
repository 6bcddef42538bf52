import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';

/**
 * The campaign's key for hashing device ids and addresses in rate limits. Made on first use, deleted when
 * the campaign closes (access-scrub.ts): after that, nobody can recompute a stored hash from an address.
 */
export async function campaignKey(db: Db, campaignId: number): Promise<string> {
  await db
    .insertInto('campaign_keys')
    .values({ campaign_id: campaignId, key: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('campaign_id').doNothing())
    .execute();
  const row = await db
    .selectFrom('campaign_keys')
    .select('key')
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return row.key;
}

/** Scope prefix of every rate counter that belongs to one campaign (so closing can delete them all). */
export function campaignScope(campaignId: number, what: string): string {
  return `campaign:${campaignId}:${what}`;
}
