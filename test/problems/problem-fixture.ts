// Two units, an office account, a leader and a unit-staff account of each unit, signed in over real HTTP:
// what the problems API suites (problems-api, problem-roles, problem-stats) start from.
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../server/auth/password.ts';
import type { Db } from '../../server/db/database.ts';
import type { UserRole } from '../../server/db/schema.ts';
import { signIn, signInAsAdmin } from '../support/sign-in.ts';
import type { createTestApp } from '../support/test-app.ts';

type App = ReturnType<typeof createTestApp>['app'];

export interface Caller {
  cookie: string;
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
  patch(path: string, body: unknown): Promise<Response>;
  put(path: string, body: unknown): Promise<Response>;
  call(method: string, path: string, body?: unknown): Promise<Response>;
}

export function callerOf(app: App, cookie: string): Caller {
  const call = async (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  return {
    cookie,
    call,
    get: (path) => call('GET', path),
    post: (path, body = {}) => call('POST', path, body),
    patch: (path, body) => call('PATCH', path, body),
    put: (path, body) => call('PUT', path, body),
  };
}

export async function insertUnit(db: Db, name: string): Promise<number> {
  const row = await db
    .insertInto('units')
    .values({
      code: `P-${randomUUID().slice(0, 8)}`,
      name,
      name_en: `${name} (en)`,
      parent_id: null,
      level: 'department',
      category_id: null,
      sort_order: 0,
      active: 1,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertUser(db: Db, role: UserRole, unitId: number | null, displayName: string) {
  const username = `${role}-${randomUUID().slice(0, 8)}`;
  const password = 'correct horse battery staple';
  const row = await db
    .insertInto('users')
    .values({
      username,
      display_name: displayName,
      role,
      unit_id: unitId,
      password_hash: await hashPassword(password),
      must_change_password: 0,
      disabled: 0,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, username, password };
}

export interface ProblemWorld {
  unitA: number;
  unitB: number;
  admin: Caller;
  admin2: Caller;
  leader: Caller;
  staffA: Caller;
  staffB: Caller;
  anonymous: Caller;
}

export async function problemWorld(app: App, db: Db): Promise<ProblemWorld> {
  const unitA = await insertUnit(db, `甲局${randomUUID().slice(0, 4)}`);
  const unitB = await insertUnit(db, `乙局${randomUUID().slice(0, 4)}`);
  const admin = await signInAsAdmin(app, db);
  const other = await insertUser(db, 'admin', null, '评议办二');
  const leader = await insertUser(db, 'leader', null, '市领导');
  const a = await insertUser(db, 'unit_staff', unitA, '甲局联络员');
  const b = await insertUser(db, 'unit_staff', unitB, '乙局联络员');
  const as = async (user: { username: string; password: string }) =>
    callerOf(app, await signIn(app, user.username, user.password));
  return {
    unitA,
    unitB,
    admin: callerOf(app, admin.cookie),
    admin2: await as(other),
    leader: await as(leader),
    staffA: await as(a),
    staffB: await as(b),
    anonymous: callerOf(app, ''),
  };
}

/** A complete problem body for `unitId` (measures, owner and deadline set, so it can be submitted). */
export function completeProblem(unitId: number, extra: Record<string, unknown> = {}) {
  return {
    unitId,
    title: '窗口办事排队时间长',
    detail: '群众反映办理营业执照需排队两小时以上。',
    source: 'self',
    measures: '增设两个窗口，推行预约办理。',
    owner: '张三',
    leader: '李局长',
    deadline: '2027-01-29',
    ...extra,
  };
}
