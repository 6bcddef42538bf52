import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProblem, moveProblem, type Actor } from '../../server/problems/problem-writes.ts';
import { allowedActions, decide } from '../../server/problems/problem-states.ts';
import {
  addWorkingDays,
  calendarKnowsYear,
  chinaDay,
  isDay,
  isWorkingDay,
  workingDaysBetween,
} from '../../server/problems/working-days.ts';
import { describeEachDialect } from '../support/test-db.ts';

const office: Actor = { kind: 'office', userId: null };
const unit: Actor = { kind: 'unit', userId: null };
const now = new Date('2026-09-28T02:00:00Z');

describe('working days by the official calendar', () => {
  it('skips the National Day holiday and counts its adjusted Saturday (2026: 1–7 Oct off, Sun 20 Sep and Sat 10 Oct worked)', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false);
    expect(isWorkingDay('2026-10-07')).toBe(false);
    expect(isWorkingDay('2026-10-08')).toBe(true);
    expect(isWorkingDay('2026-10-10')).toBe(true);
    expect(isWorkingDay('2026-09-20')).toBe(true);
    expect(isWorkingDay('2026-10-11')).toBe(false);
    // 30 Sep is a working day; five working days later: 8, 9, 10 (Saturday, 调休), 12, 13 October.
    expect(addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
    expect(workingDaysBetween('2026-09-30', '2026-10-13')).toBe(5);
    expect(workingDaysBetween('2026-10-13', '2026-09-30')).toBe(-5);
    expect(workingDaysBetween('2026-10-13', '2026-10-13')).toBe(0);
  });

  it("takes the office's corrections over the package", () => {
    const overrides = { holidays: ['2026-10-09'], workdays: ['2026-10-11'] };
    expect(isWorkingDay('2026-10-09', overrides)).toBe(false);
    expect(isWorkingDay('2026-10-11', overrides)).toBe(true);
    expect(addWorkingDays('2026-09-30', 3, overrides)).toBe('2026-10-11');
  });

  it("gives China's calendar day, checks day strings, and knows which years the package has", () => {
    expect(chinaDay(new Date('2026-09-30T16:30:00Z'))).toBe('2026-10-01');
    expect(chinaDay(new Date('2026-09-30T15:59:59Z'))).toBe('2026-09-30');
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-1-1')).toBe(false);
    expect(calendarKnowsYear(2026)).toBe(true);
    expect(calendarKnowsYear(2099)).toBe(false);
  });
});

describe('problem states', () => {
  it('lets only the office file, return, close and explain, and nobody edit a filed problem', () => {
    expect(decide('file', 'submitted', 'unit', false)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(decide('file', 'submitted', 'office', false)).toMatchObject({ ok: true, to: 'filed' });
    expect(decide('close', 'in_progress', 'office', false)).toMatchObject({ ok: false, code: 'problem_wrong_state' });
    expect(decide('return', 'submitted', 'office', false)).toMatchObject({ ok: false, code: 'note_required' });
    expect(decide('edit', 'filed', 'office', false)).toMatchObject({ ok: false, code: 'problem_wrong_state' });
    expect(decide('edit', 'submitted', 'unit', false)).toMatchObject({ ok: false, code: 'problem_wrong_state' });
    expect(decide('reopen', 'closed', 'raiser', true)).toMatchObject({ ok: true, to: 'in_progress' });
    expect(allowedActions('claimed', 'unit')).toEqual(['progress', 'evidence']);
    expect(allowedActions('claimed', 'office')).toEqual(['progress', 'close', 'reopen', 'evidence']);
  });
});

describeEachDialect('problem writes', (database) => {
  let unitId: number;

  beforeAll(async () => {
    const { db } = database();
    const row = await db
      .insertInto('units')
      .values({
        code: 'PW1',
        name: '测试局',
        name_en: 'Test Bureau',
        parent_id: null,
        level: 'department',
        category_id: null,
        sort_order: 0,
        active: 1,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    unitId = row.id;
  });

  it('records every move as a timeline entry, public only once filed, and refuses a wrong one without a trace', async () => {
    const { db } = database();
    const problem = await createProblem(
      db,
      { unit_id: unitId, title: '办事窗口排队久', detail: '…', source: 'self' },
      unit,
      now,
    );
    expect(problem.state).toBe('draft');
    await moveProblem(db, problem.id, { action: 'edit', set: { measures: '增开窗口', owner: '张三' } }, unit, now);
    await moveProblem(db, problem.id, { action: 'submit' }, unit, now);
    await expect(moveProblem(db, problem.id, { action: 'close' }, office, now)).rejects.toMatchObject({
      status: 409,
      code: 'problem_wrong_state',
    });
    await moveProblem(db, problem.id, { action: 'file' }, office, now);
    const claimed = await moveProblem(db, problem.id, { action: 'claim', note: '已增开两个窗口' }, unit, now);
    expect(claimed).toMatchObject({ state: 'claimed', claim_round: 1 });
    const events = await db
      .selectFrom('problem_events')
      .selectAll()
      .where('problem_id', '=', problem.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => [e.action, e.from_state, e.to_state, e.public])).toEqual([
      ['create', null, 'draft', 0],
      ['edit', 'draft', 'draft', 0],
      ['submit', 'draft', 'submitted', 0],
      ['file', 'submitted', 'filed', 1],
      ['claim', 'filed', 'claimed', 1],
    ]);
    expect(JSON.parse(events[1]!.changes!)).toEqual({ measures: [null, '增开窗口'], owner: [null, '张三'] });
  });

  it('refuses to edit or delete a timeline entry, even by hand-written SQL', async () => {
    const { db } = database();
    const problem = await createProblem(
      db,
      { unit_id: unitId, title: 't', detail: 'd', source: 'media' },
      office,
      now,
      'filed',
    );
    await expect(
      sql`update problem_events set note = 'x' where problem_id = ${problem.id}`.execute(db),
    ).rejects.toThrow(/never edited or deleted/);
    await expect(sql`delete from problem_events where problem_id = ${problem.id}`.execute(db)).rejects.toThrow(
      /never edited or deleted/,
    );
  });
});
