import type { Updateable } from 'kysely';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Db } from '../db/database.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../db/db-errors.ts';
import type { UserRole } from '../db/schema.ts';
import type { EnterpriseSize, VisitEnterpriseTable, VisitVillageTable } from '../db/schema-visits.ts';
import { AppError, notFound } from '../errors.ts';
import { checkCreditCode } from './credit-code.ts';
import {
  findEnterprise,
  findTownship,
  findVillage,
  isTeamMember,
  teamAreasOf,
  type TargetScope,
} from './visit-targets.repository.ts';

// The rules of the visit targets: a township is a unit of level township, an enterprise's village lies in
// its township, a credit code passes GB 32100-2015 and names one enterprise. Every write is audited.

export const ALL: TargetScope = { all: true };

/** The office and leaders read every target; unit staff only those in the areas of their active teams (else 403). */
export async function scopeFor(db: Db, user: { id: number; role: UserRole }): Promise<TargetScope> {
  if (user.role !== 'unit_staff') return ALL;
  if (!(await isTeamMember(db, user.id)))
    throw new AppError(403, 'forbidden', 'Only members of a visiting team (民情书记服务队) read the visit targets.');
  return { all: false, ...(await teamAreasOf(db, user.id)) };
}

export async function assertTownship(db: Db, townshipId: number): Promise<void> {
  if (!(await findTownship(db, townshipId)))
    throw new AppError(
      422,
      'not_a_township',
      `Unit ${townshipId} is not a township (乡镇/街道); choose a unit of level township.`,
    );
}

/** The village must exist and lie in the township. */
export async function assertVillageInTownship(db: Db, villageId: number, townshipId: number): Promise<void> {
  const village = await db
    .selectFrom('visit_villages')
    .select('township_id')
    .where('id', '=', villageId)
    .executeTakeFirst();
  if (!village) throw new AppError(422, 'unknown_village', `Village ${villageId} does not exist.`);
  if (village.township_id !== townshipId)
    throw new AppError(422, 'village_not_in_township', `Village ${villageId} belongs to another township.`);
}

export function checkedCreditCode(input: string): string {
  const result = checkCreditCode(input);
  if (result.ok) return result.code;
  throw new AppError(422, 'invalid_credit_code', `The credit code ${result.code} is not valid: ${result.message}.`, {
    problems: [
      {
        code: `credit_code_${result.reason}`,
        params: { position: result.position ?? null, expected: result.expected ?? null },
      },
    ],
  });
}

export const audit = (
  db: Db,
  actor: number,
  action: string,
  entityType: string,
  entityId: number,
  detail: Record<string, unknown>,
  now: Date,
) => recordAudit(db, { actorUserId: actor, action, entityType, entityId, detail }, now);

function villageTaken(): AppError {
  return new AppError(409, 'village_name_taken', 'The township already has a village or community of this name.');
}

export interface VillageInput {
  townshipId: number;
  code?: string | null;
  name: string;
  kind: 'village' | 'community';
  households: number;
  sortOrder: number;
}

