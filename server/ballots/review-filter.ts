import { z } from '@hono/zod-openapi';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findCampaignOr404, loadCampaign, takingPart } from '../campaigns/campaign-loader.ts';
import { lockCampaign } from '../campaigns/campaigns.repository.ts';
import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { setBallotReview } from './ballots.repository.ts';
import { QUALITY_FLAGS } from './quality-flags.ts';
import { findReviewableByFilter, type ReviewFilter } from './review.repository.ts';
import { refuseWhenPublished, type ReviewDecision } from './review.service.ts';

/** Ballots one review by filter may decide, each with its own audit entry, in one transaction. */
export const MAX_FILTER_REVIEW = 5000;

const hour = z.iso
  .datetime({ offset: true })
  .openapi({ description: 'An ISO time; ballots keep the hour they arrived (only the day once closed)' });

/** The fields of a filter, as the review list's query and a review by filter's body both take them. */
export const ReviewFilterFields = {
  status: z
    .enum(['all', 'unreviewed'])
    .default('unreviewed')
    .openapi({ description: '"all" also takes ballots already decided (everything the list shows)' }),
  flag: z.enum(QUALITY_FLAGS).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  raterType: z.enum(RATER_TYPES).optional(),
  receivedFrom: hour.optional(),
  receivedBefore: hour.optional(),
};

export const ReviewFilterSchema = z.object(ReviewFilterFields).strict().openapi('ReviewFilter');

export const FilterPreviewSchema = z
  .object({
    matched: z.number().openapi({ description: 'Flagged recipient ballots the filter takes' }),
    toAccept: z.number().openapi({ description: 'Of them, not yet accepted: what "accept" would decide' }),
    toExclude: z.number().openapi({ description: 'Of them, not yet excluded: what "exclude" would decide' }),
    minimum: z.number().openapi({
      description:
        "The recipient group's minimum: a review by filter decides at least this many ballots; fewer are reviewed one by one",
    }),
  })
  .openapi('ReviewFilterPreview');

/** Times compared as stored: ISO UTC, to the second. */
function normalisedTime(value: string | undefined): string | undefined {
  return value === undefined ? undefined : new Date(value).toISOString().replace('.000Z', 'Z');
}

/** Checks what the schema cannot (a window that ends before it starts, a unit outside the scope). */
export async function checkReviewFilter(db: Db, campaignId: number, filter: ReviewFilter) {
  const { campaign, minimum, scope } = await campaignFacts(db, campaignId);
  const receivedFrom = normalisedTime(filter.receivedFrom);
  const receivedBefore = normalisedTime(filter.receivedBefore);
  if (receivedFrom && receivedBefore && receivedFrom >= receivedBefore) {
    throw new AppError(
      400,
      'invalid_window',
      'The received window must end after it starts (receivedFrom < receivedBefore).',
    );
  }
  if (filter.unitId !== undefined && !scope.has(filter.unitId)) {
    throw new AppError(422, 'unit_not_in_campaign', `Unit ${filter.unitId} is not in this campaign's scope.`);
  }
  return { campaign, minimum, filter: { ...filter, receivedFrom, receivedBefore } };
}

async function campaignFacts(db: Db, campaignId: number) {
  const campaign = await findCampaignOr404(db, campaignId);
  const loaded = await loadCampaign(db, campaign);
  const minimum = takingPart(loaded, 'recipient')?.minCount ?? 1;
  return { campaign, minimum, scope: new Set(loaded.units.map((u) => u.id)) };
}

const undecided = (decision: ReviewDecision) => (b: { review_status: string | null }) => b.review_status !== decision;

/** How many flagged ballots a filter takes and how many each decision would change. Changes nothing. */
export async function previewFilteredReview(db: Db, campaignId: number, requested: ReviewFilter) {
  const { minimum, filter } = await checkReviewFilter(db, campaignId, requested);
  const ballots = await findReviewableByFilter(db, campaignId, filter);
  return {
    matched: ballots.length,
    toAccept: ballots.filter(undecided('accepted')).length,
    toExclude: ballots.filter(undecided('excluded')).length,
    minimum,
  };
}

/**
 * Accepts or excludes every flagged recipient ballot a filter takes that does not have that decision yet,
 * in one transaction, each audited as a single review is (with the filter). `expected` is the count the
 * office confirmed: when ballots arrived or were decided since its preview, nothing changes (409). A
 * filter that would decide fewer ballots than the recipient group's minimum is refused: a set that small
 * is decided one by one, so a filter (a unit, an hour) is never a finer lens on a rater than the list.
 */
export async function reviewByFilter(
  deps: AppDeps,
  actorUserId: number,
  campaignId: number,
  request: { filter: ReviewFilter; decision: ReviewDecision; note: string | null; expected: number },
): Promise<number> {
  const { decision, note, expected } = request;
  return deps.db.transaction().execute(async (trx) => {
    const locked = await lockCampaign(trx, deps.dialect, campaignId);
    if (!locked) throw notFound(`Campaign ${campaignId}`);
    refuseWhenPublished(locked.status);
    const { minimum, filter } = await checkReviewFilter(trx, campaignId, request.filter);
    const ballots = (await findReviewableByFilter(trx, campaignId, filter)).filter(undecided(decision));
    if (ballots.length !== expected) {
      throw new AppError(
        409,
        'review_set_changed',
        `The filter now takes ${ballots.length} ballots to decide, not the ${expected} confirmed: ballots arrived or were reviewed meanwhile. Preview again. Nothing was changed.`,
        { count: ballots.length },
      );
    }
    if (ballots.length < minimum) {
      throw new AppError(
        422,
        'review_filter_too_narrow',
        `A review by filter decides at least ${minimum} ballots (the recipient group's minimum); this one would decide fewer. Review them one by one. Nothing was changed.`,
        { count: minimum },
      );
    }
    if (ballots.length > MAX_FILTER_REVIEW) {
      throw new AppError(
        422,
        'review_set_too_large',
        `A review by filter decides at most ${MAX_FILTER_REVIEW} ballots; this one would decide ${ballots.length}. Narrow the filter. Nothing was changed.`,
        { count: MAX_FILTER_REVIEW },
      );
    }
    const described = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
    for (const ballot of ballots) {
      await setBallotReview(trx, { id: ballot.id, campaignId, unitId: ballot.target_unit_id }, decision);
      await recordAudit(trx, {
        actorUserId,
        action: 'review_ballot',
        entityType: 'ballot',
        entityId: ballot.id,
        detail: { decision, note, campaignId, bulk: ballots.length, filter: described },
      });
    }
    return ballots.length;
  });
}
