import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { isUniqueViolation, isForeignKeyViolation } from '../db/db-errors.ts';
import type { Db } from '../db/database.ts';
import type { Unit } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor } from './categories.service.ts';
import {
  deleteUnit as deleteUnitRow,
  findCategory,
  findUnitByCode,
  findUnitById,
  insertUnit,
  listChildUnits,
  listUnits,
  lockCatalog,
  nextSiblingSortOrder,
  unitIdsInCampaigns,
  unitUsage,
  updateUnit as updateUnitRow,
} from './catalog.repository.ts';
import type { CreateUnitInput, UpdateUnitInput } from './catalog.schemas.ts';
import { fieldChanges } from './field-changes.ts';
import { placementProblem, wouldCreateCycle, type Placement } from './unit-tree.ts';

// Units (被评议单位) one at a time: create, edit, move, deactivate, and delete only what nothing uses.

type UnitRow = Omit<Unit, 'created_at'>;

const describe = (unit: { name: string; code: string }) => `${unit.name} (${unit.code})`;
const placement = (unit: { level: Unit['level']; active: 0 | 1 }): Placement => ({
  level: unit.level,
  active: unit.active === 1,
});

function codeTaken(code: string): AppError {
  return new AppError(409, 'unit_code_taken', `Another unit already uses the code "${code}"; choose another.`);
}

async function parentOr422(trx: Db, parentId: number | null): Promise<Unit | null> {
  if (parentId === null) return null;
  const parent = await findUnitById(trx, parentId);
  if (!parent) throw new AppError(422, 'unknown_parent', `There is no unit ${parentId} to be the parent.`);
  return parent;
}

async function assertCategory(trx: Db, categoryId: number | null): Promise<void> {
  if (categoryId !== null && !(await findCategory(trx, categoryId))) {
    throw new AppError(422, 'unknown_category', `There is no category ${categoryId}.`);
  }
}

function assertPlacement(unit: Placement, parent: Unit | null): void {
  const problem = placementProblem(unit, parent && placement(parent));
  if (problem) throw new AppError(422, problem.code, `The unit cannot go there: ${problem.message}.`);
}

export async function createUnit(deps: AppDeps, actor: Actor, input: CreateUnitInput, now: Date): Promise<UnitRow> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await lockCatalog(trx, deps.dialect);
      if (await findUnitByCode(trx, input.code)) throw codeTaken(input.code);
      const parent = await parentOr422(trx, input.parentId);
      assertPlacement({ level: input.level, active: true }, parent);
      await assertCategory(trx, input.categoryId);
      const unit = await insertUnit(trx, {
        code: input.code,
        name: input.name,
        name_en: input.nameEn,
        parent_id: input.parentId,
        level: input.level,
        category_id: input.categoryId,
        sort_order: input.sortOrder ?? (await nextSiblingSortOrder(trx, input.parentId)),
        active: 1,
        created_at: now.toISOString(),
      });
      await recordAudit(
        trx,
        {
          actorUserId: actor.userId,
          action: 'unit_created',
          entityType: 'unit',
          entityId: unit.id,
          detail: { code: unit.code, name: unit.name },
        },
        now,
      );
      return unit;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(input.code);
    throw error;
  }
}

/** Refuses a new parent that is the unit itself or one of its descendants. */
async function assertNoCycle(trx: Db, unit: Unit, parentId: number | null): Promise<void> {
  if (parentId === null) return;
  const parents = new Map((await listUnits(trx)).map((row) => [row.id, row.parent_id]));
  if (wouldCreateCycle(unit.id, parentId, (id) => parents.get(id) ?? null)) {
    throw new AppError(422, 'tree_cycle', `${describe(unit)} cannot move under itself or one of its own sub-units.`);
  }
}

/** Refuses a change of level or state that would leave a sub-unit where the rules do not allow it. */
async function assertChildrenFit(trx: Db, unit: Unit, next: Placement): Promise<void> {
  const misfits = (await listChildUnits(trx, unit.id))
    .map((child) => ({ child, problem: placementProblem(placement(child), next) }))
    .filter((entry) => entry.problem !== null);
  const first = misfits[0];
  if (!first) return;
  const names = misfits
    .slice(0, 5)
    .map((entry) => describe(entry.child))
    .join(', ');
  const more = misfits.length > 5 ? ` and ${misfits.length - 5} more` : '';
  const reason =
    first.problem?.code === 'inactive_parent'
      ? 'deactivate or move its active sub-units first'
      : `its sub-units would break the rule (${first.problem?.message})`;
  throw new AppError(422, 'sub_units_conflict', `${describe(unit)} cannot change so: ${reason}: ${names}${more}.`);
}

