import { sql } from 'kysely';
import { createHash } from 'node:crypto';
import type { Db } from './database.ts';

/**
 * Runs `work` on one PostgreSQL connection that holds a session advisory lock on `key` throughout, so
 * work under the same key (the copies of one ballot racing each other) runs one at a time across every
 * app server. `work` may count, open and commit transactions of its own on the connection it is given;
 * the lock is let go only after all of it. Two different keys that share a lock number only wait for
 * each other a moment longer.
 */
export async function withAdvisoryLock<T>(db: Db, key: string, work: (conn: Db) => Promise<T>): Promise<T> {
  const digest = createHash('sha256').update(key).digest();
  const high = digest.readInt32BE(0);
  const low = digest.readInt32BE(4);
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${high}::int4, ${low}::int4)`.execute(conn);
    try {
      return await work(conn);
    } finally {
      await sql`select pg_advisory_unlock(${high}::int4, ${low}::int4)`.execute(conn);
    }
  });
}
