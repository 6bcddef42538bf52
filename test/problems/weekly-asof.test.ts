import { beforeAll, expect, it } from 'vitest';
import { createProblem, moveProblem, type Actor } from '../../server/problems/problem-writes.ts';
import { addDays, chinaDay } from '../../server/problems/working-days.ts';
import { weekOf } from '../../server/weekly-reports/report-week.ts';
import { assembleSummaries, assembleSummariesAsOf } from '../../server/weekly-reports/weekly-reports.service.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { createUnit } from './weekly-support.ts';

// A weekly summary "as of" a past time (the demo's past reports): each problem in the state and with the
// deadline it had then, rebuilt from the timeline; problems created later are absent. The live summary of
// the same week reads today's rows.

const DAY_MS = 86_400_000;

describeEachDialect('weekly summary as of a past time', (database) => {
  const db = () => database().db;
  const unit: Actor = { kind: 'unit', userId: null };
  const office: Actor = { kind: 'office', userId: null };
  const now = new Date();
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  // Four weeks back, on that week's Wednesday, China time.
  const week = addDays(weekOf(chinaDay(now)), -28);
  const asOf = new Date(`${addDays(week, 2)}T12:00:00+08:00`);
  const ids = {} as Record<'closedSince' | 'extendedSince' | 'later' | 'draftThen', number>;
  let unitId: number;

  const filed = async (title: string, created: Date, deadline: string) => {
    const problem = await createProblem(
      db(),
      { unit_id: unitId, title, detail: title, source: 'inspection', deadline },
      office,
      created,
      'filed',
    );
    return problem.id;
  };

  beforeAll(async () => {
    unitId = await createUnit(db(), '市测试局');
    const before = new Date(asOf.getTime() - 20 * DAY_MS);
    const overdueThen = addDays(chinaDay(asOf), -5);
    // Overdue at asOf, claimed and closed since: overdue then, not now.
    ids.closedSince = await filed('窗口午间无人值守', before, overdueThen);
    await moveProblem(db(), ids.closedSince, { action: 'start' }, unit, new Date(before.getTime() + DAY_MS));
    await moveProblem(db(), ids.closedSince, { action: 'claim', note: '已整改。' }, unit, daysAgo(3));
    await moveProblem(db(), ids.closedSince, { action: 'close' }, office, daysAgo(2));
    // Overdue at asOf, its deadline extended since: overdue then with the old deadline, not now.
    ids.extendedSince = await filed('审批材料重复提交', before, overdueThen);
    const later = addDays(chinaDay(now), 30);
    await moveProblem(
      db(),
      ids.extendedSince,
      { action: 'extend', note: '涉及系统改造。', set: { deadline: later } },
      office,
      daysAgo(10),
    );
    // Created after asOf, long overdue today: absent then.
    ids.later = await filed('办事指南与实际不一致', new Date(asOf.getTime() + DAY_MS), addDays(chinaDay(asOf), 2));
    // A draft then, filed since: not open then.
    const draft = await createProblem(
      db(),
      { unit_id: unitId, title: '台账以会代干', detail: '以会代干', source: 'self', deadline: overdueThen },
      unit,
      before,
    );
    ids.draftThen = draft.id;
    await moveProblem(db(), draft.id, { action: 'submit' }, unit, new Date(asOf.getTime() + DAY_MS));
    await moveProblem(db(), draft.id, { action: 'file' }, office, new Date(asOf.getTime() + 2 * DAY_MS));
  });

  it('counts what was overdue then, with the deadline of then, and leaves out a later problem', async () => {
    const summary = (await assembleSummariesAsOf(db(), week, [unitId], asOf)).get(unitId)!;
    expect(summary.asOf).toBe(chinaDay(asOf));
    expect(summary.assembledAt).toBe(asOf.toISOString());
    expect(summary.overdue.map((p) => p.problemId).sort()).toEqual([ids.closedSince, ids.extendedSince].sort());
    expect(summary.overdue.find((p) => p.problemId === ids.closedSince)?.state).toBe('in_progress');
    expect(summary.overdue.find((p) => p.problemId === ids.extendedSince)?.deadline).toBe(addDays(chinaDay(asOf), -5));
    expect(summary.figures.overdue).toBe(2);
    // Nothing after asOf is in the week's moves: the later problem's creation is not.
    expect(summary.moves.every((move) => move.at <= asOf.toISOString())).toBe(true);
    expect(summary.moves.some((move) => move.problemId === ids.later)).toBe(false);
  });

  it('leaves the live summary of the same week on today’s rows', async () => {
    const live = (await assembleSummaries(db(), week, [unitId], now)).get(unitId)!;
    const overdue = live.overdue.map((p) => p.problemId);
    expect(overdue).not.toContain(ids.closedSince);
    expect(overdue).not.toContain(ids.extendedSince);
    expect(overdue).toContain(ids.later);
    expect(overdue).toContain(ids.draftThen);
    // The whole week's entries: the later problem was created that week, after Wednesday noon.
    expect(live.moves.some((move) => move.problemId === ids.later)).toBe(true);
  });
});
