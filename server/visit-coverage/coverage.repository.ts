import type { Db } from '../db/database.ts';
import type { EnterpriseSize, VillageKind, VisitOutcome, VisitTargetKind } from '../db/schema-visits.ts';
import type { CoverageProblem, CoverageVisit } from './coverage-count.ts';

// All SQL of visit coverage, read-only over the tables of migration 0015. The period is a range of China
// days on `visits.visited_on`, both ends included; an open end is no limit.

export interface Period {
  readonly from: string | null;
  readonly to: string | null;
}

export interface Named {
  readonly id: number;
  readonly name: string;
}

export interface TownshipRow extends Named {
  readonly sortOrder: number;
  readonly county: Named | null;
  readonly countySort: number;
}

export interface VillageRow extends Named {
  readonly townshipId: number;
  readonly kind: VillageKind;
  readonly households: number;
  readonly sortOrder: number;
  readonly active: boolean;
}

export interface EnterpriseRow extends Named {
  readonly townshipId: number;
  readonly villageId: number | null;
  readonly creditCode: string;
  readonly size: EnterpriseSize;
  readonly industry: string | null;
  readonly address: string | null;
  readonly active: boolean;
}

export interface TeamRow extends Named {
  readonly members: readonly { userId: number; unitId: number | null }[];
  readonly areas: { townships: Set<number>; villages: Set<number> };
}

export interface UnitRow extends Named {
  readonly sortOrder: number;
}

/** The townships (units of level township, with their parent: the county) that are active or hold targets. */
export async function townships(db: Db): Promise<TownshipRow[]> {
  const rows = await db
    .selectFrom('units as t')
    .leftJoin('units as p', 'p.id', 't.parent_id')
    .select([
      't.id',
      't.name',
      't.sort_order',
      'p.id as county_id',
      'p.name as county_name',
      'p.sort_order as county_sort',
    ])
    .where('t.level', '=', 'township')
    .where((eb) =>
      eb.or([
        eb('t.active', '=', 1),
        eb.exists(eb.selectFrom('visit_villages as v').select('v.id').whereRef('v.township_id', '=', 't.id')),
        eb.exists(eb.selectFrom('visit_enterprises as e').select('e.id').whereRef('e.township_id', '=', 't.id')),
      ]),
    )
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    sortOrder: row.sort_order,
    county: row.county_id === null ? null : { id: row.county_id, name: row.county_name ?? '' },
    countySort: row.county_sort ?? 0,
  }));
}

export async function villages(db: Db): Promise<VillageRow[]> {
  const rows = await db
    .selectFrom('visit_villages')
    .select(['id', 'township_id', 'name', 'kind', 'households', 'sort_order', 'active'])
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    townshipId: row.township_id,
    kind: row.kind,
    households: Number(row.households),
    sortOrder: row.sort_order,
    active: row.active === 1,
  }));
}

export async function enterprises(db: Db): Promise<EnterpriseRow[]> {
  const rows = await db
    .selectFrom('visit_enterprises')
    .select(['id', 'township_id', 'village_id', 'name', 'credit_code', 'size', 'industry', 'address', 'active'])
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    townshipId: row.township_id,
    villageId: row.village_id,
    creditCode: row.credit_code,
    size: row.size,
    industry: row.industry,
    address: row.address,
    active: row.active === 1,
  }));
}

/** The village of every listed household. */
export async function householdVillages(db: Db): Promise<Map<number, number>> {
  const rows = await db.selectFrom('visit_households').select(['id', 'village_id']).execute();
  return new Map(rows.map((row) => [row.id, row.village_id]));
}

