import type { Db } from '../db/database.ts';
import type { TeamView } from './visit-teams.schemas.ts';

// All SQL of the visiting teams.

export async function listTeams(db: Db, filter: { active?: boolean; ids?: number[] }): Promise<TeamView[]> {
  let query = db.selectFrom('visit_teams').select(['id', 'name', 'active']).orderBy('id');
  if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
  if (filter.ids) query = query.where('id', 'in', filter.ids.length > 0 ? filter.ids : [-1]);
  const teams = await query.execute();
  if (teams.length === 0) return [];
  const ids = teams.map((t) => t.id);
  const members = await db
    .selectFrom('visit_team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('units as un', 'un.id', 'm.unit_id')
    .select(['m.team_id', 'm.user_id', 'u.display_name', 'm.unit_id', 'un.name as unit_name', 'm.is_leader'])
    .where('m.team_id', 'in', ids)
    .orderBy('m.is_leader', 'desc')
    .orderBy('m.id')
    .execute();
  const areas = await db
    .selectFrom('visit_team_areas as a')
    .innerJoin('units as t', 't.id', 'a.township_id')
    .leftJoin('visit_villages as v', 'v.id', 'a.village_id')
    .select(['a.team_id', 'a.township_id', 't.name as township_name', 'a.village_id', 'v.name as village_name'])
    .where('a.team_id', 'in', ids)
    .orderBy('a.id')
    .execute();
  return teams.map((team) => ({
    id: team.id,
    name: team.name,
    active: team.active === 1,
    members: members
      .filter((m) => m.team_id === team.id)
      .map((m) => ({
        userId: m.user_id,
        displayName: m.display_name,
        unitId: m.unit_id,
        unitName: m.unit_name ?? null,
        isLeader: m.is_leader === 1,
      })),
    areas: areas
      .filter((a) => a.team_id === team.id)
      .map((a) => ({
        townshipId: a.township_id!,
        townshipName: a.township_name,
        villageId: a.village_id,
        villageName: a.village_name ?? null,
      })),
  }));
}

export async function findTeam(db: Db, id: number): Promise<TeamView | undefined> {
  return (await listTeams(db, { ids: [id] }))[0];
}

/** The active teams the account is a member of. */
export async function teamIdsOf(db: Db, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('visit_team_members as m')
    .innerJoin('visit_teams as t', 't.id', 'm.team_id')
    .select('t.id')
    .where('m.user_id', '=', userId)
    .where('t.active', '=', 1)
    .orderBy('t.id')
    .execute();
  return rows.map((r) => r.id);
}
