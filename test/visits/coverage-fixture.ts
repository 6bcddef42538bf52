// A small city built by hand for the coverage suites (coverage-api, coverage-roles), written straight into
// the tables of migration 0015: the visits API is not what is under test here.
//
// 云州市 → 云山县 → 桃源镇 (T1); 云州市 → 青河县 → 柳溪镇 (T2).
// Villages: V1 桃源村 (T1, 100 households), V2 花溪社区 (T1, 50), V3 柳东村 (T2, 80), V4 柳西村 (T2, 30,
// with a list of 3 households H1–H3), V5 旧村 (T2, 999, inactive).
// Enterprises: E1 (T1/V1), E2 (T1/V1), E3 (T1, no village), E4 (T2/V3), E5 (T2/V4), E6 (T2, no village).
// Units 市发改委 (U1) and 市民政局 (U2). Team A 桃源镇服务队 covers T1 with m1 (U1) and m2 (U2); team B
// 柳溪服务队 covers V3 only with m3, whose account is U2's but who comes to the team from U1.
// Every feedback deadline is in November 2026, so what is overdue over HTTP (today's clock) is fixed; the
// service is called with earlier days to see a deadline not yet passed. Visits (November 2026 unless said):
//  1 11-03 A  E1            [m1]      P1 solved
//  2 11-10 A  E1 again      [m1, m2]  P2 transferred (due 11-20, told 11-18), P3 hotline (due 11-24, not told)
//  3 11-05 A  V1 village    [m2]      P4 explained
//  4 11-06 A  V1 households 60 [m1]
//  5 11-07 A  V1 households 70 [m2]   (130 of 100: capped)
//  6 11-08 B  E4            [m3]      P5 hotline (due 11-30, not told)
//  7 11-09 B  V4 household H1 [m3]    (outside team B's area)
//  8 11-12 B  V4 household H1 again [m3]
//  9 11-12 B  V4 household H2 [王五, no account]
// 10 11-13 —  E6            [m1]      P6 transferred (due 11-25, not told)
// 11 10-20 A  E2            [m1]      P7 solved (before the period)
// 12 11-14 A  V2 households, count left empty (1) [m2]
// 13 12-05 B  V3 village    [m3]      (after the period)
import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/database.ts';
import type { UnitLevel } from '../../server/db/schema.ts';
import type { VisitOutcome } from '../../server/db/schema-visits.ts';
import { callerOf, insertUser, type Caller } from '../problems/problem-fixture.ts';
import { signIn, signInAsAdmin } from '../support/sign-in.ts';
import type { createTestApp } from '../support/test-app.ts';

type App = ReturnType<typeof createTestApp>['app'];
const CREATED = '2026-10-01T00:00:00.000Z';

export interface CoverageCity {
  ids: {
    counties: [number, number];
    townships: [number, number];
    villages: [number, number, number, number, number];
    enterprises: [number, number, number, number, number, number];
    units: [number, number];
    teams: [number, number];
  };
  /** m1: team A (U1); m3: team B (V3 only); outsider: U2's staff in no team. */
  callers: Record<'anonymous' | 'admin' | 'leader' | 'm1' | 'm3' | 'outsider', Caller>;
}

