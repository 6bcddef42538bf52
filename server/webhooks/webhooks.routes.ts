import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { ADMIN_ERRORS, errorResponse, IdParam, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import {
  DeliveryDetailSchema,
  DeliveryQuerySchema,
  DeliverySchema,
  EndpointPatchSchema,
  EndpointSchema,
  EndpointWithSecretSchema,
  NewEndpointSchema,
} from './webhooks.schemas.ts';
import {
  createEndpoint,
  deliveryDetail,
  listDeliveries,
  listEndpoints,
  replayDelivery,
  rotateEndpointSecret,
  updateEndpoint,
} from './webhooks.service.ts';

// Signed webhooks (decision 019), for the office only: endpoints (a secret shown once, rotation), the
// delivery log with every attempt, and replay. Receivers verify `webhook-signature` as Standard Webhooks
// specifies and deduplicate by `webhook-id` (the event id; a replay keeps it).

const TAG = ['webhooks'];
const IdParams = z.object({ id: IdParam });
const badUrl = {
  422: errorResponse('The address is refused: not https, or http outside a private network (webhook_url_refused)'),
};

const listEndpointsRoute = createRoute({
  method: 'get',
  path: '/webhooks/endpoints',
  tags: TAG,
  summary: 'Every webhook endpoint (secrets are never shown again)',
  middleware: [requireRole('admin')] as const,
  responses: { 200: jsonResponse(z.array(EndpointSchema), 'The endpoints'), ...ADMIN_ERRORS },
});
const createEndpointRoute = createRoute({
  method: 'post',
  path: '/webhooks/endpoints',
  tags: TAG,
  summary: 'Registers an endpoint for some event types; the answer holds its signing secret, shown this once',
  middleware: [requireRole('admin')] as const,
  request: { body: { content: { 'application/json': { schema: NewEndpointSchema } }, required: true } },
  responses: { 201: jsonResponse(EndpointWithSecretSchema, 'The endpoint and its secret'), ...WRITE_ERRORS, ...badUrl },
});
const updateEndpointRoute = createRoute({
  method: 'patch',
  path: '/webhooks/endpoints/{id}',
  tags: TAG,
  summary: "Changes an endpoint's address, description, event types, or disables / enables it",
  middleware: [requireRole('admin')] as const,
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: EndpointPatchSchema } }, required: true },
  },
  responses: {
    200: jsonResponse(EndpointSchema, 'The endpoint'),
    404: errorResponse('No such endpoint'),
    ...WRITE_ERRORS,
    ...badUrl,
  },
});
const rotateRoute = createRoute({
  method: 'post',
  path: '/webhooks/endpoints/{id}/rotate',
  tags: TAG,
  summary: 'A new signing secret, shown this once; for a day deliveries carry signatures by the old one too',
  middleware: [requireRole('admin')] as const,
  request: { params: IdParams },
  responses: {
    200: jsonResponse(EndpointWithSecretSchema, 'The endpoint and its new secret'),
    404: errorResponse('No such endpoint'),
    ...WRITE_ERRORS,
  },
});
const listDeliveriesRoute = createRoute({
  method: 'get',
  path: '/webhooks/deliveries',
  tags: TAG,
  summary: 'The delivery log, newest first, filtered by endpoint, status, event type or event id',
  middleware: [requireRole('admin')] as const,
  request: { query: DeliveryQuerySchema },
  responses: {
    200: jsonResponse(z.array(DeliverySchema), 'Deliveries'),
    400: errorResponse('A filter breaks the schema'),
    ...ADMIN_ERRORS,
  },
});
const deliveryRoute = createRoute({
  method: 'get',
  path: '/webhooks/deliveries/{id}',
  tags: TAG,
  summary: 'One delivery with the body it sends and every attempt (status, duration, error excerpt)',
  middleware: [requireRole('admin')] as const,
  request: { params: IdParams },
  responses: {
    200: jsonResponse(DeliveryDetailSchema, 'The delivery'),
    404: errorResponse('No such delivery'),
    ...ADMIN_ERRORS,
  },
});
const replayRoute = createRoute({
  method: 'post',
  path: '/webhooks/deliveries/{id}/replay',
  tags: TAG,
  summary: 'Queues the same event (same webhook-id) to the same endpoint again, as a new delivery due now',
  middleware: [requireRole('admin')] as const,
  request: { params: IdParams },
  responses: {
    201: jsonResponse(DeliverySchema, 'The new delivery'),
    404: errorResponse('No such delivery'),
    409: errorResponse('The delivery is still being tried (webhook_delivery_pending)'),
    ...WRITE_ERRORS,
  },
});

export function createWebhookRoutes(deps: AppDeps) {
  const actor = (c: Parameters<typeof currentUser>[0]) => ({ userId: currentUser(c).id });
  return createRouter()
    .openapi(listEndpointsRoute, async (c) => c.json(await listEndpoints(deps, new Date()), 200))
    .openapi(createEndpointRoute, async (c) =>
      c.json(await createEndpoint(deps, c.req.valid('json'), actor(c), new Date()), 201),
    )
    .openapi(updateEndpointRoute, async (c) =>
      c.json(await updateEndpoint(deps, c.req.valid('param').id, c.req.valid('json'), actor(c), new Date()), 200),
    )
    .openapi(rotateRoute, async (c) =>
      c.json(await rotateEndpointSecret(deps, c.req.valid('param').id, actor(c), new Date()), 200),
    )
    .openapi(listDeliveriesRoute, async (c) => c.json(await listDeliveries(deps, c.req.valid('query')), 200))
    .openapi(deliveryRoute, async (c) => c.json(await deliveryDetail(deps, c.req.valid('param').id), 200))
    .openapi(replayRoute, async (c) =>
      c.json(await replayDelivery(deps, c.req.valid('param').id, actor(c), new Date()), 201),
    );
}
