import type { RaterType } from '../../scoring/rater-type.ts';
import type { Db } from '../db/database.ts';

export function listCampaigns(db: Db) {
  return db.selectFrom('campaigns').selectAll().orderBy('id', 'desc').execute();
}

export function findCampaign(db: Db, id: number) {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
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

export function listCampaignRaterTypes(db: Db, campaignId: number) {
  return db
    .selectFrom('campaign_rater_types')
    .select(['rater_type', 'questionnaire_id', 'min_count'])
    .where('campaign_id', '=', campaignId)
    .execute();
}

/** The questionnaire version a rater type answers in a campaign, or undefined when it takes no part. */
export function findRaterTypeQuestionnaire(db: Db, campaignId: number, raterType: RaterType) {
  return db
    .selectFrom('campaign_rater_types as crt')
    .innerJoin('questionnaires as q', 'q.id', 'crt.questionnaire_id')
    .select(['q.id', 'q.family', 'q.version', 'q.title', 'q.definition', 'crt.min_count'])
    .where('crt.campaign_id', '=', campaignId)
    .where('crt.rater_type', '=', raterType)
    .executeTakeFirst();
}
