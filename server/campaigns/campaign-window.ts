import type { Campaign } from '../db/schema.ts';
import { AppError } from '../errors.ts';

type CampaignWindow = Pick<Campaign, 'status' | 'starts_at' | 'ends_at'>;

/** Whether the campaign is open and `now` lies inside its window. */
export function acceptsBallots(campaign: CampaignWindow, now: Date): boolean {
  const at = now.toISOString();
  return campaign.status === 'open' && at >= campaign.starts_at && at < campaign.ends_at;
}

/** Refuses with a clear 4xx unless the campaign accepts ballots now. */
export function assertAcceptingBallots(campaign: CampaignWindow, now: Date): void {
  if (acceptsBallots(campaign, now)) return;
  const at = now.toISOString();
  if (campaign.status === 'draft' || (campaign.status === 'open' && at < campaign.starts_at)) {
    throw new AppError(
      409,
      'campaign_not_started',
      `This evaluation has not started yet; it opens at ${campaign.starts_at}.`,
    );
  }
  if (campaign.status !== 'open' || at >= campaign.ends_at) {
    throw new AppError(410, 'campaign_closed', 'This evaluation has closed; ballots are no longer accepted.');
  }
}