async function unit(db: Db, name: string, level: UnitLevel, parent: number | null, sort: number) {
  const row = await db
    .insertInto('units')
    .values({
      code: `C-${randomUUID().slice(0, 8)}`,
      name,
      name_en: name,
      parent_id: parent,
      level,
      category_id: null,
      sort_order: sort,
      active: 1,
      created_at: CREATED,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function buildCoverageCity(app: App, db: Db): Promise<CoverageCity> {
  const city = await unit(db, '云州市', 'city', null, 0);
  const c1 = await unit(db, '云山县', 'county', city, 1);
  const c2 = await unit(db, '青河县', 'county', city, 2);
  const t1 = await unit(db, '桃源镇', 'township', c1, 1);
  const t2 = await unit(db, '柳溪镇', 'township', c2, 1);
  const u1 = await unit(db, '市发改委', 'department', city, 1);
  const u2 = await unit(db, '市民政局', 'department', city, 2);

  const village = async (
    township: number,
    name: string,
    kind: 'village' | 'community',
    households: number,
    sort: number,
    active: 0 | 1 = 1,
  ) =>
    (
      await db
        .insertInto('visit_villages')
        .values({
          township_id: township,
          code: null,
          name,
          kind,
          households,
          sort_order: sort,
          active,
          created_at: CREATED,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const v1 = await village(t1, '桃源村', 'village', 100, 1);
  const v2 = await village(t1, '花溪社区', 'community', 50, 2);
  const v3 = await village(t2, '柳东村', 'village', 80, 1);
  const v4 = await village(t2, '柳西村', 'village', 30, 2);
  const v5 = await village(t2, '旧村', 'village', 999, 3, 0);

  const enterprise = async (
    n: number,
    township: number,
    villageId: number | null,
    size: 'large' | 'medium' | 'small' | 'micro',
  ) =>
    (
      await db
        .insertInto('visit_enterprises')
        .values({
          credit_code: `91330000MA0000000${n}`,
          name: `企业${n}`,
          address: `地址${n}号`,
          township_id: township,
          village_id: villageId,
          industry: n % 2 === 0 ? '制造业' : null,
          size,
          active: 1,
          created_at: CREATED,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const e1 = await enterprise(1, t1, v1, 'large');
  const e2 = await enterprise(2, t1, v1, 'small');
  const e3 = await enterprise(3, t1, null, 'medium');
  const e4 = await enterprise(4, t2, v3, 'micro');
  const e5 = await enterprise(5, t2, v4, 'small');
  const e6 = await enterprise(6, t2, null, 'large');

  const households: number[] = [];
  for (const label of ['H1', 'H2', 'H3'])
    households.push(
      (
        await db
          .insertInto('visit_households')
          .values({ village_id: v4, label, address: null, created_at: CREATED })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const [h1, h2] = households as [number, number];

  const m1 = await insertUser(db, 'unit_staff', u1, '发改委干部');
  const m2 = await insertUser(db, 'unit_staff', u2, '民政局干部');
  const m3 = await insertUser(db, 'unit_staff', u2, '借调干部');
  const outsider = await insertUser(db, 'unit_staff', u2, '民政局联络员');
  const leader = await insertUser(db, 'leader', null, '市领导');

  const team = async (name: string) =>
    (
      await db
        .insertInto('visit_teams')
        .values({ name, active: 1, created_at: CREATED })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const teamA = await team(`桃源镇服务队${randomUUID().slice(0, 4)}`);
  const teamB = await team(`柳溪服务队${randomUUID().slice(0, 4)}`);
  await db
    .insertInto('visit_team_members')
    .values([
      { team_id: teamA, user_id: m1.id, unit_id: u1, is_leader: 1 },
      { team_id: teamA, user_id: m2.id, unit_id: null, is_leader: 0 },
      { team_id: teamB, user_id: m3.id, unit_id: u1, is_leader: 1 },
    ])
    .execute();
  await db
    .insertInto('visit_team_areas')
    .values([
      { team_id: teamA, township_id: t1, village_id: null },
      { team_id: teamB, township_id: t2, village_id: v3 },
    ])
    .execute();

  let n = 0;
  const visit = async (
    on: string,
    teamId: number | null,
    target: { enterprise?: number; village?: number; household?: number; count?: number | null },
    kind: 'enterprise' | 'village' | 'household',
    cadres: unknown[],
    problems: { outcome: VisitOutcome; due?: string; told?: string }[] = [],
  ) => {
    n += 1;
    const id = (
      await db
        .insertInto('visits')
        .values({
          client_ref: `cov-${randomUUID()}`,
          team_id: teamId,
          recorded_by: m1.id,
          visited_on: on,
          visited_time: null,
          place: null,
          target_kind: kind,
          enterprise_id: target.enterprise ?? null,
          village_id: target.village ?? null,
          household_id: target.household ?? null,
          households_count: target.count ?? null,
          cadres: JSON.stringify(cadres),
          heard: `走访${n}`,
          created_at: CREATED,
          updated_at: CREATED,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (const [index, problem] of problems.entries())
      await db
        .insertInto('visit_problems')
        .values({
          visit_id: id,
          seq: index + 1,
          description: `问题${n}-${index + 1}`,
          raiser_name: null,
          raiser_phone: null,
          share_contact: 0,
          outcome: problem.outcome,
          resolution: null,
          explanation_accepted: null,
          unit_id: null,
          report_id: null,
          hotline_ticket: null,
          hotline_status: null,
          hotline_reply: null,
          hotline_updated_at: null,
          feedback_due_on: problem.due ?? null,
          fed_back_on: problem.told ?? null,
          feedback_channel: problem.told ? 'phone' : null,
          feedback_satisfaction: null,
          followup_id: null,
          created_at: CREATED,
          updated_at: CREATED,
        })
        .execute();
  };
  const by = (user: { id: number }) => ({ userId: user.id });
  await visit('2026-11-03', teamA, { enterprise: e1 }, 'enterprise', [by(m1)], [{ outcome: 'solved' }]);
  await visit(
    '2026-11-10',
    teamA,
    { enterprise: e1 },
    'enterprise',
    [by(m1), by(m2)],
    [
      { outcome: 'transferred', due: '2026-11-20', told: '2026-11-18' },
      { outcome: 'hotline', due: '2026-11-24' },
    ],
  );
  await visit('2026-11-05', teamA, { village: v1 }, 'village', [by(m2)], [{ outcome: 'explained' }]);
  await visit('2026-11-06', teamA, { village: v1, count: 60 }, 'household', [by(m1)]);
  await visit('2026-11-07', teamA, { village: v1, count: 70 }, 'household', [by(m2)]);
  await visit(
    '2026-11-08',
    teamB,
    { enterprise: e4 },
    'enterprise',
    [by(m3)],
    [{ outcome: 'hotline', due: '2026-11-30' }],
  );
  await visit('2026-11-09', teamB, { village: v4, household: h1 }, 'household', [by(m3)]);
  await visit('2026-11-12', teamB, { village: v4, household: h1 }, 'household', [by(m3)]);
  await visit('2026-11-12', teamB, { village: v4, household: h2 }, 'household', [{ name: '王五', unit: '县委办' }]);
  await visit(
    '2026-11-13',
    null,
    { enterprise: e6 },
    'enterprise',
    [by(m1)],
    [{ outcome: 'transferred', due: '2026-11-25' }],
  );
  await visit('2026-10-20', teamA, { enterprise: e2 }, 'enterprise', [by(m1)], [{ outcome: 'solved' }]);
  await visit('2026-11-14', teamA, { village: v2, count: null }, 'household', [by(m2)]);
  await visit('2026-12-05', teamB, { village: v3 }, 'village', [by(m3)]);

  const admin = await signInAsAdmin(app, db);
  const as = async (user: { username: string; password: string }) =>
    callerOf(app, await signIn(app, user.username, user.password));
  return {
    ids: {
      counties: [c1, c2],
      townships: [t1, t2],
      villages: [v1, v2, v3, v4, v5],
      enterprises: [e1, e2, e3, e4, e5, e6],
      units: [u1, u2],
      teams: [teamA, teamB],
    },
    callers: {
      anonymous: callerOf(app, ''),
      admin: callerOf(app, admin.cookie),
      leader: await as(leader),
      m1: await as(m1),
      m3: await as(m3),
      outsider: await as(outsider),
    },
  };
}
