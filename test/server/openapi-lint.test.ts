import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { buildOpenApiDocument, operationIdOf } from '../../server/http/openapi-document.ts';
import { errorResponse } from '../../server/http/schemas.ts';
import { createTestApp } from '../support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

// The OpenAPI document of the real app: it lints clean with Redocly's recommended ruleset, and what it
// says about security and refusals is what the app does.

interface Operation {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  'x-pingyi-roles'?: string[];
}
interface Document {
  servers: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
}

const operationsOf = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation })),
  );

describe('the OpenAPI document', () => {
  let database: TestDatabase;
  let doc: Document;
  let app: ReturnType<typeof createTestApp>['app'];

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    app = createTestApp(database).app;
    doc = (await (await app.request('/api/openapi.json')).json()) as Document;
  });
  afterAll(async () => {
    await database.close();
  });

  it('lints with 0 errors under the recommended ruleset of @redocly/openapi-core', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const lines = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
    process.stdout.write(`OpenAPI lint: ${lines.length} problem(s)\n${lines.map((line) => `  ${line}\n`).join('')}`);
    expect(lines.filter((line) => line.startsWith('error'))).toEqual([]);
  });

  it('gives every operation an operationId of its own, and names the server', () => {
    const ids = operationsOf(doc).map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]*$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/api/units/{id}']?.['get']?.operationId).toBe('getUnitsById');
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });

  it('documents the session cookie and the office role, and which operations need them, as the app enforces', async () => {
    const { session, officeSession } = doc.components.securitySchemes;
    expect(session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'pingyi_session' });
    expect(officeSession).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'pingyi_session' });
    expect(doc.paths['/api/units/import']?.['post']?.security).toEqual([{ officeSession: [] }]);
    expect(doc.paths['/api/reports/{slug}/units/{unitId}']?.['get']?.['x-pingyi-roles']).toEqual(
      expect.arrayContaining(['admin', 'leader', 'unit_staff']),
    );
    expect(doc.paths['/api/ballots']?.['post']?.security).toEqual([]);
    for (const { path, method, operation } of operationsOf(doc)) {
      const url = path.replace(/\{[^}]+\}/g, '1');
      const anonymous = await app.request(url, { method: method.toUpperCase() });
      const guarded = (operation.security ?? []).length > 0;
      // Without a session, exactly the guarded operations refuse with 401.
      expect([method, path, anonymous.status === 401]).toEqual([method, path, guarded]);
    }
  });

  it('documents 400, 401, 403, 413 and 415 where they occur, in the one error shape', () => {
    for (const { path, method, operation } of operationsOf(doc)) {
      const statuses = Object.keys(operation.responses);
      const guarded = (operation.security ?? []).length > 0;
      const write = !['get', 'head'].includes(method);
      const expected = ['400', ...(guarded ? ['401'] : []), ...(write ? ['403', '413', '415'] : [])];
      expect([method, path, statuses]).toEqual([method, path, expect.arrayContaining(expected)]);
      for (const status of ['400', '401', '403', '413', '415'].filter((s) => statuses.includes(s))) {
        const schema = operation.responses[status]?.content?.['application/json']?.schema;
        expect([method, path, status, schema]).toEqual([method, path, status, { $ref: '#/components/schemas/Error' }]);
      }
    }
  });

  it('names PUBLIC_URL as the server when it is set', async () => {
    const config = loadConfig({ DATABASE_URL: database.url, PUBLIC_URL: 'https://pingyi.example.gov.cn/' });
    const withUrl = createTestApp(database, { config }).app;
    const document = (await (await withUrl.request('/api/openapi.json')).json()) as Document;
    expect(document.servers).toEqual([{ url: 'https://pingyi.example.gov.cn', description: 'PUBLIC_URL' }]);
  });
});

describe('operationIds', () => {
  it('are camelCase of the method and the path, parameters read as "by"', () => {
    expect(operationIdOf('post', '/api/campaigns/{id}/code-batches')).toBe('postCampaignsByIdCodeBatches');
    expect(operationIdOf('get', '/api/units/import-template.xlsx')).toBe('getUnitsImportTemplateXlsx');
    expect(operationIdOf('get', '/api/reports/{slug}/units/{unitId}')).toBe('getReportsBySlugUnitsByUnitId');
  });

  it('refuse to build a document where two operations would share one', () => {
    const route = (path: string) =>
      createRoute({ method: 'get', path, responses: { 200: errorResponse('stand-in'), 400: errorResponse('bad') } });
    const app = new OpenAPIHono()
      .openapi(route('/api/units/export.csv'), (c) => c.json({ error: { code: 'x', message: 'x' } }, 200))
      .openapi(route('/api/units/export-csv'), (c) => c.json({ error: { code: 'x', message: 'x' } }, 200));
    const options = {
      info: { title: 't', version: '1' },
      publicUrl: undefined,
      sessionCookie: 's',
      maxBodyBytes: 1024,
      accessOf: () => undefined,
    };
    expect(() => buildOpenApiDocument(app, options)).toThrow(/same operationId getUnitsExportCsv/);
  });
});
