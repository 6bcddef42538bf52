import { sql, type ExpressionBuilder } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { EnterpriseView, HouseholdView, VillageView } from './visit-targets.schemas.ts';

// All SQL of the visit targets, and which targets a team member may read: those in the areas (whole
// townships or single villages) of the active teams the account belongs to.

/** What a caller may read: everything (the office, leaders), or the areas of their teams. */
export type TargetScope = { all: true } | { all: false; townshipIds: number[]; villageIds: number[] };

/** The townships and villages the active teams of `userId` cover. */
export async function teamAreasOf(db: Db, userId: number): Promise<{ townshipIds: number[]; villageIds: number[] }> {
  const rows = await db
    .selectFrom('visit_team_areas as a')
    .innerJoin('visit_team_members as m', 'm.team_id', 'a.team_id')
    .innerJoin('visit_teams as t', 't.id', 'a.team_id')
    .select(['a.township_id', 'a.village_id'])
    .where('m.user_id', '=', userId)
    .where('t.active', '=', 1)
    .execute();
  return {
    townshipIds: [
      ...new Set(rows.flatMap((r) => (r.village_id === null && r.township_id !== null ? [r.township_id] : []))),
    ],
    villageIds: [...new Set(rows.flatMap((r) => (r.village_id !== null ? [r.village_id] : [])))],
  };
}

