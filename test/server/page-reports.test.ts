import { randomInt } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { PAGE_REPORT_LIMIT, recordPageReport } from '../../server/page-reports/page-reports.service.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { withinOneWindow } from '../support/rate-window.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { createTinyCampaign, signInAdminAndLeader, type TinyCampaign } from './results-factory.ts';

type App = ReturnType<typeof createTestApp>['app'];

interface PageReports {
  since: string;
  until: string;
  kinds: { kind: 'too-old' | 'modern-failed'; total: number; days: { day: string; count: number }[] }[];
}

const DAY_MS = 86_400_000;
const utcDay = (date: Date) => date.toISOString().slice(0, 10);

/** An address of its own for each report, so that the per-network limit only counts where a test means it to. */
let addresses = 0;
const uniqueAddress = () => `10.${randomInt(0, 256)}.${Math.floor(++addresses / 250) % 250}.${(addresses % 250) + 1}`;

/** Page reports from the boot script (issue 18): counts per campaign, UTC day and kind, and nothing else. */
describeEachDialect('page reports', (database) => {
  let app: App;
  let cookies: { admin: string; leader: string };

  /** What the boot script's image asks for, as if from `address` (app.request() has no socket of its own). */
  const report = (kind: string, options: { campaign?: string; address?: string } = {}) =>
    app.request(
      `/api/page-reports/${kind}${options.campaign === undefined ? '' : `?campaign=${encodeURIComponent(options.campaign)}`}`,
      {},
      { incoming: { socket: { remoteAddress: options.address ?? uniqueAddress() } } },
    );
  const view = async (path: string, cookie = cookies.admin) => {
    const response = await app.request(path, { headers: { cookie } });
    expect(response.status).toBe(200);
    return (await response.json()) as PageReports;
  };
  const kindOf = (reports: PageReports, kind: string) => reports.kinds.find((k) => k.kind === kind)!;
  const rows = (campaignId: number | null) =>
    database()
      .db.selectFrom('page_reports')
      .selectAll()
      .where('campaign_id', campaignId === null ? 'is' : '=', campaignId)
      .orderBy('day')
      .orderBy('kind')
      .execute();

  beforeAll(async () => {
    app = createTestApp(database()).app;
    cookies = await signInAdminAndLeader(database().db, app);
  });

  it('counts each report under its campaign, UTC day and kind, answers 204 with no body, and keeps nothing else', async () => {
    await withinOneWindow(86_400, async () => {
      const campaign = await createTinyCampaign(database().db);
      const first = await report('too-old', { campaign: campaign.slug });
      expect(first.status).toBe(204);
      expect(first.headers.get('cache-control')).toBe('no-store');
      expect(await first.text()).toBe('');
      await report('too-old', { campaign: campaign.slug });
      await report('modern-failed', { campaign: campaign.slug });

      const today = utcDay(new Date());
      const stored = await rows(campaign.id);
      expect(stored.map((row) => ({ ...row, count: Number(row.count) }))).toEqual([
        { campaign_id: campaign.id, day: today, kind: 'modern-failed', count: 1 },
        { campaign_id: campaign.id, day: today, kind: 'too-old', count: 2 },
      ]);
      const reports = await view(`/api/campaigns/${campaign.id}/page-reports`);
      expect(reports.until).toBe(today);
      expect(reports.since).toBe(utcDay(new Date(Date.parse(`${today}T00:00:00Z`) - 29 * DAY_MS)));
      expect(reports.kinds).toEqual([
        { kind: 'too-old', total: 2, days: [{ day: today, count: 2 }] },
        { kind: 'modern-failed', total: 1, days: [{ day: today, count: 1 }] },
      ]);
    });
  });

  it('counts a report with no campaign, or an unknown slug, as no campaign, shown in the server-wide view', async () => {
    await withinOneWindow(86_400, async () => {
      const total = async () => (await database().db.selectFrom('page_reports').select('count').execute()).length;
      const before = kindOf(await view('/api/page-reports'), 'too-old').total;
      const rowsBefore = await total();
      expect((await report('too-old')).status).toBe(204);
      expect((await report('too-old', { campaign: 'no-such-campaign' })).status).toBe(204);
      expect((await report('too-old', { campaign: '' })).status).toBe(204);
      expect(kindOf(await view('/api/page-reports'), 'too-old').total).toBe(before + 3);
      // All three in the one row of (no campaign, today, too-old).
      expect((await rows(null)).filter((row) => row.day === utcDay(new Date()) && row.kind === 'too-old')).toEqual([
        { campaign_id: null, day: utcDay(new Date()), kind: 'too-old', count: before + 3 },
      ]);
      expect(await total()).toBeLessThanOrEqual(rowsBefore + 1);
    });
  });

  it('answers an unknown kind with 404 in the one error shape, a slug longer than any with 400, and counts neither', async () => {
    const campaign = await createTinyCampaign(database().db);
    const unknown = await report('blank-screen', { campaign: campaign.slug });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
    const long = await report('too-old', { campaign: 'x'.repeat(201) });
    expect(long.status).toBe(400);
    expect((await long.json()).error.code).toBe('invalid_request');
    expect(await rows(campaign.id)).toEqual([]);
  });

  it('counts at most 20 reports an hour from one network, answers the 21st the same, and keeps the network only hashed', async () => {
    expect(PAGE_REPORT_LIMIT.max).toBe(20);
    await withinOneWindow(3600, async () => {
      const campaign = await createTinyCampaign(database().db);
      const address = uniqueAddress();
      for (let i = 0; i < 21; i += 1) {
        const response = await report('modern-failed', { campaign: campaign.slug, address });
        expect(response.status).toBe(204);
      }
      const count = async () => (await rows(campaign.id)).reduce((sum, row) => sum + Number(row.count), 0);
      expect(await count()).toBe(20);
      // Another network is still counted.
      await report('modern-failed', { campaign: campaign.slug, address: uniqueAddress() });
      expect(await count()).toBe(21);

      const counters = await database()
        .db.selectFrom('rate_counters')
        .selectAll()
        .where('scope', '=', 'page-reports')
        .execute();
      expect(counters.some((row) => Number(row.count) === 21)).toBe(true);
      expect(JSON.stringify(counters)).not.toContain(address);
    });
  });

  it('groups the counts by UTC day over the last 30 days, oldest first', async () => {
    const campaign = await createTinyCampaign(database().db);
    const deps = { db: database().db, secret: TEST_SECRET };
    const now = new Date();
    const daysAgo = (n: number) => new Date(now.getTime() - n * DAY_MS);
    const record = (kind: 'too-old' | 'modern-failed', when: Date, address = uniqueAddress()) =>
      recordPageReport(deps, { kind, campaignSlug: campaign.slug, address }, when);
    await record('too-old', daysAgo(40)); // before the 30 days
    await record('too-old', daysAgo(29));
    await record('too-old', daysAgo(3));
    await record('too-old', daysAgo(3));
    await record('modern-failed', daysAgo(1));
    await withinOneWindow(86_400, async () => {
      const reports = await view(`/api/campaigns/${campaign.id}/page-reports`);
      const today = new Date();
      const ago = (n: number) => utcDay(new Date(today.getTime() - n * DAY_MS));
      const expectedTooOld = [
        ...(reports.since <= utcDay(daysAgo(29)) ? [{ day: utcDay(daysAgo(29)), count: 1 }] : []),
        { day: utcDay(daysAgo(3)), count: 2 },
      ];
      expect(reports.since).toBe(ago(29));
      expect(kindOf(reports, 'too-old')).toEqual({
        kind: 'too-old',
        total: expectedTooOld.reduce((sum, d) => sum + d.count, 0),
        days: expectedTooOld,
      });
      expect(kindOf(reports, 'modern-failed')).toEqual({
        kind: 'modern-failed',
        total: 1,
        days: [{ day: utcDay(daysAgo(1)), count: 1 }],
      });
    });
  });

  it('shows the counts to administrators only, and only of a campaign that exists', async () => {
    const campaign: TinyCampaign = await createTinyCampaign(database().db);
    for (const path of [`/api/campaigns/${campaign.id}/page-reports`, '/api/page-reports']) {
      expect((await app.request(path)).status).toBe(401);
      const leader = await app.request(path, { headers: { cookie: cookies.leader } });
      expect(leader.status).toBe(403);
    }
    const missing = await app.request('/api/campaigns/987654/page-reports', { headers: { cookie: cookies.admin } });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });

  it('documents the three routes in /api/openapi.json: the report open to all, the views for administrators', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown> }>>;
    };
    const report = doc.paths['/api/page-reports/{kind}']?.['get'];
    expect(report?.security).toEqual([]);
    expect(Object.keys(report?.responses ?? {})).toEqual(expect.arrayContaining(['204', '400', '404']));
    expect(doc.paths['/api/campaigns/{id}/page-reports']?.['get']?.security).toEqual([{ officeSession: [] }]);
    expect(doc.paths['/api/page-reports']?.['get']?.security).toEqual([{ officeSession: [] }]);
  });

  it("goes with the campaign: deleting a campaign's row deletes its counts (the API deletes no campaign today)", async () => {
    const campaign = await createTinyCampaign(database().db, 'draft');
    await report('too-old', { campaign: campaign.slug });
    expect(await rows(campaign.id)).toHaveLength(1);
    await database().db.deleteFrom('campaigns').where('id', '=', campaign.id).execute();
    expect(await rows(campaign.id)).toEqual([]);
  });
});
