// All SQL of results. Aggregates return at most a few rows per unit × item × level; the stream returns
// a bounded number of ratings per call, so a million ballots never sit in memory at once.
import type { RaterType } from '../../scoring/rater-type.ts';
import type { Db } from '../db/database.ts';

/**
 * Counted ratings per unit × rater type × item × points: every item statistic and histogram follows
 * from these counts. The grouping follows ratings_aggregate_idx, so it streams without sorting.
 */
export function aggregateCells(db: Db, campaignId: number) {
  return db
    .selectFrom('ratings')
    .select((eb) => ['unit_id', 'rater_type', 'item', 'points', eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('counted', '=', 1)
    .groupBy(['unit_id', 'rater_type', 'item', 'points'])
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
 * Ballots of the given rater types grouped by what they gave one unit: (ΣP, K) and how many ballots
 * gave exactly that. Every ballot-level sum of the scoring module (ΣP, ΣP², ΣPK …) and the extremes
 * for the trimmed mean follow exactly from these groups. The grouping follows ballot_unit_scores_shape_idx.
 */
export function aggregateBallotShapes(db: Db, campaignId: number, raterTypes: readonly RaterType[]) {
  if (raterTypes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ballot_unit_scores')
    .select((eb) => ['rater_type', 'unit_id', 'answers', 'points', eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('rater_type', 'in', [...raterTypes])
    .where('answers', '>', 0)
    .groupBy(['rater_type', 'unit_id', 'answers', 'points'])
    .execute();
}

/** Ballot ids of one rater type after `afterId`, in id order (keyset paging: no offset scans). */
export async function listBallotIds(
  db: Db,
  campaignId: number,
  raterType: RaterType,
  afterId: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('ballots')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('rater_type', '=', raterType)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/** The counted ratings of some ballots, each ballot's ratings together. */
export function listCountedRatings(db: Db, ballotIds: readonly string[]) {
  if (ballotIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('ratings')
    .select(['ballot_id', 'unit_id', 'item', 'points'])
    .where('ballot_id', 'in', [...ballotIds])
    .where('counted', '=', 1)
    .orderBy('ballot_id')
    .orderBy('unit_id')
    .orderBy('item')
    .execute();
}

export type CountedRating = Awaited<ReturnType<typeof listCountedRatings>>[number];
