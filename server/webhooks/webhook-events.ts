import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';

// The outbox (decision 019). `emitWebhookEvent` writes an event and one delivery per active endpoint that
// takes its type, inside the caller's transaction when given one, so an event exists exactly when the
// change it announces committed. With no endpoint taking the type nothing is written: webhooks cost
// nothing until the office registers one.

export const WEBHOOK_EVENT_TYPES = [
  'campaign.opened',
  'campaign.closed',
  'campaign.published',
  'ballots.hourly',
  'problem.filed',
  'problem.closed',
  'problem.overdue',
  'visit.recorded',
  'visit.feedback_overdue',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Keys no payload may have, at any depth: ballot content, access codes, tokens, phones, raisers. */
const FORBIDDEN_KEY = /ballot|answer|comment|code|token|phone|contact|receipt|raiser|submission|password|secret/i;

export class UnsafePayloadError extends Error {}

/** Throws when a payload has a forbidden key: a programming error, never something a user can cause. */
export function assertSafePayload(value: unknown, path = 'data'): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertSafePayload(item, `${path}[${index}]`));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value)) {
    if (FORBIDDEN_KEY.test(key)) throw new UnsafePayloadError(`webhook payload key ${path}.${key} is not allowed`);
    assertSafePayload(inner, `${path}.${key}`);
  }
}

export function newEventId(): string {
  return `evt_${randomBytes(16).toString('base64url')}`;
}

/** Active endpoints that take `type`. */
export async function endpointsFor(db: Db, type: WebhookEventType): Promise<number[]> {
  const rows = await db.selectFrom('webhook_endpoints').select(['id', 'event_types']).where('active', '=', 1).execute();
  return rows.filter((row) => (JSON.parse(row.event_types) as string[]).includes(type)).map((row) => row.id);
}

/** The event types some active endpoint takes (the scans skip the others). */
export async function subscribedTypes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('webhook_endpoints').select('event_types').where('active', '=', 1).execute();
  return new Set(rows.flatMap((row) => JSON.parse(row.event_types) as string[]));
}

/**
 * Records an event for every active endpoint that takes its type; returns its id, or null when none does.
 * The body sent is `{ type, timestamp, data }` (the Standard Webhooks payload shape), stored as sent.
 */
export async function emitWebhookEvent(
  db: Db,
  type: WebhookEventType,
  data: Record<string, unknown>,
  now: Date,
): Promise<string | null> {
  assertSafePayload(data);
  const endpoints = await endpointsFor(db, type);
  if (endpoints.length === 0) return null;
  const id = newEventId();
  const at = now.toISOString();
  await db
    .insertInto('webhook_events')
    .values({ id, type, payload: JSON.stringify({ type, timestamp: at, data }), created_at: at })
    .execute();
  await db
    .insertInto('webhook_deliveries')
    .values(
      endpoints.map((endpointId) => ({
        event_id: id,
        endpoint_id: endpointId,
        replay_of: null,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: at,
        claimed_by: null,
        claimed_until: null,
        last_status: null,
        last_error: null,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();
  return id;
}
