// The ballot counts a publication names (scoring/result-types.ts, BallotCountName): received, excluded
// after review, only 不了解, counted — so "181 received · 15 only 不了解 · 166 counted" adds up on paper.
// Received comes from participation's own counters; counted is what the scores were computed from.
// Leaders and peers are counted per rater type only (their ballots are unlinked cards, decision 011), so
// per unit only their counted ballots are known.
import type { RaterType } from '../../scoring/rater-type.ts';
import { mixedBallotCounts, recipientsPerUnit } from '../ballots/ballots.repository.ts';
import type { Db } from '../db/database.ts';
import type { CampaignResults } from '../results/results-compute.ts';
import { excludedRecipientsPerUnit } from './publications.repository.ts';

export interface BallotCounts {
  readonly received: number;
  readonly excluded: number;
  readonly onlyDontKnow: number;
  readonly counted: number;
}

/** What the counters hold beside the computed results: ballots received, and recipients excluded. */
export interface ReceivedCounts {
  readonly recipientsByUnit: ReadonlyMap<number, { readonly received: number; readonly excluded: number }>;
  readonly mixedReceived: ReadonlyMap<RaterType, number>;
}

export async function receivedCounts(db: Db, campaignId: number): Promise<ReceivedCounts> {
  const [recipients, excluded, mixed] = await Promise.all([
    recipientsPerUnit(db, campaignId),
    excludedRecipientsPerUnit(db, campaignId),
    mixedBallotCounts(db, campaignId),
  ]);
  const excludedByUnit = new Map(excluded.map((row) => [row.target_unit_id, Number(row.excluded)]));
  return {
    recipientsByUnit: new Map(
      recipients.map((row) => [
        row.target_unit_id,
        { received: Number(row.ballots), excluded: excludedByUnit.get(row.target_unit_id) ?? 0 },
      ]),
    ),
    mixedReceived: new Map(mixed.map((row) => [row.rater_type, Number(row.received)])),
  };
}

export function ballotCounts(received: number, excluded: number, counted: number): BallotCounts {
  return { received, excluded, onlyDontKnow: Math.max(0, received - excluded - counted), counted };
}

/** One unit's recipients: every count, since recipient ballots each rate one unit. */
export function unitRecipientCounts(counts: ReceivedCounts, unitId: number, counted: number): BallotCounts {
  const unit = counts.recipientsByUnit.get(unitId) ?? { received: counted, excluded: 0 };
  return ballotCounts(unit.received, unit.excluded, counted);
}

/** Per rater type taking part: the four counts, in the campaign's order of rater types. */
export function raterTypeCounts(computed: CampaignResults, counts: ReceivedCounts) {
  const inScope = new Set(computed.context.units.map((unit) => unit.id));
  return computed.context.raterTypes.map(({ raterType }) => {
    const counted = computed.results.raterTypes[raterType].ballotsReceived;
    if (raterType !== 'recipient')
      return { raterType, ...ballotCounts(counts.mixedReceived.get(raterType) ?? counted, 0, counted) };
    let received = 0;
    let excluded = 0;
    for (const [unitId, unit] of counts.recipientsByUnit) {
      if (!inScope.has(unitId)) continue;
      received += unit.received;
      excluded += unit.excluded;
    }
    return { raterType, ...ballotCounts(received, excluded, counted) };
  });
}
