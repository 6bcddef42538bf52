import { sha256Hex } from '../crypto/hashing.ts';
import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../errors.ts';
import { openAccessForBallot, tokenAccess, type BallotAccess, type BallotToken } from './ballot-access.ts';
import { MAX_REPORT_BYTES } from './ballot-inbox.ts';
import { storeBallot, type BallotReceipt, type CheckedBallot } from './ballot-store.ts';
import { findReceipt } from './ballots.repository.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import { deriveFollowupCode } from '../followups/followup-code.ts';
import { followupOnReceipt, type ReceiptFollowup } from '../followups/followup-sms.ts';

export interface BallotInput {
  campaignId: number;
  questionnaireId: number;
  submissionId: string;
  answers: Record<string, unknown>;
  /** Open rating: the unit from the QR code or link. */
  unitId?: number;
  /** Code access: the token the page got for its code (RFC 9474), never the code itself. */
  token?: BallotToken;
  /** Open rating: a random id the page keeps on the device, for the per-device limit. */
  deviceId?: string;
  /** How long the rater took, as measured by the page; a quality signal only. */
  fillSeconds?: number;
}

/** The receipt the page shows: with a follow-up code when the ballot carried a problem report. */
export interface SubmitReceipt extends BallotReceipt {
  /** Only with a problem report (absent otherwise, as the receipt always was). */
  followup?: ReceiptFollowup;
}

/**
 * Accepts one ballot; a retry with the same submission id returns the first receipt and stores nothing.
 * A ballot opened with a code carries the token the code was exchanged for, so nothing the server stores
 * with the ballot names the code (decision 011). A problem report's follow-up code is derived from the
 * submission id, so a retry that gets as far as the check gets the same code again; nothing stores it.
 */
export async function submitBallot(
  deps: AppDeps,
  input: BallotInput,
  address: string,
  now: Date,
): Promise<SubmitReceipt> {
  const submissionHash = sha256Hex(input.submissionId);
  const checked: { problem: CheckedBallot['problem'] } = { problem: null };
  const followup = () => (checked.problem ? { followup: followupOnReceipt(deps, checked.problem) } : {});
  try {
    const stored = await acceptBallot(deps, input, submissionHash, address, now, checked);
    return { ...stored, ...followup() };
  } catch (error) {
    // A retry of a ballot already stored fails on its unique submission hash or token, or is refused on
    // the way (its device's limit used up, the campaign closed since): it gets its first receipt (and its
    // follow-up code, when the retry got as far as reading the report again).
    const unique = isUniqueViolation(error);
    if (unique || error instanceof AppError) {
      const earlier = await findReceipt(deps.db, submissionHash);
      if (earlier) return { receipt: earlier, replayed: true, ...followup() };
    }
    // A unique violation with no receipt stored: the token was redeemed by another ballot.
    if (unique && input.token) {
      throw new AppError(409, 'code_spent', 'This code has already been used; each code can be used once.');
    }
    throw error;
  }
}

async function acceptBallot(
  deps: AppDeps,
  input: BallotInput,
  submissionHash: string,
  address: string,
  now: Date,
  checkedOut: { problem: CheckedBallot['problem'] },
): Promise<BallotReceipt> {
  const access = await accessFor(deps, input, now);
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
    // Each problem's code lets the page say what is wrong in the respondent's language (the message is English).
    const problems = checked.errors.map(({ question, code, message }) => ({ question, code, message }));
    throw new AppError(422, 'invalid_answers', `Some answers are not allowed by the questionnaire. ${detail}`, {
      problems,
    });
  }
  if (checked.ratings.some((r) => !access.allowedUnitIds.has(r.unitId))) {
    throw new AppError(422, 'invalid_answers', 'A rating names a unit this ballot may not rate.');
  }
  if (!access.tokenHash && !input.deviceId) {
    throw new AppError(400, 'invalid_request', 'Open rating needs deviceId (the page sends it).');
  }
  const ballot = checkedBallot(deps.secret, access, checked, submissionHash, input, address);
  checkedOut.problem = ballot.problem;
  return storeBallot(deps, access, ballot, now);
}

function accessFor(deps: AppDeps, input: BallotInput, now: Date): Promise<BallotAccess> {
  if (input.token && input.unitId === undefined) return tokenAccess(deps, input.campaignId, input.token, now);
  if (input.unitId !== undefined && !input.token) return openAccessForBallot(deps, input.campaignId, input.unitId, now);
  throw new AppError(400, 'invalid_request', 'Send either token (code access) or unitId (open rating).');
}

/**
 * What is stored of the answers: a problem report (pyProblemReport) leaves them for a record of its own,
 * and a many-unit ballot keeps only its cards and comment.
 */
function checkedBallot(
  serverKey: string,
  access: BallotAccess,
  checked: { answers: Record<string, unknown>; ratings: CheckedBallot['ratings'] },
  submissionHash: string,
  input: BallotInput,
  address: string,
): CheckedBallot {
  const { description: descriptionKey, contact: contactKey } = access.prepared.problemReport;
  const answers = { ...checked.answers };
  const description = descriptionKey === undefined ? undefined : answers[descriptionKey];
  const contact = contactKey === undefined ? undefined : answers[contactKey];
  if (descriptionKey !== undefined) delete answers[descriptionKey];
  if (contactKey !== undefined) delete answers[contactKey];
  // Only a one-unit ballot carries a report (storeBallot seals it for its unit): the code goes with it.
  const problem =
    typeof description === 'string' && description.trim() !== '' && access.targetUnitId !== null
      ? {
          description: description.trim(),
          contact: typeof contact === 'string' && contact.trim() !== '' ? contact.trim() : null,
          followupCode: deriveFollowupCode(serverKey, input.submissionId),
        }
      : null;
  if (problem && Buffer.byteLength(JSON.stringify(problem)) > MAX_REPORT_BYTES) {
    throw new AppError(422, 'problem_report_too_long', 'The problem report is too long; shorten it and send again.');
  }
  // A many-unit ballot keeps its free text (every text answer) apart from its cards.
  const comments = Object.values(answers).filter(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  return {
    submissionHash,
    answers,
    ratings: checked.ratings,
    comments,
    problem,
    deviceId: input.deviceId,
    fillSeconds: input.fillSeconds,
    address,
  };
}
