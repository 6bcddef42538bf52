import { afterAll, beforeAll, expect, it } from 'vitest';
import { SUPERIOR_TEMPLATE } from '../../surveys/templates/superior.ts';
import { serveOnLoopback } from '../support/http-server.ts';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';

// One home per setting (issue 19, decision 003), over a real socket: a rater group's minimum is the rater
// type's minCount, whether a category is ranked is the scope's choice (PUT …/categories), and settings name
// categories by number. The old places answer 422 setting_moved, saying where each went, and change nothing.

const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
const WEIGHTS = { superior: 0.3, peer: 0.2, recipient: 0.5 };

interface Refusal {
  error: { code: string; message: string; problems?: { path: (string | number)[]; code: string; movedTo?: string }[] };
}

describeEachDialect('one home per setting', (database) => {
  let admin: Awaited<ReturnType<typeof signInAsAdmin>>;
  let close = async () => {};
  let serial = 0;
  let ranked: number;
  let unranked: number;
  const unitIds: number[] = [];
  let superior: number;

  beforeAll(async () => {
    const { app } = createTestApp(database());
    const server = await serveOnLoopback(app);
    close = server.close;
    const overHttp = { request: (path: string, init?: RequestInit) => fetch(`${server.baseUrl}${path}`, init) };
    admin = await signInAsAdmin(overHttp, database().db);
    const category = async (code: string, isRanked: boolean) => {
      const created = await admin.post('/api/categories', { code, name: code, nameEn: code, ranked: isRanked });
      expect(created.status).toBe(201);
      return ((await created.json()) as { id: number }).id;
    };
    ranked = await category('home-ranked', true);
    unranked = await category('home-vertical', false);
    const city = await admin.post('/api/units', { code: 'HOME-CITY', name: '市', nameEn: 'City', level: 'city' });
    expect(city.status).toBe(201);
    const parentId = ((await city.json()) as { id: number }).id;
    for (const [index, categoryId] of [ranked, ranked, unranked].entries()) {
      const created = await admin.post('/api/units', {
        parentId,
        code: `HOME-${index}`,
        name: `单位${index}`,
        nameEn: `Unit ${index}`,
        level: 'department',
        categoryId,
      });
      expect(created.status).toBe(201);
      unitIds.push(((await created.json()) as { id: number }).id);
    }
    const questionnaire = await database()
      .db.insertInto('questionnaires')
      .values({
        family: 'home-superior',
        version: 1,
        rater_type: 'superior',
        title: '上级领导评议',
        definition: JSON.stringify(SUPERIOR_TEMPLATE),
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    superior = questionnaire.id;
  });
  afterAll(() => close());

  const body = (settings?: unknown) => {
    serial += 1;
    return {
      slug: `home-${serial}`,
      name: '2026年度机关作风三评议',
      nameEn: '2026 work-style evaluation',
      startsAt: inDays(1),
      endsAt: inDays(30),
      ...(settings === undefined ? {} : { settings }),
    };
  };
  const draft = async (settings: unknown = { scoring: { weights: WEIGHTS } }) => {
    const created = await admin.post('/api/campaigns', body(settings));
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { id: number }).id;
    expect((await admin.put(`/api/campaigns/${id}/units`, { unitIds })).status).toBe(200);
    return id;
  };
  const configOf = async (id: number) => (await admin.get(`/api/admin/campaigns/${id}`)).json();
  const storedJson = async (id: number) =>
    (await database().db.selectFrom('campaigns').select('settings').where('id', '=', id).executeTakeFirstOrThrow())
      .settings;
  const expectMoved = async (response: Response, path: (string | number)[], movedTo: string, says: string) => {
    expect(response.status).toBe(422);
    const refusal = (await response.json()) as Refusal;
    expect(refusal.error.code).toBe('setting_moved');
    expect(refusal.error.message).toContain(says);
    expect(refusal.error.problems).toContainEqual(expect.objectContaining({ path, code: 'moved', movedTo }));
  };

  it("keeps a rater group's minimum on its rater type, and refuses scoring.minimumBallots where it was", async () => {
    const id = await draft();
    const set = await admin.put(`/api/campaigns/${id}/rater-types`, {
      raterTypes: [{ raterType: 'superior', questionnaireId: superior, minCount: 7 }],
    });
    expect(set.status).toBe(200);
    expect((await configOf(id)).raterTypes).toEqual([expect.objectContaining({ raterType: 'superior', minCount: 7 })]);

    const minimumBallots = { superior: 7 };
    const path = ['settings', 'scoring', 'minimumBallots'];
    await expectMoved(
      await admin.post('/api/campaigns', body({ scoring: { weights: WEIGHTS, minimumBallots } })),
      path,
      'rater_type_min_count',
      'PUT /api/campaigns/{id}/rater-types',
    );
    const before = await storedJson(id);
    await expectMoved(
      await admin.patch(`/api/campaigns/${id}`, { settings: { scoring: { minimumBallots } } }),
      path,
      'rater_type_min_count',
      "the rater type's minCount",
    );
    expect(await storedJson(id)).toBe(before);
    // null removes a key in a merge patch: naming the old place only to clear it is fine.
    expect(
      (await admin.patch(`/api/campaigns/${id}`, { settings: { scoring: { minimumBallots: null } } })).status,
    ).toBe(200);
  });

  it('keeps whether a category is ranked in the scope, and refuses it in the scoring settings and as settings.scope', async () => {
    const id = await draft();
    // A category entering the scope brings the catalog's choice; the scope's own choice decides from then on.
    expect((await configOf(id)).categories).toEqual([
      expect.objectContaining({ id: ranked, ranked: true }),
      expect.objectContaining({ id: unranked, ranked: false }),
    ]);
    expect((await admin.put(`/api/campaigns/${id}/categories`, { unrankedCategoryIds: [ranked] })).status).toBe(200);
    expect((await configOf(id)).categories).toEqual([
      expect.objectContaining({ id: ranked, ranked: false }),
      expect.objectContaining({ id: unranked, ranked: true }),
    ]);

    const before = await storedJson(id);
    await expectMoved(
      await admin.patch(`/api/campaigns/${id}`, {
        settings: { scoring: { categories: [{ categoryId: ranked, ranked: true }] } },
      }),
      ['settings', 'scoring', 'categories', 0, 'ranked'],
      'unranked_categories',
      'PUT /api/campaigns/{id}/categories',
    );
    await expectMoved(
      await admin.patch(`/api/campaigns/${id}`, { settings: { scope: { unrankedCategoryIds: [] } } }),
      ['settings', 'scope'],
      'unranked_categories',
      'PUT /api/campaigns/{id}/categories',
    );
    await expectMoved(
      await admin.post(
        '/api/campaigns',
        body({ scoring: { weights: WEIGHTS, categories: [{ categoryId: ranked, ranked: false }] } }),
      ),
      ['settings', 'scoring', 'categories', 0, 'ranked'],
      'unranked_categories',
      'unrankedCategoryIds',
    );
    expect(await storedJson(id)).toBe(before);
    expect((await configOf(id)).categories[0]).toMatchObject({ id: ranked, ranked: false });
  });

  it('names categories by number in the scoring settings, as in every other list of the API', async () => {
    const overrides = { superior: 0.2, peer: 0.2, recipient: 0.6 };
    const id = await draft({ scoring: { weights: WEIGHTS, categories: [{ categoryId: ranked, weights: overrides }] } });
    expect((await configOf(id)).settings.scoring.categories).toEqual([{ categoryId: ranked, weights: overrides }]);
    expect(JSON.parse(await storedJson(id)).scoring.categories).toEqual([{ categoryId: ranked, weights: overrides }]);

    await expectMoved(
      await admin.post(
        '/api/campaigns',
        body({ scoring: { weights: WEIGHTS, categories: [{ id: String(ranked), weights: overrides }] } }),
      ),
      ['settings', 'scoring', 'categories', 0, 'id'],
      'category_id',
      'categoryId',
    );
    // A category id as a string is a plain 400, like any other id sent as a string.
    const asString = await admin.post(
      '/api/campaigns',
      body({ scoring: { weights: WEIGHTS, categories: [{ categoryId: String(ranked) }] } }),
    );
    expect(asString.status).toBe(400);
    expect(((await asString.json()) as Refusal).error.code).toBe('invalid_request');

    // The opening check names a category outside the scope by its number.
    const outside = await draft({
      scoring: { weights: WEIGHTS, categories: [{ categoryId: 2_000_000, weights: overrides }] },
    });
    expect((await configOf(outside)).openingProblems).toContainEqual(
      expect.objectContaining({ code: 'category_not_in_scope', params: { category: 2_000_000 } }),
    );
  });

  it('reports a stored setting in its old place instead of silently dropping it', async () => {
    const id = await draft();
    const stored = JSON.parse(await storedJson(id));
    stored.scoring.minimumBallots = { superior: 2 };
    await database()
      .db.updateTable('campaigns')
      .set({ settings: JSON.stringify(stored) })
      .where('id', '=', id)
      .execute();
    const config = await configOf(id);
    expect(config.settings).toBeNull();
    expect(config.settingsProblems).toEqual([expect.stringContaining('settings.scoring.minimumBallots has moved')]);
    expect(config.openingProblems).toContainEqual(expect.objectContaining({ code: 'settings_unreadable' }));
  });
});
