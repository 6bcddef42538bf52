import { tempEvidenceStore } from '../support/test-evidence.ts';
import { beforeAll, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { signIn as signInWithPassword } from '../support/sign-in.ts';

describeEachDialect('unit reports and accounts', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let admin: Awaited<ReturnType<typeof signInAsAdmin>>;
  let unitIds: number[];

  const signIn = (username: string, password: string) => signInWithPassword(app, username, password);

  beforeAll(async () => {
    const { db } = database();
    await seedDemoIfEmpty(db, new Date(), TEST_SECRET, tempEvidenceStore());
    app = createTestApp(database()).app;
    admin = await signInAsAdmin(app, db);
    unitIds = (await db.selectFrom('campaign_units').select('unit_id').orderBy('unit_id').execute()).map(
      (r) => r.unit_id,
    );
  });

  it('creates a unit-staff account with a one-time password, and refuses staff without a unit', async () => {
    const noUnit = await admin.post('/api/users', { username: 'nounit', displayName: '无单位', role: 'unit_staff' });
    expect(noUnit.status).toBe(422);
    const created = await admin.post('/api/users', {
      username: 'staff-a',
      displayName: '甲单位联络员',
      role: 'unit_staff',
      unitId: unitIds[0],
    });
    expect(created.status).toBe(201);
    const body = await created.json();
    expect(body.user).toMatchObject({ role: 'unit_staff', unitId: unitIds[0] });
    expect((await admin.post('/api/users', { username: 'staff-a', displayName: 'x', role: 'leader' })).status).toBe(
      409,
    );
    const cookie = await signIn('staff-a', body.oneTimePassword);
    expect((await app.request('/api/users', { headers: { cookie } })).status).toBe(403);
  });

  it('shows no report before the results are published', async () => {
    const report = await admin.get(`/api/reports/demo-2026/units/${unitIds[0]}`);
    expect(report.status).toBe(409);
    expect((await report.json()).error.code).toBe('not_published');
  });

  it("gives unit staff their own unit's published report and refuses every other unit", async () => {
    // The office excludes all but two recipient ballots of one unit, so that group falls below its minimum (5).
    const { db } = database();
    const ballots = await db
      .selectFrom('ballots')
      .select('id')
      .where('rater_type', '=', 'recipient')
      .where('target_unit_id', '=', unitIds[7]!)
      .execute();
    expect(ballots.length).toBeGreaterThan(2);
    for (const { id } of ballots.slice(2))
      expect((await admin.post(`/api/ballots/${id}/review`, { decision: 'excluded' })).status).toBe(200);
    expect((await admin.post('/api/campaigns/1/close')).status).toBe(200);
    expect((await admin.post('/api/campaigns/1/publish')).status).toBe(201);
    const created = await (
      await admin.post('/api/users', {
        username: 'staff-b',
        displayName: '乙单位联络员',
        role: 'unit_staff',
        unitId: unitIds[1],
      })
    ).json();
    const cookie = await signIn('staff-b', created.oneTimePassword);
    const own = await app.request(`/api/reports/demo-2026/units/${unitIds[1]}`, { headers: { cookie } });
    expect(own.status).toBe(200);
    const report = await own.json();
    expect(report.unit.unitId).toBe(unitIds[1]);
    expect(report.unit.groups.map((g: { raterType: string }) => g.raterType).sort()).toEqual([
      'peer',
      'recipient',
      'superior',
    ]);
    const other = await app.request(`/api/reports/demo-2026/units/${unitIds[2]}`, { headers: { cookie } });
    expect(other.status).toBe(403);
    expect((await app.request(`/api/reports/demo-2026/units/${unitIds[1]}`)).status).toBe(401);
  });

  it('quotes recipients only when their group reached the anonymity minimum', async () => {
    const below = await (await admin.get(`/api/reports/demo-2026/units/${unitIds[7]}`)).json();
    expect(below.unit.groups.find((g: { raterType: string }) => g.raterType === 'recipient')).toMatchObject({
      suppressed: true,
      ballots: 2,
    });
    expect(below.comments).toBeNull();
    expect(below.badHabits).toBeNull();

    const above = await (await admin.get(`/api/reports/demo-2026/units/${unitIds[1]}`)).json();
    expect(above.unit.groups.find((g: { raterType: string }) => g.raterType === 'recipient').suppressed).toBe(false);
    expect(above.comments.length).toBeGreaterThan(0);
    // Sorted by text, never in arrival order.
    expect([...above.comments].sort((a: string, b: string) => a.localeCompare(b, 'zh-CN'))).toEqual(above.comments);
  });
});

describeEachDialect("the office reads any unit's report", (database) => {
  it('gives the administrator the published report of every unit in the campaign', async () => {
    const { db } = database();
    await seedDemoIfEmpty(db, new Date(), TEST_SECRET, tempEvidenceStore());
    const { app } = createTestApp(database());
    const admin = await signInAsAdmin(app, db);
    expect((await admin.post('/api/campaigns/1/close')).status).toBe(200);
    expect((await admin.post('/api/campaigns/1/publish', { acceptUnreviewed: true })).status).toBe(201);
    const unitIds = (
      await db.selectFrom('campaign_units').select('unit_id').where('campaign_id', '=', 1).orderBy('unit_id').execute()
    ).map((r) => r.unit_id);
    expect(unitIds.length).toBeGreaterThan(20);
    for (const unitId of unitIds) {
      const report = await admin.get(`/api/reports/demo-2026/units/${unitId}`);
      expect(report.status).toBe(200);
      expect((await report.json()).unit.unitId).toBe(unitId);
    }
    // A unit outside the campaign has no report, for the office either.
    const outside = await admin.get('/api/reports/demo-2026/units/999999');
    expect(outside.status).toBe(404);
    expect((await outside.json()).error.code).toBe('not_found');
  });
});
