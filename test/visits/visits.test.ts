import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, addWorkingDays, chinaDay } from '../../server/problems/working-days.ts';
import { correctVisit } from '../../server/visits/visits.service.ts';
import { VisitBody } from '../../server/visits/visits.schemas.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { threeOutcomeVisit, visitWorld, type VisitWorld } from './visits-fixture.ts';

// Visit records (三遍访, issue 16): a member records a visit with three problems of three outcomes; the
// transferred one is an item of that unit's inbox (and of no other), with the visit's details for the unit;
// a resend of the same draft is the same record; refusals for a target outside the team's areas, a future
// day, a missing resolution and a caller outside the team.

interface Problem {
  id: number;
  seq: number;
  outcome: string;
  unit: { id: number } | null;
  report: { id: string; status: string; problemId: number | null } | null;
  feedbackDueOn: string | null;
}
interface Visit {
  id: number;
  clientRef: string;
  team: { id: number; name: string } | null;
  target: { kind: string; enterprise: { id: number } | null; township: { id: number } | null };
  cadres: { userId: number | null; name: string; unit: string | null }[];
  problems: Problem[];
}
interface InboxItem {
  id: string;
  source: string;
  campaign: unknown;
  description: string;
  contact: string | null;
  status: string;
  problemId: number | null;
}

const today = () => chinaDay(new Date());

