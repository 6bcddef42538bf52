import type { Db } from '../db/database.ts';
import type { CampaignStatus } from '../db/schema.ts';
import type { RaterType } from '../../scoring/rater-type.ts';

export interface NewBatch {
  campaignId: number;
  raterType: RaterType;
  raterUnitId: number | null;
  targetUnitId: number | null;
  label: string;
  size: number;
  createdAt: string;
}

export async function insertBatchWithCodes(trx: Db, batch: NewBatch, codeHashes: string[]): Promise<number> {
  const row = await trx
    .insertInto('code_batches')
    .values({
      campaign_id: batch.campaignId,
      rater_type: batch.raterType,
      rater_unit_id: batch.raterUnitId,
      target_unit_id: batch.targetUnitId,
      label: batch.label,
      size: batch.size,
      created_at: batch.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let start = 0; start < codeHashes.length; start += 500) {
    await trx
      .insertInto('access_codes')
      .values(
        codeHashes.slice(start, start + 500).map((hash) => ({
          code_hash: hash,
          batch_id: row.id,
          campaign_id: batch.campaignId,
          spent: 0 as const,
          voided: 0 as const,
          blinded_hash: null,
          blind_signature: null,
        })),
      )
      .execute();
  }
  return row.id;
}

/** A code with what it grants: the campaign, the rater type and the unit it is bound to. */
export function findCode(db: Db, codeHash: string) {
  return db
    .selectFrom('access_codes as c')
    .innerJoin('code_batches as b', 'b.id', 'c.batch_id')
    .select([
      'c.code_hash',
      'c.campaign_id',
      'c.spent',
      'c.voided',
      'b.id as batch_id',
      'b.rater_type',
      'b.rater_unit_id',
      'b.target_unit_id',
    ])
    .where('c.code_hash', '=', codeHash)
    .executeTakeFirst();
}

/** The code's exchange state, for a retried exchange. */
export function findExchange(db: Db, codeHash: string) {
  return db
    .selectFrom('access_codes')
    .select(['spent', 'blinded_hash', 'blind_signature'])
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
}

/**
 * Spends a code for one blind signature; false when it was already spent or voided. One statement: the
 * status is in the WHERE clause, so two racing exchanges cannot both succeed.
 */
export async function recordExchange(
  db: Db,
  codeHash: string,
  blindedHash: string,
  signature: string,
): Promise<boolean> {
  const result = await db
    .updateTable('access_codes')
    .set({ spent: 1, blinded_hash: blindedHash, blind_signature: signature })
    .where('code_hash', '=', codeHash)
    .where('spent', '=', 0)
    .where('voided', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findBatch(db: Db, batchId: number) {
  return db.selectFrom('code_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
}

/** Voids the unspent codes of a batch (a lost or misprinted sheet); spent codes stay spent. */
export async function voidBatch(db: Db, batchId: number): Promise<number> {
  const result = await db
    .updateTable('access_codes')
    .set({ voided: 1 })
    .where('batch_id', '=', batchId)
    .where('spent', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Voids these unspent codes of one batch (their message never went out); returns how many. */
export async function voidCodesOfBatch(db: Db, batchId: number, codeHashes: readonly string[]): Promise<number> {
  let voided = 0;
  for (let start = 0; start < codeHashes.length; start += 500) {
    const result = await db
      .updateTable('access_codes')
      .set({ voided: 1 })
      .where('batch_id', '=', batchId)
      .where('code_hash', 'in', codeHashes.slice(start, start + 500))
      .where('spent', '=', 0)
      .executeTakeFirst();
    voided += Number(result.numUpdatedRows);
  }
  return voided;
}

/** Batches with how many of their codes are spent and voided: participation, never who. */
export function listBatchUsage(db: Db, campaignId: number) {
  return db
    .selectFrom('code_batches as b')
    .leftJoin('access_codes as c', 'c.batch_id', 'b.id')
    .select((eb) => [
      'b.id',
      'b.rater_type',
      'b.rater_unit_id',
      'b.target_unit_id',
      'b.label',
      'b.size',
      'b.created_at',
      eb.fn.coalesce(eb.fn.sum<number>('c.spent'), eb.lit(0)).as('spent'),
      eb.fn.coalesce(eb.fn.sum<number>('c.voided'), eb.lit(0)).as('voided'),
    ])
    .where('b.campaign_id', '=', campaignId)
    .groupBy(['b.id', 'b.rater_type', 'b.rater_unit_id', 'b.target_unit_id', 'b.label', 'b.size', 'b.created_at'])
    .orderBy('b.id')
    .execute();
}

/** How many unspent, unvoided codes campaigns in these statuses hold (they depend on the server key). */
export async function countLiveCodes(db: Db, statuses: readonly CampaignStatus[]): Promise<number> {
  const row = await db
    .selectFrom('access_codes as a')
    .innerJoin('campaigns as c', 'c.id', 'a.campaign_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.status', 'in', [...statuses])
    .where('a.spent', '=', 0)
    .where('a.voided', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Voids every unspent code of campaigns in these statuses; returns how many. */
export async function voidLiveCodes(db: Db, statuses: readonly CampaignStatus[]): Promise<number> {
  const campaigns = db
    .selectFrom('campaigns')
    .select('id')
    .where('status', 'in', [...statuses]);
  const result = await db
    .updateTable('access_codes')
    .set({ voided: 1 })
    .where('campaign_id', 'in', campaigns)
    .where('spent', '=', 0)
    .where('voided', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
