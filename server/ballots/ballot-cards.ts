import { randomUUID } from 'node:crypto';
import type { RaterType } from '../../scoring/rater-type.ts';
import type { Db } from '../db/database.ts';

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
 * owns the transaction; the score triggers keep card_scores.
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
    await trx
      .insertInto('ratings')
      .values(rows.slice(start, start + 500))
      .execute();
  }
}
