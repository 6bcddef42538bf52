import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../server/auth/password.ts';
import { insertUser } from '../../server/auth/users.repository.ts';
import type { Db } from '../../server/db/database.ts';
import { signIn } from '../support/sign-in.ts';

// Factories for the weekly report suites: units, a unit staff account signed in, JSON calls with a cookie.

interface RequestApp {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

export async function createUnit(db: Db, name: string, active: 0 | 1 = 1): Promise<number> {
  const row = await db
    .insertInto('units')
    .values({
      code: `W-${randomUUID().slice(0, 8)}`,
      name,
      name_en: `${name} (en)`,
      parent_id: null,
      level: 'department',
      category_id: null,
      sort_order: 0,
      active,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function signInStaff(db: Db, app: RequestApp, unitId: number): Promise<string> {
  const username = `staff-${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  await insertUser(db, {
    username,
    displayName: `联络员${unitId}`,
    role: 'unit_staff',
    unitId,
    passwordHash: await hashPassword(password),
    mustChangePassword: false,
    createdAt: new Date().toISOString(),
  });
  return signIn(app, username, password);
}

export function caller(app: RequestApp) {
  return async (method: string, path: string, cookie: string | null, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await app.request(path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const type = response.headers.get('content-type') ?? '';
    const json = type.startsWith('application/json') ? ((await response.json()) as Record<string, any>) : null; // eslint-disable-line @typescript-eslint/no-explicit-any
    return { status: response.status, json: json ?? {}, response };
  };
}
