import type { Db } from '../db/database.ts';

export function insertSession(db: Db, session: { id: string; userId: number; createdAt: string; expiresAt: string }) {
  return db
    .insertInto('sessions')
    .values({ id: session.id, user_id: session.userId, created_at: session.createdAt, expires_at: session.expiresAt })
    .execute();
}

/** The live session with its user, or undefined when unknown, expired or the user is disabled. */
export function findActiveSession(db: Db, id: string, now: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id as sessionId',
      'u.id',
      'u.username',
      'u.display_name',
      'u.role',
      'u.unit_id',
      'u.must_change_password',
    ])
    .where('s.id', '=', id)
    .where('s.expires_at', '>', now)
    .where('u.disabled', '=', 0)
    .executeTakeFirst();
}

export function deleteSession(db: Db, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of the user, but `keep` (the session that asked) when given. */
export function deleteUserSessions(db: Db, userId: number, keep?: string) {
  return db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .$if(keep !== undefined, (q) => q.where('id', '!=', keep!))
    .execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
