import { sql } from 'kysely';
import type { Db, DialectName } from '../db/database.ts';
import type { CategoryTable, NewUnit, UnitUpdate } from '../db/schema.ts';

// All SQL of units and categories. Functions take `db` or a transaction first.

const UNIT_COLUMNS = [
  'id',
  'code',
  'name',
  'name_en',
  'parent_id',
  'level',
  'category_id',
  'sort_order',
  'active',
] as const;
/** Rows per multi-row insert: 9 columns each stays far below SQLite's bound-parameter limit. */
const INSERT_CHUNK = 500;

/**
 * Serialises catalog writes on PostgreSQL (SQLite runs one write transaction at a time anyway), so two
 * concurrent edits cannot together break a rule each checked alone, e.g. a child added under a unit
 * that is being deactivated.
 */
export async function lockCatalog(trx: Db, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext('pingyi.catalog'))`.execute(trx);
}

export function listCategories(db: Db) {
  return db.selectFrom('categories').selectAll().orderBy('sort_order').orderBy('id').execute();
}

export function findCategoriesByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('categories')
    .selectAll()
    .where('id', 'in', [...ids])
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export function findCategory(db: Db, id: number) {
  return db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCategoryByCode(db: Db, code: string) {
  return db.selectFrom('categories').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function nextCategorySortOrder(db: Db): Promise<number> {
  const row = await db
    .selectFrom('categories')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export function insertCategory(db: Db, values: Omit<CategoryTable, 'id'>) {
  return db.insertInto('categories').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateCategory(db: Db, id: number, values: Partial<Omit<CategoryTable, 'id' | 'code'>>) {
  return db.updateTable('categories').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export async function deleteCategory(db: Db, id: number): Promise<void> {
  await db.deleteFrom('categories').where('id', '=', id).execute();
}

/** How many units and campaign scopes name the category. */
export async function categoryUsage(db: Db, id: number): Promise<{ units: number; campaigns: number }> {
  const units = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('category_id', '=', id)
    .executeTakeFirstOrThrow();
  const campaigns = await db
    .selectFrom('campaign_units')
    .select((eb) => eb.fn.count<number>('campaign_id').distinct().as('n'))
    .where('category_id', '=', id)
    .executeTakeFirstOrThrow();
  return { units: Number(units.n), campaigns: Number(campaigns.n) };
}

export function listUnits(db: Db) {
  return db.selectFrom('units').select(UNIT_COLUMNS).orderBy('sort_order').orderBy('id').execute();
}

export function findUnitsByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'name_en', 'category_id', 'active'])
    .where('id', 'in', [...ids])
    .execute();
}

export function findUnitByCode(db: Db, code: string) {
  return db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
}

export function findUnitById(db: Db, id: number) {
  return db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listChildUnits(db: Db, parentId: number) {
  return db
    .selectFrom('units')
    .select(UNIT_COLUMNS)
    .where('parent_id', '=', parentId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export async function nextSiblingSortOrder(db: Db, parentId: number | null): Promise<number> {
  const row = await db
    .selectFrom('units')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .where((eb) => (parentId === null ? eb('parent_id', 'is', null) : eb('parent_id', '=', parentId)))
    .executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

export function insertUnit(db: Db, values: NewUnit) {
  return db.insertInto('units').values(values).returning(UNIT_COLUMNS).executeTakeFirstOrThrow();
}

/** Inserts many units; answers each new id by code. */
export async function insertUnits(db: Db, values: readonly NewUnit[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let start = 0; start < values.length; start += INSERT_CHUNK) {
    const rows = await db
      .insertInto('units')
      .values(values.slice(start, start + INSERT_CHUNK))
      .returning(['id', 'code'])
      .execute();
    for (const row of rows) ids.set(row.code, row.id);
  }
  return ids;
}

export function updateUnit(db: Db, id: number, values: UnitUpdate) {
  return db.updateTable('units').set(values).where('id', '=', id).returning(UNIT_COLUMNS).executeTakeFirstOrThrow();
}

export async function deleteUnit(db: Db, id: number): Promise<void> {
  await db.deleteFrom('units').where('id', '=', id).execute();
}

export interface UnitUsage {
  campaigns: number;
  ratings: number;
  ballots: number;
  codeBatches: number;
  users: number;
  children: number;
}

/** Everything that refers to a unit: a unit with any of it is never deleted, only deactivated. */
export async function unitUsage(db: Db, id: number): Promise<UnitUsage> {
  const count = async (query: Promise<{ n: number } | undefined>) => Number((await query)?.n ?? 0);
  const campaigns = await count(
    db
      .selectFrom('campaign_units')
      .select((eb) => eb.fn.count<number>('campaign_id').distinct().as('n'))
      .where('unit_id', '=', id)
      .executeTakeFirst(),
  );
  const ratings = await count(
    db
      .selectFrom('ratings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('unit_id', '=', id)
      .executeTakeFirst(),
  );
  const ballots = await count(
    db
      .selectFrom('ballots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('target_unit_id', '=', id)
      .executeTakeFirst(),
  );
  const codeBatches = await count(
    db
      .selectFrom('code_batches')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.or([eb('rater_unit_id', '=', id), eb('target_unit_id', '=', id)]))
      .executeTakeFirst(),
  );
  const users = await count(
    db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('unit_id', '=', id)
      .executeTakeFirst(),
  );
  const children = await count(
    db
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('parent_id', '=', id)
      .executeTakeFirst(),
  );
  return { campaigns, ratings, ballots, codeBatches, users, children };
}

/** Ids of the units any campaign scope holds (their codes are printed in QR links). */
export async function unitIdsInCampaigns(db: Db): Promise<Set<number>> {
  const rows = await db.selectFrom('campaign_units').select('unit_id').distinct().execute();
  return new Set(rows.map((row) => row.unit_id));
}
