import type { AppDeps } from '../app-deps.ts';
import { findCampaignIdBySlug } from '../campaigns/campaigns.repository.ts';
import { hmacHex } from '../crypto/hashing.ts';
import { purposeKey } from '../crypto/keys.ts';
import type { Db } from '../db/database.ts';
import { hitRateCounter, type RateWindow } from '../limits/rate-counter.ts';
import { countPageReport, listPageReports } from './page-reports.repository.ts';
import { PAGE_REPORT_DAYS, PAGE_REPORT_KINDS, type PageReportKind } from './page-reports.schemas.ts';

/**
 * Anyone can send a report, so each network counts at most this many an hour; more are answered the same
 * and not counted. A phone sends one per page it opens, so 20 is a whole household or office network
 * trying again and again, never one citizen.
 */
export const PAGE_REPORT_LIMIT: RateWindow = { seconds: 3600, max: 20 };
const SCOPE = 'page-reports';

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Counts one report, unless its network has sent too many this hour. The network is kept only as a keyed
 * hash in a rate counter of its own (pruned when the hour ends); the count keeps the campaign, the UTC day
 * and the kind, nothing else. A slug no campaign has counts as no campaign.
 */
export async function recordPageReport(
  deps: Pick<AppDeps, 'db' | 'secret'>,
  report: { kind: PageReportKind; campaignSlug: string | undefined; address: string },
  now: Date,
): Promise<{ counted: boolean }> {
  const key = purposeKey(deps.secret, SCOPE).toString('base64url');
  const hit = await hitRateCounter(deps.db, SCOPE, hmacHex(key, report.address), PAGE_REPORT_LIMIT, now);
  if (!hit.allowed) return { counted: false };
  const campaign = report.campaignSlug ? await findCampaignIdBySlug(deps.db, report.campaignSlug) : undefined;
  await countPageReport(deps.db, campaign?.id ?? null, utcDay(now), report.kind);
  return { counted: true };
}

/** The office's view: per kind, the total and the days with reports, over the last PAGE_REPORT_DAYS UTC days. */
export async function pageReportSummary(db: Db, campaignId: number | null, now: Date) {
  const until = utcDay(now);
  const since = utcDay(new Date(Date.parse(`${until}T00:00:00.000Z`) - (PAGE_REPORT_DAYS - 1) * 86_400_000));
  const rows = await listPageReports(db, campaignId, since);
  const kinds = PAGE_REPORT_KINDS.map((kind) => {
    const days = rows.filter((row) => row.kind === kind).map((row) => ({ day: row.day, count: Number(row.count) }));
    return { kind, total: days.reduce((sum, d) => sum + d.count, 0), days };
  });
  return { since, until, kinds };
}
