import type { Db } from '../db/database.ts';
import { isForeignKeyViolation, isUniqueViolation } from '../db/db-errors.ts';
import { AppError, notFound } from '../errors.ts';
import { findHousehold, findVillage } from './visit-targets.repository.ts';
import { ALL, audit, inUse } from './visit-targets.service.ts';

// A village's list of households (户), kept only when the office has one: labels unique within the village.

function labelTaken(): AppError {
  return new AppError(409, 'household_label_taken', 'The village already lists a household of this name.');
}

export async function createHousehold(
  db: Db,
  actor: number,
  villageId: number,
  input: { label: string; address?: string | null },
  now: Date,
) {
  if (!(await findVillage(db, ALL, villageId))) throw notFound(`Village ${villageId}`);
  try {
    const row = await db
      .insertInto('visit_households')
      .values({
        village_id: villageId,
        label: input.label,
        address: input.address ?? null,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(
      db,
      actor,
      'visit_household_created',
      'visit_household',
      row.id,
      { villageId, label: input.label },
      now,
    );
    return (await findHousehold(db, row.id))!;
  } catch (error) {
    if (isUniqueViolation(error)) throw labelTaken();
    throw error;
  }
}

export async function updateHousehold(
  db: Db,
  actor: number,
  id: number,
  patch: { label?: string; address?: string | null },
  now: Date,
) {
  if (!(await findHousehold(db, id))) throw notFound(`Household ${id}`);
  const set: { label?: string; address?: string | null } = {};
  if (patch.label !== undefined) set.label = patch.label;
  if (patch.address !== undefined) set.address = patch.address;
  if (Object.keys(set).length > 0) {
    try {
      await db.updateTable('visit_households').set(set).where('id', '=', id).execute();
    } catch (error) {
      if (isUniqueViolation(error)) throw labelTaken();
      throw error;
    }
    await audit(db, actor, 'visit_household_updated', 'visit_household', id, { ...patch }, now);
  }
  return (await findHousehold(db, id))!;
}

export async function deleteHousehold(db: Db, actor: number, id: number, now: Date): Promise<void> {
  if (!(await findHousehold(db, id))) throw notFound(`Household ${id}`);
  try {
    await db.deleteFrom('visit_households').where('id', '=', id).execute();
  } catch (error) {
    if (isForeignKeyViolation(error)) throw inUse(`Household ${id}`);
    throw error;
  }
  await audit(db, actor, 'visit_household_deleted', 'visit_household', id, {}, now);
}
