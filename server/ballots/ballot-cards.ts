import { randomUUID } from 'node:crypto';
import type { RaterType } from '../../scoring/rater-type.ts';
import type { Db } from '../db/database.ts';
import { hotQuery, valueRows } from '../db/hot-sql.ts';
import { addCardTallies } from './ballot-tallies.ts';

/**
 * A card is one ballot's ratings of one unit: what scoring needs, and nothing that joins it to the other
 * units the same ballot rated (decision 011). A recipient's ballot is one card with the ballot's id.
 */
export interface Card {
  readonly unitId: number;
  readonly ratings: readonly { readonly item: string; readonly points: number }[];
}

/** The cards of a ballot's validated ratings, one per unit it rated. */
export function cardsOf(ratings: readonly { unitId: number; item: string; points: number }[]): Card[] {
  const byUnit = new Map<number, { item: string; points: number }[]>();
  for (const rating of ratings) {
    const list = byUnit.get(rating.unitId) ?? [];
    list.push({ item: rating.item, points: rating.points });
    byUnit.set(rating.unitId, list);
  }
  return [...byUnit].map(([unitId, list]) => ({ unitId, ratings: list }));
}

/**
 * Writes cards, each under its own random id unless one is given (a recipient's ballot id). The caller
 * owns the transaction, which also adds the cards to the running tallies (decision 013).
 */
export async function insertCards(
  trx: Db,
  campaignId: number,
  raterType: RaterType,
  cards: readonly (Card & { id?: string })[],
): Promise<void> {
  const rows = cards.flatMap((card) => {
    const id = card.id ?? randomUUID();
    return card.ratings.map((r) => ({
      card_id: id,
      campaign_id: campaignId,
      rater_type: raterType,
      unit_id: card.unitId,
      item: r.item,
      points: r.points,
    }));
  });
  // Chunked to stay far below SQLite's bound-parameter limit on very wide superior ballots.
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    await hotQuery(
      trx,
      `insert into ratings (card_id, campaign_id, rater_type, unit_id, item, points) values ${valueRows(chunk.length, 6)}`,
      chunk.flatMap((r) => [r.card_id, r.campaign_id, r.rater_type, r.unit_id, r.item, r.points]),
    );
  }
  await addCardTallies(trx, campaignId, raterType, cards);
}
