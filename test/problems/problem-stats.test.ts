import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../../server/db/database.ts';
import { unitLedgerFigures } from '../../server/problems/problem-stats.ts';
import { createTinyCampaign } from '../server/results-factory.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { completeProblem, problemWorld, type ProblemWorld } from './problem-fixture.ts';

// The ledger figures per unit and per problem type, counted by hand: listed, filed, closed, closed on time,
// overdue, explained, fix ratings and the inbox; unit staff get their own unit only.

interface StatsRow {
  key: { id: number | null; name: string; nameEn: string };
  listed: number;
  filed: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  explained: number;
  ratings: Record<string, number>;
  inboxOpen: number;
  inboxOverdue: number;
}
interface Stats {
  by: string;
  rows: StatsRow[];
  total: Omit<StatsRow, 'key'>;
}

async function rate(db: Db, problemId: number, ratings: Array<'satisfied' | 'basically_satisfied' | 'unsatisfied'>) {
  for (const rating of ratings) {
    const followup = randomUUID();
    await db
      .insertInto('problem_followups')
      .values({
        id: followup,
        code_hash: randomUUID(),
        report_id: null,
        problem_id: problemId,
        phone: null,
        anonymous: 1,
        created_on: '2026-11-01',
      })
      .execute();
    await db
      .insertInto('fix_ratings')
      .values({
        followup_id: followup,
        claim_round: 1,
        problem_id: problemId,
        rating,
        anonymous: 1,
        rated_on: '2026-11-02',
      })
      .execute();
  }
}

