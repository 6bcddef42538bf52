import { tempEvidenceStore } from '../support/test-evidence.ts';
import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { ensureFirstAdmin } from '../../server/auth/auth.service.ts';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { signIn } from '../support/sign-in.ts';

// What the server lists for a person to read carries a stable code and the names and numbers a message
// needs (`params`), beside its English `message`: the console and the respondent's page word it in the
// UI's language (client/src/shared/problem-text.ts).

const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

describeEachDialect('codes and params of the problems the server lists', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let cookie: string;
  let serial = 0;

  const call = (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { cookie, 'content-type': 'application/json' },
      body: body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(body),
    });
  const json = async (response: Response) => (await response.json()) as Record<string, unknown>;
  const unitId = async (code: string) => {
    const units = (await json(await call('GET', '/api/units'))).units as { id: number; code: string }[];
    return units.find((unit) => unit.code === code)!.id;
  };
  const draft = async (overrides: Record<string, unknown> = {}) => {
    serial += 1;
    const created = await call('POST', '/api/campaigns', {
      slug: `codes-${serial}`,
      name: '代码测试',
      nameEn: 'Codes',
      startsAt: inDays(-1),
      endsAt: inDays(30),
      ...overrides,
    });
    expect(created.status).toBe(201);
    return (await json(created)).id as number;
  };
  /** The problems of a refused opening, as code and params; the English message is there too. */
  const openingRefusal = async (id: number) => {
    const response = await call('POST', `/api/campaigns/${id}/open`);
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as {
      error: { code: string; message: string; problems: { code: string; params: object; message: string }[] };
    };
    expect(error.code).toBe('campaign_incomplete');
    for (const problem of error.problems) expect(error.message).toContain(problem.message);
    return error.problems.map(({ code, params }) => ({ code, params }));
  };

  beforeAll(async () => {
    await seedDemoIfEmpty(database().db, new Date(), TEST_SECRET, tempEvidenceStore());
    app = createTestApp(database()).app;
    const admin = (await ensureFirstAdmin({ db: database().db }, new Date()))!;
    cookie = await signIn(app, admin.username, admin.password);
  });

  it('lists what stops a draft from opening with codes and params, on the draft and in the refusal', async () => {
    const id = await draft({ startsAt: inDays(-20), endsAt: inDays(-10) });
    await call('PUT', `/api/campaigns/${id}/units`, { unitIds: [await unitId('D01')] });
    const endsAt = (await json(await call('GET', `/api/admin/campaigns/${id}`))).endsAt as string;
    const expected = [
      { code: 'scope_too_small', params: { minimum: 2, count: 1 } },
      { code: 'no_rater_types', params: {} },
      { code: 'window_ended', params: { endsAt } },
      { code: 'scoring_missing', params: {} },
    ];
    const config = await json(await call('GET', `/api/admin/campaigns/${id}`));
    expect(config.openingProblems).toEqual(expected.map((p) => ({ ...p, message: expect.any(String) })));
    expect(await openingRefusal(id)).toEqual(expected);
  });

  it('names the scoring module’s own refusals and the campaign’s, with the names the office gave', async () => {
    const id = await draft({
      settings: {
        scoring: {
          weights: { superior: 0.5, peer: 0.2, recipient: 0.2 },
          vetoes: [{ unitId: 987_654, reason: '重大责任事故' }],
        },
      },
    });
    await call('PUT', `/api/campaigns/${id}/units`, { unitIds: [await unitId('D01'), await unitId('D02')] });
    const questionnaires = (await json(await call('GET', '/api/questionnaires'))).questionnaires as {
      id: number;
      raterType: string;
    }[];
    const superior = questionnaires.find((q) => q.raterType === 'superior')!.id;
    const peer = questionnaires.find((q) => q.raterType === 'peer')!.id;
    await call('PUT', `/api/campaigns/${id}/rater-types`, {
      raterTypes: [
        { raterType: 'superior', questionnaireId: superior, minCount: 3 },
        { raterType: 'peer', questionnaireId: peer },
      ],
    });
    expect(await openingRefusal(id)).toEqual([
      { code: 'veto_unit_not_in_scope', params: { unitId: 987_654 } },
      { code: 'weights_sum', params: { total: expect.closeTo(0.9, 9) } },
    ]);

    await call('PATCH', `/api/campaigns/${id}`, {
      settings: { scoring: { weights: { superior: 0.5, peer: 0.2, recipient: 0.3 }, vetoes: null } },
    });
    expect(await openingRefusal(id)).toEqual([
      { code: 'weight_for_absent_raters', params: { raterType: 'recipient', weight: 0.3 } },
    ]);
  });

  it('names the category a scoring problem is about by the name the office gave it', async () => {
    const d01 = await unitId('D01');
    const units = (await json(await call('GET', '/api/units'))).units as { id: number; categoryId: number | null }[];
    const categoryId = units.find((unit) => unit.id === d01)!.categoryId!;
    const id = await draft({
      settings: {
        scoring: {
          weights: { superior: 1, peer: 0, recipient: 0 },
          categories: [{ categoryId, weights: { superior: 0.5, peer: 0, recipient: 0.4 } }],
        },
      },
    });
    await call('PUT', `/api/campaigns/${id}/units`, { unitIds: [d01, await unitId('D02')] });
    const categories = (await json(await call('GET', '/api/categories'))).categories as {
      id: number;
      name: string;
      nameEn: string;
    }[];
    const category = categories.find((c) => c.id === categoryId)!;
    const problems = await openingRefusal(id);
    expect(problems).toContainEqual({
      code: 'weights_sum',
      params: {
        category: categoryId,
        total: expect.closeTo(0.9, 9),
        categoryName: category.name,
        categoryNameEn: category.nameEn,
      },
    });
  });

  it('lists refused answers with each question’s code', async () => {
    const opened = await json(await app.request('/api/respond/open/demo-2026/D26'));
    const response = await app.request('/api/ballots', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        campaignId: (opened.campaign as { id: number }).id,
        unitId: (opened.unit as { id: number }).id,
        questionnaireId: (opened.questionnaire as { id: number }).id,
        submissionId: randomUUID(),
        answers: { attitude: '5', noSuchQuestion: 1 },
        deviceId: randomUUID(),
        fillSeconds: 40,
      }),
    });
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { code: string; problems: object[] } };
    expect(error.code).toBe('invalid_answers');
    expect(error.problems).toEqual(
      expect.arrayContaining([
        { question: 'attitude', code: 'wrong_type', message: expect.stringContaining('attitude') },
        { question: 'noSuchQuestion', code: 'unknown_key', message: expect.any(String) },
      ]),
    );
  });

  it('lists the problems of a refused questionnaire definition with codes, paths and params', async () => {
    const definition = {
      pages: [
        {
          name: 'p1',
          elements: [
            { type: 'slidr', name: 'q1' },
            { type: 'text', name: 'q2', foo: 1 },
            { type: 'dropdown', name: 'q3', choicesByUrl: { url: 'https://example.org/units' } },
          ],
        },
      ],
    };
    const response = await call('POST', '/api/questionnaires', { definition, raterType: 'recipient' });
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { code: string; problems: object[] } };
    expect(error.code).toBe('invalid_definition');
    expect(error.problems).toEqual([
      {
        path: 'pages[0] (name "p1").elements[0] (name "q1")',
        code: 'unknown_question_type',
        params: { type: 'slidr' },
        message: 'unknown question type "slidr"',
      },
      {
        path: 'pages[0] (name "p1").elements[1] (name "q2").foo',
        code: 'unknown_property',
        params: { key: 'foo', className: 'text' },
        message: 'unknown property "foo" for text',
      },
      {
        path: 'pages[0] (name "p1").elements[2] (name "q3").choicesByUrl',
        code: 'unsupported_property',
        params: { key: 'choicesByUrl', reason: 'choices_by_url' },
        message: expect.stringMatching(/^choicesByUrl is not supported/),
      },
    ]);
  });

  it('names the limit a definition that is too large exceeds', async () => {
    const deep = { a: JSON.parse('['.repeat(60) + ']'.repeat(60)) as unknown };
    const response = await call('POST', '/api/questionnaires', { definition: deep, raterType: 'recipient' });
    expect(response.status).toBe(422);
    const { error } = (await response.json()) as { error: { code: string; problems: object[] } };
    expect(error).toMatchObject({
      code: 'definition_too_large',
      problems: [{ code: 'too_deep', params: { limit: 50 } }],
    });
  });
});
