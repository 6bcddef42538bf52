// All SQL of publications. There is deliberately no update and no delete: a published version is
// frozen (and triggers from migration 0005 refuse either, should anyone try by hand).
import type { Db } from '../db/database.ts';
import type { PublicationTable } from '../db/schema.ts';

export async function nextPublicationVersion(db: Db, campaignId: number): Promise<number> {
  const row = await db
    .selectFrom('publications')
    .select((eb) => eb.fn.max('version').as('latest'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirst();
  return Number(row?.latest ?? 0) + 1;
}

export async function insertPublication(db: Db, row: PublicationTable): Promise<void> {
  await db.insertInto('publications').values(row).execute();
}

const PUBLIC_COLUMNS = ['p.version', 'p.published_at', 'p.content_hash', 'p.content', 'c.slug'] as const;

/** The latest version (or version `version`) of the campaign with this slug. */
export function findPublication(db: Db, slug: string, version: number | null) {
  return db
    .selectFrom('publications as p')
    .innerJoin('campaigns as c', 'c.id', 'p.campaign_id')
    .select([...PUBLIC_COLUMNS])
    .select((eb) =>
      eb
        .selectFrom('publications as q')
        .select((q) => q.fn.countAll<number>().as('n'))
        .whereRef('q.campaign_id', '=', 'p.campaign_id')
        .as('versions'),
    )
    .where('c.slug', '=', slug)
    .$if(version !== null, (query) => query.where('p.version', '=', version!))
    .orderBy('p.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function listPublications(db: Db, campaignId: number) {
  return db
    .selectFrom('publications as p')
    .leftJoin('users as u', 'u.id', 'p.published_by')
    .select(['p.version', 'p.published_at', 'p.content_hash', 'u.username'])
    .where('p.campaign_id', '=', campaignId)
    .orderBy('p.version')
    .execute();
}

/** The newest published version of a campaign. */
export function latestPublication(db: Db, campaignId: number) {
  return db
    .selectFrom('publications')
    .select(['version', 'published_at', 'content'])
    .where('campaign_id', '=', campaignId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest publication of the most recent other campaign published before `before`. */
export function previousPublication(db: Db, campaignId: number, before: string) {
  return db
    .selectFrom('publications as p')
    .innerJoin('campaigns as c', 'c.id', 'p.campaign_id')
    .select(['c.name', 'c.name_en', 'p.content', 'p.published_at'])
    .where('p.campaign_id', '!=', campaignId)
    .where('p.published_at', '<', before)
    .orderBy('p.published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/**
 * The stored content of the newest versions of other campaigns, newest first: where the next notice's
 * office and 文号 series come from. A few suffice: versions published before notices existed have none.
 */
export function recentOtherPublications(db: Db, campaignId: number, limit: number) {
  return db
    .selectFrom('publications')
    .select(['content'])
    .where('campaign_id', '!=', campaignId)
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
}

/** Recipient ballots the office excluded after review, per unit they rated (counts only). */
export function excludedRecipientsPerUnit(db: Db, campaignId: number) {
  return db
    .selectFrom('ballots')
    .select((eb) => ['target_unit_id', eb.fn.countAll<number>().as('excluded')])
    .where('campaign_id', '=', campaignId)
    .where('rater_type', '=', 'recipient')
    .where('review_status', '=', 'excluded')
    .groupBy('target_unit_id')
    .execute();
}
