import { randomUUID } from 'node:crypto';
import { campaignKey, campaignScope } from '../access/campaign-keys.ts';
import { spendCode } from '../access/codes.repository.ts';
import { randomCode } from '../crypto/random-code.ts';
import { hmacHex, sha256Hex } from '../crypto/hashing.ts';
import type { AppDeps } from '../app-deps.ts';
import type { CampaignSettings } from '../campaigns/campaign-settings.ts';
import { assertAcceptingBallots } from '../campaigns/campaign-window.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { hitRateCounter } from '../limits/rate-counter.ts';
import { codeAccess, openAccessForBallot, type BallotAccess } from './ballot-access.ts';
import { findBallotBySubmission, insertBallot } from './ballots.repository.ts';
import { qualityFlags } from './quality-flags.ts';
import { isUniqueViolation } from '../db/db-errors.ts';

export interface BallotInput {
  campaignId: number;
  questionnaireId: number;
  submissionId: string;
  answers: Record<string, unknown>;
  /** Open rating: the unit from the QR code or link. */
  unitId?: number;
  /** Code access: the one-time code. */
  code?: string;
  /** Open rating: a random id the page keeps on the device, for the per-device limit. */
  deviceId?: string;
  /** How long the rater took, as measured by the page; a quality signal only. */
  fillSeconds?: number;
}

export interface BallotReceipt {
  receipt: string;
  /** True when this was a retry of a ballot already accepted: nothing new was stored. */
  replayed: boolean;
}

/**
 * Accepts one ballot. The code (if any) is spent and the ballot and its ratings are stored in one
 * transaction; a retry with the same submission id returns the first receipt and stores nothing.
 */
export async function submitBallot(
  deps: AppDeps,
  input: BallotInput,
  address: string,
  now: Date,
): Promise<BallotReceipt> {
  const submissionHash = sha256Hex(input.submissionId);
  const earlier = await findBallotBySubmission(deps.db, submissionHash);
  if (earlier) return { receipt: earlier.receipt, replayed: true };

  const access = await accessFor(deps, input, submissionHash, address, now);
  if ('receipt' in access) return access;
  if (access.campaign.id !== input.campaignId)
    throw new AppError(409, 'code_other_campaign', 'This code belongs to another evaluation.');
  if (access.questionnaireId !== input.questionnaireId) {
    throw new AppError(
      409,
      'questionnaire_changed',
      'The questionnaire has changed since this page was opened; reload the page and answer again.',
    );
  }
  const checked = access.prepared.validate(input.answers);
  if (!checked.ok) {
    const detail = checked.errors.map((e) => e.message).join('; ');
    throw new AppError(422, 'invalid_answers', `Some answers are not allowed by the questionnaire. ${detail}`);
  }
  if (checked.ratings.some((r) => !access.allowedUnitIds.has(r.unitId))) {
    throw new AppError(422, 'invalid_answers', 'A rating names a unit this ballot may not rate.');
  }
  if (!access.codeHash && !input.deviceId)
    throw new AppError(400, 'invalid_request', 'Open rating needs deviceId (the page sends it).');
  return storeBallot(
    deps,
    access,
    {
      submissionHash,
      answers: checked.answers,
      ratings: checked.ratings,
      deviceId: input.deviceId,
      fillSeconds: input.fillSeconds,
      address,
    },
    now,
  );
}

/**
 * Who may cast this ballot. A retry racing its own first attempt can find the code already spent by
 * that attempt: then the stored ballot's receipt is the answer, not a refusal.
 */
async function accessFor(
  deps: AppDeps,
  input: BallotInput,
  submissionHash: string,
  address: string,
  now: Date,
): Promise<BallotAccess | BallotReceipt> {
  if (!input.code) return openAccessForBallot(deps, input.campaignId, requireUnit(input), now);
  try {
    return await codeAccess(deps, input.code, address, now);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'code_spent')) throw error;
    const twin = await findBallotBySubmission(deps.db, submissionHash);
    if (twin) return { receipt: twin.receipt, replayed: true };
    throw error;
  }
}

function requireUnit(input: BallotInput): number {
  if (input.unitId === undefined)
    throw new AppError(400, 'invalid_request', 'Send either code (code access) or unitId (open rating).');
  return input.unitId;
}

