import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../app-deps.ts';
import { assertAcceptingBallots } from '../campaigns/campaign-window.ts';
import { findCampaignWindow } from '../campaigns/campaigns.repository.ts';
import { hitRateCounters, releaseRateCounters, type RateCount } from '../limits/rate-counter.ts';
import { withAdvisoryLock } from '../db/advisory-lock.ts';
import { randomCode } from '../crypto/random-code.ts';
import type { Db } from '../db/database.ts';
import type { BallotAccess } from './ballot-access.ts';
import { cardsOf } from './ballot-cards.ts';
import { putInInbox } from './ballot-inbox.ts';
import { insertBallot, insertReceipt, spendToken } from './ballots.repository.ts';
import { enforceOpenLimits, openLimitHits } from './open-limits.ts';
import { qualityFlags, qualityHits, storedFlags, type QualityInput } from './quality-flags.ts';
import { questionnaireShapeOf } from './questionnaire-shape.ts';

/** A ballot the questionnaire accepted, ready to store. */
export interface CheckedBallot {
  submissionHash: string;
  /** What the ballot row keeps (a one-unit ballot): the answers without the problem report. */
  answers: Record<string, unknown>;
  ratings: ReadonlyArray<{ unitId: number; item: string; points: number }>;
  /** A many-unit ballot's free-text answers, kept apart from its cards. */
  comments: readonly string[];
  problem: { description: string; contact: string | null; followupCode: string } | null;
  deviceId: string | undefined;
  fillSeconds: number | undefined;
  address: string;
}

export interface BallotReceipt {
  receipt: string;
  /** True when this was a retry of a ballot already accepted: nothing new was stored. */
  replayed: boolean;
}

/**
 * Stores one accepted ballot in one transaction, which holds nothing that joins it to a code (the code was
 * exchanged for the token in another, earlier transaction) and, for a ballot that rates many units,
 * nothing readable at all: its cards stay sealed until the campaign closes and the mixer writes all of
 * them at once (decision 011). A problem report goes into the inbox too, so it is written later, apart
 * from the ballot. On SQLite the transaction is a savepoint in a group commit (decision 009); either way
 * the promise resolves only once the ballot is durable. A retry of a stored ballot fails on its unique
 * submission hash (or token) and is answered with the first receipt: the replay check is the insert.
 */
export async function storeBallot(deps: AppDeps, access: BallotAccess, ballot: CheckedBallot, now: Date) {
  const receipt = randomCode(10);
  const manyUnits = access.targetUnitId === null;
  const campaignId = access.campaign.id;
  const openHits = access.tokenHash
    ? []
    : openLimitHits(deps.secret, campaignId, access.targetUnitId, access.settings, {
        deviceId: ballot.deviceId ?? '',
        address: ballot.address,
      });
  const quality: QualityInput = {
    campaignId,
    raterType: access.raterType,
    settings: access.settings.quality,
    questionnaire: questionnaireShapeOf(access.prepared.definition),
    fillSeconds: ballot.fillSeconds,
    targetUnitId: access.targetUnitId,
    answers: ballot.answers,
    ratings: ballot.ratings,
  };
  const hits = [...openHits, ...qualityHits(deps.secret, quality)];
  const store = async (trx: Db, counted: RateCount[] | null) => {
    // Read inside the transaction: a campaign closed a moment ago (by any app server) accepts nothing more.
    assertAcceptingBallots(await findCampaignWindow(trx, campaignId), now);
    if (access.tokenHash) await spendToken(trx, campaignId, access.tokenHash);
    const counts = counted ?? (await hitRateCounters(trx, hits, now));
    const flags = qualityFlags(quality, counts.slice(openHits.length));
    if (manyUnits) await sealManyUnitBallot(trx, deps.secret, access, ballot, flags, receipt);
    else await storeOneUnitBallot(trx, deps.secret, access, ballot, flags, receipt, now);
    // The limits are enforced after the insert: a retry racing its own first copy fails on the unique
    // submission hash and is answered as a replay, rather than refused by the count its twin made.
    if (openHits.length > 0) enforceOpenLimits(access.settings, counts);
  };
  if (deps.dialect === 'postgres') {
    // On PostgreSQL the counters are counted in a statement of their own before the ballot's transaction:
    // inside it, the row of an address that many raters share (a service hall's Wi-Fi) would stay locked
    // until each ballot commits, and those ballots would queue one by one. Copies of one submission then
    // run one after another under a lock on its hash, so a copy never counts while its twin is being
    // stored (and is refused by the twin's count before the twin's receipt is there to answer it with).
    // A ballot that is not stored gives its hits back.
    await withAdvisoryLock(deps.db, ballot.submissionHash, async (conn) => {
      const counted = await hitRateCounters(conn, hits, now);
      try {
        await conn.transaction().execute((trx) => store(trx, counted));
      } catch (error) {
        await releaseRateCounters(conn, hits, now);
        throw error;
      }
    });
  } else {
    // On SQLite (one writer) the counters stay in the ballot's savepoint of a group commit.
    await deps.writes.run((trx) => store(trx, null));
  }
  if (!manyUnits && canReportProblems(access)) deps.mixer.nudge(campaignId);
  return { receipt, replayed: false };
}

async function sealManyUnitBallot(
  trx: Db,
  serverKey: string,
  access: BallotAccess,
  ballot: CheckedBallot,
  flags: readonly string[],
  receipt: string,
) {
  const content = {
    kind: 'ballot' as const,
    cards: cardsOf(ballot.ratings),
    comments: [...ballot.comments],
    flags: [...flags],
  };
  await putInInbox(trx, serverKey, access.campaign.id, access.raterType, content);
  await insertReceipt(trx, access.campaign.id, ballot.submissionHash, receipt);
}

async function storeOneUnitBallot(
  trx: Db,
  serverKey: string,
  access: BallotAccess,
  ballot: CheckedBallot,
  flags: readonly string[],
  receipt: string,
  now: Date,
) {
  const [card = null] = cardsOf(ballot.ratings);
  await insertBallot(
    trx,
    {
      id: randomUUID(),
      campaign_id: access.campaign.id,
      rater_type: access.raterType,
      questionnaire_id: access.questionnaireId,
      target_unit_id: access.targetUnitId,
      receipt,
      submission_hash: ballot.submissionHash,
      submitted_hour: hourOf(now),
      answers: JSON.stringify(ballot.answers),
      flags: storedFlags(flags, ballot.fillSeconds),
      review_status: null,
    },
    card,
  );
  // A questionnaire that can report a problem always writes one sealed record, a report or nothing.
  if (canReportProblems(access) && access.targetUnitId !== null) {
    const content = ballot.problem
      ? { kind: 'problem' as const, unitId: access.targetUnitId, ...ballot.problem }
      : { kind: 'none' as const };
    await putInInbox(trx, serverKey, access.campaign.id, 'recipient', content);
  }
}

export function canReportProblems(access: BallotAccess): boolean {
  return access.prepared.problemReport.description !== undefined;
}

/** The submission time kept on a one-unit ballot: the hour only (decision 011). */
export function hourOf(now: Date): string {
  return `${now.toISOString().slice(0, 13)}:00:00Z`;
}
