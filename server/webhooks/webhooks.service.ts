import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { WebhookEndpoint } from '../db/schema-webhooks.ts';
import { AppError, notFound } from '../errors.ts';
import { sealWebhookSecret } from './webhook-secret.ts';
import { generateWebhookSecret } from './webhook-signature.ts';
import { checkEndpointUrl } from './webhook-url.ts';
import type { WebhookEventType } from './webhook-events.ts';
import {
  findDeliveryRow,
  findEndpointRow,
  listAttemptRows,
  listDeliveryRows,
  listEndpointRows,
  type DeliveryRow,
} from './webhooks.repository.ts';
import type { DeliveryQuery, EndpointPatch, NewEndpoint } from './webhooks.schemas.ts';

// The office's webhook endpoints and their delivery log (decision 019). A secret is returned once, when
// it is made (creation, rotation); after a rotation the previous one keeps signing for a day so that a
// receiver can switch over without losing deliveries.

export const PREVIOUS_SECRET_MS = 24 * 3600_000;

type Deps = Pick<AppDeps, 'db' | 'secret' | 'config'>;
type Actor = { userId: number };

export function endpointView(row: WebhookEndpoint, now: Date) {
  const until = row.previous_secret_until;
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as WebhookEventType[],
    active: row.active === 1,
    previousSecretUntil: until !== null && until > now.toISOString() ? until : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function deliveryView(row: DeliveryRow) {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    endpointId: row.endpoint_id,
    endpointUrl: row.endpoint_url,
    replayOf: row.replay_of,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function endpointOr404(deps: Deps, id: number): Promise<WebhookEndpoint> {
  const row = await findEndpointRow(deps.db, id);
  if (!row) throw notFound(`Webhook endpoint ${id}`);
  return row;
}

export async function listEndpoints(deps: Deps, now: Date) {
  return (await listEndpointRows(deps.db)).map((row) => endpointView(row, now));
}

export async function createEndpoint(deps: Deps, input: NewEndpoint, actor: Actor, now: Date) {
  const url = checkEndpointUrl(input.url, deps.config.WEBHOOKS_ALLOW_HTTP === 'on');
  const secret = generateWebhookSecret();
  const at = now.toISOString();
  const row = await deps.db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto('webhook_endpoints')
      .values({
        url,
        description: input.description.trim(),
        event_types: JSON.stringify([...new Set(input.eventTypes)]),
        active: input.active ? 1 : 0,
        secret_sealed: sealWebhookSecret(deps.secret, secret),
        previous_secret_sealed: null,
        previous_secret_until: null,
        created_by: actor.userId,
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const detail = { url, eventTypes: input.eventTypes };
    await recordAudit(
      trx,
      {
        actorUserId: actor.userId,
        action: 'webhook_endpoint_created',
        entityType: 'webhook_endpoint',
        entityId: created.id,
        detail,
      },
      now,
    );
    return created;
  });
  return { endpoint: endpointView(row, now), secret };
}

export async function updateEndpoint(deps: Deps, id: number, patch: EndpointPatch, actor: Actor, now: Date) {
  const row = await endpointOr404(deps, id);
  const set: Partial<WebhookEndpoint> = { updated_at: now.toISOString() };
  if (patch.url !== undefined) set.url = checkEndpointUrl(patch.url, deps.config.WEBHOOKS_ALLOW_HTTP === 'on');
  if (patch.description !== undefined) set.description = patch.description.trim();
  if (patch.eventTypes !== undefined) set.event_types = JSON.stringify([...new Set(patch.eventTypes)]);
  if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('webhook_endpoints').set(set).where('id', '=', id).execute();
    await recordAudit(
      trx,
      {
        actorUserId: actor.userId,
        action: 'webhook_endpoint_updated',
        entityType: 'webhook_endpoint',
        entityId: id,
        detail: patch,
      },
      now,
    );
  });
  return endpointView({ ...row, ...set }, now);
}

/** A new secret, returned once; the old one signs too for PREVIOUS_SECRET_MS. */
export async function rotateEndpointSecret(deps: Deps, id: number, actor: Actor, now: Date) {
  const row = await endpointOr404(deps, id);
  const secret = generateWebhookSecret();
  const set = {
    secret_sealed: sealWebhookSecret(deps.secret, secret),
    previous_secret_sealed: row.secret_sealed,
    previous_secret_until: new Date(now.getTime() + PREVIOUS_SECRET_MS).toISOString(),
    updated_at: now.toISOString(),
  };
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('webhook_endpoints').set(set).where('id', '=', id).execute();
    await recordAudit(
      trx,
      {
        actorUserId: actor.userId,
        action: 'webhook_secret_rotated',
        entityType: 'webhook_endpoint',
        entityId: id,
        detail: null,
      },
      now,
    );
  });
  return { endpoint: endpointView({ ...row, ...set }, now), secret };
}

export async function listDeliveries(deps: Deps, query: DeliveryQuery) {
  return (await listDeliveryRows(deps.db, query)).map(deliveryView);
}

export async function deliveryDetail(deps: Deps, id: number) {
  const row = await findDeliveryRow(deps.db, id);
  if (!row) throw notFound(`Webhook delivery ${id}`);
  const attempts = await listAttemptRows(deps.db, id);
  return {
    delivery: deliveryView(row),
    payload: JSON.parse(row.payload) as unknown,
    attempts: attempts.map((a) => ({
      id: a.id,
      attemptedAt: a.attempted_at,
      statusCode: a.status_code,
      durationMs: a.duration_ms,
      succeeded: a.succeeded === 1,
      error: a.error,
    })),
  };
}

/** A new delivery of the same event (same webhook-id) to the same endpoint, due now. */
export async function replayDelivery(deps: Deps, id: number, actor: Actor, now: Date) {
  const row = await findDeliveryRow(deps.db, id);
  if (!row) throw notFound(`Webhook delivery ${id}`);
  if (row.status === 'pending') {
    throw new AppError(
      409,
      'webhook_delivery_pending',
      'This delivery is still being tried; replay it once it has succeeded or failed.',
    );
  }
  const at = now.toISOString();
  const created = await deps.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('webhook_deliveries')
      .values({
        event_id: row.event_id,
        endpoint_id: row.endpoint_id,
        replay_of: id,
        status: 'pending',
        attempts: 0,
        next_attempt_at: at,
        claimed_by: null,
        claimed_until: null,
        last_status: null,
        last_error: null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      {
        actorUserId: actor.userId,
        action: 'webhook_delivery_replayed',
        entityType: 'webhook_delivery',
        entityId: id,
        detail: { replay: inserted.id, eventId: row.event_id },
      },
      now,
    );
    return inserted;
  });
  return (await deliveryDetail(deps, created.id)).delivery;
}
