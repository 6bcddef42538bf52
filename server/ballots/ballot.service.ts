import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../app-deps.ts';
import { randomCode, sha256Hex } from '../access/random-code.ts';
import { assertAcceptingBallots } from '../campaigns/campaign-window.ts';
import { findCampaign, findCampaignUnit, findRaterTypeQuestionnaire } from '../campaigns/campaigns.repository.ts';
import { AppError, notFound } from '../errors.ts';
import { findBallotBySubmission, insertBallot } from './ballots.repository.ts';
import { isUniqueViolation } from './unique-violation.ts';

export interface OpenBallotInput {
  campaignId: number;
  unitId: number;
  questionnaireId: number;
  submissionId: string;
  answers: Record<string, unknown>;
}

export interface BallotReceipt {
  receipt: string;
  /** True when this was a retry of a ballot already accepted: nothing new was stored. */
  replayed: boolean;
}

/**
 * Accepts a service recipient's ballot from an open (QR / link) rating. The ballot and its ratings are
 * stored in one transaction; a retry with the same submission id returns the first receipt.
 */
export async function submitOpenBallot(deps: AppDeps, input: OpenBallotInput, now: Date): Promise<BallotReceipt> {
  const { db } = deps;
  const submissionHash = sha256Hex(input.submissionId);
  const earlier = await findBallotBySubmission(db, submissionHash);
  if (earlier) return { receipt: earlier.receipt, replayed: true };

  const campaign = await findCampaign(db, input.campaignId);
  if (!campaign) throw notFound(`Campaign ${input.campaignId}`);
  assertAcceptingBallots(campaign, now);
  const unit = await findCampaignUnit(db, campaign.id, input.unitId);
  if (!unit) throw new AppError(404, 'unit_not_in_campaign', `Unit ${input.unitId} is not rated in this campaign.`);
  const questionnaire = await findRaterTypeQuestionnaire(db, campaign.id, 'recipient');
  if (!questionnaire) throw new AppError(409, 'rater_type_not_in_campaign', 'This campaign takes no service-recipient ratings.');
  if (questionnaire.id !== input.questionnaireId) {
    throw new AppError(409, 'questionnaire_changed', 'The questionnaire has changed since this page was opened; reload the page and answer again.');
  }

  const prepared = deps.questionnaires.get(questionnaire, { targetUnitId: unit.unit_id }, `open:${unit.unit_id}`);
  const checked = prepared.validate(input.answers);
  if (!checked.ok) {
    const detail = checked.errors.map((e) => `${e.question}: ${e.message}`).join('; ');
    throw new AppError(422, 'invalid_answers', `Some answers are not allowed by the questionnaire. ${detail}`);
  }
  for (const rating of checked.ratings) {
    if (rating.unitId !== unit.unit_id) throw new AppError(422, 'invalid_answers', 'A rating names a unit this ballot may not rate.');
  }

  const ballotId = randomUUID();
  const receipt = randomCode(10);
  try {
    await db.transaction().execute(async (trx) => {
      await insertBallot(
        trx,
        {
          id: ballotId,
          campaign_id: campaign.id,
          rater_type: 'recipient',
          questionnaire_id: questionnaire.id,
          target_unit_id: unit.unit_id,
          receipt,
          submission_hash: submissionHash,
          submitted_hour: hourOf(now),
          answers: JSON.stringify(checked.answers),
          flags: null,
        },
        checked.ratings.map((r) => ({
          ballot_id: ballotId,
          campaign_id: campaign.id,
          rater_type: 'recipient' as const,
          unit_id: r.unitId,
          item: r.item,
          points: r.points,
        })),
      );
    });
  } catch (error) {
    // Two copies of one submission raced: the other one was stored, so answer with its receipt.
    if (isUniqueViolation(error)) {
      const winner = await findBallotBySubmission(db, submissionHash);
      if (winner) return { receipt: winner.receipt, replayed: true };
    }
    throw error;
  }
  return { receipt, replayed: false };
}

/** The submission time kept on a ballot: the hour only (decision 002). */
export function hourOf(now: Date): string {
  return `${now.toISOString().slice(0, 13)}:00:00Z`;
}
