import type { Db } from '../db/database.ts';
import type { VisitTargetKind } from '../db/schema-visits.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from '../http/app-env.ts';
import { chinaDay } from '../problems/working-days.ts';
import {
  activeDepartments,
  existingUnits,
  existingUsers,
  findEnterprise,
  findHousehold,
  findTeam,
  findVillage,
  isTeamMember,
  teamAreas,
} from './visits.repository.ts';
import type { VisitInput } from './visits.schemas.ts';

// What a visit record must satisfy beyond its schema: the recorder belongs to the team, the day is not in
// the future, the target exists and lies in the team's areas, the cadres' accounts and the units exist.

/** The target columns of a visit row. */
export interface TargetColumns {
  target_kind: VisitTargetKind;
  enterprise_id: number | null;
  village_id: number | null;
  household_id: number | null;
  households_count: number | null;
}

/** Members record for their own teams; the office for any active team. */
export async function assertMayRecord(db: Db, viewer: SessionUser, teamId: number): Promise<void> {
  const team = await findTeam(db, teamId);
  if (!team || team.active !== 1) {
    throw new AppError(422, 'unknown_team', `There is no active visiting team ${teamId}.`);
  }
  if (viewer.role !== 'admin' && !(await isTeamMember(db, teamId, viewer.id))) {
    throw new AppError(403, 'not_team_member', 'Only members of this team (or the office) may record its visits.');
  }
}

export function assertNotFuture(day: string, now: Date, what: string): void {
  if (day > chinaDay(now)) {
    throw new AppError(422, 'visit_in_future', `${what} ${day} is later than today (China time).`);
  }
}

function outside(what: string): AppError {
  return new AppError(
    422,
    'visit_target_outside',
    `${what} does not exist, is no longer active, or is not in this team's townships and villages.`,
  );
}

/** The target as stored, or 422 visit_target_outside when it is unknown or outside the team's areas. */
export async function checkTarget(db: Db, teamId: number, target: VisitInput['target']): Promise<TargetColumns> {
  const areas = await teamAreas(db, teamId);
  const covers = (townshipId: number, villageId: number | null) =>
    areas.townships.includes(townshipId) || (villageId !== null && areas.villages.includes(villageId));
  switch (target.kind) {
    case 'enterprise': {
      const found = await findEnterprise(db, target.enterpriseId);
      if (!found || found.active !== 1 || !covers(found.township_id, found.village_id)) {
        throw outside(`Enterprise ${target.enterpriseId}`);
      }
      return {
        target_kind: 'enterprise',
        enterprise_id: found.id,
        village_id: null,
        household_id: null,
        households_count: null,
      };
    }
    case 'household': {
      const found = await findHousehold(db, target.householdId);
      if (!found || !covers(found.township_id, found.village_id)) throw outside(`Household ${target.householdId}`);
      return {
        target_kind: 'household',
        enterprise_id: null,
        village_id: found.village_id,
        household_id: found.id,
        households_count: null,
      };
    }
    default: {
      const found = await findVillage(db, target.villageId);
      if (!found || found.active !== 1 || !covers(found.township_id, found.id)) {
        throw outside(`Village ${target.villageId}`);
      }
      const count = target.kind === 'households' ? target.count : null;
      return {
        target_kind: count === null ? 'village' : 'household',
        enterprise_id: null,
        village_id: found.id,
        household_id: null,
        households_count: count,
      };
    }
  }
}

/** The cadres' accounts exist; a transferred problem's unit is an active department; a suggested unit exists. */
export async function checkReferences(db: Db, input: VisitInput): Promise<void> {
  const userIds = input.cadres.flatMap((cadre) => ('userId' in cadre ? [cadre.userId] : []));
  const users = await existingUsers(db, userIds);
  const missingUser = userIds.find((id) => !users.has(id));
  if (missingUser !== undefined) {
    throw new AppError(422, 'unknown_cadre', `There is no account ${missingUser} among the visiting cadres.`);
  }
  const transferTo = input.problems.flatMap((p) => (p.outcome === 'transferred' ? [p.unitId] : []));
  const departments = await activeDepartments(db, transferTo);
  const notDepartment = transferTo.find((id) => !departments.has(id));
  if (notDepartment !== undefined) {
    throw new AppError(422, 'unit_not_found', `Unit ${notDepartment} is not an active department to transfer to.`);
  }
  const suggested = input.problems.flatMap((p) => (p.outcome === 'hotline' && p.unitId != null ? [p.unitId] : []));
  const units = await existingUnits(db, suggested);
  const unknown = suggested.find((id) => !units.has(id));
  if (unknown !== undefined) throw new AppError(422, 'unit_not_found', `There is no unit ${unknown}.`);
}
