import { ensureFirstAdmin } from '../../server/auth/auth.service.ts';
import { hashPassword } from '../../server/auth/password.ts';
import type { Db } from '../../server/db/database.ts';

interface RequestApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** The session cookie (`pingyi_session=…`) a sign-in answer sets. */
export function sessionCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('pingyi_session='));
  return cookie?.split(';')[0] ?? '';
}

/**
 * Signs in and returns the session cookie; an account on a one-time password changes it first (to
 * `${password} changed`), as the server allows that session nothing else until then.
 */
export async function signIn(app: RequestApp, username: string, password: string): Promise<string> {
  const response = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = sessionCookie(response);
  if ((await response.json()).mustChangePassword) {
    const changed = await app.request('/api/auth/password', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ currentPassword: password, newPassword: `${password} changed` }),
    });
    if (changed.status !== 200) throw new Error(`password change failed: ${changed.status} ${await changed.text()}`);
  }
  return cookie;
}

/** Signs in as an administrator (made on first call) and returns a fetch-like helper carrying the cookie. */
export async function signInAsAdmin(app: RequestApp, db: Db) {
  const created = await ensureFirstAdmin({ db }, new Date());
  const username = `office-${Math.random().toString(36).slice(2, 8)}`;
  let credentials = created;
  if (!credentials) {
    // An administrator exists already (another test made it): make a fresh one for this suite.
    const password = 'correct horse battery staple';
    await db
      .insertInto('users')
      .values({
        username,
        display_name: username,
        role: 'admin',
        unit_id: null,
        password_hash: await hashPassword(password),
        must_change_password: 0,
        disabled: 0,
        created_at: new Date().toISOString(),
      })
      .execute();
    credentials = { username, password };
  }
  const cookie = await signIn(app, credentials.username, credentials.password);
  const call = (path: string, init: RequestInit = {}) =>
    app.request(path, {
      ...init,
      headers: { cookie, ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
    });
  return {
    cookie,
    get: (path: string) => call(path),
    post: (path: string, body: unknown = {}) => call(path, { method: 'POST', body: JSON.stringify(body) }),
    put: (path: string, body: unknown) => call(path, { method: 'PUT', body: JSON.stringify(body) }),
    patch: (path: string, body: unknown) => call(path, { method: 'PATCH', body: JSON.stringify(body) }),
  };
}
