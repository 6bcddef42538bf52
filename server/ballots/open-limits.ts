import type { CampaignSettings } from '../campaigns/campaign-settings.ts';
import { campaignHashKey } from '../crypto/keys.ts';
import { hmacHex } from '../crypto/hashing.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { campaignScope, hitRateCounter } from '../limits/rate-counter.ts';

/**
 * Per-device and per-address limits of open rating, keyed by hashes under the campaign's hash key (derived
 * from the server key, never stored), and deleted when the campaign closes. Counted inside the ballot's
 * transaction: a ballot that is not stored (a refused or duplicate one) uses up nothing.
 */
export async function enforceOpenLimits(
  db: Db,
  serverKey: string,
  campaignId: number,
  targetUnitId: number | null,
  settings: CampaignSettings,
  client: { deviceId: string; address: string },
  now: Date,
): Promise<void> {
  const open = settings.access.openRating;
  if (!open.enabled) {
    throw new AppError(403, 'open_rating_disabled', 'This evaluation accepts ratings by access code only.');
  }
  const key = campaignHashKey(serverKey, campaignId);
  const toWindow = (w: { max: number; windowHours: number }) => ({
    seconds: Math.round(w.windowHours * 3600),
    max: w.max,
  });
  const byDevice = await hitRateCounter(
    db,
    campaignScope(campaignId, 'device'),
    hmacHex(key, `${client.deviceId}|${targetUnitId}`),
    toWindow(open.perDevice),
    now,
  );
  if (!byDevice.allowed) {
    throw new AppError(
      429,
      'rating_limit_reached',
      `This device has already rated this unit ${open.perDevice.max} time(s); thank you. You can rate again later.`,
    );
  }
  const byAddress = await hitRateCounter(
    db,
    campaignScope(campaignId, 'address'),
    hmacHex(key, client.address),
    toWindow(open.perAddress),
    now,
  );
  if (!byAddress.allowed) {
    throw new AppError(
      429,
      'rating_limit_reached',
      'Too many ratings from this network just now. Please try again later.',
    );
  }
}
