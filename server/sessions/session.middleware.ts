import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { sha256Hex } from '../crypto/hashing.ts';
import type { Db } from '../db/database.ts';
import type { UserRole } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/app-env.ts';
import { findActiveSession } from './sessions.repository.ts';

export const SESSION_COOKIE = 'pingyi_session';

/** Resolves the session cookie to a user (or null). Requests without the cookie cost no query. */
export function sessionMiddleware(db: Db): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    c.set('user', null);
    c.set('session', null);
    if (token && token.length < 200) {
      const row = await findActiveSession(db, sha256Hex(token), new Date().toISOString());
      if (row) {
        const session = {
          id: row.id,
          username: row.username,
          displayName: row.display_name,
          role: row.role,
          unitId: row.unit_id,
          mustChangePassword: row.must_change_password === 1,
          sessionId: row.sessionId,
        };
        c.set('session', session);
        if (!session.mustChangePassword) c.set('user', session);
      }
    }
    await next();
  };
}

/** Who a route guard lets through: some roles, or any live session. */
export interface RouteAccess {
  roles: readonly UserRole[] | 'any_session';
}

const GUARDS = new WeakMap<object, RouteAccess>();

function guardFor(access: RouteAccess, guard: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  GUARDS.set(guard, access);
  return guard;
}

/** Who the handler lets through, if it is requireRole(...) or requireSession: the OpenAPI document's security. */
export function routeAccessOf(handler: unknown): RouteAccess | undefined {
  return typeof handler === 'function' ? GUARDS.get(handler) : undefined;
}

/**
 * Lets the request through only for a signed-in user with one of the roles. Checked on the server for
 * every protected endpoint: the browser hiding a button is never the protection.
 */
export function requireRole(...roles: UserRole[]): MiddlewareHandler<AppEnv> {
  return guardFor({ roles }, async (c, next) => {
    const user = c.get('user');
    if (!user && c.get('session')) throw passwordChangeRequired();
    if (!user) throw new AppError(401, 'unauthorized', 'Sign in first.');
    if (roles.length > 0 && !roles.includes(user.role)) {
      throw new AppError(403, 'forbidden', 'Your account may not do this.');
    }
    await next();
  });
}

function passwordChangeRequired(): AppError {
  return new AppError(
    403,
    'password_change_required',
    'Change the one-time password first (POST /api/auth/password); until then this session can do nothing else.',
  );
}

/**
 * Lets any live session through, even one that must still change its one-time password: only for
 * reading who is signed in, changing the password and signing out.
 */
export const requireSession: MiddlewareHandler<AppEnv> = guardFor({ roles: 'any_session' }, async (c, next) => {
  if (!c.get('session')) throw new AppError(401, 'unauthorized', 'Sign in first.');
  await next();
});

/** The session inside a handler behind requireSession. */
export function currentSession(c: { get(key: 'session'): AppEnv['Variables']['session'] }) {
  const session = c.get('session');
  if (!session) throw new AppError(401, 'unauthorized', 'Sign in first.');
  return session;
}

/** The signed-in user inside a handler behind requireRole. */
export function currentUser(c: { get(key: 'user'): AppEnv['Variables']['user'] }) {
  const user = c.get('user');
  if (!user) throw new AppError(401, 'unauthorized', 'Sign in first.');
  return user;
}

/**
 * Cross-site request forgery guard for requests that carry the session cookie: a state-changing request
 * must be JSON (a cross-site form cannot send that without a CORS preflight, and Pingyi allows no CORS)
 * and must not be marked cross-site by the browser.
 */
export const requireJsonForWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  const method = c.req.method;
  if (method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS' && getCookie(c, SESSION_COOKIE)) {
    if (c.req.header('sec-fetch-site') === 'cross-site') {
      throw new AppError(403, 'cross_site_request', 'Requests from other sites are not accepted.');
    }
    if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
      throw new AppError(415, 'unsupported_media_type', 'Send requests as application/json.');
    }
  }
  await next();
};
