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
    /** A mainland mobile, 11 digits (users.service.ts checks it); null or absent for none. */
    phone?: string | null;
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
      phone: user.phone ?? null,
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

/**
 * The phones on file of the enabled unit staff accounts of the units, per unit (a unit whose staff have
 * none is absent). For the weekly-report reminders by SMS only.
 */
export async function unitStaffPhones(db: Db, unitIds: readonly number[]): Promise<Map<number, string[]>> {
  const byUnit = new Map<number, string[]>();
  if (unitIds.length === 0) return byUnit;
  const rows = await db
    .selectFrom('users')
    .select(['unit_id', 'phone'])
    .where('role', '=', 'unit_staff')
    .where('disabled', '=', 0)
    .where('unit_id', 'in', [...unitIds])
    .where('phone', 'is not', null)
    .orderBy('id')
    .execute();
  for (const row of rows) {
    if (row.unit_id === null || row.phone === null) continue;
    byUnit.set(row.unit_id, [...(byUnit.get(row.unit_id) ?? []), row.phone]);
  }
  return byUnit;
}

export function setPhone(db: Db, userId: number, phone: string | null) {
  return db.updateTable('users').set({ phone }).where('id', '=', userId).execute();
}
