import { recordAudit } from '../audit/audit.repository.ts';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import { AppError, notFound } from '../errors.ts';
import { listEnterprises, listVillages } from '../visit-targets/visit-targets.repository.ts';
import { assertTownship } from '../visit-targets/visit-targets.service.ts';
import { findTeam, listTeams, teamIdsOf } from './visit-teams.repository.ts';
import type { TeamView } from './visit-teams.schemas.ts';

// The rules of the visiting teams: members are existing, enabled accounts (each with the unit they come
// from, by default the account's), areas are whole townships or single villages, a member may belong to
// several teams. Members and areas are set as whole lists, so the office's form saves what it shows.

function nameTaken(): AppError {
  return new AppError(409, 'team_name_taken', 'A visiting team of this name exists already; choose another name.');
}

export async function createTeam(db: Db, actor: number, name: string, now: Date): Promise<TeamView> {
  try {
    const row = await db
      .insertInto('visit_teams')
      .values({ name, active: 1, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      db,
      {
        actorUserId: actor,
        action: 'visit_team_created',
        entityType: 'visit_team',
        entityId: row.id,
        detail: { name },
      },
      now,
    );
    return (await findTeam(db, row.id))!;
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export async function updateTeam(
  db: Db,
  actor: number,
  id: number,
  patch: { name?: string; active?: boolean },
  now: Date,
): Promise<TeamView> {
  if (!(await findTeam(db, id))) throw notFound(`Visiting team ${id}`);
  const set: { name?: string; active?: 0 | 1 } = {};
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  if (Object.keys(set).length > 0) {
    try {
      await db.updateTable('visit_teams').set(set).where('id', '=', id).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken();
      throw error;
    }
    await recordAudit(
      db,
      {
        actorUserId: actor,
        action: 'visit_team_updated',
        entityType: 'visit_team',
        entityId: id,
        detail: { ...patch },
      },
      now,
    );
  }
  return (await findTeam(db, id))!;
}

export interface MemberInput {
  userId: number;
  unitId?: number | null;
  isLeader: boolean;
}

export async function setMembers(
  db: Db,
  actor: number,
  id: number,
  members: readonly MemberInput[],
  now: Date,
): Promise<TeamView> {
  if (!(await findTeam(db, id))) throw notFound(`Visiting team ${id}`);
  const userIds = members.map((m) => m.userId);
  const users = userIds.length
    ? await db.selectFrom('users').select(['id', 'unit_id', 'disabled']).where('id', 'in', userIds).execute()
    : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  const missing = userIds.filter((uid) => byId.get(uid)?.disabled !== 0);
  if (missing.length > 0)
    throw new AppError(
      422,
      'unknown_user',
      `No enabled account with the id ${missing.join(', ')}; members are existing accounts.`,
    );
  const unitIds = [...new Set(members.flatMap((m) => (m.unitId != null ? [m.unitId] : [])))];
  const units = unitIds.length ? await db.selectFrom('units').select('id').where('id', 'in', unitIds).execute() : [];
  const badUnit = unitIds.find((uid) => !units.some((u) => u.id === uid));
  if (badUnit !== undefined) throw new AppError(422, 'unit_not_found', `Unit ${badUnit} does not exist.`);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('visit_team_members').where('team_id', '=', id).execute();
    if (members.length > 0)
      await trx
        .insertInto('visit_team_members')
        .values(
          members.map((m) => ({
            team_id: id,
            user_id: m.userId,
            unit_id: m.unitId !== undefined ? m.unitId : (byId.get(m.userId)?.unit_id ?? null),
            is_leader: m.isLeader ? (1 as const) : (0 as const),
          })),
        )
        .execute();
    await recordAudit(
      trx,
      {
        actorUserId: actor,
        action: 'visit_team_members_set',
        entityType: 'visit_team',
        entityId: id,
        detail: { members },
      },
      now,
    );
  });
  return (await findTeam(db, id))!;
}

export type AreaInput = { townshipId: number } | { villageId: number };

export async function setAreas(
  db: Db,
  actor: number,
  id: number,
  areas: readonly AreaInput[],
  now: Date,
): Promise<TeamView> {
  if (!(await findTeam(db, id))) throw notFound(`Visiting team ${id}`);
  const rows: Array<{ township_id: number; village_id: number | null }> = [];
  for (const area of areas) {
    if ('townshipId' in area) {
      await assertTownship(db, area.townshipId);
      rows.push({ township_id: area.townshipId, village_id: null });
    } else {
      const village = await db
        .selectFrom('visit_villages')
        .select('township_id')
        .where('id', '=', area.villageId)
        .executeTakeFirst();
      if (!village) throw new AppError(422, 'unknown_village', `Village ${area.villageId} does not exist.`);
      // A village area keeps its township beside it, for figures by township.
      rows.push({ township_id: village.township_id, village_id: area.villageId });
    }
  }
  const unique = [...new Map(rows.map((r) => [`${r.township_id} ${r.village_id}`, r])).values()];
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('visit_team_areas').where('team_id', '=', id).execute();
    if (unique.length > 0)
      await trx
        .insertInto('visit_team_areas')
        .values(unique.map((r) => ({ ...r, team_id: id })))
        .execute();
    await recordAudit(
      trx,
      { actorUserId: actor, action: 'visit_team_areas_set', entityType: 'visit_team', entityId: id, detail: { areas } },
      now,
    );
  });
  return (await findTeam(db, id))!;
}

/** The signed-in member's active teams, each with the active villages and enterprises of its areas. */
export async function myTeams(db: Db, userId: number) {
  const teams = await listTeams(db, { ids: await teamIdsOf(db, userId) });
  return Promise.all(
    teams.map(async (team) => {
      const scope = {
        all: false as const,
        townshipIds: team.areas.filter((a) => a.villageId === null).map((a) => a.townshipId),
        villageIds: team.areas.flatMap((a) => (a.villageId === null ? [] : [a.villageId])),
      };
      const [villages, enterprises] = await Promise.all([
        listVillages(db, scope, { active: 'true' }, null),
        listEnterprises(db, scope, { active: 'true' }, null),
      ]);
      return { ...team, villages: villages.items, enterprises: enterprises.items };
    }),
  );
}
