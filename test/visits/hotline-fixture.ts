// A small visits world for the 12345 hand-off suites, written straight into the database (the visits API
// is built beside this): a township with a village and an enterprise, a team with one member account, and
// visits whose problems are handed to 12345 or not.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db/database.ts';
import type { VisitOutcome } from '../../server/db/schema-visits.ts';
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

export interface HotlineWorld extends ProblemWorld {
  township: string;
  village: string;
  enterprise: string;
  team: string;
  teamId: number;
  memberId: number;
  memberName: string;
  /** A unit-staff account of the team. */
  member: Caller;
  suggestedUnit: string;
  suggestedUnitId: number;
}

export async function hotlineWorld(app: App, db: Db): Promise<HotlineWorld> {
  const base = await problemWorld(app, db);
  const tag = randomUUID().slice(0, 4);
  const now = new Date().toISOString();
  const township = `桃源镇${tag}`;
  const townshipId = (
    await db
      .insertInto('units')
      .values({
        code: `T-${tag}`,
        name: township,
        name_en: 'Taoyuan',
        parent_id: null,
        level: 'township',
        category_id: null,
        sort_order: 0,
        active: 1,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const village = `桃花村${tag}`;
  const villageId = (
    await db
      .insertInto('visit_villages')
      .values({
        township_id: townshipId,
        code: null,
        name: village,
        kind: 'village',
        households: 120,
        sort_order: 0,
        active: 1,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const enterprise = `云山茶业有限公司${tag}`;
  await db
    .insertInto('visit_enterprises')
    .values({
      credit_code: `91350100M0001${tag}`,
      name: enterprise,
      address: '桃源镇工业路8号',
      township_id: townshipId,
      village_id: villageId,
      industry: '制造业',
      size: 'small',
      active: 1,
      created_at: now,
    })
    .execute();
  const team = `桃源镇民情书记服务队${tag}`;
  const teamId = (
    await db
      .insertInto('visit_teams')
      .values({ name: team, active: 1, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const memberName = '王走访';
  const member = await insertUser(db, 'unit_staff', base.unitA, memberName);
  await db
    .insertInto('visit_team_members')
    .values({ team_id: teamId, user_id: member.id, unit_id: base.unitA, is_leader: 1 })
    .execute();
  const suggestedUnit = `住建局${tag}`;
  const suggestedUnitId = await insertUnit(db, suggestedUnit);
  return {
    ...base,
    township,
    village,
    enterprise,
    team,
    teamId,
    memberId: member.id,
    memberName,
    member: callerOf(app, await signIn(app, member.username, member.password)),
    suggestedUnit,
    suggestedUnitId,
  };
}

export interface SeededProblem {
  description: string;
  outcome: VisitOutcome;
  raiserName?: string;
  raiserPhone?: string;
  shareContact?: boolean;
  feedbackDueOn?: string;
}

/** A visit of the world's team to its enterprise (or village), with these problems; answers the visit id. */
export async function insertVisit(
  db: Db,
  w: HotlineWorld,
  visit: { on: string; target: 'enterprise' | 'village'; place?: string },
  problems: readonly SeededProblem[],
): Promise<number> {
  const now = new Date().toISOString();
  const enterprise = await db
    .selectFrom('visit_enterprises')
    .select(['id'])
    .where('name', '=', w.enterprise)
    .executeTakeFirstOrThrow();
  const village = await db
    .selectFrom('visit_villages')
    .select(['id'])
    .where('name', '=', w.village)
    .executeTakeFirstOrThrow();
  const visitId = (
    await db
      .insertInto('visits')
      .values({
        client_ref: randomUUID(),
        team_id: w.teamId,
        recorded_by: w.memberId,
        visited_on: visit.on,
        visited_time: '09:30',
        place: visit.place ?? null,
        target_kind: visit.target,
        enterprise_id: visit.target === 'enterprise' ? enterprise.id : null,
        village_id: visit.target === 'village' ? village.id : null,
        household_id: null,
        households_count: null,
        cadres: JSON.stringify([{ userId: w.memberId }, { name: '李同行', unit: '乙局' }]),
        heard: '听取意见',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  let seq = 0;
  for (const problem of problems) {
    seq += 1;
    await db
      .insertInto('visit_problems')
      .values({
        visit_id: visitId,
        seq,
        description: problem.description,
        raiser_name: problem.raiserName ?? null,
        raiser_phone: problem.raiserPhone ?? null,
        share_contact: problem.shareContact ? 1 : 0,
        outcome: problem.outcome,
        resolution: null,
        explanation_accepted: null,
        unit_id: problem.outcome === 'hotline' ? w.suggestedUnitId : null,
        report_id: null,
        hotline_ticket: null,
        hotline_status: null,
        hotline_reply: null,
        hotline_updated_at: null,
        feedback_due_on: problem.feedbackDueOn ?? null,
        fed_back_on: null,
        feedback_channel: null,
        feedback_satisfaction: null,
        followup_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return visitId;
}
