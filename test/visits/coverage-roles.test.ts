import { beforeAll, expect, it } from 'vitest';
import { createVisitCoverageRoutes } from '../../server/visit-coverage/coverage.routes.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { buildCoverageCity, type CoverageCity } from './coverage-fixture.ts';

// The role matrix of the coverage API: every route × {anonymous, leader, a team member, unit staff in no
// team, the office} → the status the server answers. Reading is open to every signed-in role; what unit
// staff see is narrowed inside (coverage-api.test.ts checks which rows).

type Who = 'anonymous' | 'leader' | 'm1' | 'outsider' | 'admin';
const WHO: readonly Who[] = ['anonymous', 'leader', 'm1', 'outsider', 'admin'];
const READ_ALL: Record<Who, number> = { anonymous: 401, leader: 200, m1: 200, outsider: 200, admin: 200 };

describeEachDialect('the role matrix of the coverage API', (database) => {
  let city: CoverageCity;
  let deps: ReturnType<typeof createTestApp>['deps'];

  beforeAll(async () => {
    const made = createTestApp(database());
    deps = made.deps;
    city = await buildCoverageCity(made.app, database().db);
  });

  const rows = () => [
    ...(['township', 'village', 'team', 'unit'] as const).map((by) => ({
      route: 'GET /visit-coverage',
      path: `/api/visit-coverage?by=${by}`,
      expected: READ_ALL,
    })),
    ...(['', '.xlsx'] as const).flatMap((suffix) =>
      (['enterprise', 'village'] as const).map((kind) => ({
        route: `GET /visit-coverage/unvisited${suffix}`,
        path: `/api/visit-coverage/unvisited${suffix}?kind=${kind}`,
        expected: READ_ALL,
      })),
    ),
    {
      route: 'GET /visit-coverage/unvisited',
      path: `/api/visit-coverage/unvisited?township=${city.ids.townships[0]}`,
      expected: READ_ALL,
    },
  ];

  it('covers every route of the coverage router', () => {
    const doc = createVisitCoverageRoutes(deps).getOpenAPIDocument({
      openapi: '3.0.0',
      info: { title: 'x', version: '1' },
    });
    const declared = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect([...new Set(rows().map((row) => row.route))].sort()).toEqual(declared.sort());
  });

  it('answers every route for every role as the table says', async () => {
    const got: Record<string, Record<Who, number>> = {};
    const want: Record<string, Record<Who, number>> = {};
    for (const row of rows()) {
      want[row.path] = row.expected;
      got[row.path] = {} as Record<Who, number>;
      for (const who of WHO) got[row.path]![who] = (await city.callers[who].get(row.path)).status;
    }
    expect(got).toEqual(want);
  });
});
