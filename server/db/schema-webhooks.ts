import type { Generated, Selectable } from 'kysely';
import type { Flag } from './schema.ts';

// The tables of signed webhooks (migration 0016, decision 019). Conventions as in schema.ts.

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export interface WebhookEndpointTable {
  id: Generated<number>;
  url: string;
  description: string;
  /** JSON array of the event types the endpoint takes. */
  event_types: string;
  active: Flag;
  /** `whsec_…`, sealed under a key derived from the server key: the database alone cannot sign. */
  secret_sealed: string;
  /** The secret before the last rotation, still signed with until `previous_secret_until`. */
  previous_secret_sealed: string | null;
  previous_secret_until: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** The outbox: one row per event. */
export interface WebhookEventTable {
  /** `evt_` + random: the `webhook-id` header, the same for every attempt and replay. */
  id: string;
  type: string;
  /** JSON: `{ type, timestamp, data }`, exactly the body sent. */
  payload: string;
  created_at: string;
}

export interface WebhookDeliveryTable {
  id: Generated<number>;
  event_id: string;
  endpoint_id: number;
  /** The delivery this one replays, or null. */
  replay_of: number | null;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** When the next attempt is due (pending only). */
  next_attempt_at: string | null;
  /** The app server holding the delivery until `claimed_until`; after that another may take it. */
  claimed_by: string | null;
  claimed_until: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookAttemptTable {
  id: Generated<number>;
  delivery_id: number;
  attempted_at: string;
  worker: string;
  /** The HTTP status, or null when no answer came (refused, timed out). */
  status_code: number | null;
  duration_ms: number;
  succeeded: Flag;
  /** An excerpt of the error or of the answer's body. */
  error: string | null;
}

/** What a scan has announced already: an overdue problem, a visit, a campaign's counted ballots. */
export interface WebhookScanMarkTable {
  scan: string;
  subject: string;
  value: string;
  updated_at: string;
}

export interface WebhookTables {
  webhook_endpoints: WebhookEndpointTable;
  webhook_events: WebhookEventTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
  webhook_scan_marks: WebhookScanMarkTable;
}

export type WebhookEndpoint = Selectable<WebhookEndpointTable>;
export type WebhookDelivery = Selectable<WebhookDeliveryTable>;
