import type { RaterType } from '../../scoring/rater-type.ts';
import { listBatchUsage } from '../access/codes.repository.ts';
import { loadCampaign } from '../campaigns/campaign-loader.ts';
import type { Db } from '../db/database.ts';
import type { Campaign } from '../db/schema.ts';
import { mixedBallotCounts, mixedQualityCounts, pendingBallotCounts, recipientsPerUnit } from './ballots.repository.ts';

/**
 * Live participation (decision 011): recipient ballots per unit, with how many are flagged; leaders' and
 * peers' ballots per rater type only (per unit they would show, for a peer, which unit's count did not
 * move); codes used per batch. Counts only, never who voted how.
 */
export async function participationOf(db: Db, campaign: Campaign) {
  const [{ units, raterTypes }, recipients, mixed, flags, pending, batches] = await Promise.all([
    loadCampaign(db, campaign),
    recipientsPerUnit(db, campaign.id),
    mixedBallotCounts(db, campaign.id),
    mixedQualityCounts(db, campaign.id),
    pendingBallotCounts(db, campaign.id),
    listBatchUsage(db, campaign.id),
  ]);
  const byUnit = new Map(recipients.map((r) => [r.target_unit_id, r]));
  const totals = raterTypes.map(({ raterType }) => totalFor(raterType, recipients, mixed, flags, pending));
  return {
    totalBallots: totals.reduce((sum, total) => sum + total.ballots, 0),
    raterTypes: totals,
    units: units.map((u) => ({
      unitId: u.id,
      code: u.code,
      name: u.name,
      recipientBallots: Number(byUnit.get(u.id)?.ballots ?? 0),
      recipientFlagged: Number(byUnit.get(u.id)?.flagged ?? 0),
    })),
    batches: batches.map((b) => ({
      id: b.id,
      raterType: b.rater_type,
      label: b.label,
      size: b.size,
      spent: Number(b.spent),
      voided: Number(b.voided),
    })),
  };
}

function totalFor(
  raterType: RaterType,
  recipients: Awaited<ReturnType<typeof recipientsPerUnit>>,
  mixed: Awaited<ReturnType<typeof mixedBallotCounts>>,
  flags: Awaited<ReturnType<typeof mixedQualityCounts>>,
  pending: Awaited<ReturnType<typeof pendingBallotCounts>>,
) {
  if (raterType === 'recipient') {
    const ballots = recipients.reduce((sum, r) => sum + Number(r.ballots), 0);
    const flagged = recipients.reduce((sum, r) => sum + Number(r.flagged), 0);
    return { raterType, ballots, waiting: 0, flagged, flags: [] as { flag: string; ballots: number }[] };
  }
  const waiting = Number(pending.find((p) => p.rater_type === raterType)?.n ?? 0);
  const received = Number(mixed.find((m) => m.rater_type === raterType)?.received ?? 0);
  const typeFlags = flags
    .filter((f) => f.rater_type === raterType)
    .map((f) => ({ flag: f.flag, ballots: Number(f.ballots) }));
  return { raterType, ballots: received + waiting, waiting, flagged: null, flags: typeFlags };
}
