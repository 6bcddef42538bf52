import { beforeAll, expect, it } from 'vitest';
import { insertUser } from '../problems/problem-fixture.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { validCreditCode } from './targets-codes.ts';
import { targetWorld, type TargetWorld } from './targets-fixture.ts';

// Visiting teams (民情书记服务队): set up by the office with members from several units and areas of whole
// townships or single villages; a member reads their teams and each team's targets (GET /visit-teams/mine),
// and unit staff read only the targets of their teams' areas.

describeEachDialect('visiting teams (民情书记服务队)', (database) => {
  let w: TargetWorld;
  let eastHill: number;
  let westRidge: number;
  let otherVillage: number;
  const db = () => database().db;
  const json = async <T = Record<string, unknown>>(response: Response) => (await response.json()) as T;

  beforeAll(async () => {
    w = await targetWorld(createTestApp(database()).app, db());
    const village = async (townshipId: number, name: string, households: number) =>
      (await json<{ id: number }>(await w.admin.post('/api/visit-targets/villages', { townshipId, name, households })))
        .id;
    eastHill = await village(w.townA, '东山村', 300);
    otherVillage = await village(w.townA, '南湖村', 150);
    westRidge = await village(w.townB, '西岭村', 80);
    const enterprise = async (n: number, townshipId: number, villageId: number | null, name: string) =>
      w.admin.post('/api/visit-targets/enterprises', {
        creditCode: validCreditCode(n),
        name,
        townshipId,
        villageId,
        size: 'small',
      });
    await enterprise(1, w.townA, eastHill, '东山茶业');
    await enterprise(2, w.townA, null, '桃源镇物流');
    await enterprise(3, w.townB, westRidge, '西岭竹器');
    await enterprise(4, w.townB, null, '杏花镇酒厂');
  });

  it('creates, renames and deactivates teams; names are unique', async () => {
    const made = await w.admin.post('/api/visit-teams', { name: '桃源镇第一服务队' });
    expect(made.status).toBe(201);
    const team = await json<{ id: number }>(made);
    expect((await w.admin.post('/api/visit-teams', { name: '桃源镇第一服务队' })).status).toBe(409);
    const renamed = await json(await w.admin.patch(`/api/visit-teams/${team.id}`, { name: '桃源镇民情书记服务队' }));
    expect(renamed).toMatchObject({ name: '桃源镇民情书记服务队', active: true, members: [], areas: [] });
    const spare = await json<{ id: number }>(await w.admin.post('/api/visit-teams', { name: '临时队' }));
    expect(await json(await w.admin.patch(`/api/visit-teams/${spare.id}`, { active: false }))).toMatchObject({
      active: false,
    });
    const active = await json<{ teams: Array<{ name: string }> }>(await w.leader.get('/api/visit-teams?active=true'));
    expect(active.teams.map((t) => t.name)).toEqual(['桃源镇民情书记服务队']);
    expect(
      (await db().selectFrom('audit_log').select('action').where('entity_type', '=', 'visit_team').execute()).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('sets members from several units (default the account unit) and areas of townships or villages', async () => {
    const team = (await json<{ teams: Array<{ id: number }> }>(await w.admin.get('/api/visit-teams?active=true')))
      .teams[0]!;
    const township = await db().selectFrom('units').select('id').where('id', '=', w.townA).executeTakeFirstOrThrow();
    const cadre = await insertUser(db(), 'unit_staff', township.id, '镇干部');
    const members = await w.admin.put(`/api/visit-teams/${team.id}/members`, {
      members: [
        { userId: w.staffId, isLeader: true },
        { userId: cadre.id, unitId: w.department },
      ],
    });
    expect(members.status).toBe(200);
    const view = await json<{ members: Array<{ userId: number; unitId: number; isLeader: boolean }> }>(members);
    expect(view.members).toEqual([
      expect.objectContaining({ userId: w.staffId, unitId: w.department, isLeader: true }),
      expect.objectContaining({ userId: cadre.id, unitId: w.department, isLeader: false }),
    ]);
    expect(
      (
        await json<{ error: { code: string } }>(
          await w.admin.put(`/api/visit-teams/${team.id}/members`, { members: [{ userId: 999999 }] }),
        )
      ).error.code,
    ).toBe('unknown_user');
    expect(
      (
        await w.admin.put(`/api/visit-teams/${team.id}/members`, {
          members: [{ userId: w.staffId }, { userId: w.staffId }],
        })
      ).status,
    ).toBe(400);

    const areas = await w.admin.put(`/api/visit-teams/${team.id}/areas`, {
      areas: [{ townshipId: w.townA }, { villageId: westRidge }],
    });
    expect(areas.status).toBe(200);
    expect((await json<{ areas: unknown[] }>(areas)).areas).toEqual([
      { townshipId: w.townA, townshipName: w.townAName, villageId: null, villageName: null },
      expect.objectContaining({ townshipId: w.townB, villageId: westRidge, villageName: '西岭村' }),
    ]);
    const notTown = await w.admin.put(`/api/visit-teams/${team.id}/areas`, { areas: [{ townshipId: w.department }] });
    expect((await json<{ error: { code: string } }>(notTown)).error.code).toBe('not_a_township');
    expect(
      (
        await json<{ error: { code: string } }>(
          await w.admin.put(`/api/visit-teams/${team.id}/areas`, { areas: [{ villageId: 999999 }] }),
        )
      ).error.code,
    ).toBe('unknown_village');
  });

  it("lists a member's teams with the villages and enterprises of their areas, and scopes unit staff's reads", async () => {
    // A second team: the same member may belong to several.
    const second = await json<{ id: number }>(await w.admin.post('/api/visit-teams', { name: '杏花镇服务队' }));
    await w.admin.put(`/api/visit-teams/${second.id}/members`, { members: [{ userId: w.staffId }] });
    await w.admin.put(`/api/visit-teams/${second.id}/areas`, { areas: [{ townshipId: w.townB }] });

    type Mine = {
      teams: Array<{ name: string; villages: Array<{ name: string }>; enterprises: Array<{ name: string }> }>;
    };
    const mine = await json<Mine>(await w.staff.get('/api/visit-teams/mine'));
    expect(mine.teams.map((t) => t.name)).toEqual(['桃源镇民情书记服务队', '杏花镇服务队']);
    const first = mine.teams[0]!;
    expect(first.villages.map((v) => v.name).sort()).toEqual(['东山村', '南湖村', '西岭村'].sort());
    expect(first.enterprises.map((e) => e.name).sort()).toEqual(['东山茶业', '桃源镇物流', '西岭竹器'].sort());
    expect(mine.teams[1]!.enterprises.map((e) => e.name).sort()).toEqual(['杏花镇酒厂', '西岭竹器'].sort());
    expect((await json<Mine>(await w.outsider.get('/api/visit-teams/mine'))).teams).toEqual([]);

    // Deactivating the second team narrows the member's reads to the first team's areas.
    await w.admin.patch(`/api/visit-teams/${second.id}`, { active: false });
    const villages = await json<{ total: number }>(await w.staff.get('/api/visit-targets/villages'));
    expect(villages.total).toBe(3);
    const enterprises = await json<{ items: Array<{ name: string }> }>(
      await w.staff.get('/api/visit-targets/enterprises'),
    );
    expect(enterprises.items.map((e) => e.name).sort()).toEqual(['东山茶业', '桃源镇物流', '西岭竹器'].sort());
    const outside = (
      await db().selectFrom('visit_enterprises').select('id').where('name', '=', '杏花镇酒厂').executeTakeFirstOrThrow()
    ).id;
    expect((await w.staff.get(`/api/visit-targets/enterprises/${outside}`)).status).toBe(403);
    expect((await w.staff.get(`/api/visit-targets/villages/${otherVillage}`)).status).toBe(200);
    expect((await w.staff.get(`/api/visit-targets/villages/${eastHill}/households`)).status).toBe(200);
    expect((await w.staff.get('/api/visit-teams')).status).toBe(403);
  });
});
