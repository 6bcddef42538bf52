import { z } from '@hono/zod-openapi';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import { CAMPAIGN_STATUSES } from '../db/schema.ts';
import { nestsDeeperThan, unknownKeyPaths } from './settings-keys.ts';
import { CampaignSettingsSchema } from './campaign-settings.ts';

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
  const parsed = CampaignSettingsSchema.safeParse(raw);
  if (parsed.success) {
    for (const path of unknownKeyPaths(raw, parsed.data))
      context.addIssue({ code: 'custom', path, message: 'unknown setting' });
  }
  return raw;
}, CampaignSettingsSchema);

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
    settings: SettingsInputSchema.optional().openapi({
      description: 'Replaces the whole settings object (defaults fill what is left out).',
    }),
  })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'send at least one field to change')
  .openapi('UpdateCampaign', {
    description:
      'A draft takes any field. An open campaign takes endsAt alone, later than its current end; everything else is frozen.',
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
  openingProblems: z.array(z.string()).nullable().openapi({
    description: 'For a draft: what still stops it from opening (empty when it can open); null otherwise',
  }),
}).openapi('CampaignConfig');

export type CampaignConfig = z.infer<typeof CampaignConfigSchema>;
