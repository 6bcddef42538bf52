import { beforeAll, expect, it } from 'vitest';
import { createProblemRoutes } from '../../server/problems/problems.routes.ts';
import { createProblemTypeRoutes } from '../../server/problems/problem-types.routes.ts';
import { createRectificationSettingsRoutes } from '../../server/problems/rectification-settings.routes.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { completeProblem, problemWorld, type Caller, type ProblemWorld } from './problem-fixture.ts';

// The role matrix of the problems API: every route × {anonymous, leader, unit staff of the problem's own
// unit, unit staff of another unit, the office} → the status the server answers. Every write starts from a
// fresh problem in the state it needs, so that each cell tests the role alone.

type Who = 'anonymous' | 'leader' | 'own' | 'other' | 'admin';
const WHO: readonly Who[] = ['anonymous', 'leader', 'own', 'other', 'admin'];

type Prepared = { path: string; body?: unknown };
interface Row {
  /** `METHOD /path` as the router declares it, to check that every route is in the table. */
  route: string;
  label: string;
  method: string;
  prepare: () => Promise<Prepared>;
  expected: Record<Who, number>;
}

const status = (anonymous: number, leader: number, own: number, other: number, admin: number) => ({
  anonymous,
  leader,
  own,
  other,
  admin,
});

