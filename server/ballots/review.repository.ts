import type { Db } from '../db/database.ts';

// The SQL of the office's review of flagged one-unit (recipient) ballots.

export type ReviewFilter = 'all' | 'unreviewed';

function flaggedOf(db: Db, campaignId: number, filter: ReviewFilter) {
  return db
    .selectFrom('ballots')
    .where('campaign_id', '=', campaignId)
    .where('flags', 'is not', null)
    .$if(filter === 'unreviewed', (query) => query.where('review_status', 'is', null));
}

/** One page of flagged ballots, newest hour first (the id, random, only makes the order stable). */
export function listFlaggedPage(
  db: Db,
  campaignId: number,
  filter: ReviewFilter,
  page: { limit: number; offset: number },
) {
  return flaggedOf(db, campaignId, filter)
    .select(['id', 'rater_type', 'target_unit_id', 'submitted_hour', 'flags', 'review_status', 'answers'])
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
