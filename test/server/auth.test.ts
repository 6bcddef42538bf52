import { expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../server/auth/auth.service.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';

describeEachDialect('sign-in and sessions', (database) => {
  const setup = async () => {
    const { app } = createTestApp(database());
    const admin = await ensureFirstAdmin({ db: database().db }, new Date());
    return { app, admin };
  };
  const login = (app: Awaited<ReturnType<typeof setup>>['app'], username: string, password: string) =>
    app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
  const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  it('creates the first administrator once, with a one-time password that works', async () => {
    const { app, admin } = await setup();
    expect(admin?.username).toBe('admin');
    expect(admin?.password).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await ensureFirstAdmin({ db: database().db }, new Date())).toBeNull();

    const response = await login(app, 'admin', admin!.password);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ username: 'admin', role: 'admin', mustChangePassword: true });
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const me = await app.request('/api/auth/me', { headers: { cookie: cookieOf(response) } });
    expect(me.status).toBe(200);
  });

  it('refuses wrong passwords in the one error shape, and then limits attempts', async () => {
    const { app } = await setup();
    const wrong = await login(app, 'admin', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ error: { code: 'invalid_credentials', message: expect.any(String) } });
    let last = wrong;
    for (let i = 0; i < 12; i += 1) last = await login(app, 'admin', `guess-${i}`);
    expect(last.status).toBe(429);
    expect((await last.json()).error.code).toBe('too_many_attempts');
  });

  it('protects endpoints on the server, and signing out everywhere ends every session', async () => {
    const { app } = await setup();
    expect((await app.request('/api/auth/me')).status).toBe(401);
    expect((await app.request('/api/auth/me', { headers: { cookie: 'pingyi_session=forged' } })).status).toBe(401);

    // A fresh administrator for this test (the one above is rate-limited now).
    const { db } = database();
    await db.updateTable('users').set({ role: 'leader' }).where('username', '=', 'admin').execute();
    const admin = await ensureFirstAdmin({ db }, new Date());
    const first = cookieOf(await login(app, admin!.username, admin!.password));
    const second = cookieOf(await login(app, admin!.username, admin!.password));
    const everywhere = await app.request('/api/auth/logout-everywhere', {
      method: 'POST',
      headers: { cookie: first, 'content-type': 'application/json' },
      body: '{}',
    });
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
