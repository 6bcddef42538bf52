import { sql } from 'kysely';
import type { Db, DialectName } from '../db/database.ts';
import { pruneSpentChallenges } from '../limits/proof-of-work.ts';
import { pruneRateCounters } from '../limits/rate-counter.ts';
import type { Logger } from '../logger.ts';
import { deleteExpiredSessions } from '../sessions/sessions.repository.ts';

/** How often every app server tries to prune (only one at a time does). */
export const PRUNE_EVERY_MS = 10 * 60 * 1000;

export type PruneReport = { ran: false } | { ran: true; sessions: number; rateCounters: number; challenges: number };

/**
 * Deletes what has stopped mattering: expired sessions, rate counters whose window has ended (keyed
 * hashes of addresses and accounts), and the record of expired proof-of-work challenges. On PostgreSQL
 * the work runs under a transaction-scoped advisory lock that it only tries to take, so when several app
 * servers share the database one prunes and the others skip that round.
 */
export async function pruneExpired(db: Db, dialect: DialectName, now: Date): Promise<PruneReport> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'postgres') {
      const { rows } = await sql<{ locked: boolean }>`
        select pg_try_advisory_xact_lock(hashtext('pingyi.pruning')) as locked
      `.execute(trx);
      if (!rows[0]?.locked) return { ran: false as const };
    }
    return {
      ran: true as const,
      sessions: await deleteExpiredSessions(trx, now),
      rateCounters: await pruneRateCounters(trx, now),
      challenges: await pruneSpentChallenges(trx, now),
    };
  });
}

/** Prunes now and every `everyMs` until stopped; a failed round is logged and the next one tries again. */
export function startPruning(deps: { db: Db; dialect: DialectName; logger: Logger }, everyMs = PRUNE_EVERY_MS) {
  let running: Promise<unknown> = Promise.resolve();
  const round = () => {
    running = pruneExpired(deps.db, deps.dialect, new Date())
      .then((report) => {
        if (report.ran) deps.logger.debug('pruned expired records', { ...report });
      })
      .catch((error: unknown) => {
        deps.logger.warn('pruning failed; it runs again later', {
          error: error instanceof Error ? error.message : String(error),
        });
      });
  };
  round();
  const timer = setInterval(round, everyMs);
  timer.unref();
  return {
    /** Stops the schedule and waits for a round in progress. */
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
