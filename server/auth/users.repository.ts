import type { Db } from '../db/database.ts';
import type { UserRole } from '../db/schema.ts';

export function listUsers(db: Db) {
  return db.selectFrom('users').selectAll().orderBy('id').execute();
}

export function findUserById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function countAdmins(db: Db) {
  return db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .executeTakeFirstOrThrow();
}

export function insertUser(
  db: Db,
  user: {
    username: string;
    displayName: string;
    role: UserRole;
    unitId: number | null;
    passwordHash: string;
    mustChangePassword: boolean;
    /** When the (one-time) password stops working; null for none. */
    passwordExpiresAt?: string | null;
    createdAt: string;
  },
) {
  return db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      unit_id: user.unitId,
      password_hash: user.passwordHash,
      must_change_password: user.mustChangePassword ? 1 : 0,
      password_expires_at: user.passwordExpiresAt ?? null,
      disabled: 0,
      created_at: user.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function setPassword(
  db: Db,
  userId: number,
  passwordHash: string,
  options: { mustChange: boolean; expiresAt: string | null },
) {
  return db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: options.mustChange ? 1 : 0,
      password_expires_at: options.expiresAt,
    })
    .where('id', '=', userId)
    .execute();
}

export function setDisabled(db: Db, userId: number, disabled: boolean) {
  return db
    .updateTable('users')
    .set({ disabled: disabled ? 1 : 0 })
    .where('id', '=', userId)
    .execute();
}
