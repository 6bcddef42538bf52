import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { isUniqueViolation, isForeignKeyViolation } from '../db/db-errors.ts';
import type { Db } from '../db/database.ts';
import type { Category } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import {
  categoryUsage,
  deleteCategory as deleteCategoryRow,
  findCategory,
  findCategoryByCode,
  insertCategory,
  lockCatalog,
  nextCategorySortOrder,
  updateCategory as updateCategoryRow,
} from './catalog.repository.ts';
import type { CreateCategoryInput, UpdateCategoryInput } from './catalog.schemas.ts';
import { fieldChanges } from './field-changes.ts';

// Unit categories (单位类别): units are ranked within them; some are rated but not ranked.

export interface Actor {
  userId: number;
}

function codeTaken(code: string): AppError {
  return new AppError(409, 'category_code_taken', `Another category already uses the code "${code}"; choose another.`);
}

async function lockedCategory(trx: Db, deps: AppDeps, id: number): Promise<Category> {
  await lockCatalog(trx, deps.dialect);
  const category = await findCategory(trx, id);
  if (!category) throw notFound(`Category ${id}`);
  return category;
}

export async function createCategory(
  deps: AppDeps,
  actor: Actor,
  input: CreateCategoryInput,
  now: Date,
): Promise<Category> {
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await lockCatalog(trx, deps.dialect);
      if (await findCategoryByCode(trx, input.code)) throw codeTaken(input.code);
      const category = await insertCategory(trx, {
        code: input.code,
        name: input.name,
        name_en: input.nameEn,
        ranked: input.ranked ? 1 : 0,
        sort_order: input.sortOrder ?? (await nextCategorySortOrder(trx)),
      });
      await recordAudit(
        trx,
        {
          actorUserId: actor.userId,
          action: 'category_created',
          entityType: 'category',
          entityId: category.id,
          detail: { code: category.code, name: category.name },
        },
        now,
      );
      return category;
    });
  } catch (error) {
    // Another server took the code between the check and the insert.
    if (isUniqueViolation(error)) throw codeTaken(input.code);
    throw error;
  }
}

export function updateCategory(
  deps: AppDeps,
  actor: Actor,
  id: number,
  patch: UpdateCategoryInput,
  now: Date,
): Promise<Category> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await lockedCategory(trx, deps, id);
    const next = {
      name: patch.name,
      name_en: patch.nameEn,
      ranked: patch.ranked === undefined ? undefined : patch.ranked ? (1 as const) : (0 as const),
      sort_order: patch.sortOrder,
    };
    const changes = fieldChanges(before, next);
    if (Object.keys(changes).length === 0) return before;
    const category = await updateCategoryRow(trx, id, next);
    await recordAudit(
      trx,
      {
        actorUserId: actor.userId,
        action: 'category_updated',
        entityType: 'category',
        entityId: id,
        detail: { code: before.code, changes },
      },
      now,
    );
    return category;
  });
}

export function deleteCategory(deps: AppDeps, actor: Actor, id: number, now: Date): Promise<void> {
  return deps.db.transaction().execute(async (trx) => {
    const category = await lockedCategory(trx, deps, id);
    const usage = await categoryUsage(trx, id);
    if (usage.units > 0 || usage.campaigns > 0) {
      const uses = [
        usage.units > 0 ? `${usage.units} unit(s) belong to it (move them to another category first)` : null,
        usage.campaigns > 0
          ? `${usage.campaigns} campaign(s) recorded it for their units (it stays for their results)`
          : null,
      ].filter(Boolean);
      throw new AppError(
        409,
        'category_in_use',
        `Category ${category.name} (${category.code}) cannot be deleted: ${uses.join('; ')}.`,
      );
    }
    await deleteCategoryRow(trx, id).catch((error: unknown) => {
      // A campaign scope took the category between the check and the delete.
      if (isForeignKeyViolation(error))
        throw new AppError(
          409,
          'category_in_use',
          `Category ${category.name} (${category.code}) came into use; it was not deleted.`,
        );
      throw error;
    });
    await recordAudit(
      trx,
      {
        actorUserId: actor.userId,
        action: 'category_deleted',
        entityType: 'category',
        entityId: id,
        detail: { code: category.code, name: category.name },
      },
      now,
    );
  });
}
