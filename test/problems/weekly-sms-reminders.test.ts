import { beforeAll, expect, it } from 'vitest';
import type { SmsGateway, SmsMessage } from '../../server/access/sms-message.ts';
import { createLogger } from '../../server/logger.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { signIn } from '../support/sign-in.ts';
import { signInAdminAndLeader } from '../server/results-factory.ts';
import { caller, createUnit } from './weekly-support.ts';

// Weekly-report reminders by SMS (issue 15): the phones of unit staff accounts, set by the office only
// through the users API, and the reminder that texts every enabled staff account of each unit that has
// not submitted — through a fake gateway that records what it was asked to send.

const WEEK = '2026-09-28';
const texts = { progress: '已完成整改。', plan: '巩固成效。', difficulties: '' };

describeEachDialect('weekly reminders by SMS', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let call: ReturnType<typeof caller>;
  let callNoGateway: ReturnType<typeof caller>;
  let callNoTemplate: ReturnType<typeof caller>;
  let cookies: { admin: string; leader: string };
  const units = {} as Record<'two' | 'none' | 'refused' | 'thrown' | 'submitted', number>;
  const staff = {} as Record<'twoFirst' | 'twoSecond' | 'none' | 'refused', { id: number; cookie: string }>;
  const sent: SmsMessage[] = [];
  const logLines: string[] = [];
  const gateway: SmsGateway = {
    name: 'fake',
    send: (message) => {
      sent.push(message);
      if (message.phone === '+8613900000003') return Promise.resolve({ sent: false, reason: 'refused' });
      if (message.phone === '+8613900000004') return Promise.reject(new Error('gateway down'));
      return Promise.resolve({ sent: true });
    },
  };
  const remind = (body: unknown) => call('POST', `/api/weekly-reports/${WEEK}/reminders`, cookies.admin, body);

  /** A unit staff account made through the users API (phone optional), signed in. */
  async function account(unitId: number, phone?: string) {
    const username = `sms-${unitId}-${Math.random().toString(36).slice(2, 8)}`;
    const created = await call('POST', '/api/users', cookies.admin, {
      username,
      displayName: `联络员${unitId}`,
      role: 'unit_staff',
      unitId,
      ...(phone !== undefined ? { phone } : {}),
    });
    expect(created.status).toBe(201);
    return { id: created.json.user.id as number, cookie: await signIn(app, username, created.json.oneTimePassword) };
  }

  beforeAll(async () => {
    const { db } = database();
    const base = createTestApp(database());
    const withTemplate = {
      ...base.deps.config,
      SMS_WEEKLY_TEMPLATE_ID: '3000001',
      SMS_WEEKLY_TEMPLATE_PARAMS: ['unit', 'week', 'due'] as ('unit' | 'week' | 'due')[],
    };
    const logger = createLogger('debug', (line) => logLines.push(line));
    app = createTestApp(database(), { sms: gateway, config: withTemplate, logger }).app;
    call = caller(app);
    callNoGateway = caller(base.app);
    callNoTemplate = caller(createTestApp(database(), { sms: gateway }).app);
    cookies = await signInAdminAndLeader(db, app);
    units.two = await createUnit(db, '两部手机单位');
    units.none = await createUnit(db, '无手机单位');
    units.refused = await createUnit(db, '拒收单位');
    units.thrown = await createUnit(db, '网关故障单位');
    units.submitted = await createUnit(db, '已报送单位');
    staff.twoFirst = await account(units.two, '138 0000 0001');
    staff.twoSecond = await account(units.two, '138-0000-0002');
    // The same phone on a second account of the unit: texted once.
    await account(units.two, '13800000002');
    // A disabled account's phone is never texted.
    const disabled = await account(units.two, '13700000009');
    expect((await call('POST', `/api/users/${disabled.id}/disable`, cookies.admin, {})).status).toBe(200);
    staff.none = await account(units.none);
    staff.refused = await account(units.refused, '13900000003');
    await account(units.thrown, '13900000004');
    await account(units.submitted, '13600000006');
    await db
      .insertInto('weekly_reports')
      .values({
        unit_id: units.submitted,
        week_start: WEEK,
        state: 'submitted',
        ...texts,
        summary: null,
        updated_at: '2026-09-30T01:00:00.000Z',
        updated_by: null,
        submitted_at: '2026-09-30T01:00:00.000Z',
        submitted_by: null,
      })
      .execute();
  });

  it('keeps a mainland mobile without spaces or dashes, clears it with an empty string, refuses anything else', async () => {
    const { db } = database();
    const list = await call('GET', '/api/users', cookies.admin);
    const phoneOf = (id: number) => list.json.users.find((u: { id: number }) => u.id === id)?.phone;
    expect(phoneOf(staff.twoFirst.id)).toBe('13800000001');
    expect(phoneOf(staff.twoSecond.id)).toBe('13800000002');
    expect(phoneOf(staff.none.id)).toBeNull();

    const edit = (id: number, phone: unknown, cookie = cookies.admin) =>
      call('PATCH', `/api/users/${id}`, cookie, { phone });
    for (const bad of ['12345', '23800000000', '1380000000', '138000000012', '12800000000', '+8613800000000', 'tel']) {
      const refused = await edit(staff.none.id, bad);
      expect(refused.status, bad).toBe(422);
      expect(refused.json.error.code).toBe('invalid_mobile');
    }
    expect((await edit(staff.none.id, '1'.repeat(41))).status).toBe(400);
    expect((await edit(staff.none.id, 13800000000)).status).toBe(400);
    const refusedCreate = await call('POST', '/api/users', cookies.admin, {
      username: 'sms-bad-phone',
      displayName: '号码错误',
      role: 'unit_staff',
      unitId: units.none,
      phone: '110',
    });
    expect(refusedCreate.status).toBe(422);
    expect(refusedCreate.json.error.code).toBe('invalid_mobile');
    expect(await db.selectFrom('users').select('id').where('username', '=', 'sms-bad-phone').executeTakeFirst()).toBe(
      undefined,
    );

    const set = await edit(staff.none.id, ' 159 1234 5678 ');
    expect(set.status).toBe(200);
    expect(set.json.user.phone).toBe('15912345678');
    const cleared = await edit(staff.none.id, '');
    expect(cleared.status).toBe(200);
    expect(cleared.json.user.phone).toBeNull();
    expect(
      (await db.selectFrom('users').select('phone').where('id', '=', staff.none.id).executeTakeFirst())?.phone,
    ).toBe(null);
    expect((await edit(999_999, '13800000000')).status).toBe(404);

    // The audit says a phone changed, never which.
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('entity_type', '=', 'user')
      .where('entity_id', 'in', [String(staff.none.id), String(staff.twoFirst.id)])
      .execute();
    expect(audit.filter((a) => a.action === 'edit_user')).toHaveLength(2);
    for (const entry of audit) {
      expect(entry.detail ?? '').not.toMatch(/\d{7}/);
    }
    expect(audit.some((a) => a.action === 'create_user' && JSON.parse(a.detail!).phoneChanged === true)).toBe(true);
    expect(audit.some((a) => a.action === 'edit_user' && JSON.parse(a.detail!).phoneChanged === true)).toBe(true);
  });

  it('lets nobody but an administrator set a phone, and shows it to nobody else', async () => {
    for (const cookie of [cookies.leader, staff.twoFirst.cookie]) {
      expect((await call('PATCH', `/api/users/${staff.twoFirst.id}`, cookie, { phone: '13811112222' })).status).toBe(
        403,
      );
      expect((await call('GET', '/api/users', cookie)).status).toBe(403);
    }
    expect((await call('PATCH', `/api/users/${staff.twoFirst.id}`, null, { phone: '13811112222' })).status).toBe(401);
    // Nor through the password change: its body is strict.
    const password = await call('POST', '/api/auth/password', staff.twoFirst.cookie, {
      currentPassword: 'x',
      newPassword: 'y',
      phone: '13811112222',
    });
    expect(password.status).toBe(400);
    const me = await call('GET', '/api/auth/me', staff.twoFirst.cookie);
    expect(me.status).toBe(200);
    const report = await call('GET', `/api/weekly-reports/${WEEK}/units/${units.two}`, staff.twoFirst.cookie);
    expect(report.status).toBe(200);
    const mine = await call('GET', '/api/weekly-reports/reminders/mine', staff.twoFirst.cookie);
    for (const answer of [me, report, mine]) {
      expect(JSON.stringify(answer.json)).not.toContain('13800000001');
      expect(JSON.stringify(answer.json)).not.toContain('"phone"');
    }
    expect((await call('GET', '/api/users', cookies.admin)).json.users.length).toBeGreaterThan(0);
  });

  it('refuses an SMS reminder without a gateway or without the weekly template', async () => {
    const noGateway = await callNoGateway('POST', `/api/weekly-reports/${WEEK}/reminders`, cookies.admin, {
      channel: 'sms',
    });
    expect(noGateway.status).toBe(422);
    expect(noGateway.json.error.code).toBe('sms_not_configured');
    const noTemplate = await callNoTemplate('POST', `/api/weekly-reports/${WEEK}/reminders`, cookies.admin, {
      channel: 'sms',
    });
    expect(noTemplate.status).toBe(422);
    expect(noTemplate.json.error.code).toBe('sms_template_missing');
    expect(sent).toEqual([]);
  });

  it('texts every enabled staff phone of each unit that has not submitted, and says which had none or failed', async () => {
    const { db } = database();
    sent.length = 0;
    logLines.length = 0;
    const result = await remind({
      channel: 'sms',
      unitIds: [units.two, units.none, units.refused, units.thrown, units.submitted],
    });
    expect(result.status).toBe(200);
    expect(result.json).toEqual({
      reminded: [units.two],
      skipped: [units.submitted],
      noPhone: [units.none],
      failed: [units.refused, units.thrown],
    });
    expect(sent.map((m) => m.phone).sort()).toEqual([
      '+8613800000001',
      '+8613800000002',
      '+8613900000003',
      '+8613900000004',
    ]);
    // The week of 28 September 2026 is due on Wednesday 30 September (National Day), 18:00 China time.
    expect(sent.find((m) => m.phone === '+8613800000001')).toEqual({
      phone: '+8613800000001',
      templateId: '3000001',
      params: ['两部手机单位', '9月28日', '9月30日18:00'],
    });

    const rows = await db
      .selectFrom('weekly_reminders')
      .select(['unit_id', 'channel'])
      .where('week_start', '=', WEEK)
      .execute();
    expect(rows).toEqual([{ unit_id: units.two, channel: 'sms' }]);
    const overview = await call('GET', `/api/weekly-reports/${WEEK}`, cookies.admin);
    const rowOf = (id: number) => overview.json.rows.find((r: { unit: { id: number } }) => r.unit.id === id);
    expect(rowOf(units.two)).toMatchObject({ reminders: 1, lastReminder: { channel: 'sms' } });
    expect(rowOf(units.none)).toMatchObject({ reminders: 0, lastReminder: null });
    expect(rowOf(units.refused)).toMatchObject({ reminders: 0 });

    // The failures are logged as counts, never with a phone.
    expect(logLines.some((line) => line.includes('weekly reminder SMS'))).toBe(true);
    expect(logLines.join('\n')).not.toMatch(/1[3-9]\d{9}/);
  });

  it('reminds every unit in scope that has not submitted when no unit is named, and the app channel as before', async () => {
    sent.length = 0;
    const all = await remind({ channel: 'sms' });
    expect(all.status).toBe(200);
    const mine = (ids: number[]) => ids.filter((id) => Object.values(units).includes(id)).sort();
    expect(mine(all.json.reminded)).toEqual([units.two]);
    expect(mine(all.json.skipped)).toEqual([units.submitted]);
    expect(mine(all.json.noPhone)).toEqual([units.none]);
    expect(mine(all.json.failed)).toEqual([units.refused, units.thrown].sort());
    expect(sent.map((m) => m.phone)).not.toContain('+8613600000006');
    expect(sent.map((m) => m.phone)).not.toContain('+8613700000009');

    const inApp = await remind({ channel: 'app', unitIds: [units.none, units.submitted] });
    expect(inApp.json).toEqual({ reminded: [units.none], skipped: [units.submitted], noPhone: [], failed: [] });
  });
});
