// All SQL of results. The tallies hold at most a few rows per unit × item × level; the recount's stream returns
// a bounded number of ratings per call, so a million ballots never sit in memory at once.
import type { RaterType } from '../../scoring/rater-type.ts';
import type { Db } from '../db/database.ts';

/**
 * Counted ratings per unit × rater type × item × points, from the running tallies (decision 013): every
 * item statistic and histogram follows from these counts, and reading them costs the same at any size.
 */
export function aggregateCells(db: Db, campaignId: number) {
  return db
    .selectFrom('rating_tallies')
    .select(['unit_id', 'rater_type', 'item', 'points', 'n'])
    .where('campaign_id', '=', campaignId)
    .where('n', '>', 0)
    .execute();
}

/** The distinct (rater type, item, points) of counted ratings: what the tally must be able to hold. */
export function listObservedValues(db: Db, campaignId: number) {
  return db
    .selectFrom('ratings')
    .select(['rater_type', 'item', 'points'])
    .distinct()
    .where('campaign_id', '=', campaignId)
    .where('counted', '=', 1)
    .execute();
}

/**
 * Cards grouped by what they gave their unit: (ΣP, K) and how many cards gave exactly that, from the
 * running tallies. A card is one ballot's ratings of one unit, so every ballot-level sum of the scoring
 * module (ΣP, ΣP², ΣPK …) and the extremes for the trimmed mean follow exactly from these groups.
 */
export function aggregateCardShapes(db: Db, campaignId: number) {
  return db
    .selectFrom('card_tallies')
    .select(['rater_type', 'unit_id', 'answers', 'points', 'n'])
    .where('campaign_id', '=', campaignId)
    .where('n', '>', 0)
    .execute();
}

/** Recipient cards per unit (each a recipient ballot with at least one counted rating), from the tallies. */
export function recipientCardsPerUnit(db: Db, campaignId: number) {
  return db
    .selectFrom('card_tallies')
    .select((eb) => ['unit_id', eb.fn.sum<number>('n').as('cards')])
    .where('campaign_id', '=', campaignId)
    .where('rater_type', '=', 'recipient')
    .where('n', '>', 0)
    .groupBy('unit_id')
    .execute();
}

/** Card ids of one rater type after `afterId`, in key order (keyset paging over the ratings' key). */
export async function listCardIds(
  db: Db,
  campaignId: number,
  raterType: RaterType,
  afterId: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('ratings')
    .select('card_id')
    .distinct()
    .where('campaign_id', '=', campaignId)
    .where('rater_type', '=', raterType)
    .where('card_id', '>', afterId)
    .orderBy('card_id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.card_id);
}

/** The counted ratings of some cards, each card's ratings together. */
export function listCountedRatings(db: Db, campaignId: number, raterType: RaterType, cardIds: readonly string[]) {
  if (cardIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ratings')
    .select(['card_id', 'unit_id', 'item', 'points'])
    .where('campaign_id', '=', campaignId)
    .where('rater_type', '=', raterType)
    .where('card_id', 'in', [...cardIds])
    .where('counted', '=', 1)
    .orderBy('card_id')
    .orderBy('item')
    .execute();
}

/**
 * How many many-unit ballots each rater type has (they keep no row: the mixer counts them). A card counts
 * once per unit, so the number of ballots cannot come from the cards.
 */
export async function ratedBallotCounts(db: Db, campaignId: number): Promise<Map<RaterType, number>> {
  const rows = await db
    .selectFrom('ballot_counts')
    .select(['rater_type', 'rated'])
    .where('campaign_id', '=', campaignId)
    .execute();
  return new Map(rows.map((row) => [row.rater_type, Number(row.rated)]));
}

export type CountedRating = Awaited<ReturnType<typeof listCountedRatings>>[number];
