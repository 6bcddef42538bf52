// A township with a village and an enterprise, a second township outside the team's areas, a visiting
// team (民情书记服务队) covering the first township, a member of the team (unit staff of a third unit) and a
// unit-staff account that is in no team: what the visit suites start from, over real HTTP.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/database.ts';
import {
  callerOf,
  insertUnit,
  insertUser,
  problemWorld,
  type Caller,
  type ProblemWorld,
} from '../problems/problem-fixture.ts';
import { signIn } from '../support/sign-in.ts';
import type { createTestApp } from '../support/test-app.ts';

type App = ReturnType<typeof createTestApp>['app'];

export interface VisitWorld extends ProblemWorld {
  township: number;
  village: number;
  enterprise: number;
  /** A village and an enterprise of another township, outside the team's areas. */
  farVillage: number;
  farEnterprise: number;
  team: number;
  memberId: number;
  member: Caller;
  /** Unit staff in no team. */
  outsider: Caller;
}

async function insertTownship(db: Db, name: string): Promise<number> {
  const row = await db
    .insertInto('units')
    .values({
      code: `T-${randomUUID().slice(0, 8)}`,
      name,
      name_en: `${name} (en)`,
      parent_id: null,
      level: 'township',
      category_id: null,
      sort_order: 0,
      active: 1,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function insertVillage(db: Db, townshipId: number, name: string): Promise<number> {
  const row = await db
    .insertInto('visit_villages')
    .values({
      township_id: townshipId,
      code: null,
      name,
      kind: 'village',
      households: 120,
      sort_order: 0,
      active: 1,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function insertEnterprise(db: Db, townshipId: number, villageId: number | null, name: string) {
  const row = await db
    .insertInto('visit_enterprises')
    .values({
      credit_code: `91${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`,
      name,
      address: null,
      township_id: townshipId,
      village_id: villageId,
      industry: null,
      size: 'small',
      active: 1,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function visitWorld(app: App, db: Db): Promise<VisitWorld> {
  const world = await problemWorld(app, db);
  const tag = randomUUID().slice(0, 4);
  const township = await insertTownship(db, `桃源镇${tag}`);
  const far = await insertTownship(db, `远山镇${tag}`);
  const village = await insertVillage(db, township, `桃花村${tag}`);
  const farVillage = await insertVillage(db, far, `远山村${tag}`);
  const enterprise = await insertEnterprise(db, township, village, `桃源食品有限公司${tag}`);
  const farEnterprise = await insertEnterprise(db, far, null, `远山建材有限公司${tag}`);
  const team = (
    await db
      .insertInto('visit_teams')
      .values({ name: `桃源镇民情书记服务队${tag}`, active: 1, created_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await db.insertInto('visit_team_areas').values({ team_id: team, township_id: township, village_id: null }).execute();
  const homeUnit = await insertUnit(db, `丙局${tag}`);
  const member = await insertUser(db, 'unit_staff', homeUnit, '走访干部王五');
  await db
    .insertInto('visit_team_members')
    .values({ team_id: team, user_id: member.id, unit_id: homeUnit, is_leader: 0 })
    .execute();
  const outsider = await insertUser(db, 'unit_staff', homeUnit, '非队员');
  return {
    ...world,
    township,
    village,
    enterprise,
    farVillage,
    farEnterprise,
    team,
    memberId: member.id,
    member: callerOf(app, await signIn(app, member.username, member.password)),
    outsider: callerOf(app, await signIn(app, outsider.username, outsider.password)),
  };
}

/** A visit to the enterprise with three problems: solved, transferred to unit A, handed to 12345. */
export function threeOutcomeVisit(w: VisitWorld, visitedOn: string, extra: Record<string, unknown> = {}) {
  return {
    clientRef: randomUUID(),
    teamId: w.team,
    visitedOn,
    visitedTime: '09:30',
    place: '企业会议室',
    target: { kind: 'enterprise', enterpriseId: w.enterprise },
    cadres: [{ userId: w.memberId }, { name: '李四', unit: '桃源镇人民政府' }],
    heard: '企业反映用工、用电和道路三方面问题。',
    problems: [
      { description: '厂区路灯损坏', outcome: 'solved', resolution: '当场联系电工修复' },
      {
        description: '办理排污许可证久拖不决',
        raiserName: '赵六',
        raiserPhone: '13800138000',
        shareContact: true,
        outcome: 'transferred',
        unitId: w.unitA,
      },
      { description: '园区道路积水', raiserName: '钱七', outcome: 'hotline', unitId: w.unitB },
    ],
    ...extra,
  };
}
