// Townships (units of level township), a department, and the office, a leader and two unit-staff accounts
// signed in over real HTTP: what the visit-target and visiting-team suites start from.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/database.ts';
import type { UnitLevel } from '../../server/db/schema.ts';
import { callerOf, insertUnit, insertUser, type Caller } from '../problems/problem-fixture.ts';
import { signIn, signInAsAdmin } from '../support/sign-in.ts';
import type { createTestApp } from '../support/test-app.ts';

type App = ReturnType<typeof createTestApp>['app'];

export async function insertLevelUnit(db: Db, name: string, level: UnitLevel): Promise<number> {
  const row = await db
    .insertInto('units')
    .values({
      code: `T-${randomUUID().slice(0, 8)}`,
      name,
      name_en: name,
      parent_id: null,
      level,
      category_id: null,
      sort_order: 0,
      active: 1,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface TargetWorld {
  townA: number;
  townB: number;
  townAName: string;
  department: number;
  admin: Caller;
  leader: Caller;
  staff: Caller;
  staffId: number;
  outsider: Caller;
  anonymous: Caller;
}

export async function targetWorld(app: App, db: Db): Promise<TargetWorld> {
  const tag = randomUUID().slice(0, 4);
  const townAName = `桃源镇${tag}`;
  const townA = await insertLevelUnit(db, townAName, 'township');
  const townB = await insertLevelUnit(db, `杏花镇${tag}`, 'township');
  const department = await insertUnit(db, `农业农村局${tag}`);
  const admin = await signInAsAdmin(app, db);
  const leader = await insertUser(db, 'leader', null, '市领导');
  const staff = await insertUser(db, 'unit_staff', department, '农业农村局干部');
  const outsider = await insertUser(db, 'unit_staff', department, '未入队干部');
  const as = async (user: { username: string; password: string }) =>
    callerOf(app, await signIn(app, user.username, user.password));
  return {
    townA,
    townB,
    townAName,
    department,
    admin: callerOf(app, admin.cookie),
    leader: await as(leader),
    staff: await as(staff),
    staffId: staff.id,
    outsider: await as(outsider),
    anonymous: callerOf(app, ''),
  };
}
