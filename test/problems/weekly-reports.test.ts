import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProblem, moveProblem, type Actor } from '../../server/problems/problem-writes.ts';
import { addDays, chinaDay } from '../../server/problems/working-days.ts';
import { isWeek, weekDue, weekOf, weekSpan } from '../../server/weekly-reports/report-week.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { createTinyCampaign, signInAdminAndLeader } from '../server/results-factory.ts';
import { caller, createUnit, signInStaff } from './weekly-support.ts';

const FRIDAY_18 = { weekday: 5, time: '18:00' };
const texts = { progress: '增开两个窗口，排队时间缩短一半。', plan: '完成线上预约。', difficulties: '' };

describe('report weeks', () => {
  it('names a week by its Monday and spans Monday 00:00 to the next Monday 00:00, China time', () => {
    expect(isWeek('2026-09-21')).toBe(true);
    expect(isWeek('2026-09-22')).toBe(false);
    expect(isWeek('2026-02-30')).toBe(false);
    expect(weekOf('2026-09-27')).toBe('2026-09-21');
    expect(weekOf('2026-09-28')).toBe('2026-09-28');
    expect(weekSpan('2026-09-21')).toEqual({ from: '2026-09-20T16:00:00.000Z', to: '2026-09-27T16:00:00.000Z' });
  });

  it('is due on Friday 18:00 China time, and before the holiday in the National Day week', () => {
    expect(weekDue('2026-09-14', FRIDAY_18)).toEqual({
      day: '2026-09-18',
      at: '2026-09-18T10:00:00.000Z',
      moved: false,
    });
    // Friday 25 September 2026 is the Mid-Autumn Festival: due on Thursday.
    expect(weekDue('2026-09-21', FRIDAY_18)).toEqual({
      day: '2026-09-24',
      at: '2026-09-24T10:00:00.000Z',
      moved: true,
    });
    // 1–7 October 2026 are off: Friday 2 October moves back to Wednesday 30 September.
    expect(weekDue('2026-09-28', FRIDAY_18)).toEqual({
      day: '2026-09-30',
      at: '2026-09-30T10:00:00.000Z',
      moved: true,
    });
    expect(weekDue('2026-09-28', { weekday: 7, time: '12:00' }).day).toBe('2026-09-30');
    // The Spring Festival week of 2026 is off from Monday to Sunday: the first working day after it.
    expect(weekDue('2026-02-16', FRIDAY_18).day).toBe('2026-02-24');
    // An office correction that makes the Friday a day off moves it too.
    expect(weekDue('2026-09-14', FRIDAY_18, { holidays: ['2026-09-18'], workdays: [] }).day).toBe('2026-09-17');
  });
});

