import { randomBytes } from 'node:crypto';
import { randomCode } from '../crypto/random-code.ts';
import { hmacHex, sha256Hex } from '../crypto/hashing.ts';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import type { UserRole } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { clearRateCounter, hitRateCounter } from '../limits/rate-counter.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { deleteSession, deleteUserSessions, insertSession } from '../sessions/sessions.repository.ts';
import { countAdmins, findUserByUsername, insertUser, setPassword } from './users.repository.ts';

export const SESSION_HOURS = 12;
const LOGIN_WINDOW = { seconds: 15 * 60, max: 10 };
const LOGIN_ADDRESS_WINDOW = { seconds: 15 * 60, max: 100 };
export const MIN_PASSWORD_LENGTH = 10;

// Verifying against a real hash when the user does not exist keeps the timing the same either way.
let decoyHash: Promise<string> | null = null;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: {
    id: number;
    username: string;
    displayName: string;
    role: UserRole;
    unitId: number | null;
    mustChangePassword: boolean;
  };
}

/** Checks a password, limited per user name and per address in counters every app server shares. */
export async function login(
  deps: AppDeps,
  username: string,
  password: string,
  address: string,
  now: Date,
): Promise<LoginResult> {
  const { db, secret } = deps;
  const userKey = hmacHex(secret, `login-user:${username.toLowerCase()}`);
  const byUser = await hitRateCounter(db, 'login-user', userKey, LOGIN_WINDOW, now);
  const byAddress = await hitRateCounter(
    db,
    'login-address',
    hmacHex(secret, `login-address:${address}`),
    LOGIN_ADDRESS_WINDOW,
    now,
  );
  if (!byUser.allowed || !byAddress.allowed) {
    const wait = Math.ceil(Math.max(byUser.retryAfterSeconds, byAddress.retryAfterSeconds) / 60);
    throw new AppError(429, 'too_many_attempts', `Too many sign-in attempts. Try again in ${wait} minute(s).`);
  }
  const user = await findUserByUsername(db, username);
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const valid = await verifyPassword(password, user?.password_hash ?? (await decoyHash));
  if (!user || !valid || user.disabled === 1) {
    throw new AppError(401, 'invalid_credentials', 'The user name or password is wrong.');
  }
  await clearRateCounter(db, 'login-user', userKey);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600 * 1000);
  await insertSession(db, {
    id: sha256Hex(token),
    userId: user.id,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  await recordAudit(db, { actorUserId: user.id, action: 'login', entityType: 'user', entityId: user.id }, now);
  const me = {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    unitId: user.unit_id,
    mustChangePassword: user.must_change_password === 1,
  };
  return { token, expiresAt, user: me };
}

export async function logout(deps: AppDeps, sessionId: string): Promise<void> {
  await deleteSession(deps.db, sessionId);
}

/** Ends every session of the user, on every device and every app server. */
export async function logoutEverywhere(deps: AppDeps, userId: number): Promise<void> {
  await deleteUserSessions(deps.db, userId);
  await recordAudit(deps.db, {
    actorUserId: userId,
    action: 'logout_everywhere',
    entityType: 'user',
    entityId: userId,
  });
}

export async function changePassword(
  deps: AppDeps,
  userId: number,
  username: string,
  current: string,
  next: string,
): Promise<void> {
  const user = await findUserByUsername(deps.db, username);
  if (!user || user.id !== userId || !(await verifyPassword(current, user.password_hash))) {
    throw new AppError(403, 'wrong_password', 'The current password is wrong.');
  }
  assertStrongPassword(next, username);
  await setPassword(deps.db, userId, await hashPassword(next), false);
  await recordAudit(deps.db, { actorUserId: userId, action: 'change_password', entityType: 'user', entityId: userId });
}

export function assertStrongPassword(password: string, username: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError(400, 'weak_password', `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw new AppError(400, 'weak_password', 'A password must not contain the user name.');
  }
}

/** A one-time password people can read aloud and type: 4 groups of 4 unambiguous characters (~79 bits). */
export function oneTimePassword(): string {
  return [randomCode(4), randomCode(4), randomCode(4), randomCode(4)].join('-');
}

/** On first start: when no administrator exists, creates `admin` with a one-time password to show once. */
export async function ensureFirstAdmin(
  deps: Pick<AppDeps, 'db'>,
  now: Date,
): Promise<{ username: string; password: string } | null> {
  const admins = await countAdmins(deps.db);
  if (Number(admins.n) > 0) return null;
  const password = oneTimePassword();
  const username = (await findUserByUsername(deps.db, 'admin')) ? `admin-${randomCode(4).toLowerCase()}` : 'admin';
  try {
    await insertUser(deps.db, {
      username,
      displayName: '评议办管理员',
      role: 'admin',
      unitId: null,
      passwordHash: await hashPassword(password),
      mustChangePassword: true,
      createdAt: now.toISOString(),
    });
  } catch (error) {
    // Another app server starting at the same moment created it first: its console shows the password.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
  return { username, password };
}
