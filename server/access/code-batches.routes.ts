import { createRoute, z } from '@hono/zod-openapi';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { findCampaign } from '../campaigns/campaigns.repository.ts';
import { notFound } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { codesCsv } from './code-batches.csv.ts';
import {
  issueCodeBatch,
  issuePeerBatches,
  MAX_BATCH_SIZE,
  MAX_PEER_CODES_PER_UNIT,
  voidCodeBatch,
  type IssuedBatch,
} from './code-batches.service.ts';
import { listBatchUsage } from './codes.repository.ts';

const BatchRequestSchema = z
  .object({
    raterType: z.enum(RATER_TYPES),
    raterUnitId: z
      .number()
      .int()
      .positive()
      .optional()
      .openapi({ description: 'Peer codes: the unit whose staff rate the others' }),
    targetUnitId: z
      .number()
      .int()
      .positive()
      .optional()
      .openapi({ description: 'Recipient codes: the unit that served the person' }),
    count: z.number().int().min(1).max(MAX_BATCH_SIZE),
    label: z.string().max(100).optional(),
  })
  .strict()
  .openapi('CodeBatchRequest');

const IssuedBatchSchema = z
  .object({
    batchId: z.number(),
    raterType: z.enum(RATER_TYPES),
    raterUnitId: z.number().nullable(),
    targetUnitId: z.number().nullable(),
    label: z.string(),
    codes: z.array(z.string()).openapi({ description: 'The plain codes (XXXX-XXXX), shown this once only' }),
  })
  .openapi('IssuedCodeBatch');

const PeerBatchesRequestSchema = z
  .object({
    countPerUnit: z
      .number()
      .int()
      .min(1)
      .max(MAX_PEER_CODES_PER_UNIT)
      .openapi({ description: 'Codes for each unit in scope (its staff who rate, and a few spares)' }),
    label: z.string().max(100).optional(),
  })
  .strict()
  .openapi('PeerCodeBatchesRequest');

const IssuedPeerBatchesSchema = z
  .object({
    label: z.string(),
    batches: z.array(
      z.object({
        batchId: z.number(),
        raterUnitId: z.number(),
        raterUnitCode: z.string(),
        raterUnitName: z.string(),
        codes: z.array(z.string()).openapi({ description: 'The plain codes (XXXX-XXXX), shown this once only' }),
      }),
    ),
  })
  .openapi('IssuedPeerCodeBatches');

const BatchUsageSchema = z.object({
  id: z.number(),
  raterType: z.enum(RATER_TYPES),
  raterUnitId: z.number().nullable(),
  targetUnitId: z.number().nullable(),
  label: z.string(),
  size: z.number(),
  spent: z.number(),
  voided: z.number(),
  createdAt: z.string(),
});

const denied = { 401: errorResponse('Not signed in'), 403: errorResponse('Not an administrator') };

const issueRoute = createRoute({
  method: 'post',
  path: '/campaigns/{id}/code-batches',
  tags: ['access'],
  summary: 'Issues a batch of one-time access codes (add ?format=csv for a spreadsheet); codes are shown once',
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: IdParam }),
    query: z.object({ format: z.enum(['json', 'csv']).optional() }),
    body: { required: true, content: { 'application/json': { schema: BatchRequestSchema } } },
  },
  responses: {
    201: {
      description: 'Issued',
      content: { 'application/json': { schema: IssuedBatchSchema }, 'text/csv': { schema: z.string() } },
    },
    400: errorResponse('Malformed request'),
    404: errorResponse('No such campaign'),
    409: errorResponse('Campaign closed, or rater type not in the campaign'),
    422: errorResponse('Unit not in the campaign'),
    ...denied,
  },
});

