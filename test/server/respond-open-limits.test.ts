import { tempEvidenceStore } from '../support/test-evidence.ts';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { withinOneWindow } from '../support/rate-window.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { createTinyCampaign } from './results-factory.ts';

type App = ReturnType<typeof createTestApp>['app'];

interface OpenAnswer {
  campaign: { id: number };
  unit: { id: number };
  questionnaire: { id: number };
  openLimit: {
    allowed: boolean;
    reachedBy: 'device' | 'address' | null;
    retryAfterSeconds: number | null;
    perDevice: { max: number; windowHours: number };
  } | null;
}

/** The per-address limit of the demo campaign, lowered for this suite so that a test can reach it. */
const PER_ADDRESS = 6;

/** GET /respond/open tells a page, before it fills anything, whether its ballot would be refused (issue 13, bug 9b). */
describeEachDialect('open rating: the limits, checked when the page opens', (database) => {
  let app: App;

  const open = (unit: string, deviceId?: string) =>
    app.request(`/api/respond/open/demo-2026/${unit}${deviceId ? `?deviceId=${deviceId}` : ''}`);
  const opened = async (unit: string, deviceId?: string) => {
    const response = await open(unit, deviceId);
    expect(response.status).toBe(200);
    return (await response.json()) as OpenAnswer;
  };
  const ballot = (session: OpenAnswer, deviceId: string) =>
    app.request('/api/ballots', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        campaignId: session.campaign.id,
        unitId: session.unit.id,
        questionnaireId: session.questionnaire.id,
        submissionId: randomUUID(),
        answers: { attitude: 4, efficiency: 5, serviceRules: 'some', overall: 4 },
        deviceId,
        fillSeconds: 60,
      }),
    });
  /** Every rate counter of the database, to prove that opening a page counts nothing. */
  const counters = () =>
    database()
      .db.selectFrom('rate_counters')
      .select(['scope', 'key_hash', 'window_start', 'count'])
      .orderBy('scope')
      .orderBy('key_hash')
      .orderBy('window_start')
      .execute();

  beforeAll(async () => {
    const { db } = database();
    await seedDemoIfEmpty(db, new Date(), TEST_SECRET, tempEvidenceStore());
    const campaign = await db.selectFrom('campaigns').select(['id', 'settings']).executeTakeFirstOrThrow();
    const settings = JSON.parse(campaign.settings) as { access?: { openRating?: Record<string, unknown> } };
    settings.access = {
      ...settings.access,
      openRating: { ...settings.access?.openRating, perAddress: { max: PER_ADDRESS, windowHours: 1 } },
    };
    await db
      .updateTable('campaigns')
      .set({ settings: JSON.stringify(settings) })
      .where('id', '=', campaign.id)
      .execute();
    app = createTestApp(database()).app;
  });

  it('reports the per-device limit for this unit when the page opens, and opening uses up nothing', async () => {
    await withinOneWindow(3600, async () => {
      const device = randomUUID();
      expect((await open('D07', device)).headers.get('cache-control')).toBe('no-store');
      const first = await opened('D07', device);
      expect(first.openLimit).toEqual({
        allowed: true,
        reachedBy: null,
        retryAfterSeconds: null,
        perDevice: { max: 2, windowHours: 24 },
      });
      const before = await counters();
      for (let i = 0; i < 4; i += 1) expect((await opened('D07', device)).openLimit?.allowed).toBe(true);
      expect(await counters()).toEqual(before);

      expect((await ballot(first, device)).status).toBe(201);
      expect((await opened('D07', device)).openLimit?.allowed).toBe(true);
      expect((await ballot(first, device)).status).toBe(201);
      const afterBallots = await counters();

      const atLimit = (await opened('D07', device)).openLimit!;
      expect(atLimit).toMatchObject({ allowed: false, reachedBy: 'device', perDevice: { max: 2, windowHours: 24 } });
      expect(atLimit.retryAfterSeconds).toBeGreaterThan(0);
      expect(atLimit.retryAfterSeconds).toBeLessThanOrEqual(24 * 3600);
      expect(await counters()).toEqual(afterBallots);

      // The ballot POST agrees, and stays the authority.
      const refused = await ballot(first, device);
      expect(refused.status).toBe(429);
      expect((await refused.json()).error.code).toBe('rating_limit_reached');
      // Another unit on the same phone, and another phone on the same unit, may still rate.
      expect((await opened('D08', device)).openLimit?.allowed).toBe(true);
      expect((await opened('D07', randomUUID())).openLimit?.allowed).toBe(true);
      // Without a device id the page is told nothing about limits.
      expect((await opened('D07')).openLimit).toBeNull();
    });
  });

  it("reports a used-up address as the address's limit, as the ballot would be refused", async () => {
    await withinOneWindow(3600, async () => {
      let reached: OpenAnswer | null = null;
      let device = '';
      // Each phone rates once until the address (every request of app.request() shares one) is used up.
      for (let ballots = 0; ballots <= PER_ADDRESS && !reached; ballots += 1) {
        device = randomUUID();
        const session = await opened('D09', device);
        if (session.openLimit?.allowed === false) reached = session;
        else expect((await ballot(session, device)).status).toBe(201);
      }
      expect(reached?.openLimit).toMatchObject({ allowed: false, reachedBy: 'address' });
      expect(reached!.openLimit!.retryAfterSeconds).toBeLessThanOrEqual(3600);
      const refused = await ballot(reached!, device);
      expect(refused.status).toBe(429);
      expect((await refused.json()).error.code).toBe('rating_limit_reached');
    });
  });

  it('refuses a device id that is not one, as the ballot POST does', async () => {
    const response = await open('D07', 'short');
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_request');
  });

  it("says whether a closed campaign's results are published, for its QR page to link to them", async () => {
    const { db } = database();
    const tiny = await createTinyCampaign(db, 'closed');
    const unit = await db.selectFrom('units').select('code').where('id', '=', tiny.units.U1).executeTakeFirstOrThrow();
    const closedAnswer = async () => {
      const response = await app.request(`/api/respond/open/${tiny.slug}/${unit.code}?deviceId=${randomUUID()}`);
      expect(response.status).toBe(410);
      // Never kept by the browser: Chromium would keep a 410 for ever, and the phone never see the results.
      expect(response.headers.get('cache-control')).toBe('no-store');
      return (await response.json()).error as { code: string; published?: boolean };
    };
    expect(await closedAnswer()).toMatchObject({ code: 'campaign_closed', published: false });
    await db
      .insertInto('publications')
      .values({
        campaign_id: tiny.id,
        version: 1,
        published_at: new Date().toISOString(),
        published_by: null,
        content_hash: '0'.repeat(64),
        content: '{}',
      })
      .execute();
    expect(await closedAnswer()).toMatchObject({ code: 'campaign_closed', published: true });
    // Nothing of it was counted or stored for the device.
    const rows = await sql<{
      n: number;
    }>`select count(*) as n from rate_counters where scope like ${`campaign:${tiny.id}:%`}`.execute(db);
    expect(Number(rows.rows[0]!.n)).toBe(0);
  });
});
