import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { chinaDay } from '../problems/working-days.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { XLSX_TYPE } from '../sheets/xlsx-write.ts';
import type { ExportScope } from './hotline-export.repository.ts';
import { hotlineExport } from './hotline-export.ts';
import { hotlineAttachment, hotlineCsv, hotlineWorkbook } from './hotline-export-files.ts';
import {
  ExportQuerySchema,
  HotlineUpdatesAnswerSchema,
  HotlineUpdatesBodySchema,
  HotlineViewSchema,
} from './hotline.schemas.ts';
import { hotlineView, receiveUpdates } from './hotline-updates.ts';
import { currentIntegration, requireIntegration } from './integration-auth.ts';
import { createIntegrationRoutes } from './integrations.routes.ts';

// The 12345 hand-off (docs/hotline-12345.md): the export of handed-off problems for the hotline platform,
// the platform's post-back of ticket statuses (Bearer secret of an integration), and the signed-in view of
// one problem's hand-off. The integrations themselves: integrations.routes.ts.

export const INTEGRATION_BEARER = 'integrationBearer';
const denied = { 401: errorResponse('Not signed in'), 403: errorResponse('A role that may not do this') };

const exportRoute = (format: 'csv' | 'xlsx') =>
  createRoute({
    method: 'get',
    path: `/hotline/export.${format}`,
    tags: ['hotline'],
    summary: `Problems handed to 12345 as ${format === 'csv' ? 'CSV (UTF-8 with BOM, CRLF)' : 'an Excel workbook'} in the documented layout; records their first export`,
    middleware: [requireRole('admin', 'leader')] as const,
    request: { query: ExportQuerySchema },
    responses: {
      200: {
        description: 'The file, one row per problem',
        content: {
          [format === 'csv' ? 'text/csv' : XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      ...denied,
    },
  });

const updatesRoute = (deps: AppDeps) =>
  createRoute({
    method: 'post',
    path: '/integrations/hotline/updates',
    tags: ['hotline'],
    summary:
      "The hotline platform posts tickets' statuses: each update applies on its own (one unknown number does not stop the rest), a repeat changes nothing",
    security: [{ [INTEGRATION_BEARER]: [] }],
    middleware: [requireIntegration(deps)] as const,
    request: { body: { content: { 'application/json': { schema: HotlineUpdatesBodySchema } }, required: true } },
    responses: {
      200: jsonResponse(HotlineUpdatesAnswerSchema, 'A result per update'),
      401: errorResponse('No Bearer secret, or not that of an enabled integration (integration_secret_invalid)'),
      429: errorResponse('Too many wrong secrets from this network this hour (too_many_requests)'),
    },
  });

const viewRoute = createRoute({
  method: 'get',
  path: '/visit-problems/{id}/hotline',
  tags: ['hotline'],
  summary:
    "A problem's hand-off to 12345: ticket, status, reply and every update posted (the office, leaders, the visit's team)",
  middleware: [requireRole('admin', 'leader', 'unit_staff')] as const,
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: jsonResponse(HotlineViewSchema, 'The hand-off'),
    404: errorResponse('No such problem handed to 12345 (or not of your team)'),
    ...denied,
  },
});

function scopeOf(query: z.infer<typeof ExportQuerySchema>): ExportScope {
  if (query.scope !== 'range') return { kind: query.scope };
  if (!query.from || !query.to || query.from > query.to)
    throw new AppError(400, 'invalid_request', 'query: scope=range needs from and to (YYYY-MM-DD), from not after to.');
  return { kind: 'range', from: query.from, to: query.to };
}

export function createHotlineRoutes(deps: AppDeps) {
  const router = createRouter();
  router.openAPIRegistry.registerComponent('securitySchemes', INTEGRATION_BEARER, {
    type: 'http',
    scheme: 'bearer',
    description:
      'The secret of an integration (`pyi_…`), which the office creates and rotates at /api/integrations. Only the integration APIs take it; a disabled or rotated secret is refused 401, and wrong secrets are limited per network.',
  });
  return router
    .route('/', createIntegrationRoutes(deps))
    .openapi(exportRoute('csv'), async (c) => {
      const now = new Date();
      const rows = await hotlineExport(deps, currentUser(c).id, scopeOf(c.req.valid('query')), now);
      return c.body(hotlineCsv(rows), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': hotlineAttachment(chinaDay(now), 'csv'),
        'cache-control': 'no-store',
      });
    })
    .openapi(exportRoute('xlsx'), async (c) => {
      const now = new Date();
      const rows = await hotlineExport(deps, currentUser(c).id, scopeOf(c.req.valid('query')), now);
      return c.body(await hotlineWorkbook(rows, now), 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': hotlineAttachment(chinaDay(now), 'xlsx'),
        'cache-control': 'no-store',
      });
    })
    .openapi(updatesRoute(deps), async (c) => {
      const body = c.req.valid('json');
      const updates = 'updates' in body ? body.updates : [body];
      return c.json(await receiveUpdates(deps, currentIntegration(c), updates, new Date()), 200);
    })
    .openapi(viewRoute, async (c) => {
      const user = currentUser(c);
      return c.json(await hotlineView(deps, { id: user.id, role: user.role }, c.req.valid('param').id), 200);
    });
}
