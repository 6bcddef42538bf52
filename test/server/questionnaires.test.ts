import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect } from '../support/test-db.ts';
import {
  campaignUsing,
  recipientDefinition,
  signedInClient,
  storedDefinitionText,
  type Client,
} from './questionnaire-api.ts';

interface Detail {
  id: number;
  family: string;
  version: number;
  raterType: string;
  title: string;
  definition: Record<string, unknown>;
  questionnaireItems: Array<{ key: string; label: string; labelEn?: string }>;
  campaigns: Array<{ id: number; status: string }>;
  editableInPlace: boolean;
  problems: string[];
  newVersion?: boolean;
}

const errorOf = async (response: Response) =>
  ((await response.json()) as { error: { code: string; message: string } }).error;

describeEachDialect('questionnaires API', (database) => {
  let client: Client;
  beforeAll(async () => {
    client = await signedInClient(database());
  });
  const create = async (body: unknown): Promise<Detail> => {
    const response = await client.admin('POST', '/api/questionnaires', body);
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as Detail;
  };

  describe('creating', () => {
    it('starts a family from each default template, with its scored items', async () => {
      const superior = await create({ template: 'superior' });
      expect(superior).toMatchObject({
        version: 1,
        raterType: 'superior',
        title: '上级领导评议',
        editableInPlace: true,
        campaigns: [],
        problems: [],
      });
      expect(superior.questionnaireItems.map((i) => i.key)).toEqual([
        'responsibility',
        'promptness',
        'delivery',
        'overall',
      ]);
      const recipient = await create({ template: 'recipient', title: '窗口单位满意度' });
      expect(recipient.title).toBe('窗口单位满意度');
      expect(recipient.questionnaireItems.map((i) => i.key)).toEqual([
        'attitude',
        'efficiency',
        'serviceRules',
        'overall',
      ]);
      const peer = await create({ template: 'peer' });
      expect(peer.family).not.toBe(superior.family);

      const list = (await (await client.admin('GET', '/api/questionnaires')).json()) as {
        questionnaires: Array<{ id: number; versionCount: number }>;
      };
      expect(list.questionnaires.map((q) => q.id)).toEqual(
        expect.arrayContaining([superior.id, recipient.id, peer.id]),
      );
      expect(list.questionnaires.every((q) => q.versionCount === 1)).toBe(true);
    });

    it('creates from raw SurveyJS JSON and imports a raw body', async () => {
      const created = await create({ definition: recipientDefinition(), raterType: 'recipient' });
      expect(created).toMatchObject({
        title: '窗口服务评价',
        definition: recipientDefinition(),
        questionnaireItems: [{ key: 'overall', label: '满意度' }],
      });

      const imported = await client.admin(
        'POST',
        '/api/questionnaires/import?raterType=recipient&title=%E5%AF%BC%E5%85%A5',
        recipientDefinition(),
      );
      expect(imported.status).toBe(201);
      expect(await imported.json()).toMatchObject({ version: 1, title: '导入', raterType: 'recipient' });
    });

    it('refuses an invalid definition with every problem and its exact path', async () => {
      const definition = recipientDefinition();
      const elements = (definition['pages'] as Array<{ elements: object[] }>)[0]!.elements;
      elements.push(
        { type: 'slidr', name: 'q3' },
        { type: 'text', name: 'q4', foo: 1 },
        { type: 'radiogroup', name: 'q5', pyScored: true, choices: [{ value: 1, pyPoints: 10 }, { value: 2 }] },
        { type: 'text', name: 'comment' },
        { type: 'dropdown', name: 'q7', choicesByUrl: { url: 'https://example.org/units' } },
      );
      const response = await client.admin('POST', '/api/questionnaires', { definition, raterType: 'recipient' });
      expect(response.status).toBe(422);
      const error = await errorOf(response);
      expect(error.code).toBe('invalid_definition');
      const lines = error.message.split('\n');
      expect(lines[0]).toBe('The questionnaire definition cannot be used (5 problems):');
      expect(lines).toEqual(
        expect.arrayContaining([
          '- pages[0] (name "p1").elements[2] (name "q3"): unknown question type "slidr"',
          '- pages[0] (name "p1").elements[3] (name "q4").foo: unknown property "foo" for text',
          '- pages[0] (name "p1").elements[4] (name "q5"): choices[1] (value 2) has no pyPoints',
          '- pages[0] (name "p1").elements[5] (name "comment"): duplicate question name "comment"',
          expect.stringMatching(
            /^- pages\[0\] \(name "p1"\)\.elements\[6\] \(name "q7"\)\.choicesByUrl: choicesByUrl is not supported/,
          ),
        ]),
      );
    });

    it('refuses definitions that would score no unit, or that have no questions', async () => {
      const scoredOutsideMatrix = await client.admin('POST', '/api/questionnaires', {
        definition: recipientDefinition(),
        raterType: 'superior',
      });
      expect(scoredOutsideMatrix.status).toBe(422);
      expect((await errorOf(scoredOutsideMatrix)).message).toContain(
        '- pages[0] (name "p1").elements[0] (name "satisfaction"): is scored but not a unit-row matrix',
      );
      const empty = await client.admin('POST', '/api/questionnaires', {
        definition: { title: '空' },
        raterType: 'recipient',
      });
      expect(await errorOf(empty)).toEqual({
        code: 'invalid_definition',
        message: expect.stringContaining('pages: the questionnaire has no questions'),
        problems: [{ path: 'pages', code: 'no_questions', params: {}, message: 'the questionnaire has no questions' }],
      });
    });

    it('answers bad input with a 4xx in the one error shape, never a 500', async () => {
      const deep = `{"definition":${'['.repeat(100_000)}${']'.repeat(100_000)},"raterType":"recipient"}`;
      const manyQuestions = {
        pages: [{ elements: Array.from({ length: 2001 }, (_, i) => ({ type: 'text', name: `q${i}` })) }],
      };
      const survey = (elements: unknown[]) => ({ pages: [{ elements }] });
      const cases: Array<[string, string, unknown, number, string]> = [
        ['malformed JSON', '/api/questionnaires', '{"template": ', 400, 'bad_request'],
        [
          'an array as definition',
          '/api/questionnaires',
          { definition: [], raterType: 'recipient' },
          400,
          'invalid_request',
        ],
        [
          'a string as definition',
          '/api/questionnaires',
          { definition: 'x', raterType: 'recipient' },
          400,
          'invalid_request',
        ],
        ['no rater type', '/api/questionnaires', { definition: recipientDefinition() }, 400, 'invalid_request'],
        [
          'template and definition',
          '/api/questionnaires',
          { template: 'peer', definition: recipientDefinition(), raterType: 'peer' },
          400,
          'invalid_request',
        ],
        ['an unknown template', '/api/questionnaires', { template: 'boss' }, 400, 'invalid_request'],
        ['a number as title', '/api/questionnaires', { template: 'peer', title: 5 }, 400, 'invalid_request'],
        ['an unknown key', '/api/questionnaires', { template: 'peer', colour: 'red' }, 400, 'invalid_request'],
        ['deep nesting', '/api/questionnaires', deep, 400, 'invalid_request'],
        [
          'a deep definition',
          '/api/questionnaires',
          { definition: { a: JSON.parse('['.repeat(60) + ']'.repeat(60)) }, raterType: 'recipient' },
          422,
          'definition_too_large',
        ],
        [
          '2,001 questions',
          '/api/questionnaires',
          { definition: manyQuestions, raterType: 'recipient' },
          422,
          'definition_too_large',
        ],
        [
          '2,001 choices',
          '/api/questionnaires',
          {
            definition: survey([{ type: 'dropdown', name: 'q', choices: Array.from({ length: 2001 }, (_, i) => i) }]),
            raterType: 'recipient',
          },
          422,
          'definition_too_large',
        ],
        [
          '101 matrix columns',
          '/api/questionnaires',
          {
            definition: survey([
              {
                type: 'matrixdropdown',
                name: 'm',
                rows: [1],
                columns: Array.from({ length: 101 }, (_, i) => ({ name: `c${i}` })),
              },
            ]),
            raterType: 'recipient',
          },
          422,
          'definition_too_large',
        ],
        [
          'survey-core throwing on null choices',
          '/api/questionnaires',
          { definition: survey([{ type: 'dropdown', name: 'q', choices: [null] }]), raterType: 'recipient' },
          422,
          'invalid_definition',
        ],
        [
          'an old top-level questions list',
          '/api/questionnaires',
          {
            definition: { questions: [{ type: 'dropdown', name: 'q', choicesByUrl: { url: 'x' } }] },
            raterType: 'recipient',
          },
          422,
          'invalid_definition',
        ],
        [
          'a __proto__ key',
          '/api/questionnaires',
          `{"definition":{"__proto__":{"pages":[]},"pages":[{"elements":[{"type":"text","name":"a"}]}]},"raterType":"recipient"}`,
          422,
          'invalid_definition',
        ],
        ['an import of an array', '/api/questionnaires/import?raterType=recipient', '[1]', 400, 'invalid_request'],
        ['an import without rater type', '/api/questionnaires/import', recipientDefinition(), 400, 'invalid_request'],
      ];
      for (const [what, path, body, status, code] of cases) {
        const response = await client.admin('POST', path, body);
        expect([what, response.status]).toEqual([what, status]);
        expect([what, (await errorOf(response)).code]).toEqual([what, code]);
      }
      expect((await client.admin('GET', '/api/questionnaires/99999999999')).status).toBe(400);
      expect((await client.admin('GET', '/api/questionnaires/abc')).status).toBe(400);
      expect((await client.admin('GET', '/api/questionnaires/999999')).status).toBe(404);
      expect((await client.admin('GET', '/api/questionnaires?family=nope')).status).toBe(404);
    });
  });

  describe('editing and versions', () => {
    it('edits a version in place while no campaign, or only a draft, uses it', async () => {
      const created = await create({ definition: recipientDefinition(), raterType: 'recipient' });
      const edited = await client.admin('PUT', `/api/questionnaires/${created.id}`, {
        definition: recipientDefinition('改过的标题'),
        title: '新名称',
      });
      expect(edited.status).toBe(200);
      expect(await edited.json()).toMatchObject({
        id: created.id,
        version: 1,
        title: '新名称',
        newVersion: false,
        definition: { title: '改过的标题' },
      });

      await campaignUsing(database(), created.id, 'recipient', 'draft');
      const again = await client.admin('PUT', `/api/questionnaires/${created.id}`, {
        definition: recipientDefinition('草稿可改'),
      });
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({
        id: created.id,
        title: '新名称',
        newVersion: false,
        editableInPlace: true,
      });
      expect(JSON.parse((await storedDefinitionText(database(), created.id))!)).toMatchObject({ title: '草稿可改' });

      const audit = await database()
        .db.selectFrom('audit_log')
        .select(['action', 'entity_id'])
        .where('entity_type', '=', 'questionnaire')
        .where('entity_id', '=', String(created.id))
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(['questionnaire_created', 'questionnaire_edited']),
      );
    });

    it('never changes a version an open campaign uses: the edit becomes the next version', async () => {
      const v1 = await create({ template: 'recipient' });
      const campaignId = await campaignUsing(database(), v1.id, 'recipient', 'open');
      const before = await storedDefinitionText(database(), v1.id);

      const edited = await client.admin('PUT', `/api/questionnaires/${v1.id}`, {
        definition: recipientDefinition('第二版'),
      });
      expect(edited.status).toBe(201);
      const v2 = (await edited.json()) as Detail;
      expect(v2).toMatchObject({
        family: v1.family,
        version: 2,
        newVersion: true,
        title: v1.title,
        campaigns: [],
        editableInPlace: true,
      });
      expect(v2.id).not.toBe(v1.id);
      expect(await storedDefinitionText(database(), v1.id)).toBe(before);

      const old = (await (await client.admin('GET', `/api/questionnaires/${v1.id}`)).json()) as Detail;
      expect(old).toMatchObject({ editableInPlace: false, campaigns: [{ id: campaignId, status: 'open' }] });
      const third = await client.admin('PUT', `/api/questionnaires/${v1.id}`, {
        definition: recipientDefinition('第三版'),
      });
      expect(await third.json()).toMatchObject({ version: 3, newVersion: true });
      expect(await storedDefinitionText(database(), v1.id)).toBe(before);

      const family = (await (await client.admin('GET', `/api/questionnaires?family=${v1.family}`)).json()) as {
        questionnaires: Array<{ version: number; campaignCount: number }>;
      };
      expect(family.questionnaires.map((q) => [q.version, q.campaignCount])).toEqual([
        [3, 0],
        [2, 0],
        [1, 1],
      ]);
      const latest = (await (await client.admin('GET', '/api/questionnaires')).json()) as {
        questionnaires: Array<{ family: string; version: number; versionCount: number }>;
      };
      expect(latest.questionnaires.find((q) => q.family === v1.family)).toMatchObject({ version: 3, versionCount: 3 });
    });

    it('refuses an invalid edit and leaves the version as it was', async () => {
      const created = await create({ definition: recipientDefinition(), raterType: 'recipient' });
      const before = await storedDefinitionText(database(), created.id);
      const response = await client.admin('PUT', `/api/questionnaires/${created.id}`, {
        definition: { pages: [{ elements: [{ type: 'text', name: 'a', foo: 1 }] }] },
      });
      expect(response.status).toBe(422);
      expect((await errorOf(response)).message).toContain(
        'pages[0].elements[0] (name "a").foo: unknown property "foo"',
      );
      expect(await storedDefinitionText(database(), created.id)).toBe(before);
    });

    it('serialises concurrent edits of a started version into consecutive versions', async () => {
      const v1 = await create({ template: 'recipient' });
      await campaignUsing(database(), v1.id, 'recipient', 'closed');
      const responses = await Promise.all(
        ['甲', '乙', '丙'].map((title) =>
          client.admin('PUT', `/api/questionnaires/${v1.id}`, { definition: recipientDefinition(title) }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual([201, 201, 201]);
      const versions = await Promise.all(responses.map(async (r) => ((await r.json()) as Detail).version));
      expect(versions.sort()).toEqual([2, 3, 4]);
    });

    it('shows what is wrong with a definition stored outside the API instead of failing', async () => {
      const { db } = database();
      const insert = (family: string, definition: string) =>
        db
          .insertInto('questionnaires')
          .values({
            family,
            version: 1,
            rater_type: 'recipient',
            title: '旧问卷',
            definition,
            created_at: new Date().toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
      const unknownProperty = await insert(
        `legacy-a-${Date.now()}`,
        JSON.stringify({ pages: [{ elements: [{ type: 'text', name: 'a', foo: 1 }] }] }),
      );
      const notJson = await insert(`legacy-b-${Date.now()}`, 'not json');
      const detail = (await (await client.admin('GET', `/api/questionnaires/${unknownProperty.id}`)).json()) as Detail;
      expect(detail.problems).toEqual(['pages[0].elements[0] (name "a").foo: unknown property "foo" for text']);
      expect(detail.questionnaireItems).toEqual([]);
      expect(
        ((await (await client.admin('GET', `/api/questionnaires/${notJson.id}`)).json()) as Detail).definition,
      ).toEqual({});
      expect((await client.admin('POST', `/api/questionnaires/${notJson.id}/preview`, { answers: {} })).status).toBe(
        422,
      );
      expect((await client.admin('GET', `/api/questionnaires/${unknownProperty.id}/preview-definition`)).status).toBe(
        422,
      );
      expect((await client.admin('POST', `/api/questionnaires/${notJson.id}/copy`, { title: '复制' })).status).toBe(
        422,
      );
      expect(
        (await client.admin('PUT', `/api/questionnaires/${notJson.id}`, { definition: recipientDefinition() })).status,
      ).toBe(200);
    });

    it('copies a version into a new family with a new title', async () => {
      const source = await create({ template: 'peer' });
      const response = await client.admin('POST', `/api/questionnaires/${source.id}/copy`, { title: '县级同级互评' });
      expect(response.status).toBe(201);
      const copy = (await response.json()) as Detail;
      expect(copy).toMatchObject({
        version: 1,
        title: '县级同级互评',
        raterType: 'peer',
        definition: source.definition,
      });
      expect(copy.family).not.toBe(source.family);
      expect((await client.admin('POST', '/api/questionnaires/999999/copy', { title: 'x' })).status).toBe(404);
    });
  });

  describe('previews', () => {
    it('returns the ratings the server would record, or the errors it would refuse with', async () => {
      const recipient = await create({ template: 'recipient' });
      const answers = { attitude: 5, efficiency: 4, serviceRules: 'unknown', overall: 2, comment: '很好' };
      const ok = await client.admin('POST', `/api/questionnaires/${recipient.id}/preview`, {
        answers,
        targetUnitId: 7,
      });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({
        ok: true,
        answers,
        ratings: [
          { unitId: 7, item: 'attitude', points: 100 },
          { unitId: 7, item: 'efficiency', points: 80 },
          { unitId: 7, item: 'overall', points: 30 },
        ],
      });
      const refused = (await (
        await client.admin('POST', `/api/questionnaires/${recipient.id}/preview`, { answers: { attitude: '5' } })
      ).json()) as { ok: boolean; errors: Array<{ question: string }> };
      expect(refused.ok).toBe(false);
      expect(refused.errors.map((e) => e.question)).toEqual(
        expect.arrayContaining(['attitude', 'efficiency', 'overall']),
      );
      expect((await client.admin('POST', `/api/questionnaires/${recipient.id}/preview`, {})).status).toBe(400);
    });

    it('rates each sample unit of a unit-row matrix, and serves the definition for real units', async () => {
      const superior = await create({ template: 'superior' });
      const grades = { responsibility: 'A', promptness: 'B', delivery: 'C', overall: 'unknown' };
      const preview = (await (
        await client.admin('POST', `/api/questionnaires/${superior.id}/preview`, {
          answers: { units: { 1: grades, 2: grades, 3: grades } },
        })
      ).json()) as {
        ok: boolean;
        ratings: Array<{ unitId: number }>;
      };
      expect(preview.ok).toBe(true);
      expect(preview.ratings.filter((r) => r.unitId === 2)).toHaveLength(3);

      const { db } = database();
      const unit = await db
        .insertInto('units')
        .values({
          code: `QT${Date.now()}`,
          name: '市税务局',
          name_en: 'Tax bureau',
          parent_id: null,
          level: 'department',
          category_id: null,
          sort_order: 1,
          active: 1,
          created_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const served = (await (
        await client.admin('GET', `/api/questionnaires/${superior.id}/preview-definition?units=${unit.id}`)
      ).json()) as { definition: { pages: Array<{ elements: Array<{ rows?: unknown }> }> } };
      expect(served.definition.pages[0]!.elements[0]!.rows).toEqual([
        { value: unit.id, text: { default: '市税务局', en: 'Tax bureau' } },
      ]);
      const sample = (await (
        await client.admin('GET', `/api/questionnaires/${superior.id}/preview-definition`)
      ).json()) as typeof served;
      expect(sample.definition.pages[0]!.elements[0]!.rows).toHaveLength(3);
      expect(
        (await client.admin('GET', `/api/questionnaires/${superior.id}/preview-definition?units=999999`)).status,
      ).toBe(404);
      expect(
        (await client.admin('GET', `/api/questionnaires/${superior.id}/preview-definition?units=1;drop`)).status,
      ).toBe(400);
    });
  });

  it('is for administrators only, and documented', async () => {
    const id = (await create({ template: 'recipient' })).id;
    const routes: Array<[string, string, unknown]> = [
      ['GET', '/api/questionnaires', undefined],
      ['GET', `/api/questionnaires/${id}`, undefined],
      ['POST', '/api/questionnaires', { template: 'peer' }],
      ['POST', '/api/questionnaires/import?raterType=recipient', recipientDefinition()],
      ['PUT', `/api/questionnaires/${id}`, { definition: recipientDefinition() }],
      ['POST', `/api/questionnaires/${id}/copy`, { title: 'x' }],
      ['POST', `/api/questionnaires/${id}/preview`, { answers: {} }],
      ['GET', `/api/questionnaires/${id}/preview-definition`, undefined],
    ];
    for (const [method, path, body] of routes) {
      expect([method, path, (await client.leader(method, path, body)).status]).toEqual([method, path, 403]);
      const anonymous = await client.app.request(path, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect([method, path, anonymous.status]).toEqual([method, path, 401]);
    }
    const doc = (await (await client.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { description?: string; responses: object }>>;
    };
    expect(Object.keys(doc.paths['/api/questionnaires/{id}']?.['put']?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '201', '404', '409', '422']),
    );
    expect(doc.paths['/api/questionnaires/{id}']?.['put']?.description).toContain('never changed');
  });
});
