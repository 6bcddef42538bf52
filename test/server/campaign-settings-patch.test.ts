import { beforeAll, expect, it } from 'vitest';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';

// PATCH /api/campaigns/{id} takes `settings` as a JSON Merge Patch (RFC 7396): what the patch leaves out
// stays as stored, null removes a key, arrays and other values replace. The merged settings are checked
// whole, and a result that would not be valid changes nothing.

const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

/** Settings an office would have saved: scoring with grade bands and a quota, a tightened address limit. */
const FULL_SETTINGS = {
  scoring: {
    weights: { superior: 0.3, peer: 0.2, recipient: 0.5 },
    precision: 1,
    grading: {
      bands: [
        { grade: '满意', minScore: 85 },
        { grade: '基本满意', minScore: 60 },
        { grade: '不满意', minScore: 0 },
      ],
      quotas: [{ grade: '满意', maxShare: 0.3 }],
    },
  },
  access: { openRating: { perAddress: { max: 300, windowHours: 2 } } },
  quality: { burst: { windowMinutes: 15, maxPerUnit: 60 } },
};

describeEachDialect('settings PATCH is a merge patch', (database) => {
  let admin: Awaited<ReturnType<typeof signInAsAdmin>>;
  let serial = 0;

  beforeAll(async () => {
    const { app } = createTestApp(database());
    admin = await signInAsAdmin(app, database().db);
  });

  /** A draft with FULL_SETTINGS and a ranked-category choice stored beside them (settings.scope). */
  const draft = async () => {
    serial += 1;
    const created = await admin.post('/api/campaigns', {
      slug: `merge-${serial}`,
      name: '2026年度机关作风三评议',
      nameEn: '2026 work-style evaluation',
      startsAt: inDays(1),
      endsAt: inDays(30),
      settings: FULL_SETTINGS,
    });
    expect(created.status).toBe(201);
    return ((await created.json()) as { id: number }).id;
  };
  const settingsOf = async (id: number) => {
    const config = await (await admin.get(`/api/admin/campaigns/${id}`)).json();
    return config.settings;
  };
  const storedJson = async (id: number) =>
    (
      await database()
        .db.selectFrom('campaigns')
        .select(['settings', 'name'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).settings;
  const patch = (id: number, body: unknown) => admin.patch(`/api/campaigns/${id}`, body);

  it('changes only what a partial patch names and keeps every other setting', async () => {
    const id = await draft();
    const before = await settingsOf(id);
    expect(before.access.openRating.perAddress).toEqual({ max: 300, windowHours: 2 });

    const weights = { superior: 0.4, peer: 0.1, recipient: 0.5 };
    const response = await patch(id, { settings: { scoring: { weights } } });
    expect(response.status).toBe(200);
    const afterWeights = (await response.json()).settings;
    expect(afterWeights).toEqual({ ...before, scoring: { ...before.scoring, weights } });
    // The grade bands and the quota survive, and so does the per-address limit.
    expect(afterWeights.scoring.grading).toEqual(FULL_SETTINGS.scoring.grading);
    expect(afterWeights.access.openRating.perAddress).toEqual({ max: 300, windowHours: 2 });

    // Sending only access keeps scoring, and only the one limit changes inside access.
    expect((await patch(id, { settings: { access: { openRating: { perDevice: { max: 3 } } } } })).status).toBe(200);
    const afterAccess = await settingsOf(id);
    expect(afterAccess.scoring).toEqual(afterWeights.scoring);
    expect(afterAccess.access.openRating).toEqual({
      ...afterWeights.access.openRating,
      perDevice: { ...afterWeights.access.openRating.perDevice, max: 3 },
    });
    expect(afterAccess.quality).toEqual(before.quality);
    // The scope's ranked choice, kept beside the settings in the same JSON, is not touched either.
    expect(JSON.parse(await storedJson(id)).scope).toEqual({ unrankedCategoryIds: [] });
  });

  it('replaces arrays whole and removes a key sent as null', async () => {
    const id = await draft();
    const before = await settingsOf(id);
    const bands = [
      { grade: '好', minScore: 80 },
      { grade: '差', minScore: 0 },
    ];
    const replaced = await patch(id, { settings: { scoring: { grading: { bands, quotas: null } } } });
    expect(replaced.status).toBe(200);
    const grading = (await replaced.json()).settings.scoring.grading;
    expect(grading).toEqual({ bands });
    expect(grading).not.toHaveProperty('quotas');

    // null on a setting with a default puts the default back; null on optional scoring removes it.
    expect((await patch(id, { settings: { access: { openRating: { perAddress: null } } } })).status).toBe(200);
    const defaults = await settingsOf(id);
    expect(defaults.access.openRating.perAddress).toEqual({ max: 120, windowHours: 1 });
    expect(defaults.scoring.weights).toEqual(before.scoring.weights);
    expect((await patch(id, { settings: { scoring: null } })).status).toBe(200);
    const withoutScoring = await settingsOf(id);
    expect(withoutScoring).not.toHaveProperty('scoring');
    expect(withoutScoring.quality).toEqual(before.quality);
  });

  it('refuses a patch whose merged result is invalid, naming each problem with its path, and changes nothing', async () => {
    const id = await draft();
    const stored = await storedJson(id);

    const required = await patch(id, { name: '改名', settings: { scoring: { weights: null } } });
    expect(required.status).toBe(422);
    const body = await required.json();
    expect(body.error.code).toBe('invalid_settings');
    expect(body.error.message).toContain('settings.scoring.weights');
    expect(body.error.message).toContain('required');
    expect(body.error.problems).toEqual([
      { path: ['settings', 'scoring', 'weights'], code: 'required', message: expect.any(String) },
    ]);

    const several = await patch(id, {
      settings: {
        access: { openRating: { perAddress: { max: 0 } } },
        scoring: { grading: { bands: [] } },
      },
    });
    expect(several.status).toBe(422);
    const { error } = await several.json();
    expect(error.code).toBe('invalid_settings');
    expect(error.problems).toEqual(
      expect.arrayContaining([
        {
          path: ['settings', 'access', 'openRating', 'perAddress', 'max'],
          code: 'too_small',
          minimum: 1,
          message: expect.any(String),
        },
        {
          path: ['settings', 'scoring', 'grading', 'bands'],
          code: 'too_small',
          minimum: 1,
          message: expect.any(String),
        },
      ]),
    );
    expect(error.message).toContain('settings.access.openRating.perAddress.max');
    // A misspelt key is refused, not dropped.
    const unknown = await patch(id, { settings: { quality: { minFillSecond: { peer: 3 } } } });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).error.problems).toEqual([
      { path: ['settings', 'quality', 'minFillSecond'], code: 'unknown_setting', message: expect.any(String) },
    ]);
    // So is the scope, which only the scope endpoints write: the answer says where it lives.
    const scope = await patch(id, { settings: { quality: { minFillSecond: { peer: 3 } }, scope: {} } });
    expect(scope.status).toBe(422);
    expect((await scope.json()).error).toMatchObject({
      code: 'setting_moved',
      problems: [{ path: ['settings', 'scope'], code: 'moved', movedTo: 'unranked_categories' }],
    });

    // Nothing landed: not the settings, not the name sent beside them.
    expect(await storedJson(id)).toBe(stored);
    expect((await (await admin.get(`/api/admin/campaigns/${id}`)).json()).name).toBe('2026年度机关作风三评议');
  });

  it('keeps settings frozen once the campaign has left draft', async () => {
    const id = await draft();
    await database().db.updateTable('campaigns').set({ status: 'open' }).where('id', '=', id).execute();
    const refused = await patch(id, { settings: { scoring: { precision: 2 } } });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe('campaign_frozen');
  });

  it('says in the OpenAPI document that settings are a merge patch', async () => {
    const doc = await (await admin.get('/api/openapi.json')).json();
    const operation = doc.paths['/api/campaigns/{id}'].patch;
    const body = operation.requestBody.content['application/json'].schema;
    const schema = body.$ref ? doc.components.schemas[body.$ref.split('/').pop()] : body;
    expect(schema.properties.settings.description).toMatch(/merge patch/i);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['409', '422']));
  });
});
