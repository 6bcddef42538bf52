import { z } from 'zod';
import { CampaignScoringSchema } from '../results/campaign-scoring.ts';

/**
 * A campaign's settings, stored as JSON on the campaign and frozen when it opens.
 * `scoring` is the scoring module's settings without what the campaign itself fixes (server/results/campaign-scoring.ts):
 * its shape is checked on every write, its cross-field rules when the campaign opens and whenever results are computed.
 */
const window = (max: number, hours: number) =>
  z.object({
    max: z.number().int().min(1).max(100_000).default(max),
    windowHours: z
      .number()
      .min(1 / 60)
      .max(24 * 90)
      .default(hours),
  });

export const AccessSettingsSchema = z.object({
  /** Open rating by a unit's QR code or link (service recipients). */
  openRating: z
    .object({
      enabled: z.boolean().default(true),
      /** Ballots one device may cast for one unit per window. */
      perDevice: window(2, 24).prefault({}),
      /** Ballots one IP address may cast per window (a service hall's Wi-Fi is shared: keep it generous). */
      perAddress: window(120, 1).prefault({}),
    })
    .prefault({}),
});

export const QualitySettingsSchema = z.object({
  /** A ballot filled faster than this is flagged as implausibly fast (seconds, per rater type). */
  minFillSeconds: z
    .object({
      superior: z.number().min(0).max(3600).default(30),
      peer: z.number().min(0).max(3600).default(20),
      recipient: z.number().min(0).max(3600).default(4),
    })
    .prefault({}),
  /** More ballots than this for one unit within the window is flagged as a burst. */
  burst: z
    .object({
      windowMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(10),
      maxPerUnit: z.number().int().min(1).default(40),
    })
    .prefault({}),
});

export const CampaignSettingsSchema = z.object({
  scoring: CampaignScoringSchema.optional(),
  access: AccessSettingsSchema.prefault({}),
  quality: QualitySettingsSchema.prefault({}),
});

export type CampaignSettings = z.infer<typeof CampaignSettingsSchema>;

/** Reads stored settings; stored settings were validated when written, so defaults fill only new fields. */
export function parseCampaignSettings(json: string): CampaignSettings {
  return CampaignSettingsSchema.parse(JSON.parse(json));
}
