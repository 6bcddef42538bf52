import type { Db } from '../db/database.ts';
import type { NewBallot, NewRating } from '../db/schema.ts';

export function findBallotBySubmission(db: Db, submissionHash: string) {
  return db
    .selectFrom('ballots')
    .select(['receipt', 'campaign_id'])
    .where('submission_hash', '=', submissionHash)
    .executeTakeFirst();
}

/** Stores a ballot and all of its ratings; the caller owns the transaction. */
export async function insertBallot(trx: Db, ballot: NewBallot, ratings: NewRating[]): Promise<void> {
  await trx.insertInto('ballots').values(ballot).execute();
  // Chunked to stay far below SQLite's bound-parameter limit on very wide superior ballots.
  for (let start = 0; start < ratings.length; start += 500) {
    await trx
      .insertInto('ratings')
      .values(ratings.slice(start, start + 500))
      .execute();
  }
}

/** Ballots received per unit × rater type (every ballot, flagged and excluded ones too) and flagged counts. */
export function receivedPerUnit(db: Db, campaignId: number) {
  return db
    .selectFrom('ratings as r')
    .innerJoin('ballots as b', 'b.id', 'r.ballot_id')
    .select((eb) => [
      'r.unit_id',
      'r.rater_type',
      eb.fn.count<number>('r.ballot_id').distinct().as('ballots'),
      eb.fn
        .count<number>(eb.case().when('b.flags', 'is not', null).then(eb.ref('r.ballot_id')).end())
        .distinct()
        .as('flagged'),
    ])
    .where('r.campaign_id', '=', campaignId)
    .groupBy(['r.unit_id', 'r.rater_type'])
    .execute();
}

/** Every ballot the campaign received, flagged and excluded ones included. */
export async function countCampaignBallots(db: Db, campaignId: number): Promise<number> {
  const row = await db
    .selectFrom('ballots')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function listFlagged(db: Db, campaignId: number, limit: number) {
  return db
    .selectFrom('ballots')
    .select(['id', 'rater_type', 'target_unit_id', 'submitted_hour', 'flags', 'review_status', 'answers'])
    .where('campaign_id', '=', campaignId)
    .where('flags', 'is not', null)
    .orderBy('submitted_hour', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export function findBallotForReview(db: Db, ballotId: string) {
  return db
    .selectFrom('ballots as b')
    .innerJoin('campaigns as c', 'c.id', 'b.campaign_id')
    .select(['b.id', 'b.campaign_id', 'c.status'])
    .where('b.id', '=', ballotId)
    .executeTakeFirst();
}

/** Records the office's decision; an excluded ballot's ratings stop counting. The caller owns the transaction. */
export async function setBallotReview(trx: Db, ballotId: string, decision: 'accepted' | 'excluded'): Promise<void> {
  await trx.updateTable('ballots').set({ review_status: decision }).where('id', '=', ballotId).execute();
  await trx
    .updateTable('ratings')
    .set({ counted: decision === 'excluded' ? 0 : 1 })
    .where('ballot_id', '=', ballotId)
    .execute();
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
