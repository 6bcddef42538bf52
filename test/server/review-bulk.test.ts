import { tempEvidenceStore } from '../support/test-evidence.ts';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { coarseFillSeconds, readStoredFlags, storedFlags } from '../../server/ballots/quality-flags.ts';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';

type App = ReturnType<typeof createTestApp>['app'];
interface Flagged {
  id: string;
  raterType: string;
  targetUnitId: number | null;
  flags: string[];
  fillSeconds: number | null;
  reviewStatus: string | null;
  answers: Record<string, unknown> | null;
}

describe('the fill time kept on a flagged ballot', () => {
  it('is exact under a minute, whole minutes up to ten, then only "ten minutes or more"', () => {
    expect([0, 3, 59, 60, 75, 599, 600, 4000].map(coarseFillSeconds)).toEqual([0, 3, 59, 60, 60, 540, 600, 600]);
  });

  it('is kept only with flags, and older bare arrays still read', () => {
    expect(storedFlags([], 3)).toBeNull();
    expect(readStoredFlags(storedFlags(['too_fast'], 2.7))).toEqual({ flags: ['too_fast'], fillSeconds: 2 });
    expect(readStoredFlags(storedFlags(['fill_time_missing'], undefined))).toEqual({
      flags: ['fill_time_missing'],
      fillSeconds: null,
    });
    expect(readStoredFlags('["burst"]')).toEqual({ flags: ['burst'], fillSeconds: null });
  });
});