const issuePeerRoute = createRoute({
  method: 'post',
  path: '/campaigns/{id}/peer-code-batches',
  tags: ['access'],
  summary:
    "Issues peer codes for every active unit in scope at once: one batch per unit, countPerUnit codes each, all or none (add ?format=csv for one spreadsheet naming each row's rater unit); codes are shown once",
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: IdParam }),
    query: z.object({ format: z.enum(['json', 'csv']).optional() }),
    body: { required: true, content: { 'application/json': { schema: PeerBatchesRequestSchema } } },
  },
  responses: {
    201: {
      description: 'Issued',
      content: { 'application/json': { schema: IssuedPeerBatchesSchema }, 'text/csv': { schema: z.string() } },
    },
    400: errorResponse('Malformed request'),
    404: errorResponse('No such campaign'),
    409: errorResponse('Campaign closed (campaign_not_active), or no peer raters (rater_type_not_in_campaign)'),
    422: errorResponse('No active unit in scope (no_units_in_scope), or too many codes at once (too_many_codes)'),
    ...denied,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/campaigns/{id}/code-batches',
  tags: ['access'],
  summary: 'Code batches with how many codes are spent and voided (never which)',
  middleware: [requireRole('admin')] as const,
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: jsonResponse(z.object({ batches: z.array(BatchUsageSchema) }), 'Batches'),
    404: errorResponse('No such campaign'),
    ...denied,
  },
});

const voidRoute = createRoute({
  method: 'post',
  path: '/code-batches/{id}/void',
  tags: ['access'],
  summary: "Withdraws a batch's unspent codes (a lost or misprinted sheet); audited",
  middleware: [requireRole('admin')] as const,
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: jsonResponse(z.object({ voided: z.number() }), 'Unspent codes withdrawn'),
    404: errorResponse('No such batch'),
    ...denied,
  },
});

/** The JSON answer of one issued batch (what IssuedBatchSchema declares). */
function issuedView(batch: IssuedBatch) {
  const { batchId, raterType, raterUnitId, targetUnitId, label, codes } = batch;
  return { batchId, raterType, raterUnitId, targetUnitId, label, codes };
}

export function createCodeBatchRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(issueRoute, async (c) => {
      const { id } = c.req.valid('param');
      const issued = await issueCodeBatch(deps, currentUser(c).id, id, c.req.valid('json'), new Date());
      if (c.req.valid('query').format === 'csv') {
        const campaign = await findCampaign(deps.db, id);
        return c.body(codesCsv([issued], campaign?.name ?? ''), 201, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="codes-${id}-${issued.batchId}.csv"`,
        });
      }
      return c.json(issuedView(issued), 201);
    })
    .openapi(issuePeerRoute, async (c) => {
      const { id } = c.req.valid('param');
      const issued = await issuePeerBatches(deps, currentUser(c).id, id, c.req.valid('json'), new Date());
      if (c.req.valid('query').format === 'csv') {
        const campaign = await findCampaign(deps.db, id);
        return c.body(codesCsv(issued.batches, campaign?.name ?? ''), 201, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="peer-codes-${id}-${issued.batches[0]?.batchId ?? 0}.csv"`,
        });
      }
      const batches = issued.batches.map((b) => ({
        batchId: b.batchId,
        raterUnitId: b.raterUnitId,
        raterUnitCode: b.unit.code,
        raterUnitName: b.unit.name,
        codes: b.codes,
      }));
      return c.json({ label: issued.label, batches }, 201);
    })
    .openapi(listRoute, async (c) => {
      const { id } = c.req.valid('param');
      if (!(await findCampaign(deps.db, id))) throw notFound(`Campaign ${id}`);
      const rows = await listBatchUsage(deps.db, id);
      const batches = rows.map((b) => ({
        id: b.id,
        raterType: b.rater_type,
        raterUnitId: b.rater_unit_id,
        targetUnitId: b.target_unit_id,
        label: b.label,
        size: b.size,
        spent: Number(b.spent),
        voided: Number(b.voided),
        createdAt: b.created_at,
      }));
      return c.json({ batches }, 200);
    })
    .openapi(voidRoute, async (c) => {
      const voided = await voidCodeBatch(deps, currentUser(c).id, c.req.valid('param').id);
      return c.json({ voided }, 200);
    });
}
