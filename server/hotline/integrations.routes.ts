import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { ADMIN_ERRORS, errorResponse, IdParam, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import {
  IntegrationListSchema,
  IntegrationSchema,
  IssuedSecretSchema,
  NewIntegrationSchema,
} from './hotline.schemas.ts';
import { createIntegration, disableIntegration, integrations, rotateIntegration } from './integrations.service.ts';

// The office's integrations (callers of the 12345 post-back): list, create, rotate, disable. A secret is
// in the answer of create and rotate only.

const listRoute = createRoute({
  method: 'get',
  path: '/integrations',
  tags: ['integrations'],
  summary: 'Every integration, without its secret',
  middleware: [requireRole('admin')] as const,
  responses: { 200: jsonResponse(IntegrationListSchema, 'The integrations'), ...ADMIN_ERRORS },
});

const createIntegrationRoute = createRoute({
  method: 'post',
  path: '/integrations',
  tags: ['integrations'],
  summary: 'Creates an integration and answers its secret, this once',
  middleware: [requireRole('admin')] as const,
  request: { body: { content: { 'application/json': { schema: NewIntegrationSchema } }, required: true } },
  responses: {
    201: jsonResponse(IssuedSecretSchema, 'The integration and its secret'),
    409: errorResponse('An integration of that name exists (integration_name_taken)'),
    ...WRITE_ERRORS,
  },
});

const byId = { params: z.object({ id: IdParam }) };

const rotateRoute = createRoute({
  method: 'post',
  path: '/integrations/{id}/rotate',
  tags: ['integrations'],
  summary: 'Gives the integration a new secret, answered this once; the old one stops working at once',
  middleware: [requireRole('admin')] as const,
  request: byId,
  responses: {
    200: jsonResponse(IssuedSecretSchema, 'The integration and its new secret'),
    404: errorResponse('No such integration'),
    ...WRITE_ERRORS,
  },
});

const disableRoute = createRoute({
  method: 'post',
  path: '/integrations/{id}/disable',
  tags: ['integrations'],
  summary: 'Disables the integration: its secret is refused from now on (disabling twice changes nothing)',
  middleware: [requireRole('admin')] as const,
  request: byId,
  responses: {
    200: jsonResponse(IntegrationSchema, 'The integration'),
    404: errorResponse('No such integration'),
    ...WRITE_ERRORS,
  },
});

export function createIntegrationRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => c.json({ integrations: await integrations(deps) }, 200))
    .openapi(createIntegrationRoute, async (c) =>
      c.json(await createIntegration(deps, currentUser(c).id, c.req.valid('json').name, new Date()), 201, {
        'cache-control': 'no-store',
      }),
    )
    .openapi(rotateRoute, async (c) =>
      c.json(await rotateIntegration(deps, currentUser(c).id, c.req.valid('param').id, new Date()), 200, {
        'cache-control': 'no-store',
      }),
    )
    .openapi(disableRoute, async (c) =>
      c.json(await disableIntegration(deps, currentUser(c).id, c.req.valid('param').id, new Date()), 200),
    );
}
