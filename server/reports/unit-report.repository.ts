import type { Kysely } from 'kysely';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { PublicationTable } from '../publications/publications.repository.ts';

type ReportsDb = Kysely<Database & { publications: PublicationTable }>;

const withPublications = (db: Db): ReportsDb => db.withTables<{ publications: PublicationTable }>();

/** The newest published version of a campaign. */
export function latestPublication(db: Db, campaignId: number) {
  return withPublications(db)
    .selectFrom('publications')
    .select(['version', 'published_at', 'content'])
    .where('campaign_id', '=', campaignId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest publication of the most recent other campaign published before `before`. */
export function previousPublication(db: Db, campaignId: number, before: string) {
  return withPublications(db)
    .selectFrom('publications as p')
    .innerJoin('campaigns as c', 'c.id', 'p.campaign_id')
    .select(['c.name', 'c.name_en', 'p.content', 'p.published_at'])
    .where('p.campaign_id', '!=', campaignId)
    .where('p.published_at', '<', before)
    .orderBy('p.published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Answers of the counted recipient ballots about one unit (what the unit's own report may quote). */
export function recipientAnswers(db: Db, campaignId: number, unitId: number) {
  return db
    .selectFrom('ballots')
    .select('answers')
    .where('campaign_id', '=', campaignId)
    .where('rater_type', '=', 'recipient')
    .where('target_unit_id', '=', unitId)
    .where((eb) => eb.or([eb('review_status', 'is', null), eb('review_status', '!=', 'excluded')]))
    .execute();
}
