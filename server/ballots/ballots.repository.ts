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

export function countBallots(db: Db, campaignId: number) {
  return db
    .selectFrom('ballots')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
}
