import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { STATUS_ORDER, statusText, suggestedTitle } from '../../client/src/console/inbox/inbox-words.ts';
import { INBOX_STATUSES } from '../../server/db/schema.ts';
import { MERGE_NOTE } from '../../server/problem-inbox/inbox.service.ts';
import { createProblem } from '../../server/problems/problem-writes.ts';
import { addWorkingDays, chinaDay } from '../../server/problems/working-days.ts';
import { createAnonymityCampaign, type AnonymityCampaign } from '../anonymity/anonymity-campaign.ts';
import { signIn } from '../support/sign-in.ts';
import { describeEachDialect } from '../support/test-db.ts';

// The units' inbox (issue 15, decision 017): recipients' problem reports, written by the mixer in shuffled
// batches apart from their ballots, become items the rated unit must answer within the office's working
// days; the office decides rejection requests; unit staff see their own unit's items only.

const GOOD = { attitude: 4, efficiency: 3, serviceRules: 'all', overall: 4 };
const ITEM_KEYS = [
  'answer',
  'answeredAt',
  'campaign',
  'contact',
  'description',
  'dueOn',
  'id',
  'overdue',
  'problem',
  'problemId',
  'receivedOn',
  'source',
  'status',
  'unit',
].sort();

interface Item {
  id: string;
  source: string;
  campaign: { id: number; name: string };
  unit: { id: number; name: string };
  description: string;
  contact: string | null;
  receivedOn: string | null;
  dueOn: string | null;
  overdue: boolean;
  status: string;
  answer: string | null;
  problemId: number | null;
  problem: { id: number; title: string; state: string } | null;
}
interface InboxList {
  today: string;
  suggestedDeadline: string;
  items: Item[];
  total: number;
  counts: Record<string, number>;
}