describeEachDialect('weekly reports', (database) => {
  let call: ReturnType<typeof caller>;
  let cookies: { admin: string; leader: string };
  const units = {} as Record<'a' | 'b' | 'c' | 'd' | 'inactive' | 'outside', number>;
  const staff = {} as Record<'a' | 'b', string>;
  const unitActor: Actor = { kind: 'unit', userId: null };
  const office: Actor = { kind: 'office', userId: null };
  const current = weekOf(chinaDay(new Date()));
  const report = (week: string, unitId: number) => `/api/weekly-reports/${week}/units/${unitId}`;

  beforeAll(async () => {
    const { db } = database();
    const { app } = createTestApp(database());
    call = caller(app);
    cookies = await signInAdminAndLeader(db, app);
    for (const key of ['a', 'b', 'c', 'd', 'outside'] as const)
      units[key] = await createUnit(db, `单位${key.toUpperCase()}`);
    units.inactive = await createUnit(db, '撤销单位', 0);
    staff.a = await signInStaff(db, app, units.a);
    staff.b = await signInStaff(db, app, units.b);
    await signInStaff(db, app, units.c);
    await signInStaff(db, app, units.d);
    await signInStaff(db, app, units.inactive);

    // Unit A's week of 21 September: a problem filed and claimed; its claim at Sunday 23:30 China time.
    const at = (iso: string) => new Date(iso);
    const p1 = await createProblem(
      db,
      { unit_id: units.a, title: '窗口排队时间长', detail: '群众反映排队超过一小时', source: 'self' },
      unitActor,
      at('2026-09-21T02:00:00Z'),
    );
    await moveProblem(
      db,
      p1.id,
      { action: 'edit', set: { measures: '增开窗口', owner: '张明', deadline: '2026-10-09' } },
      unitActor,
      at('2026-09-21T03:00:00Z'),
    );
    await moveProblem(db, p1.id, { action: 'submit' }, unitActor, at('2026-09-21T04:00:00Z'));
    await moveProblem(db, p1.id, { action: 'file' }, office, at('2026-09-22T02:00:00Z'));
    await moveProblem(db, p1.id, { action: 'claim', note: '已增开两个窗口' }, unitActor, at('2026-09-27T15:30:00Z'));
    // Monday 28 September 00:00 China time: the next week.
    await moveProblem(db, p1.id, { action: 'close' }, office, at('2026-09-27T16:00:00Z'));
    // An overdue one: filed with a deadline in October, still in progress.
    const p2 = await createProblem(
      db,
      {
        unit_id: units.a,
        title: '审批材料重复提交',
        detail: '…',
        source: 'inspection',
        deadline: '2026-10-09',
        owner: '李华',
      },
      office,
      at('2026-09-23T02:00:00Z'),
      'filed',
    );
    await moveProblem(db, p2.id, { action: 'start' }, unitActor, at('2026-09-24T02:00:00Z'));
    // Two inbox items received in the week, one answered in it.
    const campaign = await createTinyCampaign(db);
    await db
      .insertInto('problem_reports')
      .values([
        {
          id: randomUUID(),
          campaign_id: campaign.id,
          unit_id: units.a,
          description: '…',
          contact: null,
          received_on: '2026-09-23',
          answered_at: '2026-09-24T01:00:00.000Z',
        },
        {
          id: randomUUID(),
          campaign_id: campaign.id,
          unit_id: units.a,
          description: '…',
          contact: null,
          received_on: '2026-09-27',
        },
        {
          id: randomUUID(),
          campaign_id: campaign.id,
          unit_id: units.a,
          description: '…',
          contact: null,
          received_on: '2026-09-28',
        },
      ])
      .execute();
  });

  it("assembles a unit's draft from its timeline in the right China week", async () => {
    const first = await call('GET', report('2026-09-21', units.a), staff.a);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      week: '2026-09-21',
      status: 'missing',
      due: { day: '2026-09-24', moved: true },
      progress: '',
      plan: '',
      difficulties: '',
      canEdit: true,
    });
    expect(first.json.summary.figures).toMatchObject({
      created: 2,
      submitted: 1,
      filed: 2,
      started: 1,
      claimed: 1,
      closed: 0,
      overdue: 1,
      inboxReceived: 2,
      inboxAnswered: 1,
    });
    expect(first.json.summary.moves.map((m: { action: string }) => m.action)).toEqual([
      'create',
      'submit',
      'file',
      'create',
      'start',
      'claim',
    ]);
    expect(first.json.summary.overdue).toEqual([
      expect.objectContaining({ title: '审批材料重复提交', deadline: '2026-10-09', owner: '李华' }),
    ]);
    const next = await call('GET', report('2026-09-28', units.a), staff.a);
    expect(next.json.summary.figures).toMatchObject({
      created: 0,
      claimed: 0,
      closed: 1,
      closedOnTime: 1,
      inboxReceived: 1,
    });
    expect(next.json.due).toMatchObject({ day: '2026-09-30', moved: true });
  });

  it("keeps other units' reports from unit staff and writes to leaders", async () => {
    expect((await call('GET', report('2026-09-21', units.a), staff.b)).status).toBe(404);
    expect((await call('GET', report('2026-09-21', units.a), null)).status).toBe(401);
    expect((await call('GET', report('2026-09-21', 987_654), cookies.admin)).status).toBe(404);
    const leader = await call('GET', report('2026-09-21', units.a), cookies.leader);
    expect(leader.status).toBe(200);
    expect(leader.json.canEdit).toBe(false);
    expect((await call('PUT', report('2026-09-21', units.a), cookies.leader, texts)).status).toBe(403);
    expect((await call('PUT', report('2026-09-21', units.a), staff.b, texts)).status).toBe(404);
    expect((await call('POST', `${report('2026-09-21', units.a)}/submit`, staff.b, texts)).status).toBe(404);
    expect((await call('GET', '/api/weekly-reports/2026-09-21', staff.a)).status).toBe(403);
    expect((await call('GET', `/api/units/${units.a}/weekly-reports`, staff.b)).status).toBe(404);
  });

  it('refuses a week that is not a Monday, a week to come and texts that are too long', async () => {
    for (const week of ['2026-09-22', 'week-1', '2026-13-01']) {
      const bad = await call('GET', report(week, units.a), staff.a);
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe('invalid_week');
    }
    const future = await call('PUT', report(addDays(current, 7), units.a), staff.a, texts);
    expect(future.status).toBe(422);
    expect(future.json.error.code).toBe('week_in_future');
    expect((await call('GET', `/api/weekly-reports/${addDays(current, 7)}`, cookies.admin)).status).toBe(422);
    const long = await call('PUT', report('2026-09-21', units.a), staff.a, { ...texts, plan: '计'.repeat(4001) });
    expect(long.status).toBe(400);
    expect(long.json.error.code).toBe('invalid_request');
    const extra = await call('PUT', report('2026-09-21', units.a), staff.a, { ...texts, summary: {} });
    expect(extra.status).toBe(400);
  });

  it('saves a draft, submits it once with its summary frozen, and counts it late after the deadline', async () => {
    const saved = await call('PUT', report('2026-09-21', units.a), staff.a, { ...texts, progress: '  草稿  ' });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ status: 'draft', progress: '草稿', submittedAt: null, canEdit: true });
    const empty = await call('POST', `${report('2026-09-21', units.a)}/submit`, staff.a, { ...texts, progress: ' ' });
    expect(empty.status).toBe(422);
    expect(empty.json.error.code).toBe('weekly_progress_required');
    const submitted = await call('POST', `${report('2026-09-21', units.a)}/submit`, staff.a, texts);
    expect(submitted.status).toBe(200);
    expect(submitted.json).toMatchObject({ status: 'late', progress: texts.progress, onBehalf: false, canEdit: false });
    expect(submitted.json.submittedBy).toBe(`联络员${units.a}`);

    // A later entry in that week does not change what was submitted.
    const { db } = database();
    await createProblem(
      db,
      { unit_id: units.a, title: '补记的问题', detail: '…', source: 'self' },
      unitActor,
      new Date('2026-09-25T02:00:00Z'),
    );
    const again = await call('GET', report('2026-09-21', units.a), staff.a);
    expect(again.json.summary.figures.created).toBe(2);
    const live = await call('GET', report('2026-09-21', units.b), cookies.admin);
    expect(live.json.summary.figures.created).toBe(0);

    for (const [method, path] of [
      ['POST', `${report('2026-09-21', units.a)}/submit`],
      ['PUT', report('2026-09-21', units.a)],
    ] as const) {
      const refused = await call(method, path, staff.a, texts);
      expect(refused.status).toBe(409);
      expect(refused.json.error.code).toBe('weekly_report_submitted');
    }
    const row = await db
      .selectFrom('weekly_reports')
      .selectAll()
      .where('unit_id', '=', units.a)
      .where('week_start', '=', '2026-09-21')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'submitted', progress: texts.progress });
    expect(JSON.parse(row.summary!).figures.created).toBe(2);
  });

  it("lets the office submit on a unit's behalf, and says so", async () => {
    const submitted = await call('POST', `${report('2026-09-21', units.b)}/submit`, cookies.admin, texts);
    expect(submitted.status).toBe(200);
    expect(submitted.json).toMatchObject({ status: 'late', onBehalf: true });
  });

  it('shows the office every unit that reports with its status, and reminds the missing ones', async () => {
    const { db } = database();
    const week = '2026-09-28';
    await call('PUT', report(week, units.a), staff.a, texts);
    // C submitted before Wednesday 18:00 (the moved deadline), D on Friday: on time and late.
    for (const [unitId, at] of [
      [units.c, '2026-09-30T09:59:00.000Z'],
      [units.d, '2026-10-02T01:00:00.000Z'],
    ] as const) {
      await db
        .insertInto('weekly_reports')
        .values({
          unit_id: unitId,
          week_start: week,
          state: 'submitted',
          ...texts,
          summary: null,
          updated_at: at,
          updated_by: null,
          submitted_at: at,
          submitted_by: null,
        })
        .execute();
    }
    const overview = await call('GET', `/api/weekly-reports/${week}`, cookies.leader);
    expect(overview.status).toBe(200);
    const statusOf = (unitId: number) =>
      overview.json.rows.find((r: { unit: { id: number } }) => r.unit.id === unitId)?.status;
    expect([units.a, units.b, units.c, units.d].map(statusOf)).toEqual(['draft', 'missing', 'on_time', 'late']);
    expect(statusOf(units.inactive)).toBeUndefined();
    expect(statusOf(units.outside)).toBeUndefined();
    expect(overview.json).toMatchObject({ due: { day: '2026-09-30', moved: true }, pastDue: true });
    expect(overview.json.counts).toMatchObject({ on_time: 1, late: 1 });

    expect(
      (await call('POST', `/api/weekly-reports/${week}/reminders`, cookies.leader, { channel: 'app' })).status,
    ).toBe(403);
    expect((await call('POST', `/api/weekly-reports/${week}/reminders`, staff.a, { channel: 'app' })).status).toBe(403);
    const sms = await call('POST', `/api/weekly-reports/${week}/reminders`, cookies.admin, { channel: 'sms' });
    expect(sms.status).toBe(422);
    expect(sms.json.error.code).toBe('sms_not_configured');
    const outside = await call('POST', `/api/weekly-reports/${week}/reminders`, cookies.admin, {
      channel: 'app',
      unitIds: [units.outside],
    });
    expect(outside.status).toBe(422);
    expect(outside.json.error.code).toBe('invalid_units');

    const all = await call('POST', `/api/weekly-reports/${week}/reminders`, cookies.admin, { channel: 'app' });
    expect(all.status).toBe(200);
    expect(all.json.reminded).toEqual(expect.arrayContaining([units.a, units.b]));
    expect(all.json.reminded).not.toContain(units.c);
    expect(all.json.reminded).not.toContain(units.d);
    const named = await call('POST', `/api/weekly-reports/${week}/reminders`, cookies.admin, {
      channel: 'app',
      unitIds: [units.a, units.c],
    });
    expect(named.json).toEqual({ reminded: [units.a], skipped: [units.c], noPhone: [], failed: [] });
    const rows = await db
      .selectFrom('weekly_reminders')
      .selectAll()
      .where('week_start', '=', week)
      .where('unit_id', '=', units.a)
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ channel: 'app' });
    const after = await call('GET', `/api/weekly-reports/${week}`, cookies.admin);
    const rowA = after.json.rows.find((r: { unit: { id: number } }) => r.unit.id === units.a);
    expect(rowA).toMatchObject({ reminders: 2, lastReminder: { channel: 'app' } });
  });

  it("shows a unit's staff the reminders of weeks they have not submitted, and their last weeks", async () => {
    await call('POST', `/api/weekly-reports/${current}/reminders`, cookies.admin, {
      channel: 'app',
      unitIds: [units.b],
    });
    const mine = await call('GET', '/api/weekly-reports/reminders/mine', staff.b);
    expect(mine.status).toBe(200);
    expect(mine.json.reminders[0]).toMatchObject({ week: current });
    expect((await call('GET', '/api/weekly-reports/reminders/mine', staff.a)).json.reminders).toEqual([]);
    expect((await call('GET', '/api/weekly-reports/reminders/mine', cookies.admin)).json.reminders).toEqual([]);
    const history = await call('GET', `/api/units/${units.b}/weekly-reports`, staff.b);
    expect(history.status).toBe(200);
    expect(history.json.weeks).toHaveLength(12);
    expect(history.json.weeks[0]).toMatchObject({ week: current });
  });
});
