import type { CampaignSettings } from '../campaigns/campaign-settings.ts';
import { campaignHashKey } from '../crypto/keys.ts';
import { hmacHex } from '../crypto/hashing.ts';
import { AppError } from '../errors.ts';
import type { Db } from '../db/database.ts';
import { campaignScope, peekRateCounters, type RateCount, type RateHit } from '../limits/rate-counter.ts';

/**
 * Per-device and per-address limits of open rating, keyed by hashes under the campaign's hash key (derived
 * from the server key, never stored), and deleted when the campaign closes. Counted with the ballot's
 * other counters in one statement (inside its savepoint on SQLite, just before its transaction on
 * PostgreSQL): a ballot that is not stored (a refused or duplicate one) uses up nothing.
 */
export function openLimitHits(
  serverKey: string,
  campaignId: number,
  targetUnitId: number | null,
  settings: CampaignSettings,
  client: { deviceId: string; address: string },
): [RateHit, RateHit] {
  const open = settings.access.openRating;
  if (!open.enabled) {
    throw new AppError(403, 'open_rating_disabled', 'This evaluation accepts ratings by access code only.');
  }
  const key = campaignHashKey(serverKey, campaignId);
  const toWindow = (w: { max: number; windowHours: number }) => ({
    seconds: Math.round(w.windowHours * 3600),
    max: w.max,
  });
  return [
    {
      scope: campaignScope(campaignId, 'device'),
      keyHash: hmacHex(key, `${client.deviceId}|${targetUnitId}`),
      window: toWindow(open.perDevice),
    },
    {
      scope: campaignScope(campaignId, 'address'),
      keyHash: hmacHex(key, client.address),
      window: toWindow(open.perAddress),
    },
  ];
}

/** Which limit a ballot would break, with the refusal the ballot POST answers; null when it is within both. */
function openLimitRefusal(
  settings: CampaignSettings,
  [byDevice, byAddress]: readonly RateCount[],
): { by: 'device' | 'address'; count: RateCount; error: AppError } | null {
  if (!byDevice!.allowed) {
    const error = new AppError(
      429,
      'rating_limit_reached',
      `This device has already rated this unit ${settings.access.openRating.perDevice.max} time(s); thank you. You can rate again later.`,
    );
    return { by: 'device', count: byDevice!, error };
  }
  if (!byAddress!.allowed) {
    const error = new AppError(
      429,
      'rating_limit_reached',
      'Too many ratings from this network just now. Please try again later.',
    );
    return { by: 'address', count: byAddress!, error };
  }
  return null;
}

/** Refuses the ballot when the device or the address has used up its ratings (the counts of openLimitHits). */
export function enforceOpenLimits(settings: CampaignSettings, counts: readonly RateCount[]): void {
  const refusal = openLimitRefusal(settings, counts);
  if (refusal) throw refusal.error;
}

/** Whether a device and its address may still rate a unit: what the ballot POST would decide now. */
export interface OpenLimitStatus {
  allowed: boolean;
  /** The limit that is used up; null when allowed. */
  reachedBy: 'device' | 'address' | null;
  /** When that limit's window ends; null when allowed. */
  retryAfterSeconds: number | null;
  perDevice: { max: number; windowHours: number };
}

/**
 * Tells a page, when it opens, whether the ballot it is about to fill would be refused by the limits:
 * the same hashes, windows and rule as the ballot's (openLimitHits, openLimitRefusal), read without
 * counting, so opening the page uses up nothing. The ballot POST stays the authority.
 */
export async function peekOpenLimits(
  db: Db,
  serverKey: string,
  campaignId: number,
  targetUnitId: number | null,
  settings: CampaignSettings,
  client: { deviceId: string; address: string },
  now: Date,
): Promise<OpenLimitStatus> {
  const hits = openLimitHits(serverKey, campaignId, targetUnitId, settings, client);
  const refusal = openLimitRefusal(settings, await peekRateCounters(db, hits, now));
  const { max, windowHours } = settings.access.openRating.perDevice;
  return {
    allowed: refusal === null,
    reachedBy: refusal?.by ?? null,
    retryAfterSeconds: refusal?.count.retryAfterSeconds ?? null,
    perDevice: { max, windowHours },
  };
}
