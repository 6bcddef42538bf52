import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { loadConfig } from '../../server/config.ts';
import { closeCampaign, markPublished } from '../../server/campaigns/campaign-lifecycle.service.ts';
import { createProblem, moveProblem } from '../../server/problems/problem-writes.ts';
import { emitWebhookEvent, WEBHOOK_EVENT_TYPES } from '../../server/webhooks/webhook-events.ts';
import { runWebhookScans } from '../../server/webhooks/webhook-scans.ts';
import {
  claimDelivery,
  CLAIM_MS,
  MAX_ATTEMPTS,
  RETRY_DELAYS_MS,
  runDeliveryRound,
} from '../../server/webhooks/webhook-worker.ts';
import { createLogger } from '../../server/logger.ts';
import { insertUnit } from '../problems/problem-fixture.ts';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { startReceiver, verifyStandardWebhook, type Receiver } from './webhook-receiver.ts';

const T0 = new Date('2026-12-02T04:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describeEachDialect('signed webhooks', (database) => {
  let receiver: Receiver;
  let setup: Awaited<ReturnType<typeof build>>;
  const worker = (db = database().db) => ({ db, secret: TEST_SECRET, logger: createLogger('silent') });

  async function build() {
    const { app, deps } = createTestApp(database(), {
      config: loadConfig({ DATABASE_URL: database().url, WEBHOOKS_ALLOW_HTTP: 'on' }),
    });
    const admin = await signInAsAdmin(app, database().db);
    return { app, deps, admin };
  }

  /** Clears the log and registers one endpoint at the receiver for the given types. */
  async function endpoint(eventTypes: string[] = [...WEBHOOK_EVENT_TYPES]) {
    const db = database().db;
    await db.deleteFrom('webhook_attempts').execute();
    await db.deleteFrom('webhook_deliveries').execute();
    await db.deleteFrom('webhook_events').execute();
    await db.deleteFrom('webhook_scan_marks').execute();
    await db.updateTable('webhook_endpoints').set({ active: 0 }).execute();
    receiver.received.length = 0;
    receiver.answers.length = 0;
    const response = await setup.admin.post('/api/webhooks/endpoints', {
      url: receiver.url,
      description: '测试',
      eventTypes,
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { endpoint: { id: number }; secret: string };
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    receiver.secrets = [body.secret];
    return body.endpoint.id;
  }

  beforeAll(async () => {
    receiver = await startReceiver();
    setup = await build();
  });
  afterAll(async () => {
    await receiver.close();
  });

  it('refuses plain http to a public host and other schemes, and keeps the secret out of the list', async () => {
    for (const url of ['http://example.org/hook', 'ftp://127.0.0.1/x', 'https://user:pw@example.org/']) {
      const response = await setup.admin.post('/api/webhooks/endpoints', { url, eventTypes: ['problem.filed'] });
      expect(response.status).toBe(422);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('webhook_url_refused');
    }
    await endpoint(['problem.filed']);
    const list = await (await setup.admin.get('/api/webhooks/endpoints')).text();
    expect(list).not.toContain('whsec_');
    const row = await database().db.selectFrom('webhook_endpoints').select('secret_sealed').executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(receiver.secrets[0]!.slice(6, 20));
  });

  it('delivers a signed event that the receiver verifies', async () => {
    await endpoint(['problem.filed']);
    const id = await emitWebhookEvent(database().db, 'problem.filed', { problemId: 1 }, T0);
    expect(id).toMatch(/^evt_/);
    expect(await emitWebhookEvent(database().db, 'problem.closed', { problemId: 1 }, T0)).toBeNull();
    const round = await runDeliveryRound(worker(), 'w1', T0);
    expect(round).toEqual({ attempted: 1, succeeded: 1, failed: 0 });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({ id, verified: true, timestamp: String(T0.getTime() / 1000) });
    expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: 'problem.filed', data: { problemId: 1 } });
  });

  it('retries a receiver that fails twice, with backoff, and logs three attempts', async () => {
    await endpoint(['problem.filed']);
    receiver.answers.push(500, 503);
    await emitWebhookEvent(database().db, 'problem.filed', { problemId: 2 }, T0);
    expect((await runDeliveryRound(worker(), 'w1', T0)).failed).toBe(1);
    // Not due again until the first wait has passed.
    expect((await runDeliveryRound(worker(), 'w1', at(RETRY_DELAYS_MS[0] - 1))).attempted).toBe(0);
    expect((await runDeliveryRound(worker(), 'w1', at(RETRY_DELAYS_MS[0]))).failed).toBe(1);
    const third = at(RETRY_DELAYS_MS[0] + RETRY_DELAYS_MS[1]);
    expect((await runDeliveryRound(worker(), 'w1', third)).succeeded).toBe(1);
    const [delivery] = (await (await setup.admin.get('/api/webhooks/deliveries')).json()) as { id: number }[];
    const detail = (await (await setup.admin.get(`/api/webhooks/deliveries/${delivery!.id}`)).json()) as {
      delivery: { status: string; attempts: number };
      attempts: { statusCode: number; succeeded: boolean; error: string | null }[];
    };
    expect(detail.delivery).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(detail.attempts.map((a) => a.statusCode)).toEqual([500, 503, 200]);
    expect(detail.attempts[0]!.error).toContain('HTTP 500');
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(1);
  });

  it('fails after the last retry; a replay keeps the event id and succeeds', async () => {
    await endpoint(['problem.filed']);
    receiver.answers.push(...Array<number>(MAX_ATTEMPTS).fill(500));
    const eventId = await emitWebhookEvent(database().db, 'problem.filed', { problemId: 3 }, T0);
    let clock = 0;
    for (let i = 0; i < MAX_ATTEMPTS; i += 1) {
      expect((await runDeliveryRound(worker(), 'w1', at(clock))).failed).toBe(1);
      clock += RETRY_DELAYS_MS[i] ?? 0;
    }
    const [failed] = (await (await setup.admin.get('/api/webhooks/deliveries?status=failed')).json()) as {
      id: number;
      attempts: number;
    }[];
    expect(failed!.attempts).toBe(MAX_ATTEMPTS);
    const replay = await setup.admin.post(`/api/webhooks/deliveries/${failed!.id}/replay`);
    expect(replay.status).toBe(201);
    const queued = (await replay.json()) as { id: number; replayOf: number; eventId: string; status: string };
    expect(queued).toMatchObject({ replayOf: failed!.id, eventId, status: 'pending' });
    expect((await setup.admin.post(`/api/webhooks/deliveries/${queued.id}/replay`)).status).toBe(409);
    expect((await runDeliveryRound(worker(), 'w1', at(clock))).succeeded).toBe(1);
    expect(receiver.received.at(-1)).toMatchObject({ id: eventId, verified: true });
  });

  it('two app servers on one database deliver each event exactly once', async () => {
    await endpoint(['problem.filed']);
    const ids = new Set<string>();
    for (let i = 0; i < 30; i += 1)
      ids.add((await emitWebhookEvent(database().db, 'problem.filed', { problemId: i }, T0))!);
    const second = openDatabase(database().url);
    try {
      for (let round = 0; round < 3; round += 1) {
        await Promise.all([
          runDeliveryRound(worker(), 'server-a', T0),
          runDeliveryRound(worker(second.db), 'server-b', T0),
        ]);
      }
    } finally {
      await second.close();
    }
    const counts = new Map<string, number>();
    for (const r of receiver.received) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const workers = await database().db.selectFrom('webhook_attempts').select('worker').distinct().execute();
    expect(workers.length).toBeGreaterThanOrEqual(1);
  });

  it('a delivery claimed by a dead server is taken again once its claim expires', async () => {
    await endpoint(['problem.filed']);
    await emitWebhookEvent(database().db, 'problem.filed', { problemId: 9 }, T0);
    const delivery = await database().db.selectFrom('webhook_deliveries').select('id').executeTakeFirstOrThrow();
    expect(await claimDelivery(database().db, delivery.id, 'dead-server', T0)).toBe(true);
    expect((await runDeliveryRound(worker(), 'w2', at(CLAIM_MS / 2))).attempted).toBe(0);
    expect(receiver.received).toHaveLength(0);
    expect((await runDeliveryRound(worker(), 'w2', at(CLAIM_MS))).succeeded).toBe(1);
    expect(receiver.received).toHaveLength(1);
  });

  it('rotating the secret signs with both for a day', async () => {
    const id = await endpoint(['problem.filed']);
    const old = receiver.secrets[0]!;
    const rotated = (await (await setup.admin.post(`/api/webhooks/endpoints/${id}/rotate`)).json()) as {
      secret: string;
    };
    expect(rotated.secret).not.toBe(old);
    await emitWebhookEvent(database().db, 'problem.filed', { problemId: 10 }, new Date());
    receiver.secrets = [rotated.secret];
    await runDeliveryRound(worker(), 'w1', new Date());
    const r = receiver.received[0]!;
    expect(r.verified).toBe(true);
    // The previous secret verifies the same delivery (two `v1,` signatures) until its day is over.
    expect(r.signature.split(' ')).toHaveLength(2);
    expect(verifyStandardWebhook([old], r.id, r.timestamp, r.body, r.signature)).toBe(true);
  });

  it('no event payload holds ballot content, codes, tokens, phones or raisers', async () => {
    await endpoint();
    const db = database().db;
    const { deps } = setup;
    const adminId = (await db.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirstOrThrow())
      .id;
    const unitId = await insertUnit(db, '测试局');
    const office = { kind: 'office' as const, userId: adminId };
    // problem.filed, problem.closed; problem.overdue (a deadline passed).
    const filed = await createProblem(
      db,
      { unit_id: unitId, title: '张三反映窗口排队', detail: '电话13800138000', source: 'rating' },
      office,
      T0,
      'filed',
    );
    await moveProblem(db, filed.id, { action: 'claim', note: '已整改' }, office, T0);
    await moveProblem(db, filed.id, { action: 'close' }, office, T0);
    await createProblem(
      db,
      { unit_id: unitId, title: '逾期', detail: 'x', source: 'self', deadline: '2026-11-01' },
      office,
      T0,
      'filed',
    );
    // campaign.closed, campaign.published, and an hour of ballots.
    const campaign = async (status: 'open' | 'closed', slug: string) =>
      (
        await db
          .insertInto('campaigns')
          .values({
            slug,
            name: '作风评议',
            name_en: 'Review',
            status,
            starts_at: '2026-11-01T00:00:00.000Z',
            ends_at: '2026-12-31T00:00:00.000Z',
            settings: '{}',
            created_at: T0.toISOString(),
            opened_at: '2026-12-02T01:10:00.000Z',
            closed_at: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const open = await campaign('open', `wh-open-${deps.dialect}`);
    await db
      .insertInto('ballot_counts')
      .values({ campaign_id: open, rater_type: 'superior', received: 7, rated: 7 })
      .execute();
    await closeCampaign(
      deps,
      { afterClose: async () => {} },
      await campaign('open', `wh-close-${deps.dialect}`),
      { userId: adminId },
      T0,
    );
    const closed = await campaign('closed', `wh-pub-${deps.dialect}`);
    await db.transaction().execute((trx) => markPublished(trx, deps.dialect, closed, { userId: adminId }, T0));
    // visit.recorded and visit.feedback_overdue, with a named raiser and a phone that must not leave.
    const village = await db
      .insertInto('visit_villages')
      .values({
        township_id: unitId,
        code: null,
        name: '桃源村',
        kind: 'village',
        households: 100,
        sort_order: 0,
        active: 1,
        created_at: T0.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const visit = await db
      .insertInto('visits')
      .values({
        client_ref: `wh-${deps.dialect}`,
        team_id: null,
        recorded_by: adminId,
        visited_on: '2026-11-20',
        visited_time: null,
        place: null,
        target_kind: 'household',
        enterprise_id: null,
        village_id: village.id,
        household_id: null,
        households_count: 4,
        cadres: '["李四"]',
        heard: '路灯不亮',
        created_at: at(-3600_000).toISOString(),
        updated_at: T0.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('visit_problems')
      .values({
        visit_id: visit.id,
        seq: 1,
        description: '路灯不亮',
        raiser_name: '王五',
        raiser_phone: '13900139000',
        share_contact: 1,
        outcome: 'hotline',
        resolution: null,
        explanation_accepted: null,
        unit_id: null,
        report_id: null,
        hotline_ticket: 'GD2026-1',
        hotline_status: null,
        hotline_reply: null,
        hotline_updated_at: null,
        feedback_due_on: '2026-11-25',
        fed_back_on: null,
        feedback_channel: null,
        feedback_satisfaction: null,
        followup_id: null,
        created_at: T0.toISOString(),
        updated_at: T0.toISOString(),
      })
      .execute();
    const counts = await runWebhookScans(db, T0);
    expect(counts).toMatchObject({ problemsOverdue: 1, feedbackOverdue: 1, visitsRecorded: 1, ballotHours: 1 });
    // Each once: a second scan announces nothing new.
    expect(await runWebhookScans(db, at(60_000))).toEqual({
      problemsOverdue: 0,
      feedbackOverdue: 0,
      visitsRecorded: 0,
      ballotHours: 0,
    });

    const events = await db.selectFrom('webhook_events').select(['type', 'payload']).execute();
    expect(new Set(events.map((e) => e.type))).toEqual(
      new Set([
        'problem.filed',
        'problem.closed',
        'problem.overdue',
        'campaign.closed',
        'campaign.published',
        'ballots.hourly',
        'visit.recorded',
        'visit.feedback_overdue',
      ]),
    );
    const keys = (value: unknown): string[] =>
      value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)]) : [];
    for (const event of events) {
      expect(
        keys(JSON.parse(event.payload)).filter((k) => /ballot|code|token|phone|raiser|answer/i.test(k)),
        event.type,
      ).toEqual([]);
      for (const secret of ['张三', '13800138000', '王五', '13900139000', '路灯不亮'])
        expect(event.payload).not.toContain(secret);
    }
    const hourly = JSON.parse(events.find((e) => e.type === 'ballots.hourly')!.payload);
    expect(hourly.data).toMatchObject({
      campaignId: open,
      accepted: 7,
      acceptedTotal: 7,
      to: '2026-12-02T04:00:00.000Z',
    });
  });
});
