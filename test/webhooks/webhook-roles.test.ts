import { beforeAll, expect, it } from 'vitest';
import { emitWebhookEvent } from '../../server/webhooks/webhook-events.ts';
import { createWebhookRoutes } from '../../server/webhooks/webhooks.routes.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { problemWorld, type Caller, type ProblemWorld } from '../problems/problem-fixture.ts';

// The role matrix of the webhooks API: every route × {anonymous, leader, unit staff, the office} → the
// status the server answers. Only the office may see or change endpoints and deliveries.

type Who = 'anonymous' | 'leader' | 'staff' | 'admin';
const WHO: readonly Who[] = ['anonymous', 'leader', 'staff', 'admin'];
const officeOnly = (ok: number): Record<Who, number> => ({ anonymous: 401, leader: 403, staff: 403, admin: ok });

interface Row {
  route: string;
  method: string;
  prepare: () => Promise<{ path: string; body?: unknown }>;
  expected: Record<Who, number>;
}

describeEachDialect('the role matrix of the webhooks API', (database) => {
  let w: ProblemWorld;
  let deps: ReturnType<typeof createTestApp>['deps'];
  const callers = (): Record<Who, Caller> => ({
    anonymous: w.anonymous,
    leader: w.leader,
    staff: w.staffA,
    admin: w.admin,
  });

  async function endpointId(): Promise<number> {
    const response = await w.admin.post('/api/webhooks/endpoints', {
      url: 'https://hooks.example.org/pingyi',
      eventTypes: ['problem.filed'],
    });
    return ((await response.json()) as { endpoint: { id: number } }).endpoint.id;
  }

  /** A finished (failed) delivery, so that a replay is allowed. */
  async function deliveryId(): Promise<number> {
    await endpointId();
    const eventId = await emitWebhookEvent(database().db, 'problem.filed', { problemId: 1 }, new Date());
    const row = await database()
      .db.updateTable('webhook_deliveries')
      .set({ status: 'failed', next_attempt_at: null })
      .where('event_id', '=', eventId!)
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  const rows = (): Row[] => [
    {
      route: 'GET /webhooks/endpoints',
      method: 'GET',
      prepare: async () => ({ path: '/api/webhooks/endpoints' }),
      expected: officeOnly(200),
    },
    {
      route: 'POST /webhooks/endpoints',
      method: 'POST',
      prepare: async () => ({
        path: '/api/webhooks/endpoints',
        body: { url: 'https://hooks.example.org/a', eventTypes: ['campaign.opened'] },
      }),
      expected: officeOnly(201),
    },
    {
      route: 'PATCH /webhooks/endpoints/{id}',
      method: 'PATCH',
      prepare: async () => ({ path: `/api/webhooks/endpoints/${await endpointId()}`, body: { active: false } }),
      expected: officeOnly(200),
    },
    {
      route: 'POST /webhooks/endpoints/{id}/rotate',
      method: 'POST',
      prepare: async () => ({ path: `/api/webhooks/endpoints/${await endpointId()}/rotate`, body: {} }),
      expected: officeOnly(200),
    },
    {
      route: 'GET /webhooks/deliveries',
      method: 'GET',
      prepare: async () => ({ path: '/api/webhooks/deliveries?status=failed' }),
      expected: officeOnly(200),
    },
    {
      route: 'GET /webhooks/deliveries/{id}',
      method: 'GET',
      prepare: async () => ({ path: `/api/webhooks/deliveries/${await deliveryId()}` }),
      expected: officeOnly(200),
    },
    {
      route: 'POST /webhooks/deliveries/{id}/replay',
      method: 'POST',
      prepare: async () => ({ path: `/api/webhooks/deliveries/${await deliveryId()}/replay`, body: {} }),
      expected: officeOnly(201),
    },
  ];

  beforeAll(async () => {
    const made = createTestApp(database());
    deps = made.deps;
    w = await problemWorld(made.app, database().db);
  });

  it('covers every route of the webhooks router', () => {
    const doc = createWebhookRoutes(deps).getOpenAPIDocument({ openapi: '3.0.0', info: { title: 'x', version: '1' } });
    const declared = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(
      rows()
        .map((row) => row.route)
        .sort(),
    ).toEqual(declared.sort());
  });

  it('answers every route for every role as the table says', async () => {
    const got: Record<string, Record<Who, number>> = {};
    const want: Record<string, Record<Who, number>> = {};
    for (const row of rows()) {
      want[row.route] = row.expected;
      got[row.route] = {} as Record<Who, number>;
      for (const who of WHO) {
        const { path, body } = await row.prepare();
        got[row.route]![who] = (await callers()[who].call(row.method, path, body)).status;
      }
    }
    expect(got).toEqual(want);
  });

  it('refuses unknown event types and unknown keys with 400, an unknown delivery with 404', async () => {
    expect(
      (await w.admin.post('/api/webhooks/endpoints', { url: 'https://a.example/x', eventTypes: ['ballot.cast'] }))
        .status,
    ).toBe(400);
    expect(
      (
        await w.admin.post('/api/webhooks/endpoints', {
          url: 'https://a.example/x',
          eventTypes: ['problem.filed'],
          secret: 'x',
        })
      ).status,
    ).toBe(400);
    expect((await w.admin.get('/api/webhooks/deliveries/999999')).status).toBe(404);
    expect((await w.admin.post('/api/webhooks/deliveries/999999/replay', {})).status).toBe(404);
  });
});
