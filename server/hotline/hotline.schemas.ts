import { z } from '@hono/zod-openapi';
import { HOTLINE_STATUSES } from '../db/schema-hotline.ts';

// The contracts of the 12345 hand-off: integrations, the export's query, the post-back and the signed-in
// view. What the routes validate is what the OpenAPI document shows.

export const IntegrationSchema = z
  .object({
    id: z.number(),
    name: z.string(),
    kind: z.literal('hotline'),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().openapi({ description: 'The last post-back that authenticated with it' }),
  })
  .openapi('Integration');

export const IntegrationListSchema = z.object({ integrations: z.array(IntegrationSchema) }).openapi('IntegrationList');

export const IssuedSecretSchema = z
  .object({
    integration: IntegrationSchema,
    secret: z.string().openapi({
      description: 'Shown this once (Pingyi keeps only its SHA-256): `pyi_` and 43 base64url characters',
      example: 'pyi_3q2-7wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    }),
  })
  .openapi('IssuedIntegrationSecret');

export const NewIntegrationSchema = z
  .object({ name: z.string().trim().min(1).max(100).openapi({ example: '云山县12345政务服务便民热线' }) })
  .strict()
  .openapi('NewIntegration');

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

export const ExportQuerySchema = z.object({
  scope: z.enum(['range', 'new', 'open']).openapi({
    param: { in: 'query' },
    description:
      'range: heard between from and to (inclusive); new: never exported and without a ticket; open: not yet 已办结 (done)',
    example: 'new',
  }),
  from: Day.optional().openapi({ param: { in: 'query' }, example: '2026-11-01' }),
  to: Day.optional().openapi({ param: { in: 'query' }, example: '2026-11-30' }),
});

export const HotlineStatusSchema = z.enum(HOTLINE_STATUSES).openapi({
  description: 'accepted 受理, in_progress 办理中, done 已办结, returned 退回',
});

export const HotlineUpdateSchema = z
  .object({
    problemNumber: z.string().trim().min(1).max(40).openapi({ example: 'ZF-128-2' }),
    ticket: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .openapi({ description: 'The platform ticket (工单编号)', example: '2026112500317' }),
    status: HotlineStatusSchema,
    reply: z.string().trim().max(4000).optional().openapi({ description: 'The handling unit reply (办理答复)' }),
    repliedAt: z.iso.datetime({ offset: true }).optional().openapi({
      description: 'When the platform replied, ISO 8601 with an offset',
      example: '2026-11-27T10:30:00+08:00',
    }),
  })
  .strict()
  .openapi('HotlineUpdate');

export const MAX_BATCH = 200;

export const HotlineUpdatesBodySchema = z
  .union([HotlineUpdateSchema, z.object({ updates: z.array(HotlineUpdateSchema).min(1).max(MAX_BATCH) }).strict()])
  .openapi('HotlineUpdates', { description: `One update, or { "updates": [...] } with at most ${MAX_BATCH}` });

export const HotlineUpdatesAnswerSchema = z
  .object({
    applied: z.number(),
    unchanged: z.number().openapi({ description: 'Repeats of a status already received: nothing changed' }),
    rejected: z.number(),
    results: z.array(
      z.object({
        problemNumber: z.string(),
        result: z.enum(['applied', 'unchanged', 'rejected']),
        error: z
          .object({ code: z.enum(['hotline_problem_unknown', 'hotline_problem_not_handed_off']), message: z.string() })
          .optional(),
      }),
    ),
  })
  .openapi('HotlineUpdatesAnswer', { description: 'One result per update, in the order sent' });

export const HotlineViewSchema = z
  .object({
    visitProblemId: z.number(),
    problemNumber: z.string(),
    ticket: z.string().nullable(),
    status: HotlineStatusSchema.nullable(),
    reply: z.string().nullable(),
    updatedAt: z.string().nullable(),
    feedbackDueOn: z.string().nullable(),
    exportedAt: z.string().nullable().openapi({ description: 'When it was first exported for the platform' }),
    updates: z.array(
      z.object({
        ticket: z.string(),
        status: HotlineStatusSchema,
        reply: z.string().nullable(),
        repliedAt: z.string().nullable(),
        receivedAt: z.string(),
        integration: z.string().nullable(),
      }),
    ),
  })
  .openapi('HotlineHandOff');
