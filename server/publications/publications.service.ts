import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { markPublished } from '../campaigns/campaign-lifecycle.service.ts';
import type { Campaign } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import { diffResults } from '../results/results-diff.ts';
import { verifiedResults } from '../results/results.service.ts';
import { canonicalJson } from '../../formats/canonical-json.ts';
import { sha256Hex } from '../crypto/hashing.ts';
import { receivedCounts } from './publication-counts.ts';
import { publicationDocument } from './publication-document.ts';
import {
  insertPublication,
  latestPublication,
  nextPublicationVersion,
  recentOtherPublications,
} from './publications.repository.ts';
import { countUnreviewedFlagged } from '../ballots/ballots.repository.ts';
import { listUnits } from '../catalog/catalog.repository.ts';
import {
  noticeDay,
  resolveNotice,
  suggestedNotice,
  type NoticeRequest,
  type PublicationNotice,
} from './publication-notice.ts';

export interface PublishedVersion {
  readonly version: number;
  readonly publishedAt: string;
  readonly contentHash: string;
}

/**
 * Freezes the campaign's results as a new version. The figures are computed both ways (decision 005)
 * and published only when the recount of every stored rating equals the live figures; the campaign
 * becomes `published` in the same transaction that stores the version.
 */
export async function publishResults(
  deps: AppDeps,
  campaign: Campaign,
  actorUserId: number,
  now: Date,
  options: { acceptUnreviewed: boolean; notice?: NoticeRequest } = { acceptUnreviewed: false },
): Promise<PublishedVersion> {
  if (campaign.status !== 'closed' && campaign.status !== 'published') {
    throw new AppError(
      409,
      'campaign_not_closed',
      `Campaign "${campaign.slug}" is ${campaign.status}; close it before publishing its results.`,
    );
  }
  // A flagged ballot counts as it stands until the office decides: publishing over undecided ones is a
  // choice the office makes knowingly, not by default.
  const unreviewed = await countUnreviewedFlagged(deps.db, campaign.id);
  if (unreviewed > 0 && !options.acceptUnreviewed) {
    throw new AppError(
      409,
      'flagged_unreviewed',
      `${unreviewed} flagged ballot(s) have not been reviewed; they would be counted as they stand. Review them first, or publish with acceptUnreviewed: true.`,
      { count: unreviewed },
    );
  }
  const notice = resolveNotice(options.notice, await noticeSuggestion(deps, campaign, now), {
    closedDay: campaign.closed_at === null ? null : noticeDay(new Date(campaign.closed_at)),
    today: noticeDay(now),
  });
  const { live, recount } = await verifiedResults(deps, campaign);
  if (recount.settingsDefaulted) {
    throw new AppError(
      409,
      'scoring_settings_missing',
      `Campaign "${campaign.slug}" has no scoring settings (settings.scoring.weights); results cannot be published with defaults.`,
    );
  }
  const { differences, total } = diffResults(live.results, recount.results, 1);
  if (total > 0) {
    throw new AppError(
      409,
      'results_mismatch',
      `The live figures differ from a full recount (${total} differences, first at ${differences[0]!.path}); nothing was published. Run POST /api/campaigns/${campaign.id}/results/verify for details.`,
    );
  }
  const content = canonicalJson(publicationDocument(recount, notice, await receivedCounts(deps.db, campaign.id)));
  const hash = sha256Hex(content);
  const publishedAt = now.toISOString();
  try {
    const version = await deps.db.transaction().execute(async (trx) => {
      await markPublished(trx, deps.dialect, campaign.id, { userId: actorUserId }, now);
      const next = await nextPublicationVersion(trx, campaign.id);
      await insertPublication(trx, {
        campaign_id: campaign.id,
        version: next,
        published_at: publishedAt,
        published_by: actorUserId,
        content_hash: hash,
        content,
      });
      await recordAudit(
        trx,
        {
          actorUserId,
          action: 'publication_created',
          entityType: 'campaign',
          entityId: campaign.id,
          detail: { version: next, hash },
        },
        now,
      );
      return next;
    });
    return { version, publishedAt, contentHash: hash };
  } catch (error) {
    // Two publications raced for the same version number; the other one won.
    if (isUniqueViolation(error))
      throw new AppError(
        409,
        'publication_conflict',
        'Another publication of this campaign was being stored at the same moment; reload and try again.',
      );
    throw error;
  }
}

/** The notice of a stored version, or null for one published before notices existed (format 1). */
export function storedNotice(content: string): PublicationNotice | null {
  const parsed = JSON.parse(content) as { notice?: PublicationNotice };
  return parsed.notice ?? null;
}

/** What the campaign's next publication carries where the request names nothing (suggestedNotice). */
export async function noticeSuggestion(
  deps: Pick<AppDeps, 'db'>,
  campaign: Campaign,
  now: Date,
): Promise<PublicationNotice> {
  const own = await latestPublication(deps.db, campaign.id);
  const ownLatest = own ? storedNotice(own.content) : null;
  let otherLatest: PublicationNotice | null = null;
  if (!ownLatest) {
    for (const row of await recentOtherPublications(deps.db, campaign.id, 3)) {
      otherLatest = storedNotice(row.content);
      if (otherLatest) break;
    }
  }
  const roots = (await listUnits(deps.db)).filter((unit) => unit.parent_id === null && unit.active === 1);
  const rootUnitName = roots.length === 1 ? roots[0]!.name : null;
  return suggestedNotice(campaign.name, { ownLatest, otherLatest, rootUnitName }, noticeDay(now));
}
