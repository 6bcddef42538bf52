import type { Db } from '../db/database.ts';

export function listCategories(db: Db) {
  return db.selectFrom('categories').selectAll().orderBy('sort_order').orderBy('id').execute();
}

export function listUnits(db: Db) {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'name_en', 'parent_id', 'level', 'category_id', 'sort_order', 'active'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export function findUnitByCode(db: Db, code: string) {
  return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findUnitById(db: Db, id: number) {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}
