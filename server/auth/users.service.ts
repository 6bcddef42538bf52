import { recordAudit } from '../audit/audit.repository.ts';
import { findUnitById } from '../catalog/catalog.repository.ts';
import type { Db } from '../db/database.ts';
import type { User, UserRole } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { deleteUserSessions } from '../sessions/sessions.repository.ts';
import { oneTimePassword, oneTimePasswordExpiry } from './auth.service.ts';
import { hashPassword } from './password.ts';
import {
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  setDisabled,
  setPassword,
  setPhone,
} from './users.repository.ts';

// The office's accounts: created and reset with a one-time password shown once, by an administrator in
// the console or by the command line (actor null) when nobody can sign in.

export interface AccountInput {
  username: string;
  displayName: string;
  role: UserRole;
  /** Unit staff: the unit whose report they read. */
  unitId?: number | undefined;
  /** A mainland mobile for weekly-report reminders; empty for none. */
  phone?: string | undefined;
}

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * A phone as kept: an 11-digit mainland mobile, the spaces and dashes people type taken out; null for an
 * empty one (none on file). Anything else is refused with invalid_mobile.
 */
export function accountPhone(input: string): string | null {
  const phone = input.replace(/[\s-]/g, '');
  if (phone === '') return null;
  if (!MAINLAND_MOBILE.test(phone))
    throw new AppError(
      422,
      'invalid_mobile',
      'The phone must be an 11-digit mainland mobile number (e.g. 138 0013 8000), or empty for none.',
    );
  return phone;
}

/** An account as the administrators' list shows it: the only answer of the API that holds a phone. */
export function accountView(
  row: Pick<User, 'id' | 'username' | 'display_name' | 'role' | 'unit_id' | 'disabled' | 'created_at' | 'phone'>,
) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    phone: row.phone,
  };
}

export async function listAccounts(db: Db) {
  return (await listUsers(db)).map(accountView);
}

export async function createAccount(db: Db, actorUserId: number | null, input: AccountInput, now: Date) {
  if (input.role === 'unit_staff' && !input.unitId) {
    throw new AppError(422, 'unit_required', 'Unit staff accounts need unitId: the unit whose report they read.');
  }
  const phone = input.phone === undefined ? null : accountPhone(input.phone);
  if (input.unitId && !(await findUnitById(db, input.unitId))) {
    throw new AppError(422, 'unit_not_found', `There is no unit ${input.unitId}.`);
  }
  if (await findUserByUsername(db, input.username)) {
    throw new AppError(409, 'username_taken', `The user name "${input.username}" is taken.`);
  }
  const password = oneTimePassword();
  const created = await insertUser(db, {
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    unitId: input.role === 'unit_staff' ? (input.unitId ?? null) : null,
    passwordHash: await hashPassword(password),
    mustChangePassword: true,
    passwordExpiresAt: oneTimePasswordExpiry(now),
    phone,
    createdAt: now.toISOString(),
  });
  // The audit says whether a phone was given, never which.
  await recordAudit(
    db,
    {
      actorUserId,
      action: 'create_user',
      entityType: 'user',
      entityId: created.id,
      detail: { role: input.role, ...(phone !== null ? { phoneChanged: true } : {}) },
    },
    now,
  );
  const row = await findUserById(db, created.id);
  if (!row) throw notFound(`User ${created.id}`);
  return { user: accountView(row), oneTimePassword: password };
}

/** A new one-time password for the account, good for ONE_TIME_PASSWORD_HOURS; every session it has ends. */
export async function resetAccountPassword(
  db: Db,
  actorUserId: number | null,
  userId: number,
  now: Date = new Date(),
): Promise<string> {
  if (!(await findUserById(db, userId))) throw notFound(`User ${userId}`);
  const password = oneTimePassword();
  await setPassword(db, userId, await hashPassword(password), {
    mustChange: true,
    expiresAt: oneTimePasswordExpiry(now),
  });
  await deleteUserSessions(db, userId);
  await recordAudit(db, { actorUserId, action: 'reset_password', entityType: 'user', entityId: userId }, now);
  return password;
}

/**
 * Disables or re-enables an account. A disabled account cannot sign in and its sessions end at once. An
 * administrator cannot disable their own account, so one who can sign in always remains.
 */
export async function setAccountDisabled(db: Db, actorUserId: number, userId: number, disabled: boolean) {
  const user = await findUserById(db, userId);
  if (!user) throw notFound(`User ${userId}`);
  if (disabled && userId === actorUserId) {
    throw new AppError(409, 'cannot_disable_self', 'You cannot disable your own account.');
  }
  await setDisabled(db, userId, disabled);
  if (disabled) await deleteUserSessions(db, userId);
  await recordAudit(db, {
    actorUserId,
    action: disabled ? 'disable_user' : 'enable_user',
    entityType: 'user',
    entityId: userId,
  });
  const row = await findUserById(db, userId);
  return accountView(row!);
}

/** Sets or clears (empty) an account's phone; the audit says it changed, never to what. */
export async function setAccountPhone(db: Db, actorUserId: number, userId: number, input: string) {
  const user = await findUserById(db, userId);
  if (!user) throw notFound(`User ${userId}`);
  const phone = accountPhone(input);
  if (phone !== user.phone) {
    await setPhone(db, userId, phone);
    await recordAudit(db, {
      actorUserId,
      action: 'edit_user',
      entityType: 'user',
      entityId: userId,
      detail: { phoneChanged: true },
    });
  }
  return accountView({ ...user, phone });
}