/**
 * Per-device and per-address limits of open rating, keyed by hashes under the campaign's own key.
 * Counted inside the ballot's transaction: a ballot that is not stored (a refused or duplicate one)
 * uses up nothing.
 */
async function enforceOpenLimits(
  db: Db,
  access: BallotAccess,
  settings: CampaignSettings,
  deviceId: string,
  address: string,
  now: Date,
) {
  const open = settings.access.openRating;
  if (!open.enabled)
    throw new AppError(403, 'open_rating_disabled', 'This evaluation accepts ratings by access code only.');
  const key = await campaignKey(db, access.campaign.id);
  const toWindow = (w: { max: number; windowHours: number }) => ({
    seconds: Math.round(w.windowHours * 3600),
    max: w.max,
  });
  const byDevice = await hitRateCounter(
    db,
    campaignScope(access.campaign.id, 'device'),
    hmacHex(key, `${deviceId}|${access.targetUnitId}`),
    toWindow(open.perDevice),
    now,
  );
  if (!byDevice.allowed) {
    throw new AppError(
      429,
      'rating_limit_reached',
      `This device has already rated this unit ${open.perDevice.max} time(s); thank you. You can rate again later.`,
    );
  }
  const byAddress = await hitRateCounter(
    db,
    campaignScope(access.campaign.id, 'address'),
    hmacHex(key, address),
    toWindow(open.perAddress),
    now,
  );
  if (!byAddress.allowed) {
    throw new AppError(
      429,
      'rating_limit_reached',
      'Too many ratings from this network just now. Please try again later.',
    );
  }
}

interface CheckedBallot {
  submissionHash: string;
  answers: Record<string, unknown>;
  ratings: ReadonlyArray<{ unitId: number; item: string; points: number }>;
  deviceId: string | undefined;
  fillSeconds: number | undefined;
  address: string;
}

async function storeBallot(
  deps: AppDeps,
  access: BallotAccess,
  ballot: CheckedBallot,
  now: Date,
): Promise<BallotReceipt> {
  const ballotId = randomUUID();
  const receipt = randomCode(10);
  const { campaign, raterType } = access;
  try {
    await deps.db.transaction().execute(async (trx) => {
      // Re-read inside the transaction: a campaign closed a moment ago accepts nothing more.
      const current = await trx
        .selectFrom('campaigns')
        .select(['status', 'starts_at', 'ends_at'])
        .where('id', '=', campaign.id)
        .executeTakeFirstOrThrow();
      assertAcceptingBallots(current, now);
      if (access.codeHash && !(await spendCode(trx, access.codeHash))) {
        throw new AppError(409, 'code_spent', 'This code has already been used; each code can be used once.');
      }
      const { settings } = access;
      if (!access.codeHash) await enforceOpenLimits(trx, access, settings, ballot.deviceId ?? '', ballot.address, now);
      const flags = await qualityFlags(
        trx,
        {
          campaignId: campaign.id,
          raterType,
          settings: settings.quality,
          fillSeconds: ballot.fillSeconds,
          targetUnitId: access.targetUnitId,
          answers: ballot.answers,
          ratings: ballot.ratings,
        },
        now,
      );
      await insertBallot(
        trx,
        {
          id: ballotId,
          campaign_id: campaign.id,
          rater_type: raterType,
          questionnaire_id: access.questionnaireId,
          target_unit_id: access.targetUnitId,
          receipt,
          submission_hash: ballot.submissionHash,
          submitted_hour: hourOf(now),
          answers: JSON.stringify(ballot.answers),
          flags: flags.length > 0 ? JSON.stringify(flags) : null,
          review_status: null,
        },
        ballot.ratings.map((r) => ({
          ballot_id: ballotId,
          campaign_id: campaign.id,
          rater_type: raterType,
          unit_id: r.unitId,
          item: r.item,
          points: r.points,
        })),
      );
    });
  } catch (error) {
    // The same submission raced itself (or its code was spent by its own twin): answer with the stored receipt.
    if (isUniqueViolation(error) || (error instanceof AppError && error.code === 'code_spent')) {
      const winner = await findBallotBySubmission(deps.db, ballot.submissionHash);
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
