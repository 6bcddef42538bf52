import type { CampaignSettings } from '../campaigns/campaign-settings.ts';
import { campaignHashKey } from '../crypto/keys.ts';
import { hmacHex } from '../crypto/hashing.ts';
import { AppError } from '../errors.ts';
import { campaignScope, type RateCount, type RateHit } from '../limits/rate-counter.ts';

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

/** Refuses the ballot when the device or the address has used up its ratings (the counts of openLimitHits). */
export function enforceOpenLimits(settings: CampaignSettings, [byDevice, byAddress]: readonly RateCount[]): void {
  if (!byDevice!.allowed) {
    throw new AppError(
      429,
      'rating_limit_reached',
      `This device has already rated this unit ${settings.access.openRating.perDevice.max} time(s); thank you. You can rate again later.`,
    );
  }
  if (!byAddress!.allowed) {
    throw new AppError(
      429,
      'rating_limit_reached',
      'Too many ratings from this network just now. Please try again later.',
    );
  }
}
