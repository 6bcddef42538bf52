import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { Caller } from '../problems/problem-fixture.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { createVisitTargetTeamRoutes } from '../../server/visit-teams/visit-teams.routes.ts';
import { validCreditCode } from './targets-codes.ts';
import { targetWorld, type TargetWorld } from './targets-fixture.ts';

// The role matrix of the visit targets and visiting teams: every route × {anonymous, leader, a unit-staff
// member of a team covering the target's township, unit staff in no team, the office} → the status the
// server answers. Every write starts from a fresh target or team, so that each cell tests the role alone.

type Who = 'anonymous' | 'leader' | 'member' | 'outsider' | 'admin';
const WHO: readonly Who[] = ['anonymous', 'leader', 'member', 'outsider', 'admin'];
const status = (anonymous: number, leader: number, member: number, outsider: number, admin: number) => ({
  anonymous,
  leader,
  member,
  outsider,
  admin,
});

interface Row {
  route: string;
  method: string;
  prepare: () => Promise<{ path: string; body?: unknown }>;
  expected: Record<Who, number>;
}

describeEachDialect('the role matrix of the visit targets and teams', (database) => {
  let w: TargetWorld;
  let deps: ReturnType<typeof createTestApp>['deps'];
  let village: number;
  let enterprise: number;
  let team: number;
  let codes = 100;
  const db = () => database().db;
  const id = async (response: Response) => ((await response.json()) as { id: number }).id;
  const freshVillage = async () =>
    id(
      await w.admin.post('/api/visit-targets/villages', {
        townshipId: w.townA,
        name: `村${randomUUID().slice(0, 6)}`,
        households: 5,
      }),
    );
  const freshEnterprise = async () =>
    id(
      await w.admin.post('/api/visit-targets/enterprises', {
        creditCode: validCreditCode((codes += 1)),
        name: '某公司',
        townshipId: w.townA,
        size: 'micro',
      }),
    );
  const freshHousehold = async () =>
    id(
      await w.admin.post(`/api/visit-targets/villages/${village}/households`, {
        label: `户${randomUUID().slice(0, 6)}`,
      }),
    );
  const freshTeam = async () => id(await w.admin.post('/api/visit-teams', { name: `队${randomUUID().slice(0, 6)}` }));
  const callers = (): Record<Who, Caller> => ({
    anonymous: w.anonymous,
    leader: w.leader,
    member: w.staff,
    outsider: w.outsider,
    admin: w.admin,
  });

  const READ_TARGETS = status(401, 200, 200, 403, 200);
  const OFFICE = (ok: number) => status(401, 403, 403, 403, ok);
  const row = (
    method: string,
    route: string,
    expected: Record<Who, number>,
    prepare: () => Promise<{ path: string; body?: unknown }>,
  ): Row => ({ method, route, expected, prepare });
  const at = (path: string, body?: unknown) => async () => ({ path: `/api${path}`, body });

  const rows = (): Row[] => [
    row('GET', '/visit-targets/villages', READ_TARGETS, at('/visit-targets/villages')),
    row('GET', '/visit-targets/villages/{id}', READ_TARGETS, at(`/visit-targets/villages/${village}`)),
    row('POST', '/visit-targets/villages', OFFICE(201), async () => ({
      path: '/api/visit-targets/villages',
      body: { townshipId: w.townA, name: `村${randomUUID().slice(0, 6)}`, households: 1 },
    })),
    row('PATCH', '/visit-targets/villages/{id}', OFFICE(200), async () => ({
      path: `/api/visit-targets/villages/${await freshVillage()}`,
      body: { households: 9 },
    })),
    row('DELETE', '/visit-targets/villages/{id}', OFFICE(204), async () => ({
      path: `/api/visit-targets/villages/${await freshVillage()}`,
      body: {},
    })),
    row('GET', '/visit-targets/enterprises', READ_TARGETS, at('/visit-targets/enterprises')),
    row('GET', '/visit-targets/enterprises/{id}', READ_TARGETS, at(`/visit-targets/enterprises/${enterprise}`)),
    row('POST', '/visit-targets/enterprises', OFFICE(201), async () => ({
      path: '/api/visit-targets/enterprises',
      body: { creditCode: validCreditCode((codes += 1)), name: '新公司', townshipId: w.townA, size: 'small' },
    })),
    row('PATCH', '/visit-targets/enterprises/{id}', OFFICE(200), async () => ({
      path: `/api/visit-targets/enterprises/${await freshEnterprise()}`,
      body: { industry: '制造业' },
    })),
    row('DELETE', '/visit-targets/enterprises/{id}', OFFICE(204), async () => ({
      path: `/api/visit-targets/enterprises/${await freshEnterprise()}`,
      body: {},
    })),
    row(
      'GET',
      '/visit-targets/villages/{id}/households',
      READ_TARGETS,
      at(`/visit-targets/villages/${village}/households`),
    ),
    row('POST', '/visit-targets/villages/{id}/households', OFFICE(201), async () => ({
      path: `/api/visit-targets/villages/${village}/households`,
      body: { label: `户${randomUUID().slice(0, 6)}` },
    })),
    row('PATCH', '/visit-targets/households/{id}', OFFICE(200), async () => ({
      path: `/api/visit-targets/households/${await freshHousehold()}`,
      body: { address: '二组' },
    })),
    row('DELETE', '/visit-targets/households/{id}', OFFICE(204), async () => ({
      path: `/api/visit-targets/households/${await freshHousehold()}`,
      body: {},
    })),
    row('POST', '/visit-targets/import', OFFICE(200), async () => ({
      path: '/api/visit-targets/import?dryRun=true',
      body: {
        filename: 'v.csv',
        contentBase64: Buffer.from(`乡镇,村（社区）,户数\n${w.townAName},导入村,10\n`).toString('base64'),
      },
    })),
    row('GET', '/visit-targets/import/template.xlsx', OFFICE(200), at('/visit-targets/import/template.xlsx')),
    row('GET', '/visit-teams', status(401, 200, 403, 403, 200), at('/visit-teams')),
    row('GET', '/visit-teams/mine', status(401, 200, 200, 200, 200), at('/visit-teams/mine')),
    row('GET', '/visit-teams/{id}', status(401, 200, 403, 403, 200), at(`/visit-teams/${team}`)),
    row('POST', '/visit-teams', OFFICE(201), async () => ({
      path: '/api/visit-teams',
      body: { name: `队${randomUUID().slice(0, 6)}` },
    })),
    row('PATCH', '/visit-teams/{id}', OFFICE(200), async () => ({
      path: `/api/visit-teams/${await freshTeam()}`,
      body: { active: false },
    })),
    row('PUT', '/visit-teams/{id}/members', OFFICE(200), async () => ({
      path: `/api/visit-teams/${await freshTeam()}/members`,
      body: { members: [{ userId: w.staffId }] },
    })),
    row('PUT', '/visit-teams/{id}/areas', OFFICE(200), async () => ({
      path: `/api/visit-teams/${await freshTeam()}/areas`,
      body: { areas: [{ townshipId: w.townB }] },
    })),
  ];

  beforeAll(async () => {
    const made = createTestApp(database());
    deps = made.deps;
    w = await targetWorld(made.app, db());
    village = await freshVillage();
    enterprise = await freshEnterprise();
    team = await freshTeam();
    await w.admin.put(`/api/visit-teams/${team}/members`, { members: [{ userId: w.staffId }] });
    await w.admin.put(`/api/visit-teams/${team}/areas`, { areas: [{ townshipId: w.townA }] });
  });

  it('covers every route of the visit targets and teams routers', () => {
    const doc = createVisitTargetTeamRoutes(deps).getOpenAPIDocument({
      openapi: '3.0.0',
      info: { title: 'x', version: '1' },
    });
    const declared = Object.entries(doc.paths ?? {})
      .flatMap(([path, item]) => Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(
      rows()
        .map((r) => `${r.method} ${r.route}`)
        .sort(),
    ).toEqual(declared);
  });

  it('answers every route for every role as the table says', async () => {
    const got: Record<string, Record<Who, number>> = {};
    const want: Record<string, Record<Who, number>> = {};
    for (const r of rows()) {
      const label = `${r.method} ${r.route}`;
      want[label] = r.expected;
      got[label] = {} as Record<Who, number>;
      for (const who of WHO) {
        const { path, body } = await r.prepare();
        got[label]![who] = (await callers()[who].call(r.method, path, body)).status;
      }
    }
    expect(got).toEqual(want);
  });
});