/** The office reviews flagged recipient ballots: why each was flagged, how long it took, many at once. */
describeEachDialect('reviewing flagged ballots', (database) => {
  let app: App;
  let admin: Awaited<ReturnType<typeof signInAsAdmin>>;
  let campaignId: number;

  /** A recipient's ballot through the QR link, as the page sends it. */
  const rate = async (unitCode: string, fillSeconds: number | undefined, overall = 4) => {
    const opened = await (await app.request(`/api/respond/open/demo-2026/${unitCode}`)).json();
    const response = await app.request('/api/ballots', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        campaignId,
        unitId: opened.unit.id,
        questionnaireId: opened.questionnaire.id,
        submissionId: randomUUID(),
        answers: { attitude: overall, efficiency: overall, serviceRules: 'some', overall },
        deviceId: randomUUID(),
        ...(fillSeconds === undefined ? {} : { fillSeconds }),
      }),
    });
    expect(response.status).toBe(201);
  };
  const list = async (query = '') => {
    const response = await admin.get(`/api/campaigns/${campaignId}/flagged-ballots${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as { total: number; unreviewed: number; thresholds: unknown; ballots: Flagged[] };
  };
  const bulk = (body: unknown, id = campaignId) => admin.post(`/api/campaigns/${id}/flagged-ballots/review`, body);
  const statusOf = async (ids: string[]) =>
    (
      await database()
        .db.selectFrom('ballots')
        .select(['id', 'review_status'])
        .where('id', 'in', ids)
        .orderBy('id')
        .execute()
    ).map((row) => row.review_status);
  const countedRatings = async () =>
    Number(
      (
        await database()
          .db.selectFrom('ratings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('campaign_id', '=', campaignId)
          .where('counted', '=', 1)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const reviewAudits = async () =>
    Number(
      (
        await database()
          .db.selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'review_ballot')
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const { db } = database();
    await seedDemoIfEmpty(db, new Date(), TEST_SECRET, tempEvidenceStore());
    ({ app } = createTestApp(database()));
    admin = await signInAsAdmin(app, db);
    campaignId = (
      await db.selectFrom('campaigns').select('id').where('slug', '=', 'demo-2026').executeTakeFirstOrThrow()
    ).id;
    // Four implausibly fast ballots (1, 2, 3 s against a minimum of 4), one with no fill time, one in good time.
    await rate('D26', 1);
    await rate('D26', 2);
    await rate('D27', 3);
    await rate('D28', 1);
    await rate('D29', undefined);
    await rate('D30', 95);
  });

  it('says why each ballot was flagged and how long it took, coarsened, with the thresholds that apply', async () => {
    const page = await list();
    expect(page.total).toBe(5);
    expect(page.unreviewed).toBe(5);
    expect(page.thresholds).toEqual({ minFillSeconds: 4, burstWindowMinutes: 10, burstMaxPerUnit: 40, repeatLimit: 3 });
    expect(page.ballots.every((b) => b.raterType === 'recipient' && b.answers !== null)).toBe(true);
    const fast = page.ballots.filter((b) => b.flags.includes('too_fast'));
    expect(fast.map((b) => b.fillSeconds).sort()).toEqual([1, 1, 2, 3]);
    expect(page.ballots.find((b) => b.flags.includes('fill_time_missing'))).toMatchObject({ fillSeconds: null });
    expect(fast[0]!.answers).toMatchObject({ overall: 4 });
    // A page at a time.
    const first = await list('?limit=2');
    const second = await list('?limit=2&offset=2');
    expect(first.ballots).toHaveLength(2);
    expect(second.ballots).toHaveLength(2);
    expect(new Set([...first.ballots, ...second.ballots].map((b) => b.id)).size).toBe(4);
    expect((await admin.get(`/api/campaigns/${campaignId}/flagged-ballots?filter=nobody`)).status).toBe(400);
    expect((await admin.get('/api/campaigns/987654/flagged-ballots')).status).toBe(404);
  });

  it('keeps only a coarse fill time, and none at all for an unflagged ballot', async () => {
    const rows = await database()
      .db.selectFrom('ballots')
      .select(['flags'])
      .where('campaign_id', '=', campaignId)
      .where('flags', 'is not', null)
      .execute();
    const stored = rows.map((r) => JSON.parse(r.flags!) as { flags: string[]; fillSeconds: number | null });
    expect(stored.map((f) => f.fillSeconds).sort()).toEqual([1, 1, 2, 3, null]);
    // The ballot that took 95 s is unflagged: nothing about its time is kept.
    expect(rows.every((r) => !r.flags!.includes('95'))).toBe(true);
  });

  it('refuses a malformed bulk review before looking at the ballots', async () => {
    const [a] = (await list()).ballots;
    for (const body of [
      { ids: [], decision: 'accepted' },
      { ids: ['not-a-uuid'], decision: 'accepted' },
      { ids: [a!.id, a!.id], decision: 'accepted' },
      { ids: [a!.id], decision: 'maybe' },
      { ids: [a!.id], decision: 'accepted', extra: true },
      { ids: Array.from({ length: 501 }, () => randomUUID()), decision: 'accepted' },
    ]) {
      const response = await bulk(body);
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_request');
    }
    expect((await app.request(`/api/campaigns/${campaignId}/flagged-ballots/review`, { method: 'POST' })).status).toBe(
      401,
    );
    expect((await bulk({ ids: [a!.id], decision: 'accepted' }, 987654)).status).toBe(404);
  });

  it('changes nothing when any id is not a flagged ballot of the campaign, and says which', async () => {
    const flagged = (await list()).ballots.slice(0, 2).map((b) => b.id);
    const unflagged = (
      await database()
        .db.selectFrom('ballots')
        .select('id')
        .where('campaign_id', '=', campaignId)
        .where('flags', 'is', null)
        .executeTakeFirstOrThrow()
    ).id;
    const missing = randomUUID();
    const before = { counted: await countedRatings(), audits: await reviewAudits() };
    const response = await bulk({ ids: [...flagged, unflagged, missing], decision: 'excluded' });
    expect(response.status).toBe(422);
    const { error } = await response.json();
    expect(error).toMatchObject({
      code: 'ballots_not_reviewable',
      count: 2,
      problems: [
        { id: unflagged, code: 'not_flagged' },
        { id: missing, code: 'not_found' },
      ],
    });
    expect(error.message).toContain(missing);
    expect(await statusOf(flagged)).toEqual([null, null]);
    expect(await countedRatings()).toBe(before.counted);
    expect(await reviewAudits()).toBe(before.audits);
  });

  it('excludes several at once in one request, each audited, and their ratings stop counting', async () => {
    const page = await list();
    const chosen = page.ballots.filter((b) => b.flags.includes('too_fast')).map((b) => b.id);
    const before = { counted: await countedRatings(), audits: await reviewAudits() };
    const response = await bulk({ ids: chosen, decision: 'excluded', note: '填写过快' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ reviewed: 4, reviewStatus: 'excluded' });
    expect(await statusOf(chosen)).toEqual(['excluded', 'excluded', 'excluded', 'excluded']);
    // Four answers each (attitude, efficiency, serviceRules, overall).
    expect(before.counted - (await countedRatings())).toBe(16);
    expect((await reviewAudits()) - before.audits).toBe(4);
    const audit = await database()
      .db.selectFrom('audit_log')
      .select(['entity_id', 'detail'])
      .where('action', '=', 'review_ballot')
      .where('entity_id', 'in', chosen)
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail!))).toEqual(
      Array(4).fill({ decision: 'excluded', note: '填写过快', campaignId, bulk: 4 }),
    );
    // Restoring them (accepted) counts them again; deciding twice changes nothing more.
    expect((await bulk({ ids: chosen, decision: 'accepted' })).status).toBe(200);
    expect(await countedRatings()).toBe(before.counted);
    expect((await bulk({ ids: chosen, decision: 'accepted' })).status).toBe(200);
    expect(await countedRatings()).toBe(before.counted);
    expect((await list('?filter=unreviewed')).total).toBe(1);
  });

  it('refuses a bulk review once the results are published, and changes nothing', async () => {
    const { db } = database();
    const open = (await list('?filter=unreviewed')).ballots.map((b) => b.id);
    await db.updateTable('campaigns').set({ status: 'published' }).where('id', '=', campaignId).execute();
    try {
      const response = await bulk({ ids: open, decision: 'excluded' });
      expect(response.status).toBe(409);
      expect((await response.json()).error.code).toBe('results_published');
      expect(await statusOf(open)).toEqual([null]);
    } finally {
      await db.updateTable('campaigns').set({ status: 'open' }).where('id', '=', campaignId).execute();
    }
  });
});
