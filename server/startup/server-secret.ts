import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';

const KEY = 'server_secret';

/**
 * The secret behind HMACs and sessions. When SESSION_SECRET is not given, one is generated on first
 * start and kept in the database, so every app server on a shared PostgreSQL uses the same one.
 */
export async function loadServerSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await db
    .insertInto('app_settings')
    .values({ key: KEY, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', KEY).executeTakeFirstOrThrow();
  return row.value;
}