async function assertCodeChangeAllowed(trx: Db, unit: Unit, code: string): Promise<void> {
  if ((await unitIdsInCampaigns(trx)).has(unit.id)) {
    throw new AppError(
      409,
      'unit_code_frozen',
      `${describe(unit)} is in a campaign, whose QR links and sheets carry its code; the code cannot change.`,
    );
  }
  if (await findUnitByCode(trx, code)) throw codeTaken(code);
}

function auditAction(changes: Record<string, unknown>, active: 0 | 1): string {
  if ('parent_id' in changes) return 'unit_moved';
  if ('active' in changes) return active === 1 ? 'unit_reactivated' : 'unit_deactivated';
  return 'unit_updated';
}

export async function updateUnit(
  deps: AppDeps,
  actor: Actor,
  id: number,
  patch: UpdateUnitInput,
  now: Date,
): Promise<UnitRow> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await lockCatalog(trx, deps.dialect);
      const before = await findUnitById(trx, id);
      if (!before) throw notFound(`Unit ${id}`);
      const next = {
        code: patch.code,
        name: patch.name,
        name_en: patch.nameEn,
        level: patch.level,
        parent_id: patch.parentId,
        category_id: patch.categoryId,
        sort_order: patch.sortOrder,
        active: patch.active === undefined ? undefined : patch.active ? (1 as const) : (0 as const),
      };
      const changes = fieldChanges(before, next);
      if (Object.keys(changes).length === 0) return before;
      if (next.code !== undefined && 'code' in changes) await assertCodeChangeAllowed(trx, before, next.code);
      if ('category_id' in changes) await assertCategory(trx, next.category_id ?? null);
      const after = {
        ...before,
        ...Object.fromEntries(Object.entries(changes).map(([key, change]) => [key, change.to])),
      } as Unit;
      if ('parent_id' in changes || 'level' in changes || 'active' in changes) {
        if ('parent_id' in changes) await assertNoCycle(trx, before, after.parent_id);
        assertPlacement(placement(after), await parentOr422(trx, after.parent_id));
        await assertChildrenFit(trx, before, placement(after));
      }
      const unit = await updateUnitRow(trx, id, next);
      await recordAudit(
        trx,
        {
          actorUserId: actor.userId,
          action: auditAction(changes, after.active),
          entityType: 'unit',
          entityId: id,
          detail: { code: before.code, changes },
        },
        now,
      );
      return unit;
    });
  } catch (error) {
    if (isUniqueViolation(error) && patch.code !== undefined) throw codeTaken(patch.code);
    throw error;
  }
}

export function deleteUnit(deps: AppDeps, actor: Actor, id: number, now: Date): Promise<void> {
  return deps.db.transaction().execute(async (trx) => {
    await lockCatalog(trx, deps.dialect);
    const unit = await findUnitById(trx, id);
    if (!unit) throw notFound(`Unit ${id}`);
    const usage = await unitUsage(trx, id);
    if (usage.children > 0) {
      throw new AppError(
        409,
        'unit_has_sub_units',
        `${describe(unit)} has ${usage.children} sub-unit(s); move or delete them first.`,
      );
    }
    const uses = [
      usage.campaigns > 0 ? `${usage.campaigns} campaign(s)` : null,
      usage.ratings + usage.ballots > 0 ? 'ratings' : null,
      usage.codeBatches > 0 ? `${usage.codeBatches} access-code batch(es)` : null,
      usage.users > 0 ? `${usage.users} user account(s)` : null,
    ].filter(Boolean);
    if (uses.length > 0) {
      throw new AppError(
        409,
        'unit_in_use',
        `${describe(unit)} is used by ${uses.join(', ')}; deactivate it instead (PATCH with "active": false).`,
      );
    }
    await deleteUnitRow(trx, id).catch((error: unknown) => {
      if (isForeignKeyViolation(error))
        throw new AppError(409, 'unit_in_use', `${describe(unit)} came into use; deactivate it instead.`);
      throw error;
    });
    await recordAudit(
      trx,
      {
        actorUserId: actor.userId,
        action: 'unit_deleted',
        entityType: 'unit',
        entityId: id,
        detail: { code: unit.code, name: unit.name },
      },
      now,
    );
  });
}
