import { tempEvidenceStore } from '../support/test-evidence.ts';
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../server/auth/auth.service.ts';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { signIn } from '../support/sign-in.ts';

const VALID_ANSWERS = { attitude: 5, efficiency: 4, serviceRules: 'all', overall: 5, comment: '办事很快' };

describeEachDialect('HTTP API', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let campaignId: number;
  let unitId: number;
  let questionnaireId: number;
  /** Live scores are for the office; everyone else sees counts only. */
  let adminCookie: string;

  const post = (path: string, body: unknown) =>
    app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const ballot = (overrides: Record<string, unknown> = {}) => ({
    campaignId,
    unitId,
    questionnaireId,
    submissionId: randomUUID(),
    answers: VALID_ANSWERS,
    deviceId: randomUUID(),
    fillSeconds: 40,
    ...overrides,
  });
  const unitResults = async () => {
    const results = await (
      await app.request(`/api/campaigns/${campaignId}/results`, { headers: { cookie: adminCookie } })
    ).json();
    return {
      total: results.totalBallots as number,
      scoresHidden: results.scoresHidden as boolean,
      unit: results.units.find((u: { code: string }) => u.code === 'D26'),
    };
  };

  beforeAll(async () => {
    await seedDemoIfEmpty(database().db, new Date(), TEST_SECRET, tempEvidenceStore());
    app = createTestApp(database()).app;
    const opened = await (await app.request('/api/respond/open/demo-2026/D26')).json();
    campaignId = opened.campaign.id;
    unitId = opened.unit.id;
    questionnaireId = opened.questionnaire.id;
    const admin = (await ensureFirstAdmin({ db: database().db }, new Date()))!;
    adminCookie = await signIn(app, admin.username, admin.password);
  });

  it('answers the health check after asking the database', async () => {
    const response = await app.request('/api/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: database().dialect });
  });

  it('publishes an OpenAPI document and a reference page from local files', async () => {
    const doc = await (await app.request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/ballots', '/api/campaigns/{id}/results']),
    );
    const page = await app.request('/api/docs');
    const html = await page.text();
    expect(html).toContain('/api/docs/swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await app.request('/api/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toContain('javascript');
  });

  it('answers unknown endpoints and bad input in the one error shape', async () => {
    const missing = await app.request('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });

    const malformed = await app.request('/api/ballots', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"campaignId": 1,',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('bad_request');

    const badShape = await post('/api/ballots', { campaignId: 'one' });
    expect(badShape.status).toBe(400);
    const body = await badShape.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toContain('campaignId');

    const huge = await post('/api/ballots', ballot({ answers: { comment: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('payload_too_large');

    const badId = await app.request('/api/campaigns/abc');
    expect(badId.status).toBe(400);
  });

  it('opens the rating of one unit with its questionnaire', async () => {
    const response = await app.request('/api/respond/open/demo-2026/D26');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.unit).toMatchObject({ code: 'D26', name: '市政务服务中心' });
    expect(body.questionnaire.definition.pages).toBeInstanceOf(Array);
    expect((await app.request('/api/respond/open/demo-2026/NOPE')).status).toBe(404);
    expect((await app.request('/api/respond/open/no-such-campaign/D26')).status).toBe(404);
  });

  it('stores a ballot, counts it in the results, and never counts a retry twice', async () => {
    const before = await unitResults();
    const first = ballot();
    const accepted = await post('/api/ballots', first);
    expect(accepted.status).toBe(201);
    const receipt = (await accepted.json()).receipt;
    expect(receipt).toMatch(/^[A-HJ-KM-NP-Z2-9]{10}$/);

    const retry = await post('/api/ballots', first);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ receipt, replayed: true });

    const after = await unitResults();
    expect(after.total).toBe(before.total + 1);
    const recipient = after.unit.groups.find((g: { raterType: string }) => g.raterType === 'recipient');
    const recipientBefore = before.unit.groups.find((g: { raterType: string }) => g.raterType === 'recipient');
    expect(recipient.ballots).toBe(recipientBefore.ballots + 1);
    // While voting runs nobody sees a figure, the office included (decision 011).
    expect(after).toMatchObject({ scoresHidden: true });
    expect(recipient.mean).toBeNull();
    const anonymous = await (await app.request(`/api/campaigns/${campaignId}/results`)).json();
    const publicUnit = anonymous.units.find((u: { code: string }) => u.code === 'D26');
    expect(anonymous).toMatchObject({ scoresHidden: true, totalBallots: after.total });
    expect(publicUnit).toMatchObject({ composite: null, rank: null, grade: null });
    expect(publicUnit.groups.find((g: { raterType: string }) => g.raterType === 'recipient')).toMatchObject({
      ballots: recipient.ballots,
      mean: null,
      items: [],
    });
  });

  it('lands exactly one ballot when the same submission races itself', async () => {
    // Several rounds: a copy that loses the race to count but wins the race to insert is rare in one.
    for (let round = 0; round < 8; round++) {
      const before = (await unitResults()).total;
      const same = ballot();
      const responses = await Promise.all(Array.from({ length: 16 }, () => post('/api/ballots', same)));
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.every((s) => s === 200 || s === 201)).toBe(true);
      const receipts = new Set(await Promise.all(responses.map(async (r) => (await r.json()).receipt)));
      expect(receipts.size).toBe(1);
      expect((await unitResults()).total).toBe(before + 1);
    }
  });

  it('refuses answers the questionnaire does not allow, storing nothing', async () => {
    const before = (await unitResults()).total;
    const wrongType = await post('/api/ballots', ballot({ answers: { ...VALID_ANSWERS, attitude: '5' } }));
    expect(wrongType.status).toBe(422);
    expect((await wrongType.json()).error).toMatchObject({
      code: 'invalid_answers',
      message: expect.stringContaining('attitude'),
    });
    const missing = await post('/api/ballots', ballot({ answers: { attitude: 5 } }));
    expect(missing.status).toBe(422);
    const unknownKey = await post('/api/ballots', ballot({ answers: { ...VALID_ANSWERS, total: 100 } }));
    expect(unknownKey.status).toBe(422);
    const wrongUnit = await post('/api/ballots', ballot({ unitId: 999_999 }));
    expect(wrongUnit.status).toBe(404);
    const staleQuestionnaire = await post('/api/ballots', ballot({ questionnaireId: questionnaireId + 1000 }));
    expect(staleQuestionnaire.status).toBe(409);
    expect((await unitResults()).total).toBe(before);
  });

  it('refuses ballots outside the campaign window with a clear 4xx', async () => {
    const { db } = database();
    const campaign = await db
      .selectFrom('campaigns')
      .selectAll()
      .where('id', '=', campaignId)
      .executeTakeFirstOrThrow();
    try {
      await db
        .updateTable('campaigns')
        .set({ ends_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', campaignId)
        .execute();
      const late = await post('/api/ballots', ballot());
      expect(late.status).toBe(410);
      expect((await late.json()).error).toMatchObject({
        code: 'campaign_closed',
        message: expect.stringContaining('closed'),
      });
      expect((await app.request('/api/respond/open/demo-2026/D26')).status).toBe(410);

      await db
        .updateTable('campaigns')
        .set({ status: 'draft', ends_at: campaign.ends_at })
        .where('id', '=', campaignId)
        .execute();
      const early = await post('/api/ballots', ballot());
      expect(early.status).toBe(409);
      expect((await early.json()).error.code).toBe('campaign_not_started');
    } finally {
      await db
        .updateTable('campaigns')
        .set({ status: campaign.status, ends_at: campaign.ends_at })
        .where('id', '=', campaignId)
        .execute();
    }
  });

  it('hides the score of a rater group below its minimum', async () => {
    const { db } = database();
    await db
      .updateTable('campaign_rater_types')
      .set({ min_count: 1_000_000 })
      .where('campaign_id', '=', campaignId)
      .execute();
    try {
      const { unit } = await unitResults();
      for (const group of unit.groups) expect(group).toMatchObject({ suppressed: true, mean: null, items: [] });
    } finally {
      await db
        .updateTable('campaign_rater_types')
        .set({ min_count: 5 })
        .where('campaign_id', '=', campaignId)
        .execute();
    }
  });
});
