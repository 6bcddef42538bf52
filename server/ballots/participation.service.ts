import { listBatchUsage } from '../access/codes.repository.ts';
import { loadCampaign } from '../campaigns/campaign-loader.ts';
import type { Db } from '../db/database.ts';
import type { Campaign } from '../db/schema.ts';
import { countCampaignBallots, receivedPerUnit } from './ballots.repository.ts';

/** Live participation: ballots per unit × rater type and codes spent per batch — never who voted how. */
export async function participationOf(db: Db, campaign: Campaign) {
  const [{ units, raterTypes }, received, batches, total] = await Promise.all([
    loadCampaign(db, campaign),
    receivedPerUnit(db, campaign.id),
    listBatchUsage(db, campaign.id),
    countCampaignBallots(db, campaign.id),
  ]);
  const byKey = new Map(received.map((r) => [`${r.unit_id}|${r.rater_type}`, r]));
  return {
    totalBallots: total,
    units: units.map((u) => ({
      unitId: u.id,
      code: u.code,
      name: u.name,
      counts: raterTypes.map(({ raterType }) => {
        const row = byKey.get(`${u.id}|${raterType}`);
        return { raterType, ballots: Number(row?.ballots ?? 0), flagged: Number(row?.flagged ?? 0) };
      }),
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
