import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../app-deps.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { runWebhookScans } from './webhook-scans.ts';
import { signingSecrets } from './webhook-secret.ts';
import { signatureHeader } from './webhook-signature.ts';

// The delivery worker (decision 019). Every app server runs one. A round claims due deliveries one by one
// with a conditional UPDATE (claimed_by, claimed_until), so with several servers on one database each
// delivery is attempted by one of them; a claim that outlives its holder (a crash, a restart) expires and
// the delivery is taken again. All state is in the database. Answers 2xx end a delivery; anything else
// retries after the next wait of RETRY_DELAYS_MS, and after the last the delivery is failed (replayable).

/** Waits after the 1st, 2nd … failed attempt; one more failure after the last and the delivery fails. */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** How long a request may take; the claim lasts longer so no second server starts while the first waits. */
export const REQUEST_TIMEOUT_MS = 10_000;
export const CLAIM_MS = 60_000;
export const DELIVERY_ROUND_MS = 5_000;
const SCAN_EVERY_MS = 60_000;
const ROUND_LIMIT = 25;
const EXCERPT_CHARS = 300;

export type Send = typeof fetch;

export interface WorkerDeps {
  db: Db;
  secret: string;
  logger: Logger;
  /** The HTTP client; tests may pass their own, the app uses fetch. */
  send?: Send;
}

export interface DeliveryRound {
  attempted: number;
  succeeded: number;
  failed: number;
}

export function newWorkerId(): string {
  return `w_${randomBytes(6).toString('hex')}`;
}

/** Takes a delivery for `worker` until now + CLAIM_MS, if it is due and nobody holds it. */
export async function claimDelivery(db: Db, id: number, worker: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ claimed_by: worker, claimed_until: new Date(now.getTime() + CLAIM_MS).toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function dueDeliveries(db: Db, now: Date): Promise<number[]> {
  const at = now.toISOString();
  const rows = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select('d.id')
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('d.claimed_until', 'is', null), eb('d.claimed_until', '<=', at)]))
    .where('e.active', '=', 1)
    .orderBy('d.next_attempt_at')
    .orderBy('d.id')
    .limit(ROUND_LIMIT)
    .execute();
  return rows.map((row) => row.id);
}

interface Outcome {
  statusCode: number | null;
  ok: boolean;
  error: string | null;
  durationMs: number;
}

function excerpt(text: string): string {
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

async function post(send: Send, url: string, headers: Record<string, string>, body: string): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Pingyi-Webhooks/1', ...headers },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text().catch(() => '');
    const ok = response.status >= 200 && response.status < 300;
    return {
      statusCode: response.status,
      ok,
      error: ok ? null : excerpt(`HTTP ${response.status}${text ? `: ${text}` : ''}`),
      durationMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { statusCode: null, ok: false, error: excerpt(cause), durationMs: Math.round(performance.now() - started) };
  }
}

/** One attempt of a claimed delivery, logged, and the delivery moved on (done, retried later, or failed). */
async function attempt(deps: WorkerDeps, id: number, worker: string, now: Date): Promise<boolean> {
  const row = await deps.db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_events as v', 'v.id', 'd.event_id')
    .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
    .select([
      'd.attempts',
      'v.id as event_id',
      'v.payload',
      'e.url',
      'e.secret_sealed',
      'e.previous_secret_sealed',
      'e.previous_secret_until',
    ])
    .where('d.id', '=', id)
    .executeTakeFirstOrThrow();
  const timestamp = Math.floor(now.getTime() / 1000);
  const signature = signatureHeader(signingSecrets(deps.secret, row, now), row.event_id, timestamp, row.payload);
  const outcome = await post(
    deps.send ?? fetch,
    row.url,
    { 'webhook-id': row.event_id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature },
    row.payload,
  );
  const attempts = row.attempts + 1;
  const retry = !outcome.ok && attempts < MAX_ATTEMPTS;
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_attempts')
      .values({
        delivery_id: id,
        attempted_at: at,
        worker,
        status_code: outcome.statusCode,
        duration_ms: outcome.durationMs,
        succeeded: outcome.ok ? 1 : 0,
        error: outcome.error,
      })
      .execute();
    await trx
      .updateTable('webhook_deliveries')
      .set({
        attempts,
        status: outcome.ok ? 'succeeded' : retry ? 'pending' : 'failed',
        next_attempt_at: retry ? new Date(now.getTime() + RETRY_DELAYS_MS[attempts - 1]!).toISOString() : null,
        last_status: outcome.statusCode,
        last_error: outcome.error,
        claimed_by: null,
        claimed_until: null,
        updated_at: at,
      })
      .where('id', '=', id)
      .where('claimed_by', '=', worker)
      .execute();
  });
  return outcome.ok;
}

/** One round: every due delivery this worker manages to claim, attempted once. */
export async function runDeliveryRound(deps: WorkerDeps, worker: string, now: Date): Promise<DeliveryRound> {
  const round: DeliveryRound = { attempted: 0, succeeded: 0, failed: 0 };
  for (const id of await dueDeliveries(deps.db, now)) {
    if (!(await claimDelivery(deps.db, id, worker, now))) continue;
    round.attempted += 1;
    if (await attempt(deps, id, worker, now)) round.succeeded += 1;
    else round.failed += 1;
  }
  return round;
}

/**
 * Runs the scans every minute and a delivery round every `everyMs` until stopped. With no endpoint
 * registered a round reads two empty tables and sends nothing.
 */
export function startWebhookWorker(
  deps: Pick<AppDeps, 'db' | 'secret' | 'logger'> & { send?: Send },
  everyMs = DELIVERY_ROUND_MS,
) {
  const worker = newWorkerId();
  let lastScan = 0;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running
      .then(async () => {
        const now = new Date();
        if (now.getTime() - lastScan >= SCAN_EVERY_MS) {
          lastScan = now.getTime();
          await runWebhookScans(deps.db, now);
        }
        const round = await runDeliveryRound(deps, worker, now);
        if (round.failed > 0) deps.logger.warn('webhooks: some deliveries failed and wait for a retry', { ...round });
      })
      .catch((error: unknown) => {
        deps.logger.warn('webhook round failed; it runs again later', {
          error: error instanceof Error ? error.message : String(error),
        });
      });
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    worker,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
