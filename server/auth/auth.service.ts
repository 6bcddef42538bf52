import { randomBytes } from 'node:crypto';
import { randomCode } from '../crypto/random-code.ts';
import { hmacHex, sha256Hex } from '../crypto/hashing.ts';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import type { UserRole } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { hitRateCounter, peekRateCounter } from '../limits/rate-counter.ts';
import { powLevel, requireProofOfWork } from '../limits/proof-of-work.ts';
import { knownDeviceOf, rememberDevice } from './known-device.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { deleteSession, deleteUserSessions, insertSession } from '../sessions/sessions.repository.ts';
import { countAdmins, findUserByUsername, insertUser, setPassword } from './users.repository.ts';

export const SESSION_HOURS = 12;
/** How long a one-time password (new account, reset, first administrator) works. */
export const ONE_TIME_PASSWORD_HOURS = 72;
export const MIN_PASSWORD_LENGTH = 10;

// Failures in a 15-minute window before sign-in asks for proof of work, and how many more for each
// doubling of the work (decision 012). Nothing is ever refused outright: a correct password with the
// puzzle solved always gets in, and from a device the account signed in on before, strangers' failures
// do not count at all.
const LOGIN_WINDOW_SECONDS = 15 * 60;
const BY_ACCOUNT = { scope: 'login-user', free: 5, step: 10 };
const BY_ADDRESS = { scope: 'login-address', free: 10, step: 20 };
const BY_DEVICE = { scope: 'login-device', free: 10, step: 10 };
const WINDOW = { seconds: LOGIN_WINDOW_SECONDS, max: Number.MAX_SAFE_INTEGER };

// Verifying against a real hash when the user does not exist keeps the timing the same either way.
let decoyHash: Promise<string> | null = null;

export interface LoginRequest {
  username: string;
  password: string;
  proofOfWork?: string | undefined;
  /** The known-device cookie this browser holds, if any. */
  deviceCookie?: string | undefined;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  /** The known-device cookie to set: this browser is now known for this account. */
  deviceCookie: string;
  user: {
    id: number;
    username: string;
    displayName: string;
    role: UserRole;
    unitId: number | null;
    mustChangePassword: boolean;
  };
}

/**
 * Checks a password. Failures are counted per account, per network and per known device in counters every
 * app server shares; past a few, the next attempt must carry a solved proof-of-work puzzle.
 */
export async function login(deps: AppDeps, request: LoginRequest, address: string, now: Date): Promise<LoginResult> {
  const { db, secret } = deps;
  const user = await findUserByUsername(db, request.username);
  const device = knownDeviceOf(secret, request.deviceCookie, user?.id, now);
  const counters = device
    ? [{ ...BY_DEVICE, key: hmacHex(secret, `login-device:${device}`) }]
    : [{ ...BY_ACCOUNT, key: hmacHex(secret, `login-user:${request.username.toLowerCase()}`) }];
  counters.push({ ...BY_ADDRESS, key: hmacHex(secret, `login-address:${address}`) });
  const failures = await Promise.all(counters.map((c) => peekRateCounter(db, c.scope, c.key, WINDOW, now)));
  const level = Math.max(...counters.map((c, i) => powLevel(failures[i]!, c.free, c.step)));
  await requireProofOfWork(deps, { purpose: 'login', level, payload: request.proofOfWork, maxUses: 1 }, now);

  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const valid = await verifyPassword(request.password, user?.password_hash ?? (await decoyHash));
  if (!user || !valid) {
    await Promise.all(counters.map((c) => hitRateCounter(db, c.scope, c.key, WINDOW, now)));
    throw new AppError(401, 'invalid_credentials', 'The user name or password is wrong.');
  }
  // Said only to whoever knows the password.
  if (user.disabled === 1) {
    throw new AppError(403, 'account_disabled', 'This account has been disabled by the evaluation office.');
  }
  if (user.must_change_password === 1 && user.password_expires_at && user.password_expires_at <= now.toISOString()) {
    throw new AppError(
      401,
      'one_time_password_expired',
      'This one-time password has expired. Ask the evaluation office for a new one (or run npm run admin -- reset-password).',
    );
  }
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
  return { token, expiresAt, deviceCookie: rememberDevice(secret, request.deviceCookie, user.id, now), user: me };
}

/** When a one-time password issued now stops working. */
export function oneTimePasswordExpiry(now: Date): string {
  return new Date(now.getTime() + ONE_TIME_PASSWORD_HOURS * 3600 * 1000).toISOString();
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

/** Replaces the password; every other session of the account ends (this one stays signed in). */
export async function changePassword(
  deps: AppDeps,
  session: { id: number; username: string; sessionId: string },
  current: string,
  next: string,
): Promise<void> {
  const user = await findUserByUsername(deps.db, session.username);
  if (!user || user.id !== session.id || !(await verifyPassword(current, user.password_hash))) {
    throw new AppError(403, 'wrong_password', 'The current password is wrong.');
  }
  if (current === next) {
    throw new AppError(400, 'weak_password', 'The new password must differ from the current one.');
  }
  assertStrongPassword(next, session.username);
  await setPassword(deps.db, user.id, await hashPassword(next), { mustChange: false, expiresAt: null });
  await deleteUserSessions(deps.db, user.id, session.sessionId);
  await recordAudit(deps.db, {
    actorUserId: user.id,
    action: 'change_password',
    entityType: 'user',
    entityId: user.id,
  });
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
      passwordExpiresAt: oneTimePasswordExpiry(now),
      createdAt: now.toISOString(),
    });
  } catch (error) {
    // Another app server starting at the same moment created it first: its console shows the password.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
  return { username, password };
}
