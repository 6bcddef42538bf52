import type { MiddlewareHandler } from 'hono';
import type { RespondentShellNames } from '../../formats/respondent-shell.ts';
import type { AppDeps } from '../app-deps.ts';
import { findCampaignBySlug, findCampaignUnit } from '../campaigns/campaigns.repository.ts';
import { findUnitByCode } from '../catalog/catalog.repository.ts';
import type { UserRole } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { openAccessBySlugs, type BallotAccess } from './ballot-access.ts';
import { peekOpenLimits, type OpenLimitStatus } from './open-limits.ts';

/** What the respondent routes need from features built on ballots (wired by server/app.ts). */
export interface RespondHooks {
  /** Whether a campaign's results are published (publications/), for a closed campaign's QR page. */
  resultsPublished(campaignId: number): Promise<boolean>;
}

/**
 * The QR route's answers hold the moment and the device (the campaign's state, the device's limits): no
 * browser may keep one. Chromium keeps a 410 without caching headers fresh for ever, so a phone that once
 * read "closed" would never learn that the results came out.
 */
export const notKept: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('cache-control', 'no-store');
};

/**
 * Open rating by a unit's QR code or link. A closed campaign's refusal also says whether its results are
 * published, so the page can link to them instead of a dead end.
 */
export async function openRatingAccess(
  deps: AppDeps,
  hooks: RespondHooks,
  slugs: { campaign: string; unit: string },
  viewer: { role: UserRole } | null,
  now: Date,
): Promise<BallotAccess> {
  try {
    return await openAccessBySlugs(deps, slugs.campaign, slugs.unit, now, viewer);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'campaign_closed') throw error;
    const campaign = await findCampaignBySlug(deps.readDb, slugs.campaign);
    const published = campaign ? await hooks.resultsPublished(campaign.id) : false;
    throw new AppError(error.status, error.code, error.message, { ...error.extra, published });
  }
}

/** Whether this device and address may still rate the unit; null when the page sent no device id. */
export async function openLimitOf(
  deps: AppDeps,
  access: BallotAccess,
  client: { deviceId: string | undefined; address: string },
  now: Date,
): Promise<OpenLimitStatus | null> {
  if (client.deviceId === undefined) return null;
  const { deviceId, address } = client;
  return peekOpenLimits(
    deps.readDb,
    deps.secret,
    access.campaign.id,
    access.targetUnitId,
    access.settings,
    {
      deviceId,
      address,
    },
    now,
  );
}

/**
 * The names the server writes into a QR page's HTML before any script runs: the campaign's, and the unit's
 * when the campaign rates it. Nothing for a draft (its link answers like one never made) or an unknown
 * campaign; read-only and cheap (two lookups by unique key and one by primary key).
 */
export async function respondentShellNames(
  deps: AppDeps,
  campaignSlug: string,
  unitCode: string,
): Promise<RespondentShellNames | null> {
  const campaign = await findCampaignBySlug(deps.readDb, campaignSlug);
  if (!campaign || campaign.status === 'draft') return null;
  const unit = await findUnitByCode(deps.readDb, unitCode);
  const inScope = unit ? await findCampaignUnit(deps.readDb, campaign.id, unit.id) : undefined;
  return {
    campaign: { slug: campaign.slug, name: campaign.name, nameEn: campaign.name_en },
    unit: unit && inScope ? { code: unit.code, name: unit.name, nameEn: unit.name_en } : null,
  };
}
