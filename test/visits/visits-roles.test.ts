import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { addDays, chinaDay } from '../../server/problems/working-days.ts';
import { createVisitRoutes } from '../../server/visits/visits.routes.ts';
import type { Caller } from '../problems/problem-fixture.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { threeOutcomeVisit, visitWorld, type VisitWorld } from './visits-fixture.ts';

// The role matrix of the visits API: every route × {anonymous, a leader, a member of the visit's team,
// unit staff in no team, the office} → the status the server answers. A leader reads everything and writes
// nothing; a member works on their team's visits; other unit staff see the transferred problems in their
// unit's inbox only. Every write starts from a fresh visit, so that each cell tests the role alone.

type Who = 'anonymous' | 'leader' | 'member' | 'outsider' | 'admin';
const WHO: readonly Who[] = ['anonymous', 'leader', 'member', 'outsider', 'admin'];

interface Row {
  route: string;
  method: string;
  prepare: () => Promise<{ path: string; body?: unknown }>;
  expected: Record<Who, number>;
}

const status = (anonymous: number, leader: number, member: number, outsider: number, admin: number) => ({
  anonymous,
  leader,
  member,
  outsider,
  admin,
});

interface Visit {
  id: number;
  clientRef: string;
  problems: { id: number; report: { id: string } | null }[];
}

describeEachDialect('the role matrix of the visits API', (database) => {
  let w: VisitWorld;
  let deps: ReturnType<typeof createTestApp>['deps'];
  const visitedOn = addDays(chinaDay(new Date()), -1);

  beforeAll(async () => {
    const made = createTestApp(database());
    deps = made.deps;
    w = await visitWorld(made.app, database().db);
  });

  const callers = (): Record<Who, Caller> => ({
    anonymous: w.anonymous,
    leader: w.leader,
    member: w.member,
    outsider: w.outsider,
    admin: w.admin,
  });

  async function freshVisit(): Promise<{ visit: Visit; body: ReturnType<typeof threeOutcomeVisit> }> {
    const body = threeOutcomeVisit(w, visitedOn);
    const response = await w.member.post('/api/visits', body);
    expect(response.status).toBe(201);
    return { visit: (await response.json()) as Visit, body };
  }

  const rows = (): Row[] => [
    {
      route: 'GET /visit-settings',
      method: 'GET',
      prepare: async () => ({ path: '/api/visit-settings' }),
      expected: status(401, 200, 200, 200, 200),
    },
    {
      route: 'PUT /visit-settings',
      method: 'PUT',
      prepare: async () => ({ path: '/api/visit-settings', body: { feedbackDays: { transferred: 10, hotline: 10 } } }),
      expected: status(401, 403, 403, 403, 200),
    },
    {
      route: 'POST /visits',
      method: 'POST',
      prepare: async () => ({
        path: '/api/visits',
        body: { ...threeOutcomeVisit(w, visitedOn), clientRef: randomUUID() },
      }),
      expected: status(401, 403, 201, 403, 201),
    },
    {
      route: 'GET /visits',
      method: 'GET',
      prepare: async () => ({ path: '/api/visits' }),
      expected: status(401, 200, 200, 200, 200),
    },
    {
      route: 'GET /visits/{id}',
      method: 'GET',
      prepare: async () => ({ path: `/api/visits/${(await freshVisit()).visit.id}` }),
      expected: status(401, 200, 200, 404, 200),
    },
    {
      route: 'PUT /visits/{id}',
      method: 'PUT',
      prepare: async () => {
        const { visit, body } = await freshVisit();
        return { path: `/api/visits/${visit.id}`, body: { ...body, heard: '更正后的记录' } };
      },
      expected: status(401, 403, 200, 404, 200),
    },
    {
      route: 'GET /visit-problems/feedback-due',
      method: 'GET',
      prepare: async () => ({ path: '/api/visit-problems/feedback-due' }),
      expected: status(401, 200, 200, 200, 200),
    },
    {
      route: 'POST /visit-problems/{id}/feedback',
      method: 'POST',
      prepare: async () => ({
        path: `/api/visit-problems/${(await freshVisit()).visit.problems[1]!.id}/feedback`,
        body: { fedBackOn: visitedOn, channel: 'phone', satisfaction: 'basically_satisfied' },
      }),
      expected: status(401, 404, 200, 404, 200),
    },
    {
      route: 'POST /visit-problems/{id}/followup',
      method: 'POST',
      prepare: async () => ({
        path: `/api/visit-problems/${(await freshVisit()).visit.problems[1]!.id}/followup`,
        body: {},
      }),
      expected: status(401, 404, 409, 404, 409),
    },
  ];

  it('covers every route of the visits router', () => {
    const doc = createVisitRoutes(deps).getOpenAPIDocument({ openapi: '3.0.0', info: { title: 'x', version: '1' } });
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
        const { path, body } = await row.prepare();
        got[row.route]![who] = (await callers()[who].call(row.method, path, body)).status;
      }
    }
    expect(got).toEqual(want);
  });

  it('shows a visit item’s visit to the unit it went to and the office, to no one else', async () => {
    const { visit } = await freshVisit();
    const path = `/api/inbox/${visit.problems[1]!.report!.id}/visit`;
    const got = Object.fromEntries(
      await Promise.all(
        (['anonymous', 'leader', 'member', 'outsider', 'admin'] as const).map(async (who) => [
          who,
          (await callers()[who].get(path)).status,
        ]),
      ),
    );
    expect({
      ...got,
      ownUnit: (await w.staffA.get(path)).status,
      otherUnit: (await w.staffB.get(path)).status,
    }).toEqual({
      anonymous: 401,
      leader: 200,
      member: 404,
      outsider: 404,
      admin: 200,
      ownUnit: 200,
      otherUnit: 404,
    });
  });
});