export async function createVillage(db: Db, actor: number, input: VillageInput, now: Date) {
  await assertTownship(db, input.townshipId);
  try {
    const row = await db
      .insertInto('visit_villages')
      .values({
        township_id: input.townshipId,
        code: input.code ?? null,
        name: input.name,
        kind: input.kind,
        households: input.households,
        sort_order: input.sortOrder,
        active: 1,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(db, actor, 'visit_village_created', 'visit_village', row.id, { ...input }, now);
    return (await findVillage(db, ALL, row.id))!;
  } catch (error) {
    if (isUniqueViolation(error)) throw villageTaken();
    throw error;
  }
}

export async function updateVillage(
  db: Db,
  actor: number,
  id: number,
  patch: Partial<VillageInput> & { active?: boolean },
  now: Date,
) {
  const before = await findVillage(db, ALL, id);
  if (!before) throw notFound(`Village ${id}`);
  if (patch.townshipId !== undefined && patch.townshipId !== before.townshipId) {
    await assertTownship(db, patch.townshipId);
    const moved = await db.selectFrom('visit_enterprises').select('id').where('village_id', '=', id).executeTakeFirst();
    if (moved)
      throw new AppError(
        409,
        'village_not_in_township',
        'Enterprises are recorded in this village: move them first, or keep its township.',
      );
  }
  const set: Updateable<VisitVillageTable> = {};
  if (patch.townshipId !== undefined) set.township_id = patch.townshipId;
  if (patch.code !== undefined) set.code = patch.code;
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.kind !== undefined) set.kind = patch.kind;
  if (patch.households !== undefined) set.households = patch.households;
  if (patch.sortOrder !== undefined) set.sort_order = patch.sortOrder;
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  if (Object.keys(set).length > 0) {
    try {
      await db.updateTable('visit_villages').set(set).where('id', '=', id).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw villageTaken();
      throw error;
    }
    await audit(db, actor, 'visit_village_updated', 'visit_village', id, { ...patch }, now);
  }
  return (await findVillage(db, ALL, id))!;
}

export function inUse(what: string): AppError {
  return new AppError(
    409,
    'visit_target_in_use',
    `${what} has visits, households, enterprises or teams recorded against it; deactivate it instead.`,
  );
}

export async function deleteVillage(db: Db, actor: number, id: number, now: Date): Promise<void> {
  if (!(await findVillage(db, ALL, id))) throw notFound(`Village ${id}`);
  const used = await Promise.all([
    db.selectFrom('visit_households').select('id').where('village_id', '=', id).executeTakeFirst(),
    db.selectFrom('visit_team_areas').select('id').where('village_id', '=', id).executeTakeFirst(),
  ]);
  if (used.some(Boolean)) throw inUse(`Village ${id}`);
  try {
    await db.deleteFrom('visit_villages').where('id', '=', id).execute();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw inUse(`Village ${id}`);
    throw error;
  }
  await audit(db, actor, 'visit_village_deleted', 'visit_village', id, {}, now);
}

export interface EnterpriseInput {
  creditCode: string;
  name: string;
  address?: string | null;
  townshipId: number;
  villageId?: number | null;
  industry?: string | null;
  size: EnterpriseSize;
}

function codeTaken(code: string): AppError {
  return new AppError(409, 'credit_code_taken', `An enterprise with the credit code ${code} is recorded already.`);
}

export async function createEnterprise(db: Db, actor: number, input: EnterpriseInput, now: Date) {
  const creditCode = checkedCreditCode(input.creditCode);
  await assertTownship(db, input.townshipId);
  if (input.villageId != null) await assertVillageInTownship(db, input.villageId, input.townshipId);
  try {
    const row = await db
      .insertInto('visit_enterprises')
      .values({
        credit_code: creditCode,
        name: input.name,
        address: input.address ?? null,
        township_id: input.townshipId,
        village_id: input.villageId ?? null,
        industry: input.industry ?? null,
        size: input.size,
        active: 1,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(db, actor, 'visit_enterprise_created', 'visit_enterprise', row.id, { ...input, creditCode }, now);
    return (await findEnterprise(db, ALL, row.id))!;
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(creditCode);
    throw error;
  }
}

export async function updateEnterprise(
  db: Db,
  actor: number,
  id: number,
  patch: Partial<EnterpriseInput> & { active?: boolean },
  now: Date,
) {
  const before = await findEnterprise(db, ALL, id);
  if (!before) throw notFound(`Enterprise ${id}`);
  const set: Updateable<VisitEnterpriseTable> = {};
  if (patch.creditCode !== undefined) set.credit_code = checkedCreditCode(patch.creditCode);
  const townshipId = patch.townshipId ?? before.townshipId;
  if (patch.townshipId !== undefined) await assertTownship(db, patch.townshipId);
  // A new township without a new village leaves the enterprise's old village behind: it must still fit.
  const villageId = patch.villageId !== undefined ? patch.villageId : before.villageId;
  if (villageId !== null && (patch.villageId !== undefined || patch.townshipId !== undefined))
    await assertVillageInTownship(db, villageId, townshipId);
  if (patch.townshipId !== undefined) set.township_id = patch.townshipId;
  if (patch.villageId !== undefined) set.village_id = patch.villageId;
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.address !== undefined) set.address = patch.address;
  if (patch.industry !== undefined) set.industry = patch.industry;
  if (patch.size !== undefined) set.size = patch.size;
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  if (Object.keys(set).length > 0) {
    try {
      await db.updateTable('visit_enterprises').set(set).where('id', '=', id).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw codeTaken(set.credit_code as string);
      throw error;
    }
    await audit(db, actor, 'visit_enterprise_updated', 'visit_enterprise', id, { ...patch }, now);
  }
  return (await findEnterprise(db, ALL, id))!;
}

export async function deleteEnterprise(db: Db, actor: number, id: number, now: Date): Promise<void> {
  if (!(await findEnterprise(db, ALL, id))) throw notFound(`Enterprise ${id}`);
  try {
    await db.deleteFrom('visit_enterprises').where('id', '=', id).execute();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw inUse(`Enterprise ${id}`);
    throw error;
  }
  await audit(db, actor, 'visit_enterprise_deleted', 'visit_enterprise', id, {}, now);
}
