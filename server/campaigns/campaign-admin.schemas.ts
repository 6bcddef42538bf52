import { z } from '@hono/zod-openapi';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import { CAMPAIGN_STATUSES } from '../db/schema.ts';
import { ErrorSchema } from '../http/schemas.ts';
import { nestsDeeperThan, unknownKeyPaths } from './settings-keys.ts';
import { OPENING_PROBLEM_CODES } from './campaign-readiness.ts';
import { CampaignSettingsSchema } from './campaign-settings.ts';
import { MOVED_TO, movedSettings } from './moved-settings.ts';
import { SETTINGS_PROBLEM_CODES } from './settings-patch.ts';

// Request and response contracts of the office's campaign API: validated here, trusted inside.

export const DEFAULT_MIN_COUNTS = { superior: 3, peer: 3, recipient: 5 } as const;

const SlugSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens inside, e.g. "qingxi-2026"')
  .openapi({ example: 'qingxi-2026' });

const NameSchema = z.string().trim().min(1).max(200);

/** Any ISO-8601 date-time with an offset; stored as UTC with milliseconds so strings compare as times. */
const InstantSchema = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString())
  .openapi({ example: '2026-12-01T00:00:00.000Z' });

const MAX_SETTINGS_DEPTH = 16;

/** The campaign settings, refusing keys the schema does not know anywhere in the tree (zod drops them silently). */
const SettingsInputSchema = z.preprocess((raw, context) => {
  if (nestsDeeperThan(raw, MAX_SETTINGS_DEPTH)) {
    context.addIssue({ code: 'custom', message: `settings may nest at most ${MAX_SETTINGS_DEPTH} levels deep` });
    return {};
  }
  // Old places are named with where they went (the route answers 422 setting_moved) and are not unknown keys.
  const moved = movedSettings(raw);
  for (const setting of moved)
    context.addIssue({
      code: 'custom',
      path: setting.path.slice(1),
      message: setting.message,
      params: { code: 'setting_moved', movedTo: setting.movedTo },
    });
  if (moved.length > 0) return {};
  const parsed = CampaignSettingsSchema.safeParse(raw);
  if (parsed.success) {
    for (const path of unknownKeyPaths(raw, parsed.data))
      context.addIssue({ code: 'custom', path, message: 'unknown setting' });
  }
  return raw;
}, CampaignSettingsSchema);

/**
 * The PATCH form of the settings: a JSON Merge Patch of the stored ones. Only its depth is checked here; the
 * settings it leads to are checked whole once merged (settings-patch.ts), where what is stored is known.
 */
const SettingsPatchSchema = z
  .record(z.string(), z.unknown())
  .refine(
    (raw) => !nestsDeeperThan(raw, MAX_SETTINGS_DEPTH),
    `settings may nest at most ${MAX_SETTINGS_DEPTH} levels deep`,
  )
  .openapi({
    description:
      'A JSON Merge Patch (RFC 7396) of the settings: objects merge key by key, so what the patch leaves out stays ' +
      'as stored; null removes a key (a setting with a default gets its default back); arrays and other values ' +
      'replace whole. The merged settings must be valid as a whole (CampaignConfig.settings): otherwise the answer ' +
      'is 422 invalid_settings, listing every problem with its path, and nothing is changed.',
    example: { scoring: { weights: { superior: 0.3, peer: 0.2, recipient: 0.5 }, grading: { quotas: null } } },
  });

/** One thing that stops a draft from opening (campaign-readiness.ts): a stable code, its names and numbers, English. */
const OpeningProblemSchema = z
  .object({
    code: z.enum(OPENING_PROBLEM_CODES).openapi({ example: 'scope_too_small' }),
    params: z.record(z.string(), z.union([z.string(), z.number()])).openapi({
      example: { minimum: 2, count: 1 },
      description: 'What the problem is about, for a client to word it',
    }),
    message: z
      .string()
      .openapi({ example: 'at least 2 units must be in scope, it has 1 (PUT /api/campaigns/7/units)' }),
  })
  .openapi('OpeningProblem');

/** One problem of settings that were refused, with where it is and a stable code (settings-patch.ts). */
const SettingsProblemSchema = z
  .object({
    path: z.array(z.union([z.string(), z.number()])).openapi({ example: ['settings', 'scoring', 'weights'] }),
    code: z.enum(SETTINGS_PROBLEM_CODES),
    message: z.string(),
    movedTo: z
      .enum(MOVED_TO)
      .optional()
      .openapi({
        description:
          "With moved: where the setting lives now — rater_type_min_count (the rater type's minCount, PUT " +
          '/api/campaigns/{id}/rater-types), unranked_categories (PUT /api/campaigns/{id}/categories), category_id ' +
          '(the key categoryId, a number)',
      }),
    minimum: z.number().optional().openapi({ description: 'With too_small: the least value allowed' }),
    maximum: z.number().optional().openapi({ description: 'With too_big: the greatest value allowed' }),
  })
  .openapi('SettingsProblem');

