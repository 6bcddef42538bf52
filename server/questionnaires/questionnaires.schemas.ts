import { z } from '@hono/zod-openapi';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import { ADMIN_ERRORS, errorResponse, MAX_JSON_DEPTH, nestsAtMost } from '../http/schemas.ts';
import { isDefinition, type Definition } from './definition-check.ts';
import { CAMPAIGN_STATUSES } from '../db/schema.ts';

/** Ids are PostgreSQL `integer`s: a larger number would make the query fail instead of finding nothing. */
const MAX_ID = 2_147_483_647;
const MAX_PREVIEW_UNITS = 500;

export const RaterTypeSchema = z
  .enum(RATER_TYPES)
  .openapi({ description: 'superior (上级领导), peer (同级部门) or recipient (服务对象)' });

export const QuestionnaireIdParam = z.coerce
  .number()
  .int()
  .positive()
  .max(MAX_ID)
  .openapi({ param: { in: 'path', name: 'id' }, example: 1 });

const UnitIdSchema = z.number().int().positive().max(MAX_ID);

const TitleSchema = z.string().trim().min(1).max(200);

/**
 * Any JSON object; whether it is a usable SurveyJS definition is decided by the definition checks
 * (422 with every problem), not here. Passed through untouched: rebuilding it would silently drop
 * keys such as `__proto__` that the checks should see and refuse.
 */
export const DefinitionSchema = z
  .custom<Definition>(isDefinition, { message: 'must be a JSON object: a SurveyJS questionnaire definition' })
  .openapi({
    type: 'object',
    additionalProperties: true,
    description:
      'A SurveyJS JSON definition with Pingyi scoring properties (pyScored, pyItem, pyPoints, pyNotCounted, pyUnitRows).',
  });

export const CreateBodySchema = z
  .object({
    template: RaterTypeSchema.optional().openapi({
      description: 'Start from the default template for this rater type instead of sending a definition.',
    }),
    definition: DefinitionSchema.optional(),
    raterType: RaterTypeSchema.optional().openapi({
      description: 'Who answers it; required with a definition, defaults to the template.',
    }),
    title: TitleSchema.optional().openapi({ description: "Defaults to the definition's own (Chinese) title." }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.definition === undefined) === (body.template === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'send either "definition" (SurveyJS JSON) or "template" ("superior", "peer" or "recipient"), not both',
      });
    }
    if (body.definition !== undefined && body.raterType === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['raterType'],
        message: 'say who answers the definition: "superior", "peer" or "recipient"',
      });
    }
  });

export const EditBodySchema = z
  .object({
    definition: DefinitionSchema,
    title: TitleSchema.optional().openapi({ description: 'Unchanged when absent.' }),
  })
  .strict();

export const CopyBodySchema = z
  .object({
    title: TitleSchema,
    raterType: RaterTypeSchema.optional().openapi({ description: "Defaults to the source's rater type." }),
  })
  .strict();

const PreviewUnitSchema = z
  .object({ id: UnitIdSchema, name: z.string().min(1).max(100), nameEn: z.string().min(1).max(200).optional() })
  .strict();

export const PreviewBodySchema = z
  .object({
    answers: z
      .unknown()
      .refine((value) => nestsAtMost(value, MAX_JSON_DEPTH), `is nested more than ${MAX_JSON_DEPTH} levels deep`)
      .openapi({ description: 'Answers as a respondent would submit them, keyed by question name.' }),
    units: z
      .array(PreviewUnitSchema)
      .min(1)
      .max(MAX_PREVIEW_UNITS)
      .optional()
      .openapi({ description: 'Units for unit-row matrices; three sample units (ids 1–3) when absent.' }),
    targetUnitId: UnitIdSchema.optional().openapi({
      description: 'The unit a recipient rates; the first unit when absent.',
    }),
    excludeUnitId: UnitIdSchema.optional().openapi({ description: "A peer rater's own unit, left out of the rows." }),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.answers === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['answers'],
        message: 'send the answers to check (an object keyed by question name)',
      });
    const ids = body.units?.map((u) => u.id) ?? [];
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['units'], message: 'unit ids must be unique' });
  });