describeEachDialect('ledger figures', (database) => {
  let w: ProblemWorld;
  let typeId: number;

  const act = async (id: number, action: string, body: Record<string, unknown> = {}) => {
    const answer = await w.admin.post(`/api/problems/${id}/actions/${action}`, body);
    expect(answer.status).toBe(200);
  };
  const create = async (extra: Record<string, unknown>, filed = true) => {
    const answer = await w.admin.post('/api/problems', {
      ...completeProblem(w.unitA),
      ...extra,
      ...(filed ? { initial: 'filed' } : {}),
    });
    expect(answer.status).toBe(201);
    return ((await answer.json()) as { id: number }).id;
  };

  beforeAll(async () => {
    const { db } = database();
    const { app } = createTestApp(database());
    w = await problemWorld(app, db);
    typeId = ((await (await w.admin.post('/api/problem-types', { name: '作风问题' })).json()) as { id: number }).id;

    await create({ title: '草稿' }, false); // a draft: not listed
    const submitted = await create({ title: '已提交' }, false);
    await act(submitted, 'submit');
    await create({ title: '逾期', deadline: '2026-01-05', typeId }); // filed and overdue
    const onTime = await create({ title: '按期销号', deadline: '2099-12-31' });
    await act(onTime, 'claim', { note: '已整改' });
    await act(onTime, 'close');
    await rate(db, onTime, ['satisfied', 'unsatisfied', 'satisfied']);
    const late = await create({ title: '超期销号', deadline: '2026-01-05' });
    await act(late, 'claim', { note: '已整改' });
    await act(late, 'close');
    await rate(db, late, ['basically_satisfied']);
    const explained = await create({ title: '不予受理' });
    await act(explained, 'explain', { note: '超出职权' });
    const other = await w.admin.post('/api/problems', { ...completeProblem(w.unitB), initial: 'filed' });
    expect(other.status).toBe(201);

    // The inbox: two open reports of unit A (one past its due day), one answered.
    const campaign = await createTinyCampaign(db);
    const report = (status: 'open' | 'accepted', dueOn: string) => ({
      id: randomUUID(),
      campaign_id: campaign.id,
      unit_id: w.unitA,
      description: '窗口态度差',
      contact: null,
      received_on: '2026-01-01',
      due_on: dueOn,
      status,
      problem_id: null,
      answer: null,
      answered_at: null,
      answered_by: null,
    });
    await db
      .insertInto('problem_reports')
      .values([report('open', '2026-01-08'), report('open', '2099-01-08'), report('accepted', '2026-01-08')])
      .execute();
  });

  const figuresA = {
    listed: 5,
    filed: 4,
    closed: 2,
    closedOnTime: 1,
    overdue: 1,
    explained: 1,
    ratings: { satisfied: 2, basically_satisfied: 1, unsatisfied: 1 },
    inboxOpen: 2,
    inboxOverdue: 1,
  };

  it('counts per unit for the office and leaders, with a total', async () => {
    for (const caller of [w.admin, w.leader]) {
      const stats = (await (await caller.get('/api/problems/stats?by=unit')).json()) as Stats;
      const a = stats.rows.find((row) => row.key.id === w.unitA);
      const b = stats.rows.find((row) => row.key.id === w.unitB);
      expect(a).toMatchObject({ key: { name: expect.stringContaining('甲局') }, ...figuresA });
      expect(b).toMatchObject({ listed: 1, filed: 1, closed: 0, overdue: 0, inboxOpen: 0 });
      expect(stats.total.listed).toBe(stats.rows.reduce((sum, row) => sum + row.listed, 0));
    }
  });

  it("gives unit staff their own unit's figures only", async () => {
    const stats = (await (await w.staffA.get('/api/problems/stats')).json()) as Stats;
    expect(stats.rows.map((row) => row.key.id)).toEqual([w.unitA]);
    expect(stats.rows[0]).toMatchObject(figuresA);
    expect(stats.total).toMatchObject(figuresA);
    const byType = (await (await w.staffB.get('/api/problems/stats?by=type')).json()) as Stats;
    expect(byType.total).toMatchObject({ listed: 1, filed: 1 });
  });

  it('counts per problem type, untyped problems in a row of their own', async () => {
    const stats = (await (await w.staffA.get('/api/problems/stats?by=type')).json()) as Stats;
    expect(stats.rows.find((row) => row.key.id === typeId)).toMatchObject({
      key: { name: '作风问题' },
      listed: 1,
      overdue: 1,
    });
    expect(stats.rows.find((row) => row.key.id === null)).toMatchObject({
      key: { name: '未分类', nameEn: 'Untyped' },
      listed: 4,
      closed: 2,
      closedOnTime: 1,
      inboxOpen: 0,
    });
    expect((await w.admin.get('/api/problems/stats?by=person')).status).toBe(400);
  });

  it("gives the unit's evaluation report the same figures", async () => {
    expect(await unitLedgerFigures(database().db, w.unitA, new Date())).toEqual(figuresA);
  });

  it('counts per unit category (单位类别), the inbox with the units, units without a category in a row of their own', async () => {
    const { db } = database();
    const code = `C${randomUUID().slice(0, 6)}`;
    const category = await db
      .insertInto('categories')
      .values({ code, name: '执法类', name_en: 'Law enforcement', ranked: 1, sort_order: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.updateTable('units').set({ category_id: category.id }).where('id', 'in', [w.unitA, w.unitB]).execute();
    const stats = (await (await w.admin.get('/api/problems/stats?by=unitCategory')).json()) as Stats;
    expect(stats.by).toBe('unitCategory');
    const row = stats.rows.find((r) => r.key.id === category.id);
    // Unit A's figures plus unit B's one filed problem.
    expect(row).toMatchObject({
      key: { name: '执法类', nameEn: 'Law enforcement' },
      ...figuresA,
      listed: figuresA.listed + 1,
      filed: figuresA.filed + 1,
    });
    expect(stats.total.listed).toBe(stats.rows.reduce((sum, r) => sum + r.listed, 0));
    const byUnit = (await (await w.admin.get('/api/problems/stats?by=unit')).json()) as Stats;
    expect(stats.total).toEqual(byUnit.total);
    // Unit staff see their own unit's category row with their unit's figures only.
    const own = (await (await w.staffA.get('/api/problems/stats?by=unitCategory')).json()) as Stats;
    expect(own.rows).toHaveLength(1);
    expect(own.rows[0]).toMatchObject({ key: { id: category.id }, ...figuresA });
  });
});
