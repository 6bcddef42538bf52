import { beforeAll, describe, expect, it } from 'vitest';
import type { RaterType } from '../../scoring/rater-type.ts';
import { ensureFirstAdmin } from '../../server/auth/auth.service.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { insertUser } from '../../server/auth/users.repository.ts';
import { markPublished } from '../../server/campaigns/campaign-lifecycle.service.ts';
import { AppError } from '../../server/errors.ts';
import { DEFAULT_TEMPLATES } from '../../surveys/templates/default-templates.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect, type TestDatabase } from '../support/test-db.ts';
import { signIn } from '../support/sign-in.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
const LEADER_PASSWORD = 'leader-password-123';

type App = ReturnType<typeof createTestApp>['app'];

/** Factories: each test builds the catalog and campaign it needs, with codes unique across the suite. */
function factories(database: () => TestDatabase) {
  let serial = 0;
  const next = () => (serial += 1);
  return {
    async category(ranked = true) {
      const n = next();
      const row = await database()
        .db.insertInto('categories')
        .values({ code: `C${n}`, name: `类别${n}`, name_en: `Category ${n}`, ranked: ranked ? 1 : 0, sort_order: n })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async unit(categoryId: number | null, active = true) {
      const n = next();
      const row = await database()
        .db.insertInto('units')
        .values({
          code: `U${n}`,
          name: `单位${n}`,
          name_en: `Unit ${n}`,
          parent_id: null,
          level: 'department',
          category_id: categoryId,
          sort_order: n,
          active: active ? 1 : 0,
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async questionnaire(raterType: RaterType, definition: unknown = DEFAULT_TEMPLATES[raterType]) {
      const n = next();
      const row = await database()
        .db.insertInto('questionnaires')
        .values({
          family: `${raterType}-${n}`,
          version: 1,
          rater_type: raterType,
          title: `问卷${n}`,
          definition: JSON.stringify(definition),
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    slug: () => `campaign-${next()}`,
  };
}

describeEachDialect('campaign lifecycle and configuration', (database) => {
  let app: App;
  let adminCookie: string;
  let leaderCookie: string;
  const make = factories(database);

  const login = (username: string, password: string) => signIn(app, username, password);
  const call = (method: string, path: string, body?: unknown, cookie = adminCookie) =>
    app.request(path, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body),
    });
  const expectError = async (response: Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    const body = await response.json();
    expect(body).toEqual({ error: { code, message: expect.any(String) } });
    return body.error.message as string;
  };
  /** A 422 that lists its problems, each with a stable code (their words are the client's). */
  const expectProblems = async (response: Response, code: string) => {
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body).toEqual({ error: { code, message: expect.any(String), problems: expect.any(Array) } });
    return body.error.message as string;
  };
  const auditOf = (campaignId: number) =>
    database()
      .db.selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'detail'])
      .where('entity_type', '=', 'campaign')
      .where('entity_id', '=', String(campaignId))
      .orderBy('id')
      .execute();

  const draftBody = (overrides: Record<string, unknown> = {}) => ({
    slug: make.slug(),
    name: '2026年度机关作风三评议',
    nameEn: '2026 work-style evaluation',
    startsAt: inDays(-1),
    endsAt: inDays(30),
    ...overrides,
  });

  /** A complete draft: three units in two categories, superiors and recipients, weights that cover both. */
  const completeDraft = async () => {
    const ranked = await make.category(true);
    const unranked = await make.category(false);
    const unitIds = [await make.unit(ranked), await make.unit(ranked), await make.unit(unranked)];
    const created = await call(
      'POST',
      '/api/campaigns',
      draftBody({ settings: { scoring: { weights: { superior: 0.4, peer: 0, recipient: 0.6 } } } }),
    );
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await call('PUT', `/api/campaigns/${id}/units`, { unitIds })).status).toBe(200);
    const raterTypes = [
      { raterType: 'superior', questionnaireId: await make.questionnaire('superior') },
      { raterType: 'recipient', questionnaireId: await make.questionnaire('recipient') },
    ];
    expect((await call('PUT', `/api/campaigns/${id}/rater-types`, { raterTypes })).status).toBe(200);
    return { id: id as number, unitIds, ranked, unranked };
  };
  const openDraft = async () => {
    const draft = await completeDraft();
    expect((await call('POST', `/api/campaigns/${draft.id}/open`)).status).toBe(200);
    return draft;
  };

  beforeAll(async () => {
    app = createTestApp(database()).app;
    const { db } = database();
    const admin = await ensureFirstAdmin({ db }, new Date());
    adminCookie = await login(admin!.username, admin!.password);
    const passwordHash = await hashPassword(LEADER_PASSWORD);
    await insertUser(db, {
      username: 'leader1',
      displayName: '领导',
      role: 'leader',
      unitId: null,
      passwordHash,
      mustChangePassword: false,
      createdAt: new Date().toISOString(),
    });
    leaderCookie = await login('leader1', LEADER_PASSWORD);
  });

  it('runs the whole lifecycle: draft, configure, open, extend, close, publish, archive', async () => {
    const { id, unitIds, ranked, unranked } = await completeDraft();

    const draft = await (await call('GET', `/api/admin/campaigns/${id}`)).json();
    expect(draft).toMatchObject({ id, status: 'draft', openedAt: null, closedAt: null, openingProblems: [] });
    expect(draft.units.map((u: { id: number }) => u.id)).toEqual(unitIds);
    expect(draft.units[2].categoryId).toBe(unranked);
    // The catalog's default decides the ranking of a category entering the scope.
    expect(draft.categories).toEqual([
      expect.objectContaining({ id: ranked, ranked: true, unitCount: 2 }),
      expect.objectContaining({ id: unranked, ranked: false, unitCount: 1 }),
    ]);
    expect(draft.raterTypes).toEqual([
      expect.objectContaining({ raterType: 'superior', minCount: 3 }),
      expect.objectContaining({ raterType: 'recipient', minCount: 5 }),
    ]);
    expect(draft.settings.quality.minFillSeconds.recipient).toBe(4);

    // The office changes its mind: both categories are ranked after all.
    const categories = await (await call('PUT', `/api/campaigns/${id}/categories`, { unrankedCategoryIds: [] })).json();
    expect(categories.categories.every((c: { ranked: boolean }) => c.ranked)).toBe(true);
    const renamed = await call('PATCH', `/api/campaigns/${id}`, { name: '2026年度作风评议（正式）' });
    expect(await renamed.json()).toMatchObject({ name: '2026年度作风评议（正式）', settings: draft.settings });

    const opened = await (await call('POST', `/api/campaigns/${id}/open`)).json();
    expect(opened).toMatchObject({ status: 'open', openingProblems: null });
    expect(opened.openedAt).toEqual(expect.any(String));
    // The scope's categories were frozen into the settings with the campaign.
    const stored = await database()
      .db.selectFrom('campaigns')
      .select('settings')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(stored.settings).scope).toEqual({ unrankedCategoryIds: [] });

    const later = inDays(40);
    const extended = await (await call('PATCH', `/api/campaigns/${id}`, { endsAt: later })).json();
    expect(extended).toMatchObject({ status: 'open', endsAt: later });

    const closed = await (await call('POST', `/api/campaigns/${id}/close`)).json();
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).toEqual(expect.any(String));

    const { db, dialect } = database();
    await db.transaction().execute((trx) => markPublished(trx, dialect, id, { userId: 1 }, new Date()));
    expect((await (await call('GET', `/api/admin/campaigns/${id}`)).json()).status).toBe('published');

    const archived = await (await call('POST', `/api/campaigns/${id}/archive`)).json();
    expect(archived.status).toBe('archived');

    const actions = (await auditOf(id)).map((row) => row.action);
    expect(actions).toEqual([
      'campaign_created',
      'campaign_units_set',
      'campaign_rater_types_set',
      'campaign_categories_set',
      'campaign_updated',
      'campaign_opened',
      'campaign_end_extended',
      'campaign_closed',
      'campaign_published',
      'campaign_archived',
    ]);
  });

  it('refuses every illegal transition with 409, naming the current status', async () => {
    const draft = await completeDraft();
    expect(
      await expectError(await call('POST', `/api/campaigns/${draft.id}/close`), 409, 'invalid_transition'),
    ).toMatch(/is draft/);
    expect(
      await expectError(await call('POST', `/api/campaigns/${draft.id}/archive`), 409, 'invalid_transition'),
    ).toMatch(/is draft/);
    const publishDraft = database()
      .db.transaction()
      .execute((trx) => markPublished(trx, database().dialect, draft.id, { userId: 1 }, new Date()));
    await expect(publishDraft).rejects.toMatchObject({ status: 409, code: 'invalid_transition' });

    const { id } = await openDraft();
    expect(await expectError(await call('POST', `/api/campaigns/${id}/open`), 409, 'invalid_transition')).toMatch(
      /is open; only a draft campaign can be opened/,
    );
    expect(await expectError(await call('POST', `/api/campaigns/${id}/archive`), 409, 'invalid_transition')).toMatch(
      /is open/,
    );
    await expect(
      markPublished(database().db, database().dialect, id, { userId: 1 }, new Date()),
    ).rejects.toBeInstanceOf(AppError);

    expect((await call('POST', `/api/campaigns/${id}/close`)).status).toBe(200);
    expect(await expectError(await call('POST', `/api/campaigns/${id}/open`), 409, 'invalid_transition')).toMatch(
      /is closed/,
    );
    expect(await expectError(await call('POST', `/api/campaigns/${id}/close`), 409, 'invalid_transition')).toMatch(
      /is closed/,
    );

    // Archiving a closed campaign whose results were never published would make them unpublishable
    // forever: refused unless the office says so, and nothing changes.
    expect(await expectError(await call('POST', `/api/campaigns/${id}/archive`), 409, 'archive_unpublished')).toMatch(
      /never be published/,
    );
    expect(
      await expectError(
        await call('POST', `/api/campaigns/${id}/archive`, { withoutPublishing: 'yes' }),
        400,
        'invalid_request',
      ),
    ).toMatch(/withoutPublishing/);
    expect((await (await call('GET', `/api/admin/campaigns/${id}`)).json()).status).toBe('closed');
    expect((await call('POST', `/api/campaigns/${id}/archive`, { withoutPublishing: true })).status).toBe(200);
    for (const action of ['open', 'close', 'archive']) {
      expect(
        await expectError(await call('POST', `/api/campaigns/${id}/${action}`), 409, 'invalid_transition'),
      ).toMatch(/is archived/);
    }
    await expect(markPublished(database().db, database().dialect, id, { userId: 1 }, new Date())).rejects.toMatchObject(
      { code: 'invalid_transition' },
    );
  });

  it('lets exactly one of two racing opens, and one of two racing closes, through', async () => {
    const { id } = await completeDraft();
    const opens = await Promise.all([
      call('POST', `/api/campaigns/${id}/open`),
      call('POST', `/api/campaigns/${id}/open`),
    ]);
    expect(opens.map((response) => response.status).sort()).toEqual([200, 409]);
    const closes = await Promise.all([
      call('POST', `/api/campaigns/${id}/close`),
      call('POST', `/api/campaigns/${id}/close`),
    ]);
    expect(closes.map((response) => response.status).sort()).toEqual([200, 409]);
    const actions = (await auditOf(id)).map((row) => row.action);
    expect(actions.filter((action) => action === 'campaign_opened')).toHaveLength(1);
    expect(actions.filter((action) => action === 'campaign_closed')).toHaveLength(1);
  });

  it('freezes the configuration once open: each edit refused, extending the end date allowed and audited', async () => {
    const { id, unitIds } = await openDraft();
    const before = await (await call('GET', `/api/admin/campaigns/${id}`)).json();
    const edits: [string, string, unknown][] = [
      ['PATCH', `/api/campaigns/${id}`, { name: '改名' }],
      ['PATCH', `/api/campaigns/${id}`, { slug: make.slug() }],
      ['PATCH', `/api/campaigns/${id}`, { startsAt: inDays(-2) }],
      [
        'PATCH',
        `/api/campaigns/${id}`,
        { settings: { scoring: { weights: { superior: 0.5, peer: 0, recipient: 0.5 } } } },
      ],
      ['PATCH', `/api/campaigns/${id}`, { endsAt: inDays(60), name: '改名' }],
      ['PUT', `/api/campaigns/${id}/units`, { unitIds: unitIds.slice(0, 2) }],
      ['PUT', `/api/campaigns/${id}/categories`, { unrankedCategoryIds: [] }],
      ['PUT', `/api/campaigns/${id}/rater-types`, { raterTypes: [] }],
    ];
    for (const [method, path, body] of edits) {
      const message = await expectError(await call(method, path, body), 409, 'campaign_frozen');
      expect(message).toMatch(/is open/);
      expect(message).toMatch(/only extend the end date/);
    }
    // Earlier, or the same end, is refused too.
    expect(
      await expectError(await call('PATCH', `/api/campaigns/${id}`, { endsAt: inDays(10) }), 409, 'campaign_frozen'),
    ).toMatch(/only move later/);
    expect((await call('PATCH', `/api/campaigns/${id}`, { endsAt: before.endsAt })).status).toBe(409);

    const unchanged = await (await call('GET', `/api/admin/campaigns/${id}`)).json();
    expect(unchanged).toEqual(before);

    const later = inDays(45);
    expect((await call('PATCH', `/api/campaigns/${id}`, { endsAt: later })).status).toBe(200);
    const audit = await auditOf(id);
    const extension = audit.find((row) => row.action === 'campaign_end_extended');
    expect(extension?.actor_user_id).toEqual(expect.any(Number));
    expect(JSON.parse(extension!.detail!)).toEqual({ from: before.endsAt, to: later });
    expect(audit.filter((row) => row.action === 'campaign_updated')).toHaveLength(0);

    expect((await call('POST', `/api/campaigns/${id}/close`)).status).toBe(200);
    const closedMessage = await expectError(
      await call('PATCH', `/api/campaigns/${id}`, { endsAt: inDays(90) }),
      409,
      'campaign_frozen',
    );
    expect(closedMessage).toMatch(/is closed/);
    expect(
      await expectError(await call('PUT', `/api/campaigns/${id}/units`, { unitIds }), 409, 'campaign_frozen'),
    ).toMatch(/is closed/);
  });

  it('lists every problem of an incomplete campaign at once and stays a draft', async () => {
    const category = await make.category();
    const lonely = await make.unit(category);
    const created = await (
      await call('POST', '/api/campaigns', draftBody({ startsAt: inDays(-20), endsAt: inDays(-10) }))
    ).json();
    expect((await call('PUT', `/api/campaigns/${created.id}/units`, { unitIds: [lonely] })).status).toBe(200);
    const message = await expectProblems(
      await call('POST', `/api/campaigns/${created.id}/open`),
      'campaign_incomplete',
    );
    expect(message).toContain('at least 2 units must be in scope, it has 1');
    expect(message).toContain('no rater type takes part');
    expect(message).toMatch(/end date .* is not in the future/);
    expect(message).toContain('settings.scoring is missing');
    const config = await (await call('GET', `/api/admin/campaigns/${created.id}`)).json();
    expect(config.status).toBe('draft');
    expect(config.openingProblems).toHaveLength(4);

    // Broken questionnaires, deactivated units, weights that miss who takes part, scoring settings that
    // disagree with the campaign. A unit without a category is fine: it is scored and graded, not ranked.
    const homeless = await make.unit(null);
    const brokenSuperior = await make.questionnaire('superior', {
      pages: [{ name: 'p', elements: [{ type: 'nonsense', name: 'q' }] }],
    });
    const noMatrixPeer = await make.questionnaire('peer', DEFAULT_TEMPLATES.recipient);
    await call('PUT', `/api/campaigns/${created.id}/units`, { unitIds: [lonely, homeless] });
    await call('PUT', `/api/campaigns/${created.id}/rater-types`, {
      raterTypes: [
        { raterType: 'superior', questionnaireId: brokenSuperior },
        { raterType: 'peer', questionnaireId: noMatrixPeer, minCount: 2 },
      ],
    });
    await database().db.updateTable('units').set({ active: 0 }).where('id', '=', lonely).execute();
    const patched = await call('PATCH', `/api/campaigns/${created.id}`, {
      endsAt: inDays(5),
      settings: {
        scoring: {
          weights: { superior: 0.5, peer: 0.2, recipient: 0.3 },
          vetoes: [{ unitId: 987654, reason: '重大责任事故' }],
        },
      },
    });
    expect(await patched.json()).toMatchObject({ endsAt: expect.any(String) });
    const second = await expectProblems(await call('POST', `/api/campaigns/${created.id}/open`), 'campaign_incomplete');
    expect(second).toContain('units in scope are no longer active');
    expect(second).not.toContain('category');
    expect(second).toMatch(/superior questionnaire .* cannot be used/);
    expect(second).toMatch(/peer questionnaire .* has no unit matrix/);
    expect(second).toContain('settings.scoring.weights.recipient is 0.3 but recipient raters take no part');
    expect(second).toContain('settings.scoring.vetoes names unit 987654');
    expect(second).not.toContain('at least 2 units');
  });

  it('lets only administrators in: 401 without a session, 403 for other roles', async () => {
    const { id } = await completeDraft();
    const routes: [string, string, unknown][] = [
      ['GET', `/api/admin/campaigns/${id}`, undefined],
      ['POST', '/api/campaigns', draftBody()],
      ['PATCH', `/api/campaigns/${id}`, { name: 'x' }],
      ['PUT', `/api/campaigns/${id}/units`, { unitIds: [] }],
      ['PUT', `/api/campaigns/${id}/categories`, { unrankedCategoryIds: [] }],
      ['PUT', `/api/campaigns/${id}/rater-types`, { raterTypes: [] }],
      ['POST', `/api/campaigns/${id}/open`, {}],
      ['POST', `/api/campaigns/${id}/close`, {}],
      ['POST', `/api/campaigns/${id}/archive`, {}],
    ];
    for (const [method, path, body] of routes) {
      await expectError(await call(method, path, body, ''), 401, 'unauthorized');
      await expectError(await call(method, path, body, leaderCookie), 403, 'forbidden');
    }
    expect((await (await call('GET', `/api/admin/campaigns/${id}`)).json()).status).toBe('draft');
  });

  describe('bad input', () => {
    it('refuses malformed bodies, unknown keys and bad values with 400', async () => {
      const malformed = await app.request('/api/campaigns', {
        method: 'POST',
        headers: { cookie: adminCookie, 'content-type': 'application/json' },
        body: '{"slug":',
      });
      expect(malformed.status).toBe(400);
      const notJson = await app.request('/api/campaigns', {
        method: 'POST',
        headers: { cookie: adminCookie, 'content-type': 'text/plain' },
        body: 'x',
      });
      await expectError(notJson, 415, 'unsupported_media_type');

      expect(
        await expectError(
          await call('POST', '/api/campaigns', { ...draftBody(), colour: 'red' }),
          400,
          'invalid_request',
        ),
      ).toContain('colour');
      const nested = await call(
        'POST',
        '/api/campaigns',
        draftBody({ settings: { quality: { minFillSecond: { peer: 3 } } } }),
      );
      expect(await expectError(nested, 400, 'invalid_request')).toContain('settings.quality.minFillSecond');
      expect(
        await expectError(
          await call('POST', '/api/campaigns', draftBody({ slug: 'Bad Slug' })),
          400,
          'invalid_request',
        ),
      ).toContain('slug');
      expect(
        await expectError(
          await call('POST', '/api/campaigns', draftBody({ startsAt: 'tomorrow' })),
          400,
          'invalid_request',
        ),
      ).toContain('startsAt');
      await expectError(await call('POST', '/api/campaigns', draftBody({ name: '   ' })), 400, 'invalid_request');
      const deep = `{"slug":"deep-1","name":"n","nameEn":"e","startsAt":"${inDays(1)}","endsAt":"${inDays(2)}","settings":{"scoring":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
      const tooDeep = await app.request('/api/campaigns', {
        method: 'POST',
        headers: { cookie: adminCookie, 'content-type': 'application/json' },
        body: deep,
      });
      expect(await expectError(tooDeep, 400, 'invalid_request')).toContain('nest');
      await expectError(
        await call('POST', '/api/campaigns', draftBody({ settings: { access: { codeAttemptsPerHour: 1 } } })),
        400,
        'invalid_request',
      );

      const { id } = await completeDraft();
      await expectError(await call('PATCH', `/api/campaigns/${id}`, {}), 400, 'invalid_request');
      await expectError(await call('PUT', `/api/campaigns/${id}/units`, { unitIds: [1, 1] }), 400, 'invalid_request');
      await expectError(await call('PUT', `/api/campaigns/${id}/units`, { units: [1] }), 400, 'invalid_request');
      const twice = {
        raterTypes: [
          { raterType: 'peer', questionnaireId: 1 },
          { raterType: 'peer', questionnaireId: 2 },
        ],
      };
      await expectError(await call('PUT', `/api/campaigns/${id}/rater-types`, twice), 400, 'invalid_request');
      await expectError(
        await call('PUT', `/api/campaigns/${id}/rater-types`, {
          raterTypes: [{ raterType: 'boss', questionnaireId: 1 }],
        }),
        400,
        'invalid_request',
      );
      await expectError(
        await call('PUT', `/api/campaigns/${id}/rater-types`, {
          raterTypes: [{ raterType: 'peer', questionnaireId: 1, minCount: 0 }],
        }),
        400,
        'invalid_request',
      );
      await expectError(await call('GET', '/api/admin/campaigns/abc'), 400, 'invalid_request');
      await expectError(await call('POST', '/api/campaigns/0/open'), 400, 'invalid_request');
      // Beyond the 32-bit id columns: refused at the edge, never an out-of-range error from the database.
      await expectError(await call('GET', '/api/admin/campaigns/99999999999999'), 400, 'invalid_request');
      await expectError(
        await call('PUT', `/api/campaigns/${id}/units`, { unitIds: [99999999999999] }),
        400,
        'invalid_request',
      );
    });

    it('answers 404 for unknown campaigns and 409/422 for rule breaks, naming what is wrong', async () => {
      for (const [method, path, body] of [
        ['GET', '/api/admin/campaigns/999999', undefined],
        ['PATCH', '/api/campaigns/999999', { name: 'x' }],
        ['PUT', '/api/campaigns/999999/units', { unitIds: [] }],
        ['POST', '/api/campaigns/999999/open', {}],
        ['POST', '/api/campaigns/999999/close', {}],
      ] as const) {
        await expectError(await call(method, path, body), 404, 'not_found');
      }

      const body = draftBody();
      expect((await call('POST', '/api/campaigns', body)).status).toBe(201);
      expect(
        await expectError(await call('POST', '/api/campaigns', { ...body, name: '另一个' }), 409, 'slug_taken'),
      ).toContain(body.slug);
      await expectError(
        await call('POST', '/api/campaigns', draftBody({ startsAt: inDays(3), endsAt: inDays(2) })),
        422,
        'invalid_window',
      );

      const { id } = await completeDraft();
      await expectError(await call('PATCH', `/api/campaigns/${id}`, { slug: body.slug }), 409, 'slug_taken');
      await expectError(await call('PATCH', `/api/campaigns/${id}`, { startsAt: inDays(31) }), 422, 'invalid_window');

      const category = await make.category();
      const retired = await make.unit(category, false);
      const units = await expectError(
        await call('PUT', `/api/campaigns/${id}/units`, { unitIds: [retired, 987654] }),
        422,
        'invalid_units',
      );
      expect(units).toContain('987654');
      expect(units).toContain(`(id ${retired})`);

      const recipientForm = await make.questionnaire('recipient');
      const mismatch = await call('PUT', `/api/campaigns/${id}/rater-types`, {
        raterTypes: [
          { raterType: 'superior', questionnaireId: recipientForm },
          { raterType: 'peer', questionnaireId: 987654 },
        ],
      });
      const raterMessage = await expectError(mismatch, 422, 'invalid_rater_types');
      expect(raterMessage).toContain('written for recipient raters');
      expect(raterMessage).toContain('no questionnaire has id 987654');

      const outside = await make.category();
      expect(
        await expectError(
          await call('PUT', `/api/campaigns/${id}/categories`, { unrankedCategoryIds: [outside] }),
          422,
          'category_not_in_scope',
        ),
      ).toContain(String(outside));

      // Nothing of the refused changes landed.
      const config = await (await call('GET', `/api/admin/campaigns/${id}`)).json();
      expect(config.units).toHaveLength(3);
      expect(config.raterTypes).toHaveLength(2);
    });
  });

  it('documents every admin route in the OpenAPI document', async () => {
    const doc = await (await app.request('/api/openapi.json')).json();
    expect(Object.keys(doc.paths['/api/campaigns'])).toContain('post');
    expect(Object.keys(doc.paths['/api/campaigns/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']));
    for (const path of [
      '/api/campaigns/{id}/units',
      '/api/campaigns/{id}/categories',
      '/api/campaigns/{id}/rater-types',
    ]) {
      expect(Object.keys(doc.paths[path].put.responses)).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422']),
      );
    }
    expect(Object.keys(doc.paths['/api/campaigns/{id}/open'].post.responses)).toEqual(
      expect.arrayContaining(['200', '404', '409', '422']),
    );
    expect(doc.paths['/api/admin/campaigns/{id}'].get).toBeDefined();
  });
});