describeEachDialect("the units' inbox of recipients' problem reports", (database) => {
  let campaign: AnonymityCampaign;
  let unitA: number;
  let unitB: number;
  let staffA: Awaited<ReturnType<typeof userCalls>>;
  let staffB: Awaited<ReturnType<typeof userCalls>>;
  let leader: Awaited<ReturnType<typeof userCalls>>;
  let dayBefore: string;

  async function userCalls(role: 'unit_staff' | 'leader', unitId: number | null) {
    const username = `${role}-${randomUUID().slice(0, 6)}`;
    const created = await campaign.admin.post('/api/users', {
      username,
      displayName: username,
      role,
      ...(unitId !== null ? { unitId } : {}),
    });
    expect(created.status).toBe(201);
    const cookie = await signIn(
      campaign.app,
      username,
      ((await created.json()) as { oneTimePassword: string }).oneTimePassword,
    );
    const request = (path: string, init: RequestInit = {}) =>
      campaign.app.request(path, {
        ...init,
        headers: { cookie, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      });
    return {
      get: (path: string) => request(path),
      post: (path: string, body: unknown = {}) => request(path, { method: 'POST', body: JSON.stringify(body) }),
    };
  }

  const report = (unitId: number, description: string, contact: string | null = null) =>
    campaign.voteOpen(campaign.unitCodes.get(unitId)!, {
      ...GOOD,
      reportProblem: true,
      problemDescription: description,
      ...(contact ? { problemContact: contact } : {}),
    });

  const inbox = async (as: { get(path: string): Response | Promise<Response> }, query = '') => {
    const response = await as.get(`/api/inbox?campaignId=${campaign.id}${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return (await response.json()) as InboxList;
  };

  const itemOf = async (description: string) => {
    const list = await inbox(campaign.admin, '&pageSize=200');
    const item = list.items.find((i) => i.description === description);
    expect(item, description).toBeDefined();
    return item!;
  };

  beforeAll(async () => {
    campaign = await createAnonymityCampaign(database(), { superior: 1, peer: 1, recipient: 1 });
    [unitA, unitB] = [campaign.unitIds[0]!, campaign.unitIds[1]!];
    staffA = await userCalls('unit_staff', unitA);
    staffB = await userCalls('unit_staff', unitB);
    leader = await userCalls('leader', null);
    dayBefore = chinaDay(new Date());
  });

  it('lists nothing until the mixer writes a batch of at least three, then every report with its days', async () => {
    await report(unitA, '窗口工作人员玩手机，不理睬群众', '13800000001');
    await report(unitA, '办证要跑三次');
    await campaign.deps.mixer.flush();
    expect((await inbox(staffA)).total).toBe(0);
    // A ballot without a report seals a nothing: it fills no batch.
    await campaign.voteOpen(campaign.unitCodes.get(unitA)!, GOOD);
    await campaign.deps.mixer.flush();
    expect((await inbox(staffA)).total).toBe(0);
    await report(unitA, '咨询电话长期无人接听');
    await report(unitB, '乙单位大厅没有叫号机');
    await campaign.deps.mixer.flush();

    const dayAfter = chinaDay(new Date());
    const mine = await inbox(staffA);
    expect(mine.items.map((i) => i.description).sort()).toEqual(
      ['办证要跑三次', '咨询电话长期无人接听', '窗口工作人员玩手机，不理睬群众'].sort(),
    );
    for (const item of mine.items) {
      // Never a field of a ballot: exactly the report, the unit's answer and its days.
      expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
      expect([dayBefore, dayAfter]).toContain(item.receivedOn);
      expect(item.source).toBe('rating');
      expect(item.dueOn).toBe(addWorkingDays(item.receivedOn!, 5));
      expect(item).toMatchObject({
        status: 'open',
        overdue: false,
        unit: { id: unitA },
        campaign: { id: campaign.id },
      });
    }
    // The recipient chose to leave a phone so that the unit can call back: the unit sees it.
    expect(mine.items.find((i) => i.contact !== null)?.contact).toBe('13800000001');
    expect(mine.counts).toMatchObject({ open: 3, accepted: 0, overdue: 0 });
    expect(mine.suggestedDeadline).toBe(addWorkingDays(mine.today, 5));
    // One batch, one day: the items share it, and no order of arrival shows.
    expect(new Set(mine.items.map((i) => i.receivedOn)).size).toBe(1);
    const sortedIds = [...mine.items.map((i) => i.id)].sort();
    expect(mine.items.map((i) => i.id)).toEqual(sortedIds);
  });

  it("shows unit staff their own unit's items only, and another unit's as if there were none", async () => {
    const theirs = await inbox(staffB);
    expect(theirs.items.map((i) => i.description)).toEqual(['乙单位大厅没有叫号机']);
    expect((await staffB.get(`/api/inbox?unitId=${unitA}`)).status).toBe(404);
    const itemA = await itemOf('办证要跑三次');
    const answer = await staffB.post(`/api/inbox/${itemA.id}/answer`, { action: 'explain', answer: '不归我们管' });
    expect(answer.status).toBe(404);
    expect((await answer.json()).error.code).toBe('not_found');
    // Leaders and the office read every unit's; the public reads nothing.
    expect((await inbox(leader)).total).toBe(4);
    expect((await inbox(campaign.admin, `&unitId=${unitB}`)).total).toBe(1);
    expect((await campaign.app.request('/api/inbox')).status).toBe(401);
  });

  it('lets a leader read but not answer, and refuses a malformed answer', async () => {
    const item = await itemOf('办证要跑三次');
    const byLeader = await leader.post(`/api/inbox/${item.id}/answer`, { action: 'explain', answer: '说明' });
    expect(byLeader.status).toBe(403);
    expect((await byLeader.json()).error.code).toBe('forbidden');
    for (const body of [
      { action: 'accept' },
      { action: 'accept', title: '  ' },
      { action: 'explain', answer: '' },
      { action: 'delete' },
      { action: 'merge', problemId: 'x' },
      { action: 'explain', answer: '说明', extra: 1 },
    ]) {
      const response = await staffA.post(`/api/inbox/${item.id}/answer`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_request');
    }
    expect((await staffA.post(`/api/inbox/${randomUUID()}/answer`, { action: 'explain', answer: 'x' })).status).toBe(
      404,
    );
    const unknownType = await staffA.post(`/api/inbox/${item.id}/answer`, {
      action: 'accept',
      title: '办证跑多次',
      typeId: 999_999,
    });
    expect(unknownType.status).toBe(422);
    expect((await unknownType.json()).error.code).toBe('unknown_problem_type');
    expect((await itemOf('办证要跑三次')).status).toBe('open');
  });

  it('accepts an item into the ledger as a submitted problem from ratings, and the follow-up code follows it', async () => {
    const { db } = database();
    const item = await itemOf('办证要跑三次');
    // The follow-up row the mixer writes when the recipient took a code (P4), keyed by the report.
    const followupId = randomUUID();
    await db
      .insertInto('problem_followups')
      .values({
        id: followupId,
        code_hash: randomUUID(),
        report_id: item.id,
        problem_id: null,
        phone: null,
        anonymous: 1,
        created_on: item.receivedOn!,
      })
      .execute();
    const list = await inbox(staffA);
    const accepted = await staffA.post(`/api/inbox/${item.id}/answer`, {
      action: 'accept',
      title: '办证需多次往返',
      measures: '推行一次性告知和容缺受理',
      owner: '王科长',
    });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    const body = (await accepted.json()) as Item;
    expect(body).toMatchObject({
      status: 'accepted',
      overdue: false,
      problem: { state: 'submitted', title: '办证需多次往返' },
    });
    const problem = await db
      .selectFrom('problems')
      .selectAll()
      .where('id', '=', body.problemId!)
      .executeTakeFirstOrThrow();
    expect(problem).toMatchObject({
      unit_id: unitA,
      campaign_id: campaign.id,
      source: 'rating',
      state: 'submitted',
      detail: '办证要跑三次',
      measures: '推行一次性告知和容缺受理',
      owner: '王科长',
      deadline: list.suggestedDeadline,
    });
    const events = await db.selectFrom('problem_events').selectAll().where('problem_id', '=', problem.id).execute();
    expect(events.map((e) => [e.action, e.to_state])).toEqual([['create', 'submitted']]);
    const followup = await db
      .selectFrom('problem_followups')
      .select('problem_id')
      .where('id', '=', followupId)
      .executeTakeFirstOrThrow();
    expect(followup.problem_id).toBe(problem.id);

    // A second answer, by anyone, is refused and changes nothing.
    for (const [who, answer] of [
      [staffA, { action: 'explain', answer: '再答一次' }],
      [campaign.admin, { action: 'accept', title: '重复' }],
    ] as const) {
      const again = await who.post(`/api/inbox/${item.id}/answer`, answer);
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ error: { code: 'inbox_already_answered', state: 'accepted' } });
    }
    expect(await db.selectFrom('problems').select('id').where('detail', '=', '办证要跑三次').execute()).toHaveLength(1);
  });

  it('merges an item with a problem of the same unit, with a progress entry only where the state allows one', async () => {
    const { db } = database();
    const now = new Date();
    const office = { kind: 'office' as const, userId: null };
    const filed = await createProblem(
      db,
      { unit_id: unitA, title: '服务热线接通率低', detail: '督查发现', source: 'inspection', deadline: '2030-01-10' },
      office,
      now,
      'filed',
    );
    const draft = await createProblem(db, { unit_id: unitA, title: '草稿', detail: '…', source: 'self' }, office, now);
    const otherUnit = await createProblem(
      db,
      { unit_id: unitB, title: '乙单位的问题', detail: '…', source: 'inspection' },
      office,
      now,
      'filed',
    );
    const item = await itemOf('咨询电话长期无人接听');
    for (const problemId of [draft.id, otherUnit.id, 999_999]) {
      const refused = await staffA.post(`/api/inbox/${item.id}/answer`, { action: 'merge', problemId });
      expect(refused.status).toBe(422);
      expect((await refused.json()).error.code).toBe('merge_target_invalid');
    }
    const merged = await staffA.post(`/api/inbox/${item.id}/answer`, { action: 'merge', problemId: filed.id });
    expect(merged.status).toBe(200);
    expect(await merged.json()).toMatchObject({ status: 'merged', problemId: filed.id, problem: { state: 'filed' } });
    const events = await db
      .selectFrom('problem_events')
      .selectAll()
      .where('problem_id', '=', filed.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.action, e.note])).toEqual([
      ['create', null],
      ['progress', MERGE_NOTE],
    ]);
    // The merge note never quotes the report.
    expect(events.some((e) => (e.note ?? '').includes('咨询电话'))).toBe(false);

    // Merging with the submitted problem accepted above links it and writes nothing on that problem.
    const accepted = (await itemOf('办证要跑三次')).problemId!;
    await report(unitA, '预约系统经常崩溃');
    await report(unitA, '材料清单与实际要求不一致');
    await report(unitA, '工作人员推诿');
    await campaign.deps.mixer.flush();
    const second = await itemOf('预约系统经常崩溃');
    const before = await db.selectFrom('problem_events').select('id').where('problem_id', '=', accepted).execute();
    const link = await campaign.admin.post(`/api/inbox/${second.id}/answer`, { action: 'merge', problemId: accepted });
    expect(link.status).toBe(200);
    expect(await link.json()).toMatchObject({ status: 'merged', problemId: accepted });
    const after = await db.selectFrom('problem_events').select('id').where('problem_id', '=', accepted).execute();
    expect(after).toHaveLength(before.length);
  });

  it('takes explanations and rejection requests, which only the office decides', async () => {
    const explainedItem = await itemOf('窗口工作人员玩手机，不理睬群众');
    const explained = await staffA.post(`/api/inbox/${explainedItem.id}/answer`, {
      action: 'explain',
      answer: '经核查，该工作人员在查询系统，已提醒注意工作形象。',
    });
    expect(explained.status).toBe(200);
    expect(await explained.json()).toMatchObject({
      status: 'explained',
      answer: '经核查，该工作人员在查询系统，已提醒注意工作形象。',
    });

    const abusive = await itemOf('工作人员推诿');
    const requested = await staffA.post(`/api/inbox/${abusive.id}/answer`, {
      action: 'request_rejection',
      answer: '内容与本单位无关',
    });
    expect(requested.status).toBe(200);
    expect(await requested.json()).toMatchObject({ status: 'rejection_requested', answer: '内容与本单位无关' });
    const list = await inbox(campaign.admin, '&status=rejection_requested');
    expect(list.items.map((i) => i.id)).toEqual([abusive.id]);

    // Unit staff and leaders cannot decide; the office rejects, once.
    for (const who of [staffA, leader]) {
      expect((await who.post(`/api/inbox/${abusive.id}/reject`)).status).toBe(403);
      expect((await who.post(`/api/inbox/${abusive.id}/reinstate`)).status).toBe(403);
    }
    const rejected = await campaign.admin.post(`/api/inbox/${abusive.id}/reject`);
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ status: 'rejected', answer: '内容与本单位无关' });
    const twice = await campaign.admin.post(`/api/inbox/${abusive.id}/reject`);
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ error: { code: 'inbox_wrong_status', state: 'rejected' } });
    expect((await campaign.admin.post(`/api/inbox/${explainedItem.id}/reject`)).status).toBe(409);
    expect((await campaign.admin.post(`/api/inbox/${randomUUID()}/reject`)).status).toBe(404);

    // The office takes it back: open again for the unit, its old answer cleared, a fresh answer period.
    const reinstated = await campaign.admin.post(`/api/inbox/${abusive.id}/reinstate`);
    expect(reinstated.status).toBe(200);
    const body = (await reinstated.json()) as Item;
    expect(body).toMatchObject({ status: 'open', answer: null, overdue: false });
    expect(body.dueOn).toBe(addWorkingDays(chinaDay(new Date()), 5));
    const openAgain = await campaign.admin.post(`/api/inbox/${abusive.id}/reinstate`);
    expect(openAgain.status).toBe(409);
    expect((await openAgain.json()).error.code).toBe('inbox_wrong_status');
  });

  it('marks and counts overdue items, lists open ones first, and filters by status', async () => {
    const { db } = database();
    const late = await itemOf('材料清单与实际要求不一致');
    await db.updateTable('problem_reports').set({ due_on: '2020-01-03' }).where('id', '=', late.id).execute();
    const mine = await inbox(staffA);
    expect(mine.items.find((i) => i.id === late.id)?.overdue).toBe(true);
    expect(mine.counts).toMatchObject({
      open: 2,
      accepted: 1,
      merged: 2,
      explained: 1,
      rejection_requested: 0,
      rejected: 0,
      overdue: 1,
    });
    const statuses = mine.items.map((i) => i.status);
    expect(statuses.slice(0, 2)).toEqual(['open', 'open']);
    expect(statuses.slice(2)).not.toContain('open');
    const overdue = await inbox(staffA, '&overdue=true');
    expect(overdue.items.map((i) => i.id)).toEqual([late.id]);
    expect(overdue.counts.open).toBe(2);
    const merged = await inbox(staffA, '&status=merged');
    expect(merged.items.map((i) => i.status)).toEqual(['merged', 'merged']);
    const paged = await inbox(staffA, '&pageSize=2&page=2');
    expect(paged).toMatchObject({ total: 6 });
    expect(paged.items).toHaveLength(2);
    expect((await staffA.get('/api/inbox?status=closed')).status).toBe(400);
  });

  it('writes what still waits at close, and keeps every answer through the close-time rewrite', async () => {
    await report(unitB, '乙单位办事指南过期');
    await campaign.deps.mixer.flush();
    expect((await inbox(staffB)).total).toBe(1);
    await campaign.close();
    const theirs = await inbox(staffB);
    expect(theirs.items.map((i) => i.description).sort()).toEqual(
      ['乙单位办事指南过期', '乙单位大厅没有叫号机'].sort(),
    );
    for (const item of theirs.items) expect(item.dueOn).toBe(addWorkingDays(item.receivedOn!, 5));
    const mine = await inbox(staffA);
    expect(mine.counts).toMatchObject({ open: 2, accepted: 1, merged: 2, explained: 1 });
    // A closed campaign's items are still answered.
    const open = mine.items.find((i) => i.status === 'open')!;
    const answered = await staffA.post(`/api/inbox/${open.id}/answer`, { action: 'explain', answer: '已电话回访说明' });
    expect(answered.status).toBe(200);
  });
});

describe('the inbox page words', () => {
  it('has words for every status in both languages and cuts a suggested title', () => {
    for (const status of INBOX_STATUSES) {
      expect(statusText('zh', status)).not.toBe(status);
      expect(statusText('en', status)).not.toBe(status);
    }
    expect(STATUS_ORDER).toEqual([...INBOX_STATUSES]);
    expect(suggestedTitle('  办证要跑三次\n第二行')).toBe('办证要跑三次');
    expect(suggestedTitle('一'.repeat(40))).toBe(`${'一'.repeat(30)}…`);
  });
});
