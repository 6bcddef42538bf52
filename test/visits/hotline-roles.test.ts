import { beforeAll, expect, it } from 'vitest';
import { createHotlineRoutes } from '../../server/hotline/hotline.routes.ts';
import { problemNumber } from '../../server/hotline/problem-number.ts';
import type { Caller } from '../problems/problem-fixture.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { hotlineWorld, insertVisit, type HotlineWorld } from './hotline-fixture.ts';

// The role matrix of the 12345 hand-off: every signed-in route × {anonymous, leader, a member of the
// visit's team, unit staff of no team, the office} → the status the server answers. The post-back takes no
// session at all: a session cookie (any role) without the Bearer secret is refused 401.

type Who = 'anonymous' | 'leader' | 'member' | 'other' | 'admin';
const WHO: readonly Who[] = ['anonymous', 'leader', 'member', 'other', 'admin'];

interface Row {
  route: string;
  method: string;
  path: () => Promise<string>;
  body?: unknown;
  expected: Record<Who, number>;
}

const status = (anonymous: number, leader: number, member: number, other: number, admin: number) => ({
  anonymous,
  leader,
  member,
  other,
  admin,
});

describeEachDialect('the role matrix of the 12345 hand-off', (database) => {
  let w: HotlineWorld;
  let deps: ReturnType<typeof createTestApp>['deps'];
  let visitId: number;
  let problemId: number;
  let names = 0;

  const callers = (): Record<Who, Caller> => ({
    anonymous: w.anonymous,
    leader: w.leader,
    member: w.member,
    other: w.staffB,
    admin: w.admin,
  });
  const newIntegration = async () => {
    names += 1;
    const made = await w.admin.post('/api/integrations', { name: `矩阵-${visitId}-${names}` });
    return ((await made.json()) as { integration: { id: number } }).integration.id;
  };
  const fixed = (path: string) => () => Promise.resolve(path);

  const rows = (): Row[] => [
    {
      route: 'GET /integrations',
      method: 'GET',
      path: fixed('/api/integrations'),
      expected: status(401, 403, 403, 403, 200),
    },
    {
      route: 'POST /integrations',
      method: 'POST',
      path: fixed('/api/integrations'),
      body: { name: 'stand-in' },
      expected: status(401, 403, 403, 403, 201),
    },
    {
      route: 'POST /integrations/{id}/rotate',
      method: 'POST',
      path: async () => `/api/integrations/${await newIntegration()}/rotate`,
      body: {},
      expected: status(401, 403, 403, 403, 200),
    },
    {
      route: 'POST /integrations/{id}/disable',
      method: 'POST',
      path: async () => `/api/integrations/${await newIntegration()}/disable`,
      body: {},
      expected: status(401, 403, 403, 403, 200),
    },
    {
      route: 'GET /hotline/export.csv',
      method: 'GET',
      path: fixed('/api/hotline/export.csv?scope=open'),
      expected: status(401, 200, 403, 403, 200),
    },
    {
      route: 'GET /hotline/export.xlsx',
      method: 'GET',
      path: fixed('/api/hotline/export.xlsx?scope=open'),
      expected: status(401, 200, 403, 403, 200),
    },
    {
      route: 'POST /integrations/hotline/updates',
      method: 'POST',
      path: fixed('/api/integrations/hotline/updates'),
      body: { problemNumber: 'ZF-1-1', ticket: 'T', status: 'accepted' },
      expected: status(401, 401, 401, 401, 401),
    },
    {
      route: 'GET /visit-problems/{id}/hotline',
      method: 'GET',
      path: async () => `/api/visit-problems/${problemId}/hotline`,
      expected: status(401, 200, 200, 404, 200),
    },
  ];

  beforeAll(async () => {
    const made = createTestApp(database());
    deps = made.deps;
    w = await hotlineWorld(made.app, database().db);
    visitId = await insertVisit(database().db, w, { on: '2026-11-20', target: 'village' }, [
      { description: '村道积水', outcome: 'hotline' },
    ]);
    problemId = (
      await database()
        .db.selectFrom('visit_problems')
        .select('id')
        .where('visit_id', '=', visitId)
        .executeTakeFirstOrThrow()
    ).id;
    expect(problemNumber(visitId, 1)).toBe(`ZF-${visitId}-1`);
  });

  it('covers every route of the hotline router', () => {
    const doc = createHotlineRoutes(deps).getOpenAPIDocument({ openapi: '3.0.0', info: { title: 'x', version: '1' } });
    const declared = Object.entries(doc.paths ?? {})
      .flatMap(([path, item]) => Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(
      rows()
        .map((row) => row.route)
        .sort(),
    ).toEqual(declared);
  });

  it('answers every route for every role as the table says', async () => {
    const got: Record<string, Record<Who, number>> = {};
    const want: Record<string, Record<Who, number>> = {};
    for (const row of rows()) {
      want[row.route] = row.expected;
      got[row.route] = {} as Record<Who, number>;
      for (const who of WHO) {
        // Each office create gets a name of its own, so that a second one is not a name clash.
        const body = row.route === 'POST /integrations' ? { name: `矩阵-${who}-${(names += 1)}` } : row.body;
        const answer = await callers()[who].call(row.method, await row.path(), body);
        got[row.route]![who] = answer.status;
      }
    }
    expect(got).toEqual(want);
  });
});
