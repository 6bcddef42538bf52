import type { Db } from '../db/database.ts';
import type { WebhookEndpoint } from '../db/schema-webhooks.ts';
import type { DeliveryQuery } from './webhooks.schemas.ts';

export function listEndpointRows(db: Db) {
  return db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute();
}

export function findEndpointRow(db: Db, id: number): Promise<WebhookEndpoint | undefined> {
  return db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
}

function deliveries(db: Db) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as v', 'v.id', 'd.event_id')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select([
      'd.id',
      'd.event_id',
      'v.type as event_type',
      'd.endpoint_id',
      'e.url as endpoint_url',
      'd.replay_of',
      'd.status',
      'd.attempts',
      'd.next_attempt_at',
      'd.last_status',
      'd.last_error',
      'd.created_at',
      'd.updated_at',
    ]);
}

export type DeliveryRow = Awaited<ReturnType<ReturnType<typeof deliveries>['executeTakeFirstOrThrow']>>;

export function listDeliveryRows(db: Db, query: DeliveryQuery) {
  return deliveries(db)
    .$if(query.endpointId !== undefined, (q) => q.where('d.endpoint_id', '=', query.endpointId!))
    .$if(query.status !== undefined, (q) => q.where('d.status', '=', query.status!))
    .$if(query.eventType !== undefined, (q) => q.where('v.type', '=', query.eventType!))
    .$if(query.eventId !== undefined, (q) => q.where('d.event_id', '=', query.eventId!))
    .$if(query.beforeId !== undefined, (q) => q.where('d.id', '<', query.beforeId!))
    .orderBy('d.id', 'desc')
    .limit(query.limit)
    .execute();
}

export function findDeliveryRow(db: Db, id: number) {
  return deliveries(db).select('v.payload').where('d.id', '=', id).executeTakeFirst();
}

export function listAttemptRows(db: Db, deliveryId: number) {
  return db.selectFrom('webhook_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('id').execute();
}
