import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { validCreditCode, wrongCheck } from './targets-codes.ts';
import { targetWorld, type TargetWorld } from './targets-fixture.ts';

// The visit targets' API: villages, enterprises and households written by the office with their rules
// (a township is a unit of level township, an enterprise's village lies in its township, a credit code
// passes its check and is unique), listed with filters and pages, and audited.

describeEachDialect('visit targets (villages, enterprises, households)', (database) => {
  let w: TargetWorld;
  const db = () => database().db;
  const body = async (response: Response) =>
    (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } };

  beforeAll(async () => {
    w = await targetWorld(createTestApp(database()).app, db());
  });

  it('creates, reads, changes and lists villages and communities of a township', async () => {
    const made = await w.admin.post('/api/visit-targets/villages', {
      townshipId: w.townA,
      name: '东山村',
      households: 320,
    });
    expect(made.status).toBe(201);
    const village = await body(made);
    expect(village).toMatchObject({
      townshipId: w.townA,
      townshipName: w.townAName,
      name: '东山村',
      kind: 'village',
      households: 320,
      listedHouseholds: 0,
      active: true,
    });
    await w.admin.post('/api/visit-targets/villages', {
      townshipId: w.townA,
      name: '滨江社区',
      kind: 'community',
      households: 1200,
    });
    await w.admin.post('/api/visit-targets/villages', { townshipId: w.townB, name: '西岭村', households: 80 });

    const changed = await w.admin.patch(`/api/visit-targets/villages/${village.id}`, {
      households: 330,
      code: 'V-001',
    });
    expect(await body(changed)).toMatchObject({ households: 330, code: 'V-001' });

    const inA = await body(await w.leader.get(`/api/visit-targets/villages?townshipId=${w.townA}`));
    expect(inA.total).toBe(2);
    const communities = await body(await w.leader.get('/api/visit-targets/villages?kind=community'));
    expect((communities.items as Array<{ name: string }>).map((v) => v.name)).toEqual(['滨江社区']);
    const searched = await body(await w.admin.get('/api/visit-targets/villages?q=西岭'));
    expect(searched.total).toBe(1);
    const paged = await body(await w.admin.get('/api/visit-targets/villages?pageSize=2&page=2'));
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(1);

    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'visit_village')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['visit_village_created', 'visit_village_updated']),
    );
  });

  it('refuses a township that is not a unit of level township, a duplicate name and negative households', async () => {
    const department = await w.admin.post('/api/visit-targets/villages', {
      townshipId: w.department,
      name: '错村',
      households: 1,
    });
    expect(department.status).toBe(422);
    expect((await body(department)).error?.code).toBe('not_a_township');
    const twice = await w.admin.post('/api/visit-targets/villages', {
      townshipId: w.townA,
      name: '东山村',
      households: 1,
    });
    expect(twice.status).toBe(409);
    expect((await body(twice)).error?.code).toBe('village_name_taken');
    const negative = await w.admin.post('/api/visit-targets/villages', {
      townshipId: w.townA,
      name: '负村',
      households: -1,
    });
    expect(negative.status).toBe(400);
  });

  it('creates enterprises with a checked, unique credit code and a village of their own township', async () => {
    const villages = (await body(await w.admin.get('/api/visit-targets/villages?q=东山'))).items as Array<{
      id: number;
    }>;
    const eastHill = villages[0]!.id;
    const westRidge = (
      (await body(await w.admin.get('/api/visit-targets/villages?q=西岭'))).items as Array<{ id: number }>
    )[0]!.id;
    const code = validCreditCode(1);
    const made = await w.admin.post('/api/visit-targets/enterprises', {
      creditCode: code.toLowerCase(),
      name: '东山茶业有限公司',
      townshipId: w.townA,
      villageId: eastHill,
      industry: '农业',
      size: 'small',
    });
    expect(made.status).toBe(201);
    expect(await body(made)).toMatchObject({
      creditCode: code,
      villageName: '东山村',
      size: 'small',
      townshipName: w.townAName,
    });

    const published = await w.admin.post('/api/visit-targets/enterprises', {
      creditCode: '91350100M000100Y43',
      name: '福州某公司',
      townshipId: w.townB,
      size: 'large',
    });
    expect(published.status).toBe(201);
    const publishedId = (await body(published)).id;

    const duplicate = await w.admin.post('/api/visit-targets/enterprises', {
      creditCode: code,
      name: '重复公司',
      townshipId: w.townA,
      size: 'micro',
    });
    expect(duplicate.status).toBe(409);
    expect((await body(duplicate)).error?.code).toBe('credit_code_taken');

    const bad = wrongCheck(validCreditCode(2));
    const wrong = await w.admin.post('/api/visit-targets/enterprises', {
      creditCode: bad.code,
      name: '错码公司',
      townshipId: w.townA,
      size: 'micro',
    });
    expect(wrong.status).toBe(422);
    const refusal = (await body(wrong)).error as { code: string; message: string; problems: unknown[] };
    expect(refusal.code).toBe('invalid_credit_code');
    expect(refusal.message).toContain(`should be ${bad.expected}`);
    expect(refusal.problems).toEqual([{ code: 'credit_code_check', params: { position: 18, expected: bad.expected } }]);

    const otherTown = await w.admin.post('/api/visit-targets/enterprises', {
      creditCode: validCreditCode(3),
      name: '跨镇公司',
      townshipId: w.townA,
      villageId: westRidge,
      size: 'medium',
    });
    expect(otherTown.status).toBe(422);
    expect((await body(otherTown)).error?.code).toBe('village_not_in_township');

    const notTown = await w.admin.post('/api/visit-targets/enterprises', {
      creditCode: validCreditCode(4),
      name: '局里公司',
      townshipId: w.department,
      size: 'medium',
    });
    expect((await body(notTown)).error?.code).toBe('not_a_township');

    const moved = await w.admin.patch(`/api/visit-targets/enterprises/${publishedId}`, { townshipId: w.townA });
    expect(moved.status).toBe(200);
    const listed = await body(
      await w.leader.get(`/api/visit-targets/enterprises?townshipId=${w.townA}&villageId=${eastHill}`),
    );
    expect(listed.total).toBe(1);
    expect((await body(await w.leader.get(`/api/visit-targets/enterprises?q=${code.slice(0, 12)}`))).total).toBe(1);
    expect((await body(await w.leader.get('/api/visit-targets/enterprises?size=large'))).total).toBe(1);

    const off = await w.admin.patch(`/api/visit-targets/enterprises/${publishedId}`, { active: false });
    expect(await body(off)).toMatchObject({ active: false });
    expect((await body(await w.leader.get('/api/visit-targets/enterprises'))).total).toBe(1);
    expect((await body(await w.leader.get('/api/visit-targets/enterprises?active=all'))).total).toBe(2);
  });

  it("keeps a village's list of households and refuses deleting a village still in use", async () => {
    const village = (
      (await body(await w.admin.get('/api/visit-targets/villages?q=东山'))).items as Array<{ id: number }>
    )[0]!.id;
    const made = await w.admin.post(`/api/visit-targets/villages/${village}/households`, {
      label: '张某某',
      address: '一组3号',
    });
    expect(made.status).toBe(201);
    const household = await body(made);
    const twice = await w.admin.post(`/api/visit-targets/villages/${village}/households`, { label: '张某某' });
    expect((await body(twice)).error?.code).toBe('household_label_taken');
    await w.admin.post(`/api/visit-targets/villages/${village}/households`, { label: '李某某' });
    const list = await body(await w.leader.get(`/api/visit-targets/villages/${village}/households`));
    expect(list.total).toBe(2);
    expect((await body(await w.admin.get(`/api/visit-targets/villages/${village}`))).listedHouseholds).toBe(2);
    const renamed = await w.admin.patch(`/api/visit-targets/households/${household.id}`, { label: '张某' });
    expect(await body(renamed)).toMatchObject({ label: '张某', address: '一组3号' });

    const inUse = await w.admin.call('DELETE', `/api/visit-targets/villages/${village}`, {});
    expect(inUse.status).toBe(409);
    expect((await body(inUse)).error?.code).toBe('visit_target_in_use');
    expect((await w.admin.call('DELETE', `/api/visit-targets/households/${household.id}`, {})).status).toBe(204);

    const spare = await body(
      await w.admin.post('/api/visit-targets/villages', { townshipId: w.townB, name: '空村', households: 0 }),
    );
    expect((await w.admin.call('DELETE', `/api/visit-targets/villages/${spare.id}`, {})).status).toBe(204);
    expect((await w.admin.get(`/api/visit-targets/villages/${spare.id}`)).status).toBe(404);
  });

  it('refuses writes to everyone but the office, and reads to unit staff outside any team', async () => {
    const village = { townshipId: w.townA, name: '越权村', households: 1 };
    expect((await w.anonymous.post('/api/visit-targets/villages', village)).status).toBe(401);
    expect((await w.leader.post('/api/visit-targets/villages', village)).status).toBe(403);
    expect((await w.staff.post('/api/visit-targets/villages', village)).status).toBe(403);
    expect((await w.outsider.get('/api/visit-targets/villages')).status).toBe(403);
    expect((await w.outsider.get('/api/visit-targets/enterprises')).status).toBe(403);
  });
});