describeEachDialect('the role matrix of the problems API', (database) => {
  let w: ProblemWorld;
  let deps: ReturnType<typeof createTestApp>['deps'];
  let settings: unknown;
  let typeId: number;

  const callers = (): Record<Who, Caller> => ({
    anonymous: w.anonymous,
    leader: w.leader,
    own: w.staffA,
    other: w.staffB,
    admin: w.admin,
  });

  /** A problem of unit A moved by the office to `state` through the API. */
  async function problemIn(
    state: 'draft' | 'submitted' | 'filed' | 'in_progress' | 'claimed' | 'closed',
  ): Promise<number> {
    const early = state === 'draft' || state === 'submitted';
    const created = await w.admin.post('/api/problems', {
      ...completeProblem(w.unitA),
      ...(early ? {} : { initial: 'filed' }),
    });
    const { id } = (await created.json()) as { id: number };
    const steps: Record<typeof state, Array<[string, Record<string, unknown>]>> = {
      draft: [],
      submitted: [['submit', {}]],
      filed: [],
      in_progress: [['start', {}]],
      claimed: [['claim', { note: '已完成' }]],
      closed: [
        ['claim', { note: '已完成' }],
        ['close', {}],
      ],
    };
    for (const [action, body] of steps[state]) {
      const answer = await w.admin.post(`/api/problems/${id}/actions/${action}`, body);
      expect(answer.status).toBe(200);
    }
    return id;
  }

  const action = (
    name: string,
    state: Parameters<typeof problemIn>[0],
    body: Record<string, unknown>,
    expected: Record<Who, number>,
  ): Row => ({
    route: 'POST /problems/{id}/actions/{action}',
    label: `POST /problems/{id}/actions/${name} (${state})`,
    method: 'POST',
    prepare: async () => ({ path: `/api/problems/${await problemIn(state)}/actions/${name}`, body }),
    expected,
  });
  const fixed = (
    method: string,
    route: string,
    path: string,
    expected: Record<Who, number>,
    body?: () => unknown,
  ): Row => ({
    route: `${method} ${route}`,
    label: `${method} ${path}`,
    method,
    prepare: async () => ({ path: `/api${path}`, body: body?.() }),
    expected,
  });

  const UNIT_MOVE = status(401, 403, 200, 404, 200);
  const OFFICE_MOVE = status(401, 403, 403, 404, 200);
  const READ_ALL = status(401, 200, 200, 200, 200);
  const OFFICE_ONLY = status(401, 403, 403, 403, 200);

  const rows = (): Row[] => [
    fixed('GET', '/problems', '/problems', READ_ALL),
    { ...fixed('GET', '/problems', `/problems?unitId=${w.unitA}`, status(401, 200, 200, 404, 200)) },
    fixed('GET', '/problems/stats', '/problems/stats?by=unit', READ_ALL),
    fixed('GET', '/problems/stats', '/problems/stats?by=type', READ_ALL),
    fixed('POST', '/problems', '/problems', status(401, 403, 201, 403, 201), () => completeProblem(w.unitA)),
    {
      route: 'GET /problems/{id}',
      label: 'GET /problems/{id} (draft)',
      method: 'GET',
      prepare: async () => ({ path: `/api/problems/${await problemIn('draft')}` }),
      expected: status(401, 200, 200, 404, 200),
    },
    {
      route: 'PATCH /problems/{id}',
      label: 'PATCH /problems/{id} (draft)',
      method: 'PATCH',
      prepare: async () => ({ path: `/api/problems/${await problemIn('draft')}`, body: { title: '改标题' } }),
      expected: status(401, 403, 200, 404, 200),
    },
    action('submit', 'draft', {}, UNIT_MOVE),
    action('return', 'submitted', { note: '请补充' }, OFFICE_MOVE),
    action('file', 'submitted', {}, OFFICE_MOVE),
    action('start', 'filed', {}, UNIT_MOVE),
    action('progress', 'filed', { note: '进展' }, UNIT_MOVE),
    action('claim', 'in_progress', { note: '已完成' }, UNIT_MOVE),
    action('close', 'claimed', {}, OFFICE_MOVE),
    action('reopen', 'closed', { note: '复查未通过' }, OFFICE_MOVE),
    action('explain', 'filed', { note: '不予受理' }, OFFICE_MOVE),
    action('extend', 'filed', { note: '延期', deadline: '2027-12-31' }, OFFICE_MOVE),
    fixed('GET', '/problem-types', '/problem-types', READ_ALL),
    fixed('POST', '/problem-types', '/problem-types', status(401, 403, 403, 403, 201), () => ({ name: '服务态度' })),
    {
      ...fixed('PATCH', '/problem-types/{id}', '/problem-types/{id}', OFFICE_ONLY, () => ({ sortOrder: 3 })),
      prepare: async () => ({ path: `/api/problem-types/${typeId}`, body: { sortOrder: 3 } }),
    },
    fixed('GET', '/rectification/settings', '/rectification/settings', READ_ALL),
    fixed('PUT', '/rectification/settings', '/rectification/settings', OFFICE_ONLY, () => settings),
  ];

  beforeAll(async () => {
    const made = createTestApp(database());
    deps = made.deps;
    w = await problemWorld(made.app, database().db);
    settings = ((await (await w.admin.get('/api/rectification/settings')).json()) as { settings: unknown }).settings;
    typeId = ((await (await w.admin.post('/api/problem-types', { name: '形式主义' })).json()) as { id: number }).id;
  });

  it('covers every route of the problems, problem types and settings routers', () => {
    const declared = [createProblemRoutes(deps), createProblemTypeRoutes(deps), createRectificationSettingsRoutes(deps)]
      .flatMap((router) => {
        const doc = router.getOpenAPIDocument({ openapi: '3.0.0', info: { title: 'x', version: '1' } });
        return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
          Object.keys(item ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
        );
      })
      .sort();
    expect([...new Set(rows().map((row) => row.route))].sort()).toEqual(declared);
  });

  it('answers every route for every role as the table says', async () => {
    const got: Record<string, Record<Who, number>> = {};
    const want: Record<string, Record<Who, number>> = {};
    for (const row of rows()) {
      want[row.label] = row.expected;
      got[row.label] = {} as Record<Who, number>;
      for (const who of WHO) {
        const { path, body } = await row.prepare();
        const answer = await callers()[who].call(row.method, path, body);
        got[row.label]![who] = answer.status;
      }
    }
    expect(got).toEqual(want);
  });
});
