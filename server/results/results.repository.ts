import type { Db } from '../db/database.ts';

/** Count and mean per unit × rater type × item, straight from the covering ratings index. */
export function aggregateItems(db: Db, campaignId: number) {
  return db
    .selectFrom('ratings')
    .select((eb) => [
      'unit_id',
      'rater_type',
      'item',
      eb.fn.countAll<number>().as('n'),
      eb.fn.avg<number>('points').as('mean'),
    ])
    .where('campaign_id', '=', campaignId)
    .where('counted', '=', 1)
    .groupBy(['unit_id', 'rater_type', 'item'])
    .execute();
}

/** Ballots per unit × rater type (a ballot counts once for each unit it rated). */
export function countBallotsPerUnit(db: Db, campaignId: number) {
  return db
    .selectFrom('ratings')
    .select((eb) => ['unit_id', 'rater_type', eb.fn.count<number>('ballot_id').distinct().as('ballots'), eb.fn.avg<number>('points').as('mean')])
    .where('campaign_id', '=', campaignId)
    .where('counted', '=', 1)
    .groupBy(['unit_id', 'rater_type'])
    .execute();
}
