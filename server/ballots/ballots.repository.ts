import { randomUUID } from 'node:crypto';
import type { RaterType } from '../../scoring/rater-type.ts';
import type { Db } from '../db/database.ts';
import { hotQuery, valueRows } from '../db/hot-sql.ts';
import type { NewBallot } from '../db/schema.ts';
import type { InboxDays } from '../problem-inbox/inbox-days.ts';
import { insertCards, type Card } from './ballot-cards.ts';
import { addCardTallies, addRecipientCount } from './ballot-tallies.ts';

// All SQL of ballots. A recipient's ballot is a row with its one card; a many-unit ballot leaves only
// cards, counts and comments, written by the mixer (decision 011).

/** The receipt of a ballot already accepted under this submission id, whichever kind it was. */
export async function findReceipt(db: Db, submissionHash: string): Promise<string | null> {
  const ballot = await db
    .selectFrom('ballots')
    .select('receipt')
    .where('submission_hash', '=', submissionHash)
    .executeTakeFirst();
  if (ballot) return ballot.receipt;
  const receipt = await db
    .selectFrom('receipts')
    .select('receipt')
    .where('submission_hash', '=', submissionHash)
    .executeTakeFirst();
  return receipt?.receipt ?? null;
}

/** Stores a one-unit ballot and its card (under the ballot's id); the caller owns the transaction. */
export async function insertBallot(trx: Db, ballot: NewBallot, card: Card | null): Promise<void> {
  await hotQuery(
    trx,
    `insert into ballots (id, campaign_id, rater_type, questionnaire_id, target_unit_id, receipt, submission_hash,
       submitted_hour, answers, flags, review_status) values ${valueRows(1, 11)}`,
    [
      ballot.id,
      ballot.campaign_id,
      ballot.rater_type,
      ballot.questionnaire_id,
      ballot.target_unit_id ?? null,
      ballot.receipt,
      ballot.submission_hash,
      ballot.submitted_hour,
      ballot.answers,
      ballot.flags ?? null,
      ballot.review_status ?? null,
    ],
  );
  if (card) await insertCards(trx, ballot.campaign_id, ballot.rater_type, [{ ...card, id: ballot.id }]);
  if (ballot.target_unit_id != null) {
    await addRecipientCount(trx, ballot.campaign_id, ballot.target_unit_id, ballot.flags != null);
  }
}

export async function insertReceipt(trx: Db, campaignId: number, submissionHash: string, receipt: string) {
  await hotQuery(trx, 'insert into receipts (submission_hash, campaign_id, receipt) values (?, ?, ?)', [
    submissionHash,
    campaignId,
    receipt,
  ]);
}

/** Redeems a token; a unique violation means it was redeemed before. */
export async function spendToken(trx: Db, campaignId: number, tokenHash: string): Promise<void> {
  await hotQuery(trx, 'insert into spent_tokens (token_hash, campaign_id) values (?, ?)', [tokenHash, campaignId]);
}

export async function addBallotCounts(
  trx: Db,
  campaignId: number,
  raterType: RaterType,
  received: number,
  rated: number,
) {
  await trx
    .insertInto('ballot_counts')
    .values({ campaign_id: campaignId, rater_type: raterType, received, rated })
    .onConflict((oc) =>
      oc.columns(['campaign_id', 'rater_type']).doUpdateSet((eb) => ({
        received: eb('ballot_counts.received', '+', received),
        rated: eb('ballot_counts.rated', '+', rated),
      })),
    )
    .execute();
}

export async function addQualityCounts(
  trx: Db,
  campaignId: number,
  raterType: RaterType,
  flags: ReadonlyMap<string, number>,
) {
  for (const [flag, ballots] of flags) {
    await trx
      .insertInto('quality_counts')
      .values({ campaign_id: campaignId, rater_type: raterType, flag, ballots })
      .onConflict((oc) =>
        oc
          .columns(['campaign_id', 'rater_type', 'flag'])
          .doUpdateSet((eb) => ({ ballots: eb('quality_counts.ballots', '+', ballots) })),
      )
      .execute();
  }
}

export async function insertRaterComments(trx: Db, campaignId: number, raterType: RaterType, texts: readonly string[]) {
  if (texts.length === 0) return;
  await trx
    .insertInto('rater_comments')
    .values(texts.map((text) => ({ id: randomUUID(), campaign_id: campaignId, rater_type: raterType, text })))
    .execute();
}