/** Active teams with their members (each with the unit they come from) and their areas. */
export async function teams(db: Db): Promise<TeamRow[]> {
  const list = await db.selectFrom('visit_teams').select(['id', 'name']).where('active', '=', 1).execute();
  const members = await db
    .selectFrom('visit_team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.team_id', 'm.user_id', 'm.unit_id', 'u.unit_id as user_unit_id'])
    .execute();
  const areas = await db.selectFrom('visit_team_areas').select(['team_id', 'township_id', 'village_id']).execute();
  return list.map((team) => {
    const own = { townships: new Set<number>(), villages: new Set<number>() };
    for (const area of areas) {
      if (area.team_id !== team.id) continue;
      if (area.village_id !== null) own.villages.add(area.village_id);
      else if (area.township_id !== null) own.townships.add(area.township_id);
    }
    return {
      id: team.id,
      name: team.name,
      members: members
        .filter((m) => m.team_id === team.id)
        .map((m) => ({ userId: m.user_id, unitId: m.unit_id ?? m.user_unit_id })),
      areas: own,
    };
  });
}

export async function unitsById(db: Db, ids: readonly number[]): Promise<UnitRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name', 'sort_order'])
    .where('id', 'in', [...ids])
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, sortOrder: row.sort_order }));
}

/** The cadre accounts of a visit's `cadres` JSON (named cadres without an account have no unit here). */
export function cadreUserIds(cadres: string): number[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(cadres);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((cadre: unknown) => {
    const id = (cadre as { userId?: unknown } | null)?.userId;
    return typeof id === 'number' && Number.isInteger(id) ? [id] : [];
  });
}

/**
 * The period's visits. A cadre's unit is the unit they come from in the visit's team
 * (visit_team_members.unit_id), else their account's unit (users.unit_id).
 */
export async function visitsOf(db: Db, period: Period): Promise<CoverageVisit[]> {
  const rows = await db
    .selectFrom('visits')
    .select([
      'id',
      'team_id',
      'target_kind',
      'enterprise_id',
      'village_id',
      'household_id',
      'households_count',
      'cadres',
    ])
    .$if(period.from !== null, (q) => q.where('visited_on', '>=', period.from!))
    .$if(period.to !== null, (q) => q.where('visited_on', '<=', period.to!))
    .execute();
  const userIds = [...new Set(rows.flatMap((row) => cadreUserIds(row.cadres)))];
  const accounts = new Map<number, number | null>();
  if (userIds.length > 0) {
    const users = await db.selectFrom('users').select(['id', 'unit_id']).where('id', 'in', userIds).execute();
    for (const user of users) accounts.set(user.id, user.unit_id);
  }
  const memberships = await db.selectFrom('visit_team_members').select(['team_id', 'user_id', 'unit_id']).execute();
  const teamUnit = new Map(memberships.map((m) => [`${m.team_id}:${m.user_id}`, m.unit_id]));
  return rows.map((row) => {
    const units = cadreUserIds(row.cadres).flatMap((userId) => {
      const unit = (row.team_id === null ? null : teamUnit.get(`${row.team_id}:${userId}`)) ?? accounts.get(userId);
      return unit === null || unit === undefined ? [] : [unit];
    });
    return {
      id: row.id,
      teamId: row.team_id,
      cadreUnitIds: [...new Set(units)],
      targetKind: row.target_kind as VisitTargetKind,
      enterpriseId: row.enterprise_id,
      villageId: row.village_id,
      householdId: row.household_id,
      householdsCount: row.households_count === null ? null : Number(row.households_count),
    };
  });
}

/** The problems heard on the period's visits. */
export async function problemsOf(db: Db, period: Period): Promise<CoverageProblem[]> {
  const rows = await db
    .selectFrom('visit_problems as p')
    .innerJoin('visits', 'visits.id', 'p.visit_id')
    .select(['p.visit_id', 'p.outcome', 'p.feedback_due_on', 'p.fed_back_on'])
    .$if(period.from !== null, (q) => q.where('visits.visited_on', '>=', period.from!))
    .$if(period.to !== null, (q) => q.where('visits.visited_on', '<=', period.to!))
    .execute();
  return rows.map((row) => ({
    visitId: row.visit_id,
    outcome: row.outcome as VisitOutcome,
    feedbackDueOn: row.feedback_due_on,
    fedBackOn: row.fed_back_on,
  }));
}
