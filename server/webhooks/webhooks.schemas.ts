import { z } from '@hono/zod-openapi';
import { WEBHOOK_DELIVERY_STATUSES } from '../db/schema-webhooks.ts';
import { IdParam } from '../http/schemas.ts';
import { WEBHOOK_EVENT_TYPES } from './webhook-events.ts';

export const EventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES).openapi('WebhookEventType');

export const EndpointSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(EventTypeSchema),
    active: z.boolean(),
    /** Until when the previous secret still signs (after a rotation), or null. */
    previousSecretUntil: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('WebhookEndpoint');

export const EndpointWithSecretSchema = z
  .object({
    endpoint: EndpointSchema,
    secret: z.string().openapi({ description: 'whsec_…: shown this once; sign-checking receivers need it' }),
  })
  .openapi('WebhookEndpointWithSecret');

export const NewEndpointSchema = z
  .object({
    url: z.string().min(1).max(2000),
    description: z.string().max(200).default(''),
    eventTypes: z.array(EventTypeSchema).min(1),
    active: z.boolean().default(true),
  })
  .strict();

export const EndpointPatchSchema = z
  .object({
    url: z.string().min(1).max(2000).optional(),
    description: z.string().max(200).optional(),
    eventTypes: z.array(EventTypeSchema).min(1).optional(),
    active: z.boolean().optional(),
  })
  .strict();

export const DeliverySchema = z
  .object({
    id: z.number().int(),
    eventId: z.string(),
    eventType: z.string(),
    endpointId: z.number().int(),
    endpointUrl: z.string(),
    replayOf: z.number().int().nullable(),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    lastStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('WebhookDelivery');

export const AttemptSchema = z
  .object({
    id: z.number().int(),
    attemptedAt: z.string(),
    statusCode: z.number().int().nullable(),
    durationMs: z.number().int(),
    succeeded: z.boolean(),
    error: z.string().nullable(),
  })
  .openapi('WebhookAttempt');

export const DeliveryDetailSchema = z
  .object({ delivery: DeliverySchema, payload: z.unknown(), attempts: z.array(AttemptSchema) })
  .openapi('WebhookDeliveryDetail');

export const DeliveryQuerySchema = z.object({
  endpointId: IdParam.optional().openapi({ param: { in: 'query' } }),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  eventType: EventTypeSchema.optional(),
  eventId: z.string().max(64).optional(),
  beforeId: IdParam.optional().openapi({ param: { in: 'query' } }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type DeliveryQuery = z.infer<typeof DeliveryQuerySchema>;
export type NewEndpoint = z.infer<typeof NewEndpointSchema>;
export type EndpointPatch = z.infer<typeof EndpointPatchSchema>;
