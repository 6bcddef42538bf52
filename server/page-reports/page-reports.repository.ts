import type { Db } from '../db/database.ts';

/** Adds one to the count of a (campaign or none, UTC day, kind). */
export async function countPageReport(db: Db, campaignId: number | null, day: string, kind: string): Promise<void> {
  await db
    .insertInto('page_reports')
    .values({ campaign_id: campaignId, day, kind, count: 1 })
    .onConflict((oc) =>
      // Each half of the rows has its own partial unique index (migration 0010).
      (campaignId === null
        ? oc.columns(['day', 'kind']).where('campaign_id', 'is', null)
        : oc.columns(['campaign_id', 'day', 'kind']).where('campaign_id', 'is not', null)
      ).doUpdateSet((eb) => ({ count: eb('page_reports.count', '+', 1) })),
    )
    .execute();
}

/** The counts of a campaign (or of the reports with none) from `since` on, oldest day first. */
export function listPageReports(db: Db, campaignId: number | null, since: string) {
  return db
    .selectFrom('page_reports')
    .select(['day', 'kind', 'count'])
    .where('campaign_id', campaignId === null ? 'is' : '=', campaignId)
    .where('day', '>=', since)
    .orderBy('day')
    .orderBy('kind')
    .execute();
}
