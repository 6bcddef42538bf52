import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { VisitOutcome } from '../db/schema-visits.ts';
import type { VisitListFilter } from './visits.schemas.ts';

// All SQL of visit records and the problems heard on them (三遍访, decision 018).

export function findTeam(db: Db, id: number) {
  return db.selectFrom('visit_teams').select(['id', 'name', 'active']).where('id', '=', id).executeTakeFirst();
}

export async function isTeamMember(db: Db, teamId: number, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('visit_team_members')
    .select('id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function memberTeamIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('visit_team_members').select('team_id').where('user_id', '=', userId).execute();
  return rows.map((row) => row.team_id);
}

/** The townships a team covers whole, and the villages it covers one by one. */
export async function teamAreas(db: Db, teamId: number) {
  const rows = await db
    .selectFrom('visit_team_areas')
    .select(['township_id', 'village_id'])
    .where('team_id', '=', teamId)
    .execute();
  return {
    townships: rows.filter((r) => r.village_id === null && r.township_id !== null).map((r) => r.township_id!),
    villages: rows.filter((r) => r.village_id !== null).map((r) => r.village_id!),
  };
}

export function findEnterprise(db: Db, id: number) {
  return db
    .selectFrom('visit_enterprises')
    .select(['id', 'township_id', 'village_id', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findVillage(db: Db, id: number) {
  return db
    .selectFrom('visit_villages')
    .select(['id', 'township_id', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findHousehold(db: Db, id: number) {
  return db
    .selectFrom('visit_households as h')
    .innerJoin('visit_villages as v', 'v.id', 'h.village_id')
    .select(['h.id', 'h.village_id', 'v.township_id'])
    .where('h.id', '=', id)
    .executeTakeFirst();
}

/** Of `ids`, the active department units (a transferred problem goes to one of them). */
export async function activeDepartments(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('units')
    .select('id')
    .where('id', 'in', [...ids])
    .where('level', '=', 'department')
    .where('active', '=', 1)
    .execute();
  return new Set(rows.map((row) => row.id));
}

export async function existingUnits(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('units')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((row) => row.id));
}

export async function existingUsers(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((row) => row.id));
}

export function findVisit(db: Db, id: number) {
  return db.selectFrom('visits').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findVisitByRef(db: Db, clientRef: string) {
  return db.selectFrom('visits').selectAll().where('client_ref', '=', clientRef).executeTakeFirst();
}

export function problemsOf(db: Db, visitIds: readonly number[]) {
  if (visitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('visit_problems as vp')
    .leftJoin('units as u', 'u.id', 'vp.unit_id')
    .leftJoin('problem_reports as pr', 'pr.id', 'vp.report_id')
    .selectAll('vp')
    .select(['u.name as unit_name', 'pr.status as report_status', 'pr.problem_id as report_problem_id'])
    .where('vp.visit_id', 'in', [...visitIds])
    .orderBy('vp.visit_id')
    .orderBy('vp.seq')
    .execute();
}
export type ProblemRow = Awaited<ReturnType<typeof problemsOf>>[number];

export function findProblem(db: Db, id: number) {
  return db
    .selectFrom('visit_problems as vp')
    .innerJoin('visits as v', 'v.id', 'vp.visit_id')
    .leftJoin('problem_reports as pr', 'pr.id', 'vp.report_id')
    .selectAll('vp')
    .select(['v.team_id', 'v.visited_on', 'pr.problem_id as report_problem_id'])
    .where('vp.id', '=', id)
    .executeTakeFirst();
}

/** Names for a page of visits: team, recorder, target, township, and the cadres with accounts. */
export function visitNames(db: Db, visitIds: readonly number[]) {
  if (visitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('visits as v')
    .leftJoin('visit_teams as t', 't.id', 'v.team_id')
    .innerJoin('users as r', 'r.id', 'v.recorded_by')
    .leftJoin('visit_enterprises as e', 'e.id', 'v.enterprise_id')
    .leftJoin('visit_villages as vv', 'vv.id', 'v.village_id')
    .leftJoin('visit_households as h', 'h.id', 'v.household_id')
    .leftJoin('units as tw', (join) => join.on(sql`tw.id`, '=', sql`coalesce(e.township_id, vv.township_id)`))
    .select([
      'v.id',
      't.name as team_name',
      'r.display_name as recorder_name',
      'e.name as enterprise_name',
      'vv.name as village_name',
      'h.label as household_label',
      'tw.id as township_id',
      'tw.name as township_name',
    ])
    .where('v.id', 'in', [...visitIds])
    .execute();
}

export async function cadreNames(db: Db, userIds: readonly number[]) {
  if (userIds.length === 0) return new Map<number, { name: string; unit: string | null }>();
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .select(['u.id', 'u.display_name', 'un.name as unit_name'])
    .where('u.id', 'in', [...userIds])
    .execute();
  return new Map(rows.map((row) => [row.id, { name: row.display_name, unit: row.unit_name }]));
}

/** The visits a filter selects, newest first; `teamIds` limits a member to their teams. */
function listQuery(db: Db, filter: VisitListFilter, teamIds: readonly number[] | null) {
  let query = db
    .selectFrom('visits as v')
    .leftJoin('visit_enterprises as e', 'e.id', 'v.enterprise_id')
    .leftJoin('visit_villages as vv', 'vv.id', 'v.village_id');
  if (teamIds !== null) {
    query = teamIds.length === 0 ? query.where(sql<boolean>`1 = 0`) : query.where('v.team_id', 'in', [...teamIds]);
  }
  if (filter.teamId !== undefined) query = query.where('v.team_id', '=', filter.teamId);
  if (filter.villageId !== undefined) query = query.where('v.village_id', '=', filter.villageId);
  if (filter.enterpriseId !== undefined) query = query.where('v.enterprise_id', '=', filter.enterpriseId);
  if (filter.townshipId !== undefined) {
    const township = filter.townshipId;
    query = query.where((eb) => eb.or([eb('e.township_id', '=', township), eb('vv.township_id', '=', township)]));
  }
  if (filter.from !== undefined) query = query.where('v.visited_on', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('v.visited_on', '<=', filter.to);
  if (filter.outcome !== undefined) {
    const outcome: VisitOutcome = filter.outcome;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('visit_problems as p')
          .select('p.id')
          .whereRef('p.visit_id', '=', 'v.id')
          .where('p.outcome', '=', outcome),
      ),
    );
  }
  return query;
}

export async function listVisits(db: Db, filter: VisitListFilter, teamIds: readonly number[] | null) {
  const [rows, count] = await Promise.all([
    listQuery(db, filter, teamIds)
      .selectAll('v')
      .orderBy('v.visited_on', 'desc')
      .orderBy('v.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    listQuery(db, filter, teamIds)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