export const ListQuerySchema = z
  .object({
    family: z.string().min(1).max(100).optional().openapi({ description: 'List every version of this family.' }),
  })
  .strict();

export const ImportQuerySchema = z
  .object({
    raterType: RaterTypeSchema,
    title: TitleSchema.optional().openapi({ description: "Defaults to the definition's own (Chinese) title." }),
  })
  .strict();

export const PreviewDefinitionQuerySchema = z
  .object({
    units: z
      .string()
      .max(6000)
      .regex(/^\d{1,10}(,\d{1,10})*$/, 'must be unit ids separated by commas, e.g. 3,5,8')
      .refine((ids) => ids.split(',').length <= MAX_PREVIEW_UNITS, `at most ${MAX_PREVIEW_UNITS} units`)
      .refine(
        (ids) => ids.split(',').every((id) => Number(id) > 0 && Number(id) <= MAX_ID),
        'unit ids must be positive integers',
      )
      .optional()
      .openapi({
        description: 'Catalogue unit ids for the unit rows, in order; sample units when absent.',
        example: '3,5,8',
      }),
    excludeUnitId: z.coerce.number().int().positive().max(MAX_ID).optional(),
  })
  .strict();

const ItemSchema = z.object({ key: z.string(), label: z.string(), labelEn: z.string().optional() });

export const SummarySchema = z
  .object({
    id: z.number(),
    family: z.string(),
    version: z.number(),
    versionCount: z.number(),
    raterType: RaterTypeSchema,
    title: z.string(),
    createdAt: z.string(),
    campaignCount: z.number().openapi({ description: 'Campaigns that use this version.' }),
  })
  .openapi('QuestionnaireSummary');

export const DetailSchema = z
  .object({
    id: z.number(),
    family: z.string(),
    version: z.number(),
    raterType: RaterTypeSchema,
    title: z.string(),
    createdAt: z.string(),
    definition: z.record(z.string(), z.unknown()),
    questionnaireItems: z.array(ItemSchema).openapi({ description: 'The scored items, in questionnaire order.' }),
    campaigns: z.array(
      z.object({
        id: z.number(),
        slug: z.string(),
        name: z.string(),
        nameEn: z.string(),
        status: z.enum(CAMPAIGN_STATUSES),
        raterType: RaterTypeSchema,
      }),
    ),
    editableInPlace: z
      .boolean()
      .openapi({ description: 'False once a campaign that is not a draft uses this version.' }),
    problems: z.array(z.string()).openapi({
      description: 'Why a definition stored outside the API no longer passes the checks; empty otherwise.',
    }),
  })
  .openapi('Questionnaire');

export const EditResultSchema = DetailSchema.extend({ newVersion: z.boolean() }).openapi('QuestionnaireEdit');

export const PreviewResultSchema = z
  .union([
    z.object({
      ok: z.literal(true),
      answers: z.record(z.string(), z.unknown()),
      ratings: z.array(z.object({ unitId: z.number(), item: z.string(), points: z.number() })),
    }),
    z.object({
      ok: z.literal(false),
      errors: z.array(z.object({ question: z.string(), code: z.string(), message: z.string() })),
    }),
  ])
  .openapi('QuestionnairePreview');

/** Refusals of an admin read whose parameters break the schema. */
export const READ_ERRORS = {
  400: errorResponse('A parameter does not match the schema'),
  ...ADMIN_ERRORS,
} as const;

export const DEFINITION_REFUSED = errorResponse(
  'The definition cannot be used: code invalid_definition (the message lists every problem with its path, e.g. ' +
    '`pages[0].elements[3] (name "q4"): unknown property "foo" for text`), definition_too_large (more than 2,000 pages, questions, ' +
    'panels and columns, 2,000 entries in one list, 100 columns in one matrix, 30,000 JSON values or 50 levels of nesting) or title_required',
);
