import type { Db } from '../db/database.ts';

export interface RateWindow {
  /** Length of the fixed window, in seconds. */
  seconds: number;
  /** How many hits the window allows. */
  max: number;
}

/** Scope prefix of every rate counter that belongs to one campaign (so closing can delete them all). */
export function campaignScope(campaignId: number, what: string): string {
  return `campaign:${campaignId}:${what}`;
}

function windowStart(now: Date, seconds: number): string {
  const ms = seconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms).toISOString();
}

/**
 * Counts one hit in a fixed window, atomically in the database so that every app server shares the
 * count, and says whether the hit is still within the limit.
 */
export async function hitRateCounter(
  db: Db,
  scope: string,
  keyHash: string,
  window: RateWindow,
  now: Date,
): Promise<{ allowed: boolean; count: number; retryAfterSeconds: number }> {
  const start = windowStart(now, window.seconds);
  const end = new Date(Date.parse(start) + window.seconds * 1000).toISOString();
  const row = await db
    .insertInto('rate_counters')
    .values({ scope, key_hash: keyHash, window_start: start, count: 1, expires_at: end })
    .onConflict((oc) =>
      oc
        .columns(['scope', 'key_hash', 'window_start'])
        .doUpdateSet((eb) => ({ count: eb('rate_counters.count', '+', 1) })),
    )
    .returning('count')
    .executeTakeFirstOrThrow();
  const count = Number(row.count);
  const retryAfterSeconds = Math.ceil((Date.parse(start) + window.seconds * 1000 - now.getTime()) / 1000);
  return { allowed: count <= window.max, count, retryAfterSeconds };
}

/** Current count without adding a hit. */
export async function peekRateCounter(
  db: Db,
  scope: string,
  keyHash: string,
  window: RateWindow,
  now: Date,
): Promise<number> {
  const row = await db
    .selectFrom('rate_counters')
    .select('count')
    .where('scope', '=', scope)
    .where('key_hash', '=', keyHash)
    .where('window_start', '=', windowStart(now, window.seconds))
    .executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function clearRateCounter(db: Db, scope: string, keyHash: string): Promise<void> {
  await db.deleteFrom('rate_counters').where('scope', '=', scope).where('key_hash', '=', keyHash).execute();
}

/** The longest window any limit may use (open rating's per-campaign windows: 90 days). */
const LONGEST_WINDOW_MS = 90 * 86_400_000;

/** Drops counters whose window has ended: they limit nothing any more. */
export async function pruneRateCounters(db: Db, now: Date): Promise<number> {
  const ended = await db.deleteFrom('rate_counters').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  // Counters written before windows recorded their end.
  const old = await db
    .deleteFrom('rate_counters')
    .where('expires_at', 'is', null)
    .where('window_start', '<', new Date(now.getTime() - LONGEST_WINDOW_MS).toISOString())
    .executeTakeFirst();
  return Number(ended.numDeletedRows) + Number(old.numDeletedRows);
}