/** The one error shape, with the settings problems beside code and message when the settings were refused. */
export const SettingsErrorSchema = z
  .object({
    error: ErrorSchema.shape.error.extend({
      problems: z
        .array(SettingsProblemSchema)
        .optional()
        .openapi({ description: 'With invalid_settings and setting_moved: every problem, each with its path' }),
    }),
  })
  .openapi('SettingsError');

/** Ids are 32-bit integer columns: a larger number must be a 400 here, not an out-of-range error in PostgreSQL. */
const MAX_ID = 2_147_483_647;
const IdSchema = z.number().int().positive().max(MAX_ID);

export const CampaignIdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(MAX_ID)
    .openapi({ param: { in: 'path' }, example: 1 }),
});

const uniqueIds = (ids: readonly number[]) => new Set(ids).size === ids.length;
const IdListSchema = (max: number) => z.array(IdSchema).max(max).refine(uniqueIds, 'ids must not repeat');

export const CreateCampaignBody = z
  .object({
    slug: SlugSchema,
    name: NameSchema.openapi({ example: '2026年度青溪市机关作风三评议' }),
    nameEn: NameSchema.openapi({ example: 'Qingxi City 2026 work-style evaluation' }),
    startsAt: InstantSchema,
    endsAt: InstantSchema,
    settings: SettingsInputSchema.optional(),
  })
  .strict()
  .openapi('CreateCampaign');

export const UpdateCampaignBody = z
  .object({
    slug: SlugSchema.optional(),
    name: NameSchema.optional(),
    nameEn: NameSchema.optional(),
    startsAt: InstantSchema.optional(),
    endsAt: InstantSchema.optional(),
    settings: SettingsPatchSchema.optional(),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change')
  .openapi('UpdateCampaign', {
    description:
      'A draft takes any field; settings are a merge patch of the stored ones. An open campaign takes endsAt ' +
      'alone, later than its current end; everything else is frozen. A refused change changes nothing.',
  });

export const SetUnitsBody = z
  .object({ unitIds: IdListSchema(10_000) })
  .strict()
  .openapi('CampaignUnits');

export const SetCategoriesBody = z
  .object({
    unrankedCategoryIds: IdListSchema(1_000).openapi({
      description: 'Categories in scope that are rated but not ranked',
    }),
  })
  .strict()
  .openapi('CampaignCategories');

export const SetRaterTypesBody = z
  .object({
    raterTypes: z
      .array(
        z
          .object({
            raterType: z.enum(RATER_TYPES),
            questionnaireId: IdSchema,
            minCount: z.number().int().min(1).max(10_000).optional().openapi({
              description:
                'Anonymity threshold: fewer ballots and the group shows nothing. Default superior 3, peer 3, recipient 5.',
            }),
          })
          .strict(),
      )
      .max(RATER_TYPES.length)
      .refine((list) => new Set(list.map((r) => r.raterType)).size === list.length, 'each rater type may appear once'),
  })
  .strict()
  .openapi('CampaignRaterTypes');

export const CampaignSummarySchema = z
  .object({
    id: z.number(),
    slug: z.string(),
    name: z.string(),
    nameEn: z.string(),
    status: z.enum(CAMPAIGN_STATUSES),
    startsAt: z.string(),
    endsAt: z.string(),
  })
  .openapi('CampaignSummary');

export const CampaignConfigSchema = CampaignSummarySchema.extend({
  createdAt: z.string(),
  openedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  settings: CampaignSettingsSchema.nullable().openapi({
    description:
      'access, quality and scoring settings as stored; null when they cannot be read (settingsProblems says why)',
  }),
  settingsProblems: z
    .array(z.string())
    .openapi({ description: 'Why the stored settings cannot be read; empty when they can' }),
  units: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      active: z.boolean(),
      categoryId: z.number().nullable(),
    }),
  ),
  categories: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      ranked: z.boolean(),
      unitCount: z.number(),
    }),
  ),
  raterTypes: z.array(
    z.object({
      raterType: z.enum(RATER_TYPES),
      minCount: z.number(),
      questionnaire: z.object({ id: z.number(), family: z.string(), version: z.number(), title: z.string() }),
    }),
  ),
  openingProblems: z.array(OpeningProblemSchema).nullable().openapi({
    description: 'For a draft: what still stops it from opening (empty when it can open); null otherwise',
  }),
}).openapi('CampaignConfig');

export type CampaignConfig = z.infer<typeof CampaignConfigSchema>;
