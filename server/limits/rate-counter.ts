import type { Db } from '../db/database.ts';
import { hotQuery, valueRows } from '../db/hot-sql.ts';

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

export interface RateHit {
  scope: string;
  keyHash: string;
  window: RateWindow;
}

export interface RateCount {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
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
): Promise<RateCount> {
  const [count] = await hitRateCounters(db, [{ scope, keyHash, window }], now);
  return count!;
}

/**
 * Counts one hit on each of several counters in one statement (the ballot path's limits and signals),
 * answering in the order asked. The rows are written in key order, so two transactions that share
 * counters lock them in the same order (PostgreSQL) and cannot deadlock. The counters must differ.
 */
export async function hitRateCounters(db: Db, hits: readonly RateHit[], now: Date): Promise<RateCount[]> {
  if (hits.length === 0) return [];
  const rows = hits
    .map((hit) => {
      const start = windowStart(now, hit.window.seconds);
      const end = new Date(Date.parse(start) + hit.window.seconds * 1000).toISOString();
      return { scope: hit.scope, key_hash: hit.keyHash, window_start: start, count: 1, expires_at: end };
    })
    .sort((a, b) => (a.scope + '\u0000' + a.key_hash < b.scope + '\u0000' + b.key_hash ? -1 : 1));
  const returned = await hotQuery<{ scope: string; key_hash: string; count: number }>(
    db,
    `insert into rate_counters (scope, key_hash, window_start, count, expires_at) values ${valueRows(rows.length, 5)}
     on conflict (scope, key_hash, window_start) do update set count = rate_counters.count + 1
     returning scope, key_hash, count`,
    rows.flatMap((row) => [row.scope, row.key_hash, row.window_start, row.count, row.expires_at]),
  );
  const counts = new Map(returned.map((row) => [`${row.scope}\u0000${row.key_hash}`, Number(row.count)]));
  return hits.map((hit) => {
    const count = counts.get(`${hit.scope}\u0000${hit.keyHash}`);
    if (count === undefined) throw new Error(`rate counter ${hit.scope} was not counted`);
    return countInWindow(hit.window, count, now);
  });
}

/** Whether `count` hits fit the window, and when it ends. */
function countInWindow(window: RateWindow, count: number, now: Date): RateCount {
  const start = Date.parse(windowStart(now, window.seconds));
  const retryAfterSeconds = Math.ceil((start + window.seconds * 1000 - now.getTime()) / 1000);
  return { allowed: count <= window.max, count, retryAfterSeconds };
}

/**
 * What hitRateCounters would answer now for these hits, counting nothing: read-only, for a page that
 * asks in advance whether its next hit would still be allowed.
 */
export async function peekRateCounters(db: Db, hits: readonly RateHit[], now: Date): Promise<RateCount[]> {
  return Promise.all(
    hits.map(async (hit) =>
      countInWindow(hit.window, (await peekRateCounter(db, hit.scope, hit.keyHash, hit.window, now)) + 1, now),
    ),
  );
}

/** Takes back one hit from each counter (work that counted first and then was not done). */
export async function releaseRateCounters(db: Db, hits: readonly RateHit[], now: Date): Promise<void> {
  for (const hit of hits) {
    await db
      .updateTable('rate_counters')
      .set((eb) => ({ count: eb('count', '-', 1) }))
      .where('scope', '=', hit.scope)
      .where('key_hash', '=', hit.keyHash)
      .where('window_start', '=', windowStart(now, hit.window.seconds))
      .where('count', '>', 0)
      .execute();
  }
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