describeEachDialect('visit records and the transfer to a unit’s inbox', (database) => {
  let w: VisitWorld;
  let deps: ReturnType<typeof createTestApp>['deps'];
  let visit: Visit;
  let body: ReturnType<typeof threeOutcomeVisit>;
  const visitedOn = addDays(today(), -3);

  beforeAll(async () => {
    const made = createTestApp(database());
    deps = made.deps;
    w = await visitWorld(made.app, database().db);
    body = threeOutcomeVisit(w, visitedOn);
    const created = await w.member.post('/api/visits', body);
    expect(created.status).toBe(201);
    visit = (await created.json()) as Visit;
  });

  it('stores the visit with its three outcomes, the cadres named, and feedback days for the two that need them', () => {
    expect(visit.team?.id).toBe(w.team);
    expect(visit.target).toMatchObject({
      kind: 'enterprise',
      enterprise: { id: w.enterprise },
      township: { id: w.township },
    });
    expect(visit.cadres).toEqual([
      { userId: w.memberId, name: '走访干部王五', unit: expect.any(String) },
      { userId: null, name: '李四', unit: '桃源镇人民政府' },
    ]);
    expect(visit.problems.map((p) => [p.seq, p.outcome])).toEqual([
      [1, 'solved'],
      [2, 'transferred'],
      [3, 'hotline'],
    ]);
    const [solved, transferred, hotline] = visit.problems;
    expect(solved!.feedbackDueOn).toBeNull();
    expect(transferred!.feedbackDueOn).toBe(addWorkingDays(visitedOn, 10));
    expect(hotline!.feedbackDueOn).toBe(addWorkingDays(visitedOn, 10));
    expect(transferred!.report).toMatchObject({ status: 'open', problemId: null });
    expect(hotline!.report).toBeNull();
  });

  it('puts the transferred problem in that unit’s inbox, with the phone shared by consent and no campaign', async () => {
    const inbox = (await (await w.staffA.get('/api/inbox')).json()) as { items: InboxItem[] };
    const item = inbox.items.find((i) => i.id === visit.problems[1]!.report!.id);
    expect(item).toMatchObject({
      source: 'visit',
      campaign: null,
      description: '办理排污许可证久拖不决',
      contact: '+8613800138000',
      status: 'open',
    });
    const details = await w.staffA.get(`/api/inbox/${item!.id}/visit`);
    expect(details.status).toBe(200);
    expect(await details.json()).toMatchObject({
      visitId: visit.id,
      seq: 2,
      sourceRef: `走访记录 #${visit.id} 问题2`,
      visitedOn,
      raiserName: '赵六',
      raiserPhone: '+8613800138000',
    });
  });

  it('shows nothing of it to another unit', async () => {
    const inbox = (await (await w.staffB.get('/api/inbox')).json()) as { items: InboxItem[] };
    expect(inbox.items.filter((i) => i.source === 'visit')).toEqual([]);
    expect((await w.staffB.get(`/api/inbox/${visit.problems[1]!.report!.id}/visit`)).status).toBe(404);
    expect((await w.staffB.get(`/api/visits/${visit.id}`)).status).toBe(404);
    const list = (await (await w.staffB.get('/api/visits')).json()) as { total: number };
    expect(list.total).toBe(0);
  });

  it('keeps the raiser’s name and phone from the unit without their consent', async () => {
    const quiet = threeOutcomeVisit(w, visitedOn);
    quiet.problems = [
      {
        description: '希望增设公交站',
        raiserName: '孙八',
        raiserPhone: '13900139000',
        outcome: 'transferred',
        unitId: w.unitA,
      },
    ] as never;
    const created = (await (await w.member.post('/api/visits', quiet)).json()) as Visit;
    const reportId = created.problems[0]!.report!.id;
    const inbox = (await (await w.staffA.get('/api/inbox')).json()) as { items: InboxItem[] };
    expect(inbox.items.find((i) => i.id === reportId)?.contact).toBeNull();
    expect(await (await w.staffA.get(`/api/inbox/${reportId}/visit`)).json()).toMatchObject({
      raiserName: null,
      raiserPhone: null,
    });
  });

  it('answers a resend of the same draft with the stored record, and other content under its clientRef with 409', async () => {
    const again = await w.member.post('/api/visits', body);
    expect(again.status).toBe(200);
    expect(((await again.json()) as Visit).id).toBe(visit.id);
    const changed = await w.member.post('/api/visits', { ...body, heard: '另一次走访' });
    expect(changed.status).toBe(409);
    expect(((await changed.json()) as { error: { code: string } }).error.code).toBe('visit_conflict');
    const count = await database()
      .db.selectFrom('problem_reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('visit_problem_id', '=', visit.problems[1]!.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  describe('refusals', () => {
    const refused = async (caller: 'member' | 'outsider' | 'admin', extra: Record<string, unknown>) => {
      const response = await w[caller].post('/api/visits', threeOutcomeVisit(w, visitedOn, extra));
      return { status: response.status, code: ((await response.json()) as { error: { code: string } }).error.code };
    };

    it('a target outside the team’s areas, or unknown', async () => {
      expect(await refused('member', { target: { kind: 'enterprise', enterpriseId: w.farEnterprise } })).toEqual({
        status: 422,
        code: 'visit_target_outside',
      });
      expect(await refused('member', { target: { kind: 'households', villageId: w.farVillage, count: 5 } })).toEqual({
        status: 422,
        code: 'visit_target_outside',
      });
      expect(await refused('admin', { target: { kind: 'village', villageId: 2_000_000 } })).toEqual({
        status: 422,
        code: 'visit_target_outside',
      });
    });

    it('a day in the future', async () => {
      expect(await refused('member', { visitedOn: addDays(today(), 2) })).toEqual({
        status: 422,
        code: 'visit_in_future',
      });
    });

    it('a solved or explained problem without its resolution, a bad phone', async () => {
      for (const problem of [
        { description: '问题', outcome: 'solved' },
        { description: '问题', outcome: 'explained', explanationAccepted: true },
        { description: '问题', outcome: 'solved', resolution: '已解决', raiserPhone: '12345' },
      ]) {
        expect(await refused('member', { problems: [problem] })).toEqual({ status: 400, code: 'invalid_request' });
      }
    });

    it('a transfer to a unit that is not an active department', async () => {
      const problem = { description: '问题', outcome: 'transferred', unitId: w.township };
      expect(await refused('member', { problems: [problem] })).toEqual({ status: 422, code: 'unit_not_found' });
    });

    it('a caller who is not a member of the team (the office may record for any team)', async () => {
      expect(await refused('outsider', {})).toEqual({ status: 403, code: 'not_team_member' });
      const byOffice = await w.admin.post('/api/visits', threeOutcomeVisit(w, visitedOn, { problems: [] }));
      expect(byOffice.status).toBe(201);
    });
  });

  it('lists visits by filter for the office and a member, none for a unit-staff account in no team', async () => {
    const mine = (await (await w.member.get(`/api/visits?enterpriseId=${w.enterprise}&outcome=hotline`)).json()) as {
      items: Visit[];
      total: number;
    };
    expect(mine.items.map((v) => v.id)).toContain(visit.id);
    const office = (await (
      await w.admin.get(`/api/visits?townshipId=${w.township}&from=${visitedOn}&to=${visitedOn}`)
    ).json()) as { total: number };
    expect(office.total).toBeGreaterThanOrEqual(3);
    const elsewhere = (await (await w.admin.get(`/api/visits?villageId=${w.farVillage}`)).json()) as { total: number };
    expect(elsewhere.total).toBe(0);
    expect(((await (await w.outsider.get('/api/visits')).json()) as { total: number }).total).toBe(0);
    expect((await w.leader.get(`/api/visits/${visit.id}`)).status).toBe(200);
  });

  it('lets the recorder correct a visit; the unit’s answered item keeps its unit (409)', async () => {
    const draft = threeOutcomeVisit(w, visitedOn);
    const created = (await (await w.member.post('/api/visits', draft)).json()) as Visit;
    const moved = structuredClone(draft);
    (moved.problems[1] as { unitId: number }).unitId = w.unitB;
    const corrected = await w.member.put(`/api/visits/${created.id}`, moved);
    expect(corrected.status).toBe(200);
    const after = (await corrected.json()) as Visit;
    expect(after.problems[1]!.unit?.id).toBe(w.unitB);
    const newReport = after.problems[1]!.report!.id;
    expect(newReport).not.toBe(created.problems[1]!.report!.id);
    const staffAItems = (await (await w.staffA.get('/api/inbox')).json()) as { items: InboxItem[] };
    expect(staffAItems.items.some((i) => i.id === created.problems[1]!.report!.id)).toBe(false);

    const explained = await w.staffB.post(`/api/inbox/${newReport}/answer`, {
      action: 'explain',
      answer: '属于市级事权',
    });
    expect(explained.status).toBe(200);
    const back = await w.member.put(`/api/visits/${created.id}`, draft);
    expect(back.status).toBe(409);
    expect(((await back.json()) as { error: { code: string } }).error.code).toBe('visit_problem_answered');
    expect((await w.outsider.put(`/api/visits/${created.id}`, draft)).status).toBe(404);
  });

  it('accepting a visit item files a ledger problem from source visit saying which visit', async () => {
    const reportId = visit.problems[1]!.report!.id;
    const accepted = await w.staffA.post(`/api/inbox/${reportId}/answer`, {
      action: 'accept',
      title: '排污许可证办理慢',
    });
    expect(accepted.status).toBe(200);
    const item = (await accepted.json()) as InboxItem;
    expect(item.status).toBe('accepted');
    const problem = await database()
      .db.selectFrom('problems')
      .select(['source', 'source_ref', 'campaign_id', 'detail', 'deadline'])
      .where('id', '=', item.problemId!)
      .executeTakeFirstOrThrow();
    expect(problem).toEqual({
      source: 'visit',
      source_ref: `走访记录 #${visit.id} 问题2`,
      campaign_id: null,
      detail: '办理排污许可证久拖不决',
      deadline: addWorkingDays(today(), 10),
    });
    const shown = (await (await w.member.get(`/api/visits/${visit.id}`)).json()) as Visit;
    expect(shown.problems[1]!.report).toEqual({ id: reportId, status: 'accepted', problemId: item.problemId });
  });

  it('the feedback limits are the office’s settings', async () => {
    expect(await (await w.member.get('/api/visit-settings')).json()).toEqual({
      feedbackDays: { transferred: 10, hotline: 10 },
    });
    expect((await w.member.put('/api/visit-settings', { feedbackDays: { transferred: 5, hotline: 15 } })).status).toBe(
      403,
    );
    const put = await w.admin.put('/api/visit-settings', { feedbackDays: { transferred: 5, hotline: 15 } });
    expect(put.status).toBe(200);
    const next = (await (await w.member.post('/api/visits', threeOutcomeVisit(w, visitedOn))).json()) as Visit;
    expect(next.problems[1]!.feedbackDueOn).toBe(addWorkingDays(visitedOn, 5));
    expect(next.problems[2]!.feedbackDueOn).toBe(addWorkingDays(visitedOn, 15));
    await w.admin.put('/api/visit-settings', { feedbackDays: { transferred: 10, hotline: 10 } });
  });

  it('refuses a clientRef that is not a UUID', async () => {
    const response = await w.member.post('/api/visits', { ...threeOutcomeVisit(w, visitedOn), clientRef: 'draft-1' });
    expect(response.status).toBe(400);
  });

  it('records the same draft sent twice at once only once', async () => {
    const draft = { ...threeOutcomeVisit(w, visitedOn), clientRef: randomUUID() };
    const answers = await Promise.all([w.member.post('/api/visits', draft), w.member.post('/api/visits', draft)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    const ids = await Promise.all(answers.map(async (a) => ((await a.json()) as Visit).id));
    expect(ids[0]).toBe(ids[1]);
  });

  it('closes corrections 7 days after recording (the service’s clock)', async () => {
    const draft = threeOutcomeVisit(w, visitedOn);
    const created = (await (await w.member.post('/api/visits', draft)).json()) as Visit;
    const viewer = {
      id: -1,
      username: 'office',
      displayName: '评议办',
      role: 'admin' as const,
      unitId: null,
      mustChangePassword: false,
      sessionId: 't',
    };
    const input = VisitBody.parse({ ...draft, heard: '更正' });
    const inTime = await correctVisit(deps, viewer, created.id, input, new Date(Date.now() + 6 * 86_400_000));
    expect(inTime.heard).toBe('更正');
    await expect(
      correctVisit(deps, viewer, created.id, input, new Date(Date.now() + 8 * 86_400_000)),
    ).rejects.toMatchObject({
      status: 409,
      code: 'visit_edit_closed',
    });
  });
});
