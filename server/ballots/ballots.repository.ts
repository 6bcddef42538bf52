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
