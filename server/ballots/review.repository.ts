import type { RaterType } from '../../scoring/rater-type.ts';
import type { Db } from '../db/database.ts';

// The SQL of the office's review of flagged one-unit (recipient) ballots.

/** Which flagged ballots a list or a review by filter takes (review-filter.ts validates it). */
export interface ReviewFilter {
  status: 'all' | 'unreviewed';
  flag?: string | undefined;
  unitId?: number | undefined;
  raterType?: RaterType | undefined;
  /** Received at or after this hour (ISO). */
  receivedFrom?: string | undefined;
  /** Received before this hour (ISO). */
  receivedBefore?: string | undefined;
}

function flaggedOf(db: Db, campaignId: number, filter: ReviewFilter) {
  return (
    db
      .selectFrom('ballots')
      .where('campaign_id', '=', campaignId)
      .where('flags', 'is not', null)
      .$if(filter.status === 'unreviewed', (query) => query.where('review_status', 'is', null))
      // The column holds `{"flags":[…],…}` or an older bare array: both quote each flag.
      .$if(filter.flag !== undefined, (query) => query.where('flags', 'like', `%"${filter.flag}"%`))
      .$if(filter.unitId !== undefined, (query) => query.where('target_unit_id', '=', filter.unitId!))
      .$if(filter.raterType !== undefined, (query) => query.where('rater_type', '=', filter.raterType!))
      .$if(filter.receivedFrom !== undefined, (query) => query.where('submitted_hour', '>=', filter.receivedFrom!))
      .$if(filter.receivedBefore !== undefined, (query) => query.where('submitted_hour', '<', filter.receivedBefore!))
  );
}

/** One page of flagged ballots, newest hour first (the id, random, only makes the order stable). */
export function listFlaggedPage(
  db: Db,
  campaignId: number,
  filter: ReviewFilter,
  page: { limit: number; offset: number },
) {
  return flaggedOf(db, campaignId, filter)
    .select([
      'id',
      'rater_type',
      'target_unit_id',
      'questionnaire_id',
      'submitted_hour',
      'flags',
      'review_status',
      'answers',
    ])
    .orderBy('submitted_hour', 'desc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countFlagged(db: Db, campaignId: number, filter: ReviewFilter): Promise<number> {
  const row = await flaggedOf(db, campaignId, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The reviewable ballots a filter takes (flagged recipient ballots of one unit), with their review: what
 * a review by filter counts and decides.
 */
export function findReviewableByFilter(db: Db, campaignId: number, filter: ReviewFilter) {
  return flaggedOf(db, campaignId, filter)
    .where('rater_type', '=', 'recipient')
    .where('target_unit_id', 'is not', null)
    .select(['id', 'target_unit_id', 'review_status'])
    .orderBy('id')
    .execute();
}

/** The ballots of one campaign among these ids, with what a review needs to know of each. */
export function findBallotsForReview(db: Db, campaignId: number, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ballots')
    .select(['id', 'rater_type', 'target_unit_id', 'flags'])
    .where('campaign_id', '=', campaignId)
    .where('id', 'in', [...ids])
    .execute();
}