export async function insertProblemReports(
  trx: Db,
  campaignId: number,
  reports: readonly { unitId: number; description: string; contact: string | null }[],
  inbox: InboxDays,
): Promise<string[]> {
  if (reports.length === 0) return [];
  // The ids, in the order of the reports, for the follow-up rows the mixer writes with them.
  const ids = reports.map(() => randomUUID());
  await trx
    .insertInto('problem_reports')
    .values(
      reports.map((r, i) => ({
        id: ids[i]!,
        campaign_id: campaignId,
        unit_id: r.unitId,
        description: r.description,
        contact: r.contact,
        received_on: inbox.receivedOn,
        due_on: inbox.dueOn,
      })),
    )
    .execute();
  return ids;
}

/** Recipient ballots received per unit (every one, flagged and excluded ones too) and how many are flagged. */
export function recipientsPerUnit(db: Db, campaignId: number) {
  return db
    .selectFrom('recipient_counts')
    .select(['unit_id as target_unit_id', 'received as ballots', 'flagged'])
    .where('campaign_id', '=', campaignId)
    .execute();
}

/** Many-unit ballots mixed in so far, per rater type. */
export function mixedBallotCounts(db: Db, campaignId: number) {
  return db
    .selectFrom('ballot_counts')
    .select(['rater_type', 'received', 'rated'])
    .where('campaign_id', '=', campaignId)
    .execute();
}

/** Flags of mixed many-unit ballots, counted per rater type. */
export function mixedQualityCounts(db: Db, campaignId: number) {
  return db
    .selectFrom('quality_counts')
    .select(['rater_type', 'flag', 'ballots'])
    .where('campaign_id', '=', campaignId)
    .execute();
}

/**
 * Many-unit ballots received but still sealed in the inbox, per rater type (counts only: they cannot be
 * read). A recipient's sealed records are problem reports or nothings, not ballots.
 */
export function pendingBallotCounts(db: Db, campaignId: number) {
  return db
    .selectFrom('ballot_inbox')
    .select((eb) => ['rater_type', eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .where('rater_type', '!=', 'recipient')
    .groupBy('rater_type')
    .execute();
}

/** Flagged ballots the office has neither accepted nor excluded yet. */
export async function countUnreviewedFlagged(db: Db, campaignId: number): Promise<number> {
  const row = await db
    .selectFrom('ballots')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaign_id', '=', campaignId)
    .where('flags', 'is not', null)
    .where('review_status', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findBallotForReview(db: Db, ballotId: string) {
  return db
    .selectFrom('ballots as b')
    .innerJoin('campaigns as c', 'c.id', 'b.campaign_id')
    .select(['b.id', 'b.campaign_id', 'b.target_unit_id', 'c.status'])
    .where('b.id', '=', ballotId)
    .executeTakeFirst();
}

/**
 * Records the office's decision; an excluded ballot's card stops counting, in the ratings and in the
 * tallies (only ratings whose counting changes move the tallies, so deciding twice changes nothing).
 * The caller owns the transaction.
 */
export async function setBallotReview(
  trx: Db,
  ballot: { id: string; campaignId: number; unitId: number | null },
  decision: 'accepted' | 'excluded',
): Promise<void> {
  await trx.updateTable('ballots').set({ review_status: decision }).where('id', '=', ballot.id).execute();
  const counted: 0 | 1 = decision === 'excluded' ? 0 : 1;
  const card = trx
    .updateTable('ratings')
    .where('campaign_id', '=', ballot.campaignId)
    .where('rater_type', '=', 'recipient')
    .where('card_id', '=', ballot.id)
    .where('counted', '=', counted === 1 ? 0 : 1);
  const flipped = await card.set({ counted }).returning(['item', 'points']).execute();
  if (flipped.length === 0 || ballot.unitId === null) return;
  await addCardTallies(
    trx,
    ballot.campaignId,
    'recipient',
    [{ unitId: ballot.unitId, ratings: flipped }],
    counted === 1 ? 1 : -1,
  );
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

/** What recipients reported about one unit, with nothing that joins a report to a ballot. */
export function problemDescriptions(db: Db, campaignId: number, unitId: number) {
  return db
    .selectFrom('problem_reports')
    .select('description')
    .where('campaign_id', '=', campaignId)
    .where('unit_id', '=', unitId)
    .execute();
}

/** Campaigns with sealed records still waiting: the mixer looks at them when a server starts. */
export async function campaignsWithWaitingRecords(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('ballot_inbox').select('campaign_id').distinct().execute();
  return rows.map((row) => row.campaign_id);
}