/** Whether the account is a member of any active team. */
export async function isTeamMember(db: Db, userId: number): Promise<boolean> {
  const row = await db
    .selectFrom('visit_team_members as m')
    .innerJoin('visit_teams as t', 't.id', 'm.team_id')
    .select('m.id')
    .where('m.user_id', '=', userId)
    .where('t.active', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

const NONE = -1;
const orNone = (ids: number[]) => (ids.length > 0 ? ids : [NONE]);

function villageInScope(scope: TargetScope) {
  return (eb: ExpressionBuilder<Database & { v: Database['visit_villages'] }, 'v'>) =>
    scope.all
      ? sql<boolean>`1 = 1`
      : eb.or([eb('v.township_id', 'in', orNone(scope.townshipIds)), eb('v.id', 'in', orNone(scope.villageIds))]);
}

function enterpriseInScope(scope: TargetScope) {
  return (eb: ExpressionBuilder<Database & { e: Database['visit_enterprises'] }, 'e'>) =>
    scope.all
      ? sql<boolean>`1 = 1`
      : eb.or([
          eb('e.township_id', 'in', orNone(scope.townshipIds)),
          eb('e.village_id', 'in', orNone(scope.villageIds)),
        ]);
}

export interface VillageFilter {
  townshipId?: number;
  kind?: 'village' | 'community';
  q?: string;
  active: 'true' | 'false' | 'all';
  ids?: number[];
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

function villageQuery(db: Db, scope: TargetScope, filter: VillageFilter) {
  let query = db
    .selectFrom('visit_villages as v')
    .innerJoin('units as u', 'u.id', 'v.township_id')
    .where(villageInScope(scope));
  if (filter.townshipId !== undefined) query = query.where('v.township_id', '=', filter.townshipId);
  if (filter.kind !== undefined) query = query.where('v.kind', '=', filter.kind);
  if (filter.active !== 'all') query = query.where('v.active', '=', filter.active === 'true' ? 1 : 0);
  if (filter.q) query = query.where(sql<boolean>`v.name like ${like(filter.q)} escape '\\'`);
  if (filter.ids) query = query.where('v.id', 'in', orNone(filter.ids));
  return query;
}

export async function listVillages(
  db: Db,
  scope: TargetScope,
  filter: VillageFilter,
  page: { page: number; pageSize: number } | null,
): Promise<{ items: VillageView[]; total: number }> {
  const total = await villageQuery(db, scope, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  let query = villageQuery(db, scope, filter)
    .select([
      'v.id',
      'v.township_id',
      'u.name as township_name',
      'v.code',
      'v.name',
      'v.kind',
      'v.households',
      'v.sort_order',
      'v.active',
    ])
    .select((eb) =>
      eb
        .selectFrom('visit_households as h')
        .whereRef('h.village_id', '=', 'v.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('listed'),
    )
    .orderBy('u.sort_order')
    .orderBy('v.township_id')
    .orderBy('v.sort_order')
    .orderBy('v.id');
  if (page) query = query.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const rows = await query.execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      townshipId: r.township_id,
      townshipName: r.township_name,
      code: r.code,
      name: r.name,
      kind: r.kind,
      households: r.households,
      listedHouseholds: Number(r.listed ?? 0),
      sortOrder: r.sort_order,
      active: r.active === 1,
    })),
  };
}

export async function findVillage(db: Db, scope: TargetScope, id: number): Promise<VillageView | undefined> {
  return (await listVillages(db, scope, { active: 'all', ids: [id] }, null)).items[0];
}

export interface EnterpriseFilter {
  townshipId?: number;
  villageId?: number;
  size?: string;
  q?: string;
  active: 'true' | 'false' | 'all';
  ids?: number[];
}

function enterpriseQuery(db: Db, scope: TargetScope, filter: EnterpriseFilter) {
  let query = db
    .selectFrom('visit_enterprises as e')
    .innerJoin('units as u', 'u.id', 'e.township_id')
    .leftJoin('visit_villages as v', 'v.id', 'e.village_id')
    .where(enterpriseInScope(scope));
  if (filter.townshipId !== undefined) query = query.where('e.township_id', '=', filter.townshipId);
  if (filter.villageId !== undefined) query = query.where('e.village_id', '=', filter.villageId);
  if (filter.size !== undefined) query = query.where('e.size', '=', filter.size as 'small');
  if (filter.active !== 'all') query = query.where('e.active', '=', filter.active === 'true' ? 1 : 0);
  if (filter.q) {
    const pattern = like(filter.q);
    query = query.where(
      sql<boolean>`(e.name like ${pattern} escape '\\' or e.credit_code like ${like(filter.q.toUpperCase())} escape '\\')`,
    );
  }
  if (filter.ids) query = query.where('e.id', 'in', orNone(filter.ids));
  return query;
}

export async function listEnterprises(
  db: Db,
  scope: TargetScope,
  filter: EnterpriseFilter,
  page: { page: number; pageSize: number } | null,
): Promise<{ items: EnterpriseView[]; total: number }> {
  const total = await enterpriseQuery(db, scope, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  let query = enterpriseQuery(db, scope, filter)
    .select([
      'e.id',
      'e.credit_code',
      'e.name',
      'e.address',
      'e.township_id',
      'u.name as township_name',
      'e.village_id',
      'v.name as village_name',
      'e.industry',
      'e.size',
      'e.active',
    ])
    .orderBy('u.sort_order')
    .orderBy('e.township_id')
    .orderBy('e.id');
  if (page) query = query.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const rows = await query.execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      creditCode: r.credit_code,
      name: r.name,
      address: r.address,
      townshipId: r.township_id,
      townshipName: r.township_name,
      villageId: r.village_id,
      villageName: r.village_name ?? null,
      industry: r.industry,
      size: r.size,
      active: r.active === 1,
    })),
  };
}

export async function findEnterprise(db: Db, scope: TargetScope, id: number): Promise<EnterpriseView | undefined> {
  return (await listEnterprises(db, scope, { active: 'all', ids: [id] }, null)).items[0];
}

export async function listHouseholds(
  db: Db,
  villageId: number,
  filter: { q?: string; page: number; pageSize: number },
): Promise<{ items: HouseholdView[]; total: number }> {
  let query = db.selectFrom('visit_households').where('village_id', '=', villageId);
  if (filter.q) query = query.where(sql<boolean>`label like ${like(filter.q)} escape '\\'`);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['id', 'village_id', 'label', 'address'])
    .orderBy('id')
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({ id: r.id, villageId: r.village_id, label: r.label, address: r.address })),
  };
}

export async function findHousehold(db: Db, id: number): Promise<HouseholdView | undefined> {
  const r = await db
    .selectFrom('visit_households')
    .select(['id', 'village_id', 'label', 'address'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r && { id: r.id, villageId: r.village_id, label: r.label, address: r.address };
}

/** The township named, if it is a units row of level township. */
export async function findTownship(db: Db, id: number) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'code', 'active'])
    .where('id', '=', id)
    .where('level', '=', 'township')
    .executeTakeFirst();
}
