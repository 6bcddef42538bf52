import type { RaterType } from '../../scoring/rater-type.ts';
import type { Db, DialectName } from '../db/database.ts';
import type { Campaign, CampaignStatus } from '../db/schema.ts';
import { hotQuery } from '../db/hot-sql.ts';

// All SQL of campaigns: the campaign rows, their scope and rater types, and lifecycle transitions. Other
// folders read a campaign's configuration through campaign-loader.ts, not through these queries.

export function listCampaigns(db: Db) {
  return db.selectFrom('campaigns').selectAll().orderBy('id', 'desc').execute();
}

export function findCampaign(db: Db, id: number) {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What decides whether a campaign takes a ballot right now: read fresh inside the ballot's transaction. */
export async function findCampaignWindow(db: Db, id: number) {
  const [row] = await hotQuery<Pick<Campaign, 'status' | 'starts_at' | 'ends_at'>>(
    db,
    'select status, starts_at, ends_at from campaigns where id = ?',
    [id],
  );
  if (!row) throw new Error(`campaign ${id} vanished during a ballot`);
  return row;
}

export function findCampaignBySlug(db: Db, slug: string) {
  return db.selectFrom('campaigns').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** The units a campaign rates, with their snapshotted categories and whether they are still active, in display order. */
export function listCampaignUnits(db: Db, campaignId: number) {
  return db
    .selectFrom('campaign_units as cu')
    .innerJoin('units as u', 'u.id', 'cu.unit_id')
    .select(['u.id', 'u.code', 'u.name', 'u.name_en', 'u.active', 'cu.category_id', 'u.sort_order'])
    .where('cu.campaign_id', '=', campaignId)
    .orderBy('u.sort_order')
    .orderBy('u.id')
    .execute();
}

export function findCampaignUnit(db: Db, campaignId: number, unitId: number) {
  return db
    .selectFrom('campaign_units')
    .select(['unit_id', 'category_id'])
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .executeTakeFirst();
}

/** Chunk size for multi-row inserts: far below SQLite's and PostgreSQL's bound-parameter limits. */
const INSERT_CHUNK = 500;

/**
 * Reads a campaign inside a transaction and, on PostgreSQL, locks its row until the transaction ends, so
 * a configuration edit and the opening check cannot interleave. SQLite needs no lock: Kysely runs every
 * SQLite transaction on the one connection, one at a time.
 */
export function lockCampaign(trx: Db, dialect: DialectName, id: number) {
  return trx
    .selectFrom('campaigns')
    .selectAll()
    .where('id', '=', id)
    .$if(dialect === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst();
}

export interface NewCampaignRow {
  slug: string;
  name: string;
  name_en: string;
  starts_at: string;
  ends_at: string;
  settings: string;
  created_at: string;
}

export async function insertDraftCampaign(db: Db, row: NewCampaignRow): Promise<number> {
  const inserted = await db
    .insertInto('campaigns')
    .values({ ...row, status: 'draft', opened_at: null, closed_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export interface CampaignFieldsUpdate {
  slug?: string;
  name?: string;
  name_en?: string;
  starts_at?: string;
  ends_at?: string;
  settings?: string;
}

export async function updateCampaignFields(db: Db, id: number, fields: CampaignFieldsUpdate): Promise<void> {
  if (Object.keys(fields).length === 0) return;
  await db.updateTable('campaigns').set(fields).where('id', '=', id).execute();
}

export function findCampaignIdBySlug(db: Db, slug: string) {
  return db.selectFrom('campaigns').select('id').where('slug', '=', slug).executeTakeFirst();
}

/**
 * Moves a campaign from one of `from` to `to`; false when its status was none of them. The status is in
 * the WHERE clause so two racing requests cannot both make the same transition.
 */
export async function transitionStatus(
  db: Db,
  id: number,
  from: readonly CampaignStatus[],
  to: CampaignStatus,
  stamps: { opened_at?: string; closed_at?: string } = {},
): Promise<boolean> {
  const result = await db
    .updateTable('campaigns')
    .set({ status: to, ...stamps })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function replaceCampaignUnits(
  db: Db,
  campaignId: number,
  units: readonly { unitId: number; categoryId: number | null }[],
): Promise<void> {
  await db.deleteFrom('campaign_units').where('campaign_id', '=', campaignId).execute();
  for (let start = 0; start < units.length; start += INSERT_CHUNK) {
    const chunk = units.slice(start, start + INSERT_CHUNK);
    await db
      .insertInto('campaign_units')
      .values(chunk.map((unit) => ({ campaign_id: campaignId, unit_id: unit.unitId, category_id: unit.categoryId })))
      .execute();
  }
}

export async function replaceCampaignRaterTypes(
  db: Db,
  campaignId: number,
  raterTypes: readonly { raterType: RaterType; questionnaireId: number; minCount: number }[],
): Promise<void> {
  await db.deleteFrom('campaign_rater_types').where('campaign_id', '=', campaignId).execute();
  if (raterTypes.length === 0) return;
  await db
    .insertInto('campaign_rater_types')
    .values(
      raterTypes.map((r) => ({
        campaign_id: campaignId,
        rater_type: r.raterType,
        questionnaire_id: r.questionnaireId,
        min_count: r.minCount,
      })),
    )
    .execute();
}

/** The rater types taking part with the questionnaire version each answers (definition included). */
export function listRaterTypeQuestionnaires(db: Db, campaignId: number) {
  return db
    .selectFrom('campaign_rater_types as crt')
    .innerJoin('questionnaires as q', 'q.id', 'crt.questionnaire_id')
    .select([
      'crt.rater_type',
      'crt.min_count',
      'q.id as questionnaire_id',
      'q.rater_type as questionnaire_rater_type',
      'q.family',
      'q.version',
      'q.title',
      'q.definition',
    ])
    .where('crt.campaign_id', '=', campaignId)
    .execute();
}
