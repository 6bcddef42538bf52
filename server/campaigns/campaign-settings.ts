import { z } from 'zod';
import { CampaignScoringSchema } from './campaign-scoring.ts';
import { movedSettings } from './moved-settings.ts';

/**
 * A campaign's settings, stored as JSON on the campaign and frozen when it opens: the one home of their
 * schemas and of reading them back (readCampaignSettings). `scoring` is the scoring module's settings
 * without what the campaign itself fixes (campaign-scoring.ts): its shape is checked on every write, its
 * cross-field rules when the campaign opens and whenever results are computed.
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
  /**
   * Seconds per scored answer the ballot gave: a ballot's fill-time limit is this times its answers, never
   * more than minFillSeconds (server/ballots/flag-calibration.ts). Absent from older campaigns: defaults.
   */
  secondsPerAnswer: z
    .object({
      superior: z.number().min(0).max(600).default(0.4),
      peer: z.number().min(0).max(600).default(0.4),
      recipient: z.number().min(0).max(600).default(1),
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

/**
 * Which categories of a campaign's scope are ranked and which are only rated, kept in the settings JSON
 * under `scope` (decision 006): the settings are what opening freezes and what a publication records, so
 * the ranking choice travels with them. It is the one home of that choice (decision 003): only the scope
 * endpoints write it (a category entering the scope brings the catalog's `ranked` as its default), and
 * `settings.scoring.categories[].ranked` is refused as moved. The units themselves and their snapshotted
 * categories live in campaign_units.
 */
export const ScopeSettingsSchema = z.object({
  /** Categories in scope whose units get scores and grades but no rank (e.g. 垂管单位). */
  unrankedCategoryIds: z.array(z.number().int().positive()).default([]),
});

export type ScopeSettings = z.infer<typeof ScopeSettingsSchema>;

/** A campaign's stored settings JSON, read once. */
export interface StoredCampaignSettings {
  /** The settings as stored, without `scope`: access, quality and scoring, as the console shows them. */
  readonly stored: Record<string, unknown>;
  /** The scope's ranked choice; null when the JSON has none (every category ranked; migration 0009 wrote one everywhere). */
  readonly scope: ScopeSettings | null;
  /** The settings with their defaults filled; null when `problems` says why they cannot be used. */
  readonly value: CampaignSettings | null;
  /** Why the stored JSON cannot be used, one line per problem, each naming its setting. */
  readonly problems: readonly string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The one reader of a campaign's settings JSON. Settings are validated when written, so a problem here
 * means a document written by hand or by an older version: it is reported (opening lists it, results
 * refuse with it), never silently replaced by defaults.
 */
export function readCampaignSettings(json: string): StoredCampaignSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { stored: {}, scope: null, value: null, problems: ['settings: the stored settings are not valid JSON'] };
  }
  if (!isPlainObject(parsed))
    return { stored: {}, scope: null, value: null, problems: ['settings: must be an object'] };
  const { scope: rawScope, ...stored } = parsed;
  const problems: string[] = [];
  let scope: ScopeSettings | null = null;
  if (rawScope !== undefined) {
    const result = ScopeSettingsSchema.safeParse(rawScope);
    if (result.success) scope = result.data;
    else
      problems.push(...result.error.issues.map((issue) => `settings.scope.${issue.path.join('.')}: ${issue.message}`));
  }
  // A setting in a place it moved from would be dropped by the schema without a word: name it instead.
  problems.push(...movedSettings(stored).map((setting) => setting.message));
  const result = CampaignSettingsSchema.safeParse(stored);
  if (!result.success)
    problems.push(...result.error.issues.map((issue) => `settings.${issue.path.join('.')}: ${issue.message}`));
  return { stored, scope, value: result.success && problems.length === 0 ? result.data : null, problems };
}

/** The settings JSON to store: the settings proper and the scope's ranked choice. */
export function composeSettingsJson(settings: Record<string, unknown>, scope: ScopeSettings | null): string {
  const { scope: _ignored, ...rest } = settings;
  return JSON.stringify(scope === null ? rest : { ...rest, scope });
}

/**
 * The unranked categories after the scope changes: categories that stay keep the campaign's choice, new
 * ones start from the catalog's default (`categories.ranked`), and categories that left are dropped.
 */
export function nextUnrankedCategories(
  previous: ScopeSettings | null,
  previousCategoryIds: ReadonlySet<number>,
  nextCategories: readonly { id: number; ranked: 0 | 1 }[],
): number[] {
  const unranked = previous === null ? null : new Set(previous.unrankedCategoryIds);
  return nextCategories
    .filter((category) =>
      unranked !== null && previousCategoryIds.has(category.id) ? unranked.has(category.id) : category.ranked === 0,
    )
    .map((category) => category.id)
    .sort((a, b) => a - b);
}
