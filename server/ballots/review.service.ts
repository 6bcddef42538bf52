import { recordAudit } from '../audit/audit.repository.ts';
import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { findBallotForReview, listFlagged, setBallotReview } from './ballots.repository.ts';

export type ReviewDecision = 'accepted' | 'excluded';

/** Flagged ballots for the office to review, newest hour first. */
export async function listFlaggedBallots(db: Db, campaignId: number, limit: number) {
  const rows = await listFlagged(db, campaignId, limit);
  return rows.map((b) => ({
    id: b.id,
    raterType: b.rater_type,
    targetUnitId: b.target_unit_id,
    submittedHour: b.submitted_hour,
    flags: JSON.parse(b.flags ?? '[]') as string[],
    reviewStatus: b.review_status,
    answers: JSON.parse(b.answers) as Record<string, unknown>,
  }));
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
  if (ballot.status === 'published' || ballot.status === 'archived') {
    throw new AppError(
      409,
      'results_published',
      'The results of this campaign are published; a ballot can no longer be excluded or restored.',
    );
  }
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
