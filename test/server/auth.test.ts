import { beforeEach, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../server/auth/auth.service.ts';
import { hmacHex } from '../../server/crypto/hashing.ts';
import { hitRateCounter } from '../../server/limits/rate-counter.ts';
import { solveProofOfWork } from '../support/proof-of-work.ts';
import { sessionCookie, signIn } from '../support/sign-in.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { withinOneWindow } from '../support/rate-window.ts';

type App = ReturnType<typeof createTestApp>['app'];

describeEachDialect('sign-in and sessions', (database) => {
  // Requests made with app.request() have no socket, so every one comes from the same "address": start
  // each test with no failures counted against it.
  beforeEach(async () => {
    await database().db.deleteFrom('rate_counters').execute();
  });

  const setup = async () => {
    const { app } = createTestApp(database());
    const admin = await ensureFirstAdmin({ db: database().db }, new Date());
    return { app, admin };
  };
  const login = (app: App, username: string, password: string, extra: Record<string, string> = {}) =>
    app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(extra.cookie ? { cookie: extra.cookie } : {}) },
      body: JSON.stringify({ username, password, ...(extra.proofOfWork ? { proofOfWork: extra.proofOfWork } : {}) }),
    });
  const deviceCookie = (response: Response) =>
    response.headers
      .getSetCookie()
      .find((c) => c.startsWith('pingyi_device='))
      ?.split(';')[0] ?? '';
  const send = (app: App, method: string, path: string, cookie: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      ...(method === 'GET' || method === 'HEAD' ? {} : { body: JSON.stringify(body ?? {}) }),
    });
  /** A fresh administrator who has changed the one-time password, and their session. */
  const office = async (app: App) => {
    const { db } = database();
    await db.updateTable('users').set({ role: 'leader' }).where('role', '=', 'admin').execute();
    const admin = (await ensureFirstAdmin({ db }, new Date()))!;
    return { ...admin, cookie: await signIn(app, admin.username, admin.password) };
  };
  const newAccount = async (app: App, cookie: string, username: string) => {
    const response = await send(app, 'POST', '/api/users', cookie, { username, displayName: username, role: 'leader' });
    expect(response.status).toBe(201);
    return (await response.json()) as { user: { id: number }; oneTimePassword: string };
  };

  it('creates the first administrator once, with a one-time password that works', async () => {
    const { app, admin } = await setup();
    expect(admin?.username).toBe('admin');
    expect(admin?.password).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await ensureFirstAdmin({ db: database().db }, new Date())).toBeNull();

    const response = await login(app, 'admin', admin!.password);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ username: 'admin', role: 'admin', mustChangePassword: true });
    const session = response.headers.getSetCookie().find((c) => c.startsWith('pingyi_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const device = response.headers.getSetCookie().find((c) => c.startsWith('pingyi_device='))!;
    expect(device).toMatch(/HttpOnly/i);
    expect(device).toMatch(/SameSite=Strict/i);
    expect(device).toMatch(/Path=\/api\/auth/i);

    const me = await app.request('/api/auth/me', { headers: { cookie: sessionCookie(response) } });
    expect(me.status).toBe(200);
  });

  it('asks for proof of work after five wrong passwords, and then lets the right password in', () =>
    withinOneWindow(900, async () => {
      await database().db.deleteFrom('rate_counters').execute();
      const { app } = await setup();
      const admin = await office(app);
      const password = `${admin.password} changed`;
      const wrong = await login(app, admin.username, 'not-the-password');
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
      for (let i = 0; i < 4; i += 1) expect((await login(app, admin.username, `guess-${i}`)).status).toBe(401);

      // The sixth attempt, even with the right password, must carry a solved puzzle: no lockout, no free guess.
      const asked = await login(app, admin.username, password);
      expect(asked.status).toBe(429);
      const { error } = await asked.json();
      expect(error).toMatchObject({ code: 'proof_of_work_required', challenge: { parameters: { cost: 1000 } } });
      const proofOfWork = await solveProofOfWork(error.challenge);
      const signedIn = await login(app, admin.username, password, { proofOfWork });
      expect(signedIn.status).toBe(200);

      // The same solution does not buy a second attempt.
      const replayed = await login(app, admin.username, 'another guess', { proofOfWork });
      expect([replayed.status, (await replayed.json()).error.code]).toEqual([429, 'proof_of_work_required']);
    }));

  it('never slows down a device the account signed in on before, whatever strangers do', () =>
    withinOneWindow(900, async () => {
      await database().db.deleteFrom('rate_counters').execute();
      const { app } = await setup();
      const { username, password } = await office(app);
      const first = await login(app, username, `${password} changed`);
      expect(first.status).toBe(200);
      const known = deviceCookie(first);
      // Strangers (from this same network, even) fail sixty times.
      for (let i = 0; i < 60; i += 1) {
        await hitRateCounter(
          database().db,
          'login-user',
          hmacHex(TEST_SECRET, `login-user:${username}`),
          { seconds: 900, max: 1e9 },
          new Date(),
        );
      }
      const stranger = await login(app, username, `${password} changed`);
      expect((await stranger.json()).error.code).toBe('proof_of_work_required');
      const level = (await (await login(app, username, 'x')).json()).error.challenge.parameters.data.level;
      expect(level).toBe(5);
      // The office's own browser gets straight in.
      const again = await login(app, username, `${password} changed`, { cookie: known });
      expect(again.status).toBe(200);
      // A forged or foreign device cookie is no help.
      const forged = await login(app, username, `${password} changed`, { cookie: `${known.slice(0, -3)}abc` });
      expect(forged.status).toBe(429);
    }));

  it(
    'takes a puzzle answer only for its purpose, at its level or above, and not after tampering',
    () =>
      withinOneWindow(900, async () => {
        await database().db.deleteFrom('rate_counters').execute();
        const { app } = await setup();
        const { username } = await office(app);
        const key = hmacHex(TEST_SECRET, `login-user:${username}`);
        for (let i = 0; i < 15; i += 1) {
          await hitRateCounter(database().db, 'login-user', key, { seconds: 900, max: 1e9 }, new Date());
        }
        const { createPowChallenge } = await import('../../server/limits/proof-of-work.ts');
        const refused = async (challenge: unknown) => {
          const response = await login(app, username, 'guess', { proofOfWork: await solveProofOfWork(challenge) });
          return [response.status, (await response.json()).error.code];
        };
        // Level 2 is due: a level-1 answer, a code-purpose answer and a tampered one are all refused.
        expect(await refused(await createPowChallenge(TEST_SECRET, 'login', 1, new Date()))).toEqual([
          429,
          'proof_of_work_required',
        ]);
        expect(await refused(await createPowChallenge(TEST_SECRET, 'code', 2, new Date()))).toEqual([
          429,
          'proof_of_work_required',
        ]);
        const tampered = await createPowChallenge(TEST_SECRET, 'login', 1, new Date());
        tampered.parameters.data = { purpose: 'login', level: 5 };
        expect(await refused(tampered)).toEqual([429, 'proof_of_work_required']);
        const foreign = await createPowChallenge('another server key, another server key!', 'login', 2, new Date());
        expect(await refused(foreign)).toEqual([429, 'proof_of_work_required']);
        // A right one of the right level is a real attempt: the wrong password is simply wrong.
        expect(await refused(await createPowChallenge(TEST_SECRET, 'login', 2, new Date()))).toEqual([
          401,
          'invalid_credentials',
        ]);
        // Garbage never gets past 4xx.
        const garbage = await login(app, username, 'guess', { proofOfWork: 'not base64 json {' });
        expect(garbage.status).toBe(429);
        // Six real puzzles (about a second each on an idle core): room for a machine busy with Chromium.
      }),
    120_000,
  );

  it('lets a session on a one-time password do nothing but change it, on every protected operation', async () => {
    const { app } = await setup();
    const { cookie: officeCookie } = await office(app);
    const { oneTimePassword } = await newAccount(app, officeCookie, 'pending-admin');
    await database().db.updateTable('users').set({ role: 'admin' }).where('username', '=', 'pending-admin').execute();
    const pending = sessionCookie(await login(app, 'pending-admin', oneTimePassword));

    const doc = await (await app.request('/api/openapi.json')).json();
    const allowed = new Set([
      'GET /api/auth/me',
      'POST /api/auth/logout',
      'POST /api/auth/logout-everywhere',
      'POST /api/auth/password',
    ]);
    let protectedCount = 0;
    for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(operations)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (allowed.has(name)) continue;
        // Operations for other systems (the 12345 post-back) take their own bearer secret, never a session.
        const security = (operations[method] as { security?: Record<string, unknown>[] }).security ?? [];
        const sessionSchemes = ['session', 'officeSession'];
        if (security.some((scheme) => Object.keys(scheme).some((key) => !sessionSchemes.includes(key)))) continue;
        const url = path.replace(/\{[^}]+\}/g, '1');
        const anonymous = await send(app, method.toUpperCase(), url, '');
        const asPending = await send(app, method.toUpperCase(), url, pending);
        if (anonymous.status === 401) {
          protectedCount += 1;
          expect([name, asPending.status, (await asPending.json()).error.code]).toEqual([
            name,
            403,
            'password_change_required',
          ]);
        } else {
          // Public operations treat such a session as nobody: no drafts, no office views.
          expect([name, asPending.status]).toEqual([name, anonymous.status]);
        }
      }
    }
    expect(protectedCount).toBeGreaterThan(40);

    const me = await send(app, 'GET', '/api/auth/me', pending);
    expect(await me.json()).toMatchObject({ username: 'pending-admin', mustChangePassword: true });
    const changed = await send(app, 'POST', '/api/auth/password', pending, {
      currentPassword: oneTimePassword,
      newPassword: 'a much better password',
    });
    expect(changed.status).toBe(200);
    expect((await send(app, 'GET', '/api/users', pending)).status).toBe(200);
  });

  it('ends the other sessions of an account when its password changes', async () => {
    const { app } = await setup();
    const { cookie: officeCookie } = await office(app);
    const { oneTimePassword } = await newAccount(app, officeCookie, 'two-phones');
    const phone = sessionCookie(await login(app, 'two-phones', oneTimePassword));
    const laptop = sessionCookie(await login(app, 'two-phones', oneTimePassword));
    const sameAgain = await send(app, 'POST', '/api/auth/password', laptop, {
      currentPassword: oneTimePassword,
      newPassword: oneTimePassword,
    });
    expect((await sameAgain.json()).error.code).toBe('weak_password');
    const changed = await send(app, 'POST', '/api/auth/password', laptop, {
      currentPassword: oneTimePassword,
      newPassword: 'laptop password 2026',
    });
    expect(changed.status).toBe(200);
    expect((await send(app, 'GET', '/api/auth/me', phone)).status).toBe(401);
    expect(await (await send(app, 'GET', '/api/auth/me', laptop)).json()).toMatchObject({ mustChangePassword: false });
    expect((await login(app, 'two-phones', oneTimePassword)).status).toBe(401);
  });

  it('lets a one-time password expire, and says so only to whoever knows it', async () => {
    const { app } = await setup();
    const { cookie: officeCookie } = await office(app);
    const { user, oneTimePassword } = await newAccount(app, officeCookie, 'late-starter');
    const row = await database()
      .db.selectFrom('users')
      .select('password_expires_at')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    const hours = (Date.parse(row.password_expires_at!) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71);
    expect(hours).toBeLessThanOrEqual(72);

    await database()
      .db.updateTable('users')
      .set({ password_expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', user.id)
      .execute();
    const expired = await login(app, 'late-starter', oneTimePassword);
    expect([expired.status, (await expired.json()).error.code]).toEqual([401, 'one_time_password_expired']);
    const wrong = await login(app, 'late-starter', 'wrong');
    expect((await wrong.json()).error.code).toBe('invalid_credentials');
    // A reset gives a fresh one that works.
    const reset = await send(app, 'POST', `/api/users/${user.id}/reset-password`, officeCookie);
    const fresh = (await reset.json()).oneTimePassword;
    expect((await login(app, 'late-starter', fresh)).status).toBe(200);
  });

  it('lets the office disable an account (its sessions end) and enable it again', async () => {
    const { app } = await setup();
    const { cookie: officeCookie } = await office(app);
    const { user, oneTimePassword } = await newAccount(app, officeCookie, 'leaving-staff');
    const session = await signIn(app, 'leaving-staff', oneTimePassword);
    const password = `${oneTimePassword} changed`;

    const disabled = await send(app, 'POST', `/api/users/${user.id}/disable`, officeCookie);
    expect(await disabled.json()).toMatchObject({ user: { id: user.id, disabled: true } });
    expect((await send(app, 'GET', '/api/auth/me', session)).status).toBe(401);
    const refused = await login(app, 'leaving-staff', password);
    expect([refused.status, (await refused.json()).error.code]).toEqual([403, 'account_disabled']);
    expect((await (await login(app, 'leaving-staff', 'wrong')).json()).error.code).toBe('invalid_credentials');

    const enabled = await send(app, 'POST', `/api/users/${user.id}/enable`, officeCookie);
    expect(await enabled.json()).toMatchObject({ user: { disabled: false } });
    expect((await login(app, 'leaving-staff', password)).status).toBe(200);

    const me = await (await send(app, 'GET', '/api/auth/me', officeCookie)).json();
    const self = await send(app, 'POST', `/api/users/${me.id}/disable`, officeCookie);
    expect([self.status, (await self.json()).error.code]).toEqual([409, 'cannot_disable_self']);
    expect((await send(app, 'POST', `/api/users/${user.id}/disable`, session)).status).toBe(401);
  });

  it('protects endpoints on the server, and signing out everywhere ends every session', async () => {
    const { app } = await setup();
    expect((await app.request('/api/auth/me')).status).toBe(401);
    expect((await app.request('/api/auth/me', { headers: { cookie: 'pingyi_session=forged' } })).status).toBe(401);

    const { db } = database();
    await db.updateTable('users').set({ role: 'leader' }).where('role', '=', 'admin').execute();
    const admin = await ensureFirstAdmin({ db }, new Date());
    const first = sessionCookie(await login(app, admin!.username, admin!.password));
    const second = sessionCookie(await login(app, admin!.username, admin!.password));
    const everywhere = await send(app, 'POST', '/api/auth/logout-everywhere', first);
    expect(everywhere.status).toBe(200);
    expect((await app.request('/api/auth/me', { headers: { cookie: second } })).status).toBe(401);
  });

  it('refuses a cookie-carrying write that is not JSON (cross-site form posts)', async () => {
    const { app } = await setup();
    const response = await app.request('/api/auth/logout', {
      method: 'POST',
      headers: { cookie: 'pingyi_session=x', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
    });
    expect(response.status).toBe(415);
  });
});
