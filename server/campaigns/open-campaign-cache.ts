import type { Db } from '../db/database.ts';
import type { Campaign } from '../db/schema.ts';
import { loadCampaign, type LoadedCampaign } from './campaign-loader.ts';

/** Long enough to serve a burst of ballots from memory, short enough that a renamed unit shows soon. */
const FRESH_MS = 60_000;
const MAX_CAMPAIGNS = 256;

/**
 * The configuration of open campaigns, kept per process for the ballot path. Opening freezes everything
 * the loader reads but the row itself (decision 006): while open, only the row's status (closing) and end
 * (extending) may change, and the ballot's own transaction reads those again, so a row cached here may be
 * stale without a ballot being taken that should not be. What may lag by at most FRESH_MS is a unit's
 * name edited in the catalog while the campaign runs. So nothing needs invalidating, in this process or
 * across app servers: a frozen configuration does not change.
 */
export class OpenCampaignCache {
  private readonly entries = new Map<number, { openedAt: string; loadedAt: number; loaded: LoadedCampaign }>();

  constructor(private readonly clock: () => number = () => Date.now()) {}

  /** The row of an open campaign as it was when its configuration was cached, while that is fresh. */
  cachedRow(campaignId: number): Campaign | null {
    const hit = this.entries.get(campaignId);
    return hit && this.clock() - hit.loadedAt < FRESH_MS ? hit.loaded.campaign : null;
  }

  async load(db: Db, campaign: Campaign): Promise<LoadedCampaign> {
    if (campaign.status !== 'open' || campaign.opened_at === null) return loadCampaign(db, campaign);
    const hit = this.entries.get(campaign.id);
    if (hit && hit.openedAt === campaign.opened_at && this.clock() - hit.loadedAt < FRESH_MS) {
      return { ...hit.loaded, campaign };
    }
    const loaded = await loadCampaign(db, campaign);
    this.entries.delete(campaign.id);
    if (this.entries.size >= MAX_CAMPAIGNS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(campaign.id, { openedAt: campaign.opened_at, loadedAt: this.clock(), loaded });
    return loaded;
  }
}
