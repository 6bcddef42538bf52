import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../server/http/app-env.ts';
import { moveProblem } from '../../server/problems/problem-writes.ts';
import { createProblemFor, getProblem, listProblems } from '../../server/problems/problems.service.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { completeProblem, problemWorld, type Caller, type ProblemWorld } from './problem-fixture.ts';

// The problems API over real HTTP on both dialects: every state change of decision 017 and every refusal
// (wrong role, wrong state, note missing, incomplete, editing a filed problem, another unit's problem).

interface Body {
  id: number;
  state: string;
  deadline: string | null;
  allowedActions: string[];
  explanation: string | null;
  timeline: Array<{
    action: string;
    fromState: string | null;
    toState: string | null;
    public: boolean;
    note: string | null;
    changes: Record<string, unknown> | null;
    actor: { kind: string; name: string };
  }>;
  error?: { code: string; state?: string; problems?: Array<{ field: string }> };
}

async function json(response: Response | Promise<Response>): Promise<Body> {
  return (await (await response).json()) as Body;
}

async function expectRefusal(response: Promise<Response>, status: number, code: string) {
  const answer = await response;
  const body = (await answer.json()) as Body;
  expect([answer.status, body.error?.code]).toEqual([status, code]);
  return body;
}

describeEachDialect('the problems API', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let deps: ReturnType<typeof createTestApp>['deps'];
  let w: ProblemWorld;

  const act = (caller: Caller, id: number, action: string, body: Record<string, unknown> = {}) =>
    caller.post(`/api/problems/${id}/actions/${action}`, body);

  async function filedProblem(extra: Record<string, unknown> = {}): Promise<number> {
    const created = await w.admin.post('/api/problems', { ...completeProblem(w.unitA, extra), initial: 'filed' });
    expect(created.status).toBe(201);
    return (await json(created)).id;
  }

  beforeAll(async () => {
    ({ app, deps } = createTestApp(database()));
    w = await problemWorld(app, database().db);
  });

  it('refuses anonymous callers (401) and leaders writing (403)', async () => {
    await expectRefusal(w.anonymous.get('/api/problems'), 401, 'unauthorized');
    await expectRefusal(w.leader.post('/api/problems', completeProblem(w.unitA)), 403, 'forbidden');
  });

  it('takes a unit draft through submit, return, file, start, progress, claim and close, each a timeline entry', async () => {
    const created = await w.staffA.post('/api/problems', { ...completeProblem(w.unitA), measures: undefined });
    expect(created.status).toBe(201);
    const draft = await json(created);
    expect(draft).toMatchObject({ state: 'draft', allowedActions: ['edit', 'submit'] });
    const id = draft.id;

    // Incomplete: measures missing.
    const incomplete = await expectRefusal(act(w.staffA, id, 'submit'), 422, 'problem_incomplete');
    expect(incomplete.error?.problems).toEqual([{ field: 'measures', code: 'required' }]);
    await expectRefusal(w.staffA.patch(`/api/problems/${id}`, {}), 400, 'invalid_request');
    expect((await w.staffA.patch(`/api/problems/${id}`, { measures: '增设窗口' })).status).toBe(200);
    expect(await json(act(w.staffA, id, 'submit'))).toMatchObject({ state: 'submitted' });

    // Submitted: the unit waits; the office may still correct it, and returns it with a reason.
    await expectRefusal(w.staffA.patch(`/api/problems/${id}`, { title: '改' }), 409, 'problem_wrong_state');
    await expectRefusal(act(w.staffA, id, 'file'), 403, 'forbidden');
    await expectRefusal(act(w.admin, id, 'return'), 422, 'note_required');
    expect(await json(act(w.admin, id, 'return', { note: '措施不具体' }))).toMatchObject({ state: 'returned' });
    expect((await w.staffA.patch(`/api/problems/${id}`, { measures: '增设两个窗口，推行预约' })).status).toBe(200);
    expect(await json(act(w.staffA, id, 'submit'))).toMatchObject({ state: 'submitted' });
    expect((await w.admin.patch(`/api/problems/${id}`, { leader: '王副局长' })).status).toBe(200);
    // The whole form again, nothing different: no timeline entry.
    const unchanged = await json(w.admin.patch(`/api/problems/${id}`, { leader: '王副局长', typeId: null }));
    expect(unchanged.timeline).toHaveLength(7);
    expect(await json(act(w.admin, id, 'file'))).toMatchObject({ state: 'filed' });

    // Filed: never edited, by anyone.
    await expectRefusal(w.staffA.patch(`/api/problems/${id}`, { title: '改' }), 409, 'problem_not_editable');
    const notEditable = await expectRefusal(
      w.admin.patch(`/api/problems/${id}`, { title: '改' }),
      409,
      'problem_not_editable',
    );
    expect(notEditable.error?.state).toBe('filed');

    expect(await json(act(w.staffA, id, 'start'))).toMatchObject({ state: 'in_progress' });
    await expectRefusal(act(w.staffA, id, 'progress'), 422, 'note_required');
    expect((await act(w.staffA, id, 'progress', { note: '已增设一个窗口' })).status).toBe(200);
    expect((await act(w.staffA, id, 'progress', { note: '内部：经费待批', public: false })).status).toBe(200);
    // Closing without a claim: wrong state.
    await expectRefusal(act(w.admin, id, 'close'), 409, 'problem_wrong_state');
    await expectRefusal(act(w.staffA, id, 'claim'), 422, 'note_required');
    expect(await json(act(w.staffA, id, 'claim', { note: '两个窗口已开放' }))).toMatchObject({ state: 'claimed' });
    await expectRefusal(act(w.staffA, id, 'close'), 403, 'forbidden');
    const closed = await json(act(w.admin, id, 'close'));
    expect(closed).toMatchObject({ state: 'closed', allowedActions: ['reopen'] });

    const steps = closed.timeline.map((e) => [e.action, e.fromState, e.toState, e.public]);
    expect(steps).toEqual([
      ['create', null, 'draft', false],
      ['edit', 'draft', 'draft', false],
      ['submit', 'draft', 'submitted', false],
      ['return', 'submitted', 'returned', false],
      ['edit', 'returned', 'returned', false],
      ['submit', 'returned', 'submitted', false],
      ['edit', 'submitted', 'submitted', false],
      ['file', 'submitted', 'filed', true],
      ['start', 'filed', 'in_progress', true],
      ['progress', 'in_progress', 'in_progress', true],
      ['progress', 'in_progress', 'in_progress', false],
      ['claim', 'in_progress', 'claimed', true],
      ['close', 'claimed', 'closed', true],
    ]);
    expect(closed.timeline[1]?.changes).toEqual({ measures: [null, '增设窗口'] });
    expect(closed.timeline[3]).toMatchObject({ note: '措施不具体', actor: { kind: 'user' } });
    expect(closed.timeline[0]?.actor.name).toBe('甲局联络员');

    // The office reopens with a reason.
    await expectRefusal(act(w.staffA, id, 'reopen', { note: '复查未通过' }), 403, 'forbidden');
    await expectRefusal(act(w.admin, id, 'reopen'), 422, 'note_required');
    expect(await json(act(w.admin, id, 'reopen', { note: '复查未通过' }))).toMatchObject({ state: 'in_progress' });
  });

  it('explains an unreasonable demand with its explanation, and extends a deadline only to a later day', async () => {
    const id = await filedProblem({ source: 'hotline', sourceRef: '12345-0001' });
    await expectRefusal(act(w.admin, id, 'extend', { note: '需采购设备' }), 400, 'invalid_request');
    await expectRefusal(
      act(w.admin, id, 'extend', { note: '需采购设备', deadline: '2027-01-29' }),
      422,
      'deadline_not_later',
    );
    await expectRefusal(act(w.staffA, id, 'extend', { note: '需采购设备', deadline: '2027-02-26' }), 403, 'forbidden');
    await expectRefusal(act(w.admin, id, 'extend', { deadline: '2027-02-26' }), 422, 'note_required');
    const extended = await json(act(w.admin, id, 'extend', { note: '需采购设备', deadline: '2027-02-26' }));
    expect(extended.deadline).toBe('2027-02-26');
    expect(extended.timeline.at(-1)).toMatchObject({
      action: 'extend',
      changes: { deadline: ['2027-01-29', '2027-02-26'] },
    });
    await expectRefusal(act(w.admin, id, 'start', { deadline: '2027-03-01' }), 400, 'invalid_request');

    await expectRefusal(act(w.staffA, id, 'explain', { note: '诉求超出职权' }), 403, 'forbidden');
    await expectRefusal(act(w.admin, id, 'explain'), 422, 'note_required');
    const explained = await json(act(w.admin, id, 'explain', { note: '诉求超出职权范围，已告知' }));
    expect(explained).toMatchObject({ state: 'explained', explanation: '诉求超出职权范围，已告知' });
    await expectRefusal(act(w.admin, id, 'explain', { note: '再次' }), 409, 'problem_wrong_state');
    await expectRefusal(act(w.admin, id, 'extend', { note: 'x', deadline: '2027-06-01' }), 409, 'problem_wrong_state');
  });

  it('lets the office create into filed, and refuses it to unit staff; unit staff create for their own unit only', async () => {
    await expectRefusal(
      w.staffA.post('/api/problems', { ...completeProblem(w.unitA), initial: 'filed' }),
      403,
      'forbidden',
    );
    await expectRefusal(w.staffA.post('/api/problems', completeProblem(w.unitB)), 403, 'forbidden');
    await expectRefusal(w.admin.post('/api/problems', completeProblem(2_000_000)), 422, 'unit_not_found');
    await expectRefusal(
      w.admin.post('/api/problems', completeProblem(w.unitA, { typeId: 999_999 })),
      422,
      'unknown_problem_type',
    );
    await expectRefusal(
      w.admin.post('/api/problems', completeProblem(w.unitA, { campaignId: 999_999 })),
      422,
      'unknown_campaign',
    );
    await expectRefusal(
      w.admin.post('/api/problems', completeProblem(w.unitA, { title: 'x'.repeat(101) })),
      400,
      'invalid_request',
    );
    await expectRefusal(
      w.admin.post('/api/problems', completeProblem(w.unitA, { title: '  ' })),
      400,
      'invalid_request',
    );
    await expectRefusal(
      w.admin.post('/api/problems', completeProblem(w.unitA, { deadline: '2026-02-30' })),
      400,
      'invalid_request',
    );
    await expectRefusal(
      w.admin.post('/api/problems', completeProblem(w.unitA, { state: 'closed' })),
      400,
      'invalid_request',
    );
    const filed = await json(
      w.admin.post('/api/problems', { ...completeProblem(w.unitA, { source: 'assigned' }), initial: 'filed' }),
    );
    expect(filed).toMatchObject({ state: 'filed', timeline: [{ action: 'create', toState: 'filed', public: true }] });
  });

  it("hides unit A's problems from unit B's staff (404 everywhere), while leaders read all and move nothing", async () => {
    const draft = await json(w.staffA.post('/api/problems', completeProblem(w.unitA, { title: '甲局草稿' })));
    await expectRefusal(w.staffB.get(`/api/problems/${draft.id}`), 404, 'not_found');
    await expectRefusal(w.staffB.patch(`/api/problems/${draft.id}`, { title: '偷改' }), 404, 'not_found');
    await expectRefusal(act(w.staffB, draft.id, 'submit'), 404, 'not_found');
    await expectRefusal(w.staffB.get(`/api/problems?unitId=${w.unitA}`), 404, 'not_found');
    const listB = (await (await w.staffB.get('/api/problems')).json()) as { problems: Array<{ unit: { id: number } }> };
    expect(listB.problems.every((p) => p.unit.id === w.unitB)).toBe(true);
    const listA = (await (await w.staffA.get(`/api/problems?unitId=${w.unitA}`)).json()) as {
      problems: Array<{ id: number }>;
    };
    expect(listA.problems.map((p) => p.id)).toContain(draft.id);

    const seen = await json(w.leader.get(`/api/problems/${draft.id}`));
    expect(seen).toMatchObject({ id: draft.id, allowedActions: [] });
    await expectRefusal(act(w.leader, draft.id, 'submit'), 403, 'forbidden');
    await expectRefusal(w.leader.patch(`/api/problems/${draft.id}`, { title: '改' }), 403, 'forbidden');
    await expectRefusal(w.admin.get('/api/problems/1999999'), 404, 'not_found');
  });

  it('lets exactly one of two offices filing at once win; the other gets 409 with the state now', async () => {
    const submitted = await json(w.staffA.post('/api/problems', completeProblem(w.unitA, { title: '并发' })));
    expect((await act(w.staffA, submitted.id, 'submit')).status).toBe(200);
    const answers = await Promise.all([act(w.admin, submitted.id, 'file'), act(w.admin2, submitted.id, 'file')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const loser = (await answers.find((a) => a.status === 409)!.json()) as Body;
    expect(loser.error).toMatchObject({ code: 'problem_wrong_state', state: 'filed' });
    const after = await json(w.admin.get(`/api/problems/${submitted.id}`));
    expect(after.timeline.filter((e) => e.action === 'file')).toHaveLength(1);
  });

  it('refuses the second of two moves that both read the state before either wrote (PostgreSQL: the conditional update)', async () => {
    const submitted = await json(w.staffA.post('/api/problems', completeProblem(w.unitA, { title: '竞争' })));
    expect((await act(w.staffA, submitted.id, 'submit')).status).toBe(200);
    const { db, dialect } = database();
    // On PostgreSQL both transactions load the problem, then wait for each other before writing, so each
    // decided on "submitted". SQLite runs one write transaction at a time: the second reads "filed".
    let arrived = 0;
    let release: () => void = () => {};
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    const check = async () => {
      if (dialect !== 'postgres') return;
      arrived += 1;
      if (arrived === 2) release();
      await bothRead;
    };
    const office = { kind: 'office', userId: null } as const;
    const moves = await Promise.allSettled([
      moveProblem(db, submitted.id, { action: 'file', check }, office, new Date()),
      moveProblem(db, submitted.id, { action: 'file', check }, office, new Date()),
    ]);
    expect(moves.map((m) => m.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = moves.find((m) => m.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409, code: 'problem_wrong_state', extra: { state: 'filed' } });
    const after = await json(w.admin.get(`/api/problems/${submitted.id}`));
    expect(after.timeline.filter((e) => e.action === 'file')).toHaveLength(1);
  });

  it('filters the list by state, source, text, overdue and pages it', async () => {
    const late = await filedProblem({ title: '逾期的整改', deadline: '2026-01-05', source: 'media' });
    const list = async (query: string) =>
      (await (await w.admin.get(`/api/problems?${query}`)).json()) as {
        problems: Array<{ id: number; overdue: boolean; overdueWorkingDays: number; unit: { name: string } }>;
        total: number;
        stateCounts: Record<string, number>;
      };
    const overdue = await list(`overdue=true&unitId=${w.unitA}`);
    expect(overdue.problems.map((p) => p.id)).toContain(late);
    expect(overdue.problems.every((p) => p.overdue && p.overdueWorkingDays > 0)).toBe(true);
    expect((await list('overdue=false')).problems.map((p) => p.id)).not.toContain(late);
    expect((await list('source=media')).problems.map((p) => p.id)).toEqual([late]);
    expect((await list(encodeURI('q=逾期的'))).problems.map((p) => p.id)).toEqual([late]);
    expect((await list('state=explained')).total).toBeGreaterThanOrEqual(1);
    const page = await list('pageSize=2&page=1');
    expect(page.problems).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
    // The state counts ignore the state filter and the page, and follow every other filter.
    const all = await list('pageSize=1');
    expect(Object.values(all.stateCounts).reduce((sum, n) => sum + n, 0)).toBe(all.total);
    expect((await list('state=explained&pageSize=1')).stateCounts).toEqual(all.stateCounts);
    for (const [state, n] of Object.entries(all.stateCounts)) expect((await list(`state=${state}`)).total).toBe(n);
    const media = await list('source=media&state=closed');
    expect(media.total).toBe(0);
    expect(media.stateCounts).toMatchObject({ filed: 1, closed: 0 });
    expect((await w.admin.get('/api/problems?pageSize=1000')).status).toBe(400);
    expect((await w.admin.get('/api/problems?state=lost')).status).toBe(400);
  });

  describe('deadlines in working days', () => {
    const user = (role: SessionUser['role'], unitId: number | null): SessionUser => ({
      id: 1,
      username: 'x',
      displayName: 'x',
      role,
      unitId,
      mustChangePassword: false,
      sessionId: 's',
    });

    it('suggests 5 working days for a rating problem created on 30 September 2026: 13 October, across National Day and its 调休 Saturday', async () => {
      const office = user('admin', null);
      const created = await createProblemFor(
        deps,
        office,
        { unitId: w.unitA, title: '评议差评', detail: '态度差', source: 'rating' },
        new Date('2026-09-30T02:00:00Z'),
      );
      expect(created.deadline).toBe('2026-10-13');
      const hotline = await createProblemFor(
        deps,
        office,
        { unitId: w.unitA, title: '12345 工单', detail: '路灯不亮', source: 'hotline', initial: 'filed' },
        new Date('2026-09-30T02:00:00Z'),
      );
      expect(hotline.deadline).toBe('2026-10-13');
      // Overdue is derived on the day asked: not on 13 October (China), 1 working day on the 14th, and
      // counted in working days (Friday 16th → Monday 19th is 1 more).
      expect(await getProblem(deps, office, hotline.id, new Date('2026-10-13T15:00:00Z'))).toMatchObject({
        overdue: false,
        overdueWorkingDays: 0,
      });
      expect(await getProblem(deps, office, hotline.id, new Date('2026-10-13T16:30:00Z'))).toMatchObject({
        overdue: true,
        overdueWorkingDays: 1,
      });
      expect(await getProblem(deps, office, hotline.id, new Date('2026-10-19T02:00:00Z'))).toMatchObject({
        overdue: true,
        overdueWorkingDays: 4,
      });
      // A draft is never overdue.
      expect(await getProblem(deps, office, created.id, new Date('2026-12-01T02:00:00Z'))).toMatchObject({
        overdue: false,
      });
      const listed = await listProblems(
        deps,
        office,
        { overdue: 'true', unitId: w.unitA, page: 1, pageSize: 200 },
        new Date('2026-10-14T02:00:00Z'),
      );
      expect(listed.problems.map((p) => p.id)).toContain(hotline.id);
    });

    it("uses the office's default per source from the settings", async () => {
      const settings = (await (await w.admin.get('/api/rectification/settings')).json()) as {
        settings: { deadlineDays: Record<string, number> };
      };
      const changed = { ...settings.settings, deadlineDays: { ...settings.settings.deadlineDays, visit: 1 } };
      expect((await w.admin.put('/api/rectification/settings', changed)).status).toBe(200);
      const created = await createProblemFor(
        deps,
        user('admin', null),
        { unitId: w.unitA, title: '走访', detail: '走访发现', source: 'visit' },
        new Date('2026-09-30T02:00:00Z'),
      );
      expect(created.deadline).toBe('2026-10-08');
    });
  });

  it('lets the office keep a list of problem types; types are deactivated, never deleted, and an inactive one is refused for new problems', async () => {
    const created = await w.admin.post('/api/problem-types', { name: '形式主义', nameEn: 'Formalism' });
    expect(created.status).toBe(201);
    const type = (await created.json()) as { id: number; active: boolean };
    expect(type.active).toBe(true);
    await expectRefusal(w.staffA.post('/api/problem-types', { name: '官僚主义' }), 403, 'forbidden');
    await expectRefusal(w.admin.post('/api/problem-types', { name: '' }), 400, 'invalid_request');
    const withType = await json(w.staffA.post('/api/problems', completeProblem(w.unitA, { typeId: type.id })));
    expect(withType).toMatchObject({ type: { id: type.id, name: '形式主义' } });
    expect((await w.admin.patch(`/api/problem-types/${type.id}`, { active: false })).status).toBe(200);
    await expectRefusal(
      w.staffA.post('/api/problems', completeProblem(w.unitA, { typeId: type.id })),
      422,
      'unknown_problem_type',
    );
    const types = (await (await w.staffA.get('/api/problem-types')).json()) as {
      types: Array<{ id: number; active: boolean }>;
    };
    expect(types.types.find((t) => t.id === type.id)).toMatchObject({ active: false });
    await expectRefusal(w.admin.patch('/api/problem-types/1999999', { name: 'x' }), 404, 'not_found');
    // A draft keeps its deactivated type through an edit of something else.
    const edited = await json(w.staffA.patch(`/api/problems/${withType.id}`, { typeId: type.id, title: '改了标题' }));
    expect(edited).toMatchObject({ title: '改了标题', type: { id: type.id } });
    // The problem keeps its type.
    expect(await json(w.admin.get(`/api/problems/${withType.id}`))).toMatchObject({ type: { id: type.id } });
  });

  it('keeps the rectification settings: all signed in read, the office writes, bad values are 400', async () => {
    const read = (await (await w.staffA.get('/api/rectification/settings')).json()) as {
      settings: Record<string, unknown>;
      calendarWarnings: number[];
    };
    expect(read.settings).toHaveProperty('inboxAnswerDays');
    expect(Array.isArray(read.calendarWarnings)).toBe(true);
    await expectRefusal(w.staffA.put('/api/rectification/settings', read.settings), 403, 'forbidden');
    await expectRefusal(w.leader.put('/api/rectification/settings', read.settings), 403, 'forbidden');
    await expectRefusal(
      w.admin.put('/api/rectification/settings', { ...read.settings, inboxAnswerDays: 0 }),
      400,
      'invalid_request',
    );
    const saved = await w.admin.put('/api/rectification/settings', { ...read.settings, inboxAnswerDays: 7 });
    expect(((await saved.json()) as { settings: { inboxAnswerDays: number } }).settings.inboxAnswerDays).toBe(7);
  });
});
