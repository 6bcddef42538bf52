import { sql } from 'kysely';
import type { RaterType } from '../../scoring/rater-type.ts';
import type { Db } from '../db/database.ts';
import { hotQuery, valueRows } from '../db/hot-sql.ts';
import type { Card } from './ballot-cards.ts';

// Running tallies of counted ratings (decision 013): what live results read instead of the ratings, so a
// read costs the same at a hundred ballots and at a million. Written by the transaction that writes the
// cards — once per recipient ballot, once per mixed batch of many-unit ballots — and by a review
// decision that stops or restarts a card's counting. Every row is a count over many ballots: none holds
// an id, an order or anything a single ballot's row does not already say.

interface RatingDelta {
  unitId: number;
  item: string;
  points: number;
  n: number;
}

interface CardDelta {
  unitId: number;
  answers: number;
  points: number;
  n: number;
}

/** Rows per statement: far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 400;

/**
 * What some cards add to the tallies (sign −1: take away), summed per key and sorted, so that two
 * writers on PostgreSQL always lock the rows they share in the same order and cannot deadlock.
 */
export function tallyDeltas(cards: readonly Card[], sign: 1 | -1): { ratings: RatingDelta[]; cards: CardDelta[] } {
  const ratings = new Map<string, RatingDelta>();
  const shapes = new Map<string, CardDelta>();
  for (const card of cards) {
    if (card.ratings.length === 0) continue;
    let points = 0;
    for (const rating of card.ratings) {
      points += rating.points;
      const key = `${card.unitId}\u0000${rating.item}\u0000${rating.points}`;
      const row = ratings.get(key);
      if (row) row.n += sign;
      else ratings.set(key, { unitId: card.unitId, item: rating.item, points: rating.points, n: sign });
    }
    const key = `${card.unitId}\u0000${card.ratings.length}\u0000${points}`;
    const row = shapes.get(key);
    if (row) row.n += sign;
    else shapes.set(key, { unitId: card.unitId, answers: card.ratings.length, points, n: sign });
  }
  const byKey =
    <T extends { unitId: number }>(rest: (a: T, b: T) => number) =>
    (a: T, b: T) =>
      a.unitId - b.unitId || rest(a, b);
  return {
    ratings: [...ratings.values()].sort(
      byKey((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : a.points - b.points)),
    ),
    cards: [...shapes.values()].sort(byKey((a, b) => a.answers - b.answers || a.points - b.points)),
  };
}

/** Adds (or, with sign −1, takes away) cards' counted ratings to the tallies; the caller owns the transaction. */
export async function addCardTallies(
  trx: Db,
  campaignId: number,
  raterType: RaterType,
  cards: readonly Card[],
  sign: 1 | -1 = 1,
): Promise<void> {
  const deltas = tallyDeltas(cards, sign);
  const key = (d: RatingDelta | CardDelta) => [campaignId, raterType, d.unitId];
  await addCounts(trx, 'rating_tallies', 'item', deltas.ratings, (d) => [...key(d), d.item, d.points, d.n]);
  await addCounts(trx, 'card_tallies', 'answers', deltas.cards, (d) => [...key(d), d.answers, d.points, d.n]);
}

/** Adds counts to a tally keyed by campaign, rater type, unit, `column` and points, a chunk per statement. */
async function addCounts<T>(
  trx: Db,
  table: 'rating_tallies' | 'card_tallies',
  column: 'item' | 'answers',
  deltas: readonly T[],
  parameters: (delta: T) => unknown[],
): Promise<void> {
  const columns = `campaign_id, rater_type, unit_id, ${column}, points`;
  for (let start = 0; start < deltas.length; start += CHUNK) {
    const rows = deltas.slice(start, start + CHUNK);
    await hotQuery(
      trx,
      `insert into ${table} (${columns}, n) values ${valueRows(rows.length, 6)}
       on conflict (${columns}) do update set n = ${table}.n + excluded.n`,
      rows.flatMap(parameters),
    );
  }
}

/** Counts one recipient ballot received for its unit (flagged ones too: participation shows both). */
export async function addRecipientCount(trx: Db, campaignId: number, unitId: number, flagged: boolean) {
  await hotQuery(
    trx,
    `insert into recipient_counts (campaign_id, unit_id, received, flagged) values (?, ?, 1, ?)
     on conflict (campaign_id, unit_id) do update
     set received = recipient_counts.received + 1, flagged = recipient_counts.flagged + excluded.flagged`,
    [campaignId, unitId, flagged ? 1 : 0],
  );
}

/**
 * Recomputes a campaign's tallies from its stored ratings and ballots, in one transaction: for ratings
 * written outside the application (benchmarks, a restored dump) and as a repair.
 */
export async function rebuildTallies(db: Db, campaignId: number): Promise<void> {
  const run = async (trx: Db) => {
    for (const table of ['rating_tallies', 'card_tallies', 'recipient_counts'] as const) {
      await trx.deleteFrom(table).where('campaign_id', '=', campaignId).execute();
    }
    await sql`
      insert into rating_tallies (campaign_id, rater_type, unit_id, item, points, n)
      select campaign_id, rater_type, unit_id, item, points, count(*) from ratings
      where campaign_id = ${campaignId} and counted = 1
      group by campaign_id, rater_type, unit_id, item, points`.execute(trx);
    await sql`
      insert into card_tallies (campaign_id, rater_type, unit_id, answers, points, n)
      select campaign_id, rater_type, unit_id, answers, points, count(*) from (
        select campaign_id, rater_type, card_id, min(unit_id) as unit_id, count(*) as answers, sum(points) as points
        from ratings where campaign_id = ${campaignId} and counted = 1
        group by campaign_id, rater_type, card_id
      ) as cards
      group by campaign_id, rater_type, unit_id, answers, points`.execute(trx);
    await sql`
      insert into recipient_counts (campaign_id, unit_id, received, flagged)
      select campaign_id, target_unit_id, count(*), count(flags) from ballots
      where campaign_id = ${campaignId} and rater_type = 'recipient' and target_unit_id is not null
      group by campaign_id, target_unit_id`.execute(trx);
  };
  await (db.isTransaction ? run(db) : db.transaction().execute(run));
}
