import { beforeAll, expect, it } from 'vitest';
import type { SessionUser } from '../../server/http/app-env.ts';
import { addDays, addWorkingDays, chinaDay } from '../../server/problems/working-days.ts';
import { listFeedbackDue } from '../../server/visits/visit-feedback.service.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { threeOutcomeVisit, visitWorld, type VisitWorld } from './visits-fixture.ts';

// Feedback within the limit (issue 16): a transferred or 12345 problem must be answered to the person by
// its feedback day; the list shows it due, then overdue once the day has passed (the clock is the
// service's `now`), then done once the team records the feedback. The rate-the-fix link waits for the unit
// to take the problem into its ledger.

interface Problem {
  id: number;
  outcome: string;
  report: { id: string } | null;
  feedbackDueOn: string | null;
  fedBackOn: string | null;
  followupSent: boolean;
}
interface DueList {
  today: string;
  items: { id: number; overdue: boolean; daysOverdue: number; feedbackDueOn: string; fedBackOn: string | null }[];
  total: number;
}

const noonOf = (day: string) => new Date(`${day}T04:00:00.000Z`);

describeEachDialect('feedback to the person within the limit, and the rate-the-fix link', (database) => {
  let w: VisitWorld;
  let problems: Problem[];
  let member: SessionUser;
  let deps: ReturnType<typeof createTestApp>['deps'];
  const visitedOn = addDays(chinaDay(new Date()), -2);
  const due = addWorkingDays(visitedOn, 10);

  beforeAll(async () => {
    const made = createTestApp(database());
    deps = made.deps;
    w = await visitWorld(made.app, database().db);
    const created = await w.member.post('/api/visits', threeOutcomeVisit(w, visitedOn));
    expect(created.status).toBe(201);
    problems = ((await created.json()) as { problems: Problem[] }).problems;
    member = {
      id: w.memberId,
      username: 'member',
      displayName: '走访干部王五',
      role: 'unit_staff',
      unitId: null,
      mustChangePassword: false,
      sessionId: 'test',
    };
  });

  const mine = (list: DueList) => list.items.filter((i) => problems.some((p) => p.id === i.id));

  it('lists the transferred and 12345 problems as due up to their feedback day, overdue after it', async () => {
    const filter = { page: 1, pageSize: 200 };
    const onDay = (await listFeedbackDue(deps, member, { ...filter, state: 'due' }, noonOf(due))) as DueList;
    expect(mine(onDay).map((i) => i.id)).toEqual([problems[1]!.id, problems[2]!.id]);
    expect(mine(onDay).every((i) => !i.overdue && i.daysOverdue === 0 && i.feedbackDueOn === due)).toBe(true);
    const notYet = (await listFeedbackDue(deps, member, { ...filter, state: 'overdue' }, noonOf(due))) as DueList;
    expect(mine(notYet)).toEqual([]);

    const later = addWorkingDays(due, 2);
    const overdue = (await listFeedbackDue(deps, member, { ...filter, state: 'overdue' }, noonOf(later))) as DueList;
    expect(mine(overdue).map((i) => [i.id, i.overdue, i.daysOverdue])).toEqual([
      [problems[1]!.id, true, 2],
      [problems[2]!.id, true, 2],
    ]);
    // The office sees them too; a unit-staff account in no team sees none.
    const admin = { ...member, id: -1, role: 'admin' as const };
    expect(
      mine((await listFeedbackDue(deps, admin, { ...filter, state: 'overdue' }, noonOf(later))) as DueList),
    ).toHaveLength(2);
    const nobody = { ...member, id: -2 };
    expect((await listFeedbackDue(deps, nobody, filter, noonOf(later))).total).toBe(0);
  });

  it('answers the list over HTTP for the team', async () => {
    const response = await w.member.get('/api/visit-problems/feedback-due?state=due');
    expect(response.status).toBe(200);
    expect(mine((await response.json()) as DueList)).toHaveLength(2);
    expect(((await (await w.outsider.get('/api/visit-problems/feedback-due')).json()) as DueList).total).toBe(0);
  });

  it('records the feedback, which takes the problem off the due list', async () => {
    const hotline = problems[2]!;
    const told = await w.member.post(`/api/visit-problems/${hotline.id}/feedback`, {
      fedBackOn: chinaDay(new Date()),
      channel: 'phone',
      satisfaction: 'satisfied',
    });
    expect(told.status).toBe(200);
    expect(await told.json()).toMatchObject({ fedBackOn: chinaDay(new Date()), feedbackChannel: 'phone' });
    const later = noonOf(addWorkingDays(due, 2));
    const filter = { page: 1, pageSize: 200 };
    const overdue = (await listFeedbackDue(deps, member, { ...filter, state: 'overdue' }, later)) as DueList;
    expect(mine(overdue).map((i) => i.id)).toEqual([problems[1]!.id]);
    const done = (await listFeedbackDue(deps, member, { ...filter, state: 'done' }, later)) as DueList;
    expect(mine(done).map((i) => [i.id, i.overdue, i.daysOverdue])).toEqual([[hotline.id, false, 0]]);
  });

  it('refuses feedback on a problem solved on the spot, on a future day, and from outside the team', async () => {
    const body = { fedBackOn: chinaDay(new Date()), channel: 'visit', satisfaction: 'satisfied' };
    const solved = await w.member.post(`/api/visit-problems/${problems[0]!.id}/feedback`, body);
    expect(solved.status).toBe(422);
    expect(((await solved.json()) as { error: { code: string } }).error.code).toBe('feedback_not_expected');
    const future = await w.member.post(`/api/visit-problems/${problems[1]!.id}/feedback`, {
      ...body,
      fedBackOn: addDays(chinaDay(new Date()), 3),
    });
    expect(((await future.json()) as { error: { code: string } }).error.code).toBe('visit_in_future');
    expect((await w.outsider.post(`/api/visit-problems/${problems[1]!.id}/feedback`, body)).status).toBe(404);
    expect(
      (await w.member.post(`/api/visit-problems/${problems[1]!.id}/feedback`, { ...body, note: 'x' })).status,
    ).toBe(400);
  });

  it('makes the rate-the-fix link only after the unit accepted the transferred problem', async () => {
    const transferred = problems[1]!;
    const early = await w.member.post(`/api/visit-problems/${transferred.id}/followup`, {});
    expect(early.status).toBe(409);
    expect(((await early.json()) as { error: { code: string } }).error.code).toBe('visit_problem_not_accepted');
    const hotline = await w.member.post(`/api/visit-problems/${problems[2]!.id}/followup`, {});
    expect(hotline.status).toBe(409);

    const accepted = await w.staffA.post(`/api/inbox/${transferred.report!.id}/answer`, {
      action: 'accept',
      title: '排污许可证办理慢',
    });
    expect(accepted.status).toBe(200);
    const link = await w.member.post(`/api/visit-problems/${transferred.id}/followup`, {});
    expect(link.status).toBe(201);
    const made = (await link.json()) as { sent: boolean; code: string | null };
    expect(made.sent).toBe(false);
    expect(made.code).toEqual(expect.any(String));

    const followup = await database()
      .db.selectFrom('problem_followups')
      .select(['id', 'anonymous', 'problem_id'])
      .where('problem_id', '=', (await accepted.json()).problemId)
      .executeTakeFirstOrThrow();
    expect(followup.anonymous).toBe(0);
    const row = await database()
      .db.selectFrom('visit_problems')
      .select('followup_id')
      .where('id', '=', transferred.id)
      .executeTakeFirstOrThrow();
    expect(row.followup_id).toBe(followup.id);
    expect((await w.outsider.post(`/api/visit-problems/${transferred.id}/followup`, {})).status).toBe(404);
  });
});
