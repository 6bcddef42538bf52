import { tempEvidenceStore } from '../support/test-evidence.ts';
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';

type App = ReturnType<typeof createTestApp>['app'];

/** The office decides a filtered set of flagged ballots at once: preview, confirm the count, apply. */
describeEachDialect('reviewing flagged ballots by filter', (database) => {
  let app: App;
  let admin: Awaited<ReturnType<typeof signInAsAdmin>>;
  let campaignId: number;
  const unitIdOf = new Map<string, number>();

  /** A recipient's ballot through the QR link, as the page sends it. */
  const rate = async (unitCode: string, fillSeconds: number | undefined) => {
    const opened = await (await app.request(`/api/respond/open/demo-2026/${unitCode}`)).json();
    unitIdOf.set(unitCode, opened.unit.id);
    const response = await app.request('/api/ballots', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        campaignId,
        unitId: opened.unit.id,
        questionnaireId: opened.questionnaire.id,
        submissionId: randomUUID(),
        answers: { attitude: 4, efficiency: 4, serviceRules: 'some', overall: 4 },
        deviceId: randomUUID(),
        ...(fillSeconds === undefined ? {} : { fillSeconds }),
      }),
    });
    expect(response.status).toBe(201);
  };
  const preview = (filter: unknown) =>
    admin.post(`/api/campaigns/${campaignId}/flagged-ballots/review-by-filter/preview`, { filter });
  const apply = (body: unknown) => admin.post(`/api/campaigns/${campaignId}/flagged-ballots/review-by-filter`, body);
  const previewed = async (filter: unknown) => {
    const response = await preview(filter);
    expect(response.status).toBe(200);
    return (await response.json()) as { matched: number; toAccept: number; toExclude: number; minimum: number };
  };
  const refusal = async (response: Response, status: number) => {
    expect(response.status).toBe(status);
    return ((await response.json()) as { error: { code: string; message: string; count?: number } }).error;
  };
  const snapshot = async () => {
    const { db } = database();
    const count = (query: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) =>
      query.executeTakeFirstOrThrow().then((row) => Number(row.n));
    return {
      audits: await count(
        db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', 'review_ballot'),
      ),
      decided: await count(
        db
          .selectFrom('ballots')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('campaign_id', '=', campaignId)
          .where('review_status', 'is not', null),
      ),
      counted: await count(
        db
          .selectFrom('ratings')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('campaign_id', '=', campaignId)
          .where('counted', '=', 1),
      ),
    };
  };

  beforeAll(async () => {
    const { db } = database();
    await seedDemoIfEmpty(db, new Date(), TEST_SECRET, tempEvidenceStore());
    ({ app } = createTestApp(database()));
    admin = await signInAsAdmin(app, db);
    campaignId = (
      await db.selectFrom('campaigns').select('id').where('slug', '=', 'demo-2026').executeTakeFirstOrThrow()
    ).id;
    // The demo's recipient minimum is 5: six too fast for D26, two for D27, one without a fill time for D28.
    for (let i = 0; i < 6; i += 1) await rate('D26', 1);
    await rate('D27', 2);
    await rate('D27', 1);
    await rate('D28', undefined);
  });

  it('previews how many ballots a filter takes and how many each decision would change', async () => {
    expect(await previewed({ status: 'unreviewed' })).toEqual({ matched: 9, toAccept: 9, toExclude: 9, minimum: 5 });
    expect(await previewed({ flag: 'too_fast' })).toMatchObject({ matched: 8 });
    expect(await previewed({ flag: 'fill_time_missing' })).toMatchObject({ matched: 1 });
    expect(await previewed({ flag: 'too_fast', unitId: unitIdOf.get('D26') })).toMatchObject({ matched: 6 });
    expect(await previewed({ raterType: 'superior' })).toMatchObject({ matched: 0 });
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    expect(await previewed({ receivedFrom: inAnHour })).toMatchObject({ matched: 0 });
    expect(await previewed({ receivedBefore: inAnHour })).toMatchObject({ matched: 9 });
    // The list takes the same filter.
    const listed = await admin.get(
      `/api/campaigns/${campaignId}/flagged-ballots?filter=unreviewed&flag=too_fast&unitId=${unitIdOf.get('D27')}`,
    );
    expect(listed.status).toBe(200);
    const page = (await listed.json()) as {
      total: number;
      ballots: Array<{ limits: { minFillSeconds: number; repeatLimit: number | null } }>;
    };
    expect(page.total).toBe(2);
    // Each ballot says the limits its own questionnaire and answers gave it.
    for (const ballot of page.ballots) {
      expect(ballot.limits.minFillSeconds).toBe(4);
      expect(ballot.limits.repeatLimit).toBeGreaterThan(3);
    }
  });

  it('refuses a malformed filter with a code, and changes nothing', async () => {
    const before = await snapshot();
    expect((await refusal(await preview({ flag: 'slow' }), 400)).code).toBe('invalid_request');
    expect((await refusal(await preview({ unit: 3 }), 400)).code).toBe('invalid_request');
    expect((await refusal(await preview({ receivedFrom: 'yesterday' }), 400)).code).toBe('invalid_request');
    const window = { receivedFrom: '2026-12-02T10:00:00Z', receivedBefore: '2026-12-02T09:00:00Z' };
    expect((await refusal(await preview(window), 400)).code).toBe('invalid_window');
    expect((await refusal(await preview({ unitId: 999_999 }), 422)).code).toBe('unit_not_in_campaign');
    const badApply = await apply({ filter: { flag: 'too_fast' }, decision: 'deleted', expected: 8 });
    expect((await refusal(badApply, 400)).code).toBe('invalid_request');
    expect((await refusal(await apply({ filter: { flag: 'too_fast' }, decision: 'excluded' }), 400)).code).toBe(
      'invalid_request',
    );
    expect((await refusal(await admin.get(`/api/campaigns/${campaignId}/flagged-ballots?flag=slow`), 400)).code).toBe(
      'invalid_request',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a filter that would decide fewer ballots than the recipient minimum', async () => {
    const before = await snapshot();
    const filter = { flag: 'too_fast', unitId: unitIdOf.get('D27') };
    expect(await previewed(filter)).toMatchObject({ toExclude: 2, minimum: 5 });
    const error = await refusal(await apply({ filter, decision: 'excluded', expected: 2 }), 422);
    expect(error).toMatchObject({ code: 'review_filter_too_narrow', count: 5 });
    expect(error.message).not.toContain(' 2 ');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses when the set changed since the preview, then applies the confirmed count, each ballot audited', async () => {
    const filter = { status: 'unreviewed', flag: 'too_fast', unitId: unitIdOf.get('D26') };
    const before = await snapshot();
    const { toExclude } = await previewed(filter);
    expect(toExclude).toBe(6);
    const stale = await refusal(await apply({ filter, decision: 'excluded', expected: 5 }), 409);
    expect(stale).toMatchObject({ code: 'review_set_changed', count: 6 });
    expect(await snapshot()).toEqual(before);

    const response = await apply({ filter, decision: 'excluded', note: '填写过快', expected: toExclude });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ reviewed: 6, reviewStatus: 'excluded' });
    const after = await snapshot();
    expect(after.audits - before.audits).toBe(6);
    expect(after.decided - before.decided).toBe(6);
    // Four scored answers each stop counting.
    expect(before.counted - after.counted).toBe(24);
    const audit = await database()
      .db.selectFrom('audit_log')
      .select(['entity_id', 'detail'])
      .where('action', '=', 'review_ballot')
      .orderBy('id', 'desc')
      .limit(6)
      .execute();
    expect(new Set(audit.map((a) => a.entity_id)).size).toBe(6);
    for (const entry of audit) {
      expect(JSON.parse(entry.detail!)).toEqual({
        decision: 'excluded',
        note: '填写过快',
        campaignId,
        bulk: 6,
        filter: { status: 'unreviewed', flag: 'too_fast', unitId: unitIdOf.get('D26') },
      });
    }
    // Decided ones leave the unreviewed filter; with "all" they are still there, nothing more to exclude.
    expect(await previewed(filter)).toMatchObject({ matched: 0 });
    expect(await previewed({ ...filter, status: 'all' })).toEqual({
      matched: 6,
      toAccept: 6,
      toExclude: 0,
      minimum: 5,
    });
    // Restoring all shown (accepted) counts them again.
    const restored = await apply({ filter: { ...filter, status: 'all' }, decision: 'accepted', expected: 6 });
    expect(restored.status).toBe(200);
    expect((await snapshot()).counted).toBe(before.counted);
  });

  it('refuses once the results are published, and changes nothing', async () => {
    const { db } = database();
    const filter = { status: 'all' };
    const { toExclude } = await previewed(filter);
    const before = await snapshot();
    await db.updateTable('campaigns').set({ status: 'published' }).where('id', '=', campaignId).execute();
    try {
      const error = await refusal(await apply({ filter, decision: 'excluded', expected: toExclude }), 409);
      expect(error.code).toBe('results_published');
      expect(await snapshot()).toEqual(before);
    } finally {
      await db.updateTable('campaigns').set({ status: 'open' }).where('id', '=', campaignId).execute();
    }
  });
});
