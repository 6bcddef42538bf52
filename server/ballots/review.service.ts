import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findCampaignOr404 } from '../campaigns/campaign-loader.ts';
import { readCampaignSettings } from '../campaigns/campaign-settings.ts';
import { lockCampaign } from '../campaigns/campaigns.repository.ts';
import type { Db } from '../db/database.ts';
import type { CampaignStatus } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { findBallotForReview, setBallotReview } from './ballots.repository.ts';
import { findQuestionnaire } from '../questionnaires/questionnaires.repository.ts';
import { repeatLimitOf } from './flag-calibration.ts';
import { fillLimitOf, readStoredFlags, REPEAT_LIMIT } from './quality-flags.ts';
import { questionnaireShapeOf, type QuestionnaireShape } from './questionnaire-shape.ts';
import { countFlagged, findBallotsForReview, listFlaggedPage, type ReviewFilter } from './review.repository.ts';

export type ReviewDecision = 'accepted' | 'excluded';

/** Why a ballot of a bulk review cannot be reviewed. */
export type NotReviewable = 'not_found' | 'not_flagged' | 'not_reviewable';

/**
 * A page of flagged ballots for the office to review, newest hour first, with the campaign's quality
 * thresholds and each ballot's own limits (they depend on its questionnaire and answers), so each flag
 * can be explained. Only recipient ballots have rows to list (a leader's or a peer's ballot is cards
 * only, its flags counted per rater type: decision 011), and only theirs ever show their answers.
 */
export async function listFlaggedBallots(
  db: Db,
  campaignId: number,
  query: { limit: number; offset: number; filter: ReviewFilter },
) {
  const campaign = await findCampaignOr404(db, campaignId);
  const [rows, total, unreviewed] = await Promise.all([
    listFlaggedPage(db, campaignId, query.filter, query),
    countFlagged(db, campaignId, query.filter),
    countFlagged(db, campaignId, { status: 'unreviewed' }),
  ]);
  const quality = readCampaignSettings(campaign.settings).value?.quality ?? null;
  const shapes = await shapesOf(
    db,
    rows.map((b) => b.questionnaire_id),
  );
  const ballots = rows.map((b) => {
    const { flags, fillSeconds } = readStoredFlags(b.flags);
    const answers = JSON.parse(b.answers) as Record<string, unknown>;
    const shape = shapes.get(b.questionnaire_id);
    return {
      id: b.id,
      raterType: b.rater_type,
      targetUnitId: b.target_unit_id,
      submittedHour: b.submitted_hour,
      flags,
      fillSeconds,
      reviewStatus: b.review_status,
      answers: b.rater_type === 'recipient' ? answers : null,
      limits:
        quality && shape
          ? {
              minFillSeconds: fillLimitOf({
                settings: quality,
                raterType: b.rater_type,
                questionnaire: shape,
                answers,
                ratings: [],
              }),
              repeatLimit: repeatLimitOf(shape, answers, quality.burst.maxPerUnit),
            }
          : null,
    };
  });
  const thresholds = quality && {
    minFillSeconds: quality.minFillSeconds.recipient,
    burstWindowMinutes: quality.burst.windowMinutes,
    burstMaxPerUnit: quality.burst.maxPerUnit,
    repeatLimit: REPEAT_LIMIT,
  };
  return { total, unreviewed, offset: query.offset, limit: query.limit, thresholds, ballots };
}

/** The shapes of the questionnaires these ballots answered, read once each. */
async function shapesOf(db: Db, ids: readonly number[]): Promise<Map<number, QuestionnaireShape>> {
  const shapes = new Map<number, QuestionnaireShape>();
  for (const id of new Set(ids)) {
    const questionnaire = await findQuestionnaire(db, id);
    if (questionnaire) shapes.set(id, questionnaireShapeOf(JSON.parse(questionnaire.definition) as object));
  }
  return shapes;
}

export function refuseWhenPublished(status: CampaignStatus): void {
  if (status === 'published' || status === 'archived') {
    throw new AppError(
      409,
      'results_published',
      'The results of this campaign are published; a ballot can no longer be excluded or restored.',
    );
  }
}

/**
 * Accepts or excludes a flagged ballot until its campaign is published: an excluded ballot keeps its
 * ratings but they stop counting. Every decision is audited.
 */
export async function reviewBallot(
  db: Db,
  actorUserId: number,
  ballotId: string,
  decision: ReviewDecision,
  note: string | null,
): Promise<void> {
  const ballot = await findBallotForReview(db, ballotId);
  if (!ballot) throw notFound(`Ballot ${ballotId}`);
  refuseWhenPublished(ballot.status);
  await db.transaction().execute(async (trx) => {
    const target = { id: ballotId, campaignId: ballot.campaign_id, unitId: ballot.target_unit_id };
    await setBallotReview(trx, target, decision);
    await recordAudit(trx, {
      actorUserId,
      action: 'review_ballot',
      entityType: 'ballot',
      entityId: ballotId,
      detail: { decision, note, campaignId: ballot.campaign_id },
    });
  });
}

/**
 * Accepts or excludes many flagged ballots of one campaign in one transaction, each audited as a single
 * review is. All or nothing: when any id is not a flagged recipient ballot of this campaign, nothing
 * changes and the refusal lists each such id with why. The campaign row is held for the transaction
 * (PostgreSQL), so a publication cannot slip in between the check and the change.
 */
export async function reviewBallots(
  deps: AppDeps,
  actorUserId: number,
  campaignId: number,
  request: { ids: readonly string[]; decision: ReviewDecision; note: string | null },
): Promise<number> {
  const { ids, decision, note } = request;
  return deps.db.transaction().execute(async (trx) => {
    const campaign = await lockCampaign(trx, deps.dialect, campaignId);
    if (!campaign) throw notFound(`Campaign ${campaignId}`);
    refuseWhenPublished(campaign.status);
    const found = new Map((await findBallotsForReview(trx, campaignId, ids)).map((b) => [b.id, b]));
    const problems = ids.flatMap((id): Array<{ id: string; code: NotReviewable }> => {
      const ballot = found.get(id);
      // A ballot of another campaign is answered as one that does not exist.
      if (!ballot) return [{ id, code: 'not_found' }];
      if (ballot.flags === null) return [{ id, code: 'not_flagged' }];
      if (ballot.rater_type !== 'recipient' || ballot.target_unit_id === null) return [{ id, code: 'not_reviewable' }];
      return [];
    });
    if (problems.length > 0) {
      const listed = problems
        .slice(0, 5)
        .map((p) => `${p.id} (${p.code})`)
        .join(', ');
      throw new AppError(
        422,
        'ballots_not_reviewable',
        `${problems.length} of the ${ids.length} ballots cannot be reviewed in campaign ${campaignId}: ${listed}${problems.length > 5 ? ' …' : ''}. Nothing was changed.`,
        { count: problems.length, problems },
      );
    }
    for (const id of ids) {
      const ballot = found.get(id)!;
      await setBallotReview(trx, { id, campaignId, unitId: ballot.target_unit_id }, decision);
      await recordAudit(trx, {
        actorUserId,
        action: 'review_ballot',
        entityType: 'ballot',
        entityId: id,
        detail: { decision, note, campaignId, bulk: ids.length },
      });
    }
    return ids.length;
  });
}
