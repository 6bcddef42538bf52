import { tempEvidenceStore } from '../support/test-evidence.ts';
import { beforeAll, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { signInAdminAndLeader } from './results-factory.ts';

type App = ReturnType<typeof createTestApp>['app'];
interface Category {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  ranked: boolean;
}
interface Usage {
  categoryId: number;
  units: number;
  campaigns: number;
}

/** The categories screen: what each category is used by, renaming in both languages, refusing a delete in use. */
describeEachDialect('managing unit categories', (database) => {
  let app: App;
  let admin: Awaited<ReturnType<typeof signInAsAdmin>>;

  const categories = async () =>
    ((await (await app.request('/api/categories')).json()) as { categories: Category[] }).categories;
  const byCode = async (code: string) => (await categories()).find((c) => c.code === code)!;
  const usage = async () => {
    const response = await admin.get('/api/categories/usage');
    expect(response.status).toBe(200);
    return ((await response.json()) as { usage: Usage[] }).usage;
  };
  const remove = (id: number) =>
    app.request(`/api/categories/${id}`, {
      method: 'DELETE',
      headers: { cookie: admin.cookie, 'content-type': 'application/json' },
    });

  beforeAll(async () => {
    await seedDemoIfEmpty(database().db, new Date(), TEST_SECRET, tempEvidenceStore());
    ({ app } = createTestApp(database()));
    admin = await signInAsAdmin(app, database().db);
  });

  it('counts the units and campaigns that use each category, for administrators only', async () => {
    const party = await byCode('party');
    const window = await byCode('window');
    const counts = await usage();
    // The demo: 7 party units, 5 front-line service units, all in the one demo campaign.
    expect(counts.find((u) => u.categoryId === party.id)).toEqual({ categoryId: party.id, units: 7, campaigns: 1 });
    expect(counts.find((u) => u.categoryId === window.id)).toEqual({ categoryId: window.id, units: 5, campaigns: 1 });

    const fresh = await admin.post('/api/categories', { code: 'spare', name: '备用类别' });
    expect(fresh.status).toBe(201);
    const spare = (await fresh.json()) as Category;
    expect((await usage()).some((u) => u.categoryId === spare.id)).toBe(false);

    expect((await app.request('/api/categories/usage')).status).toBe(401);
    const { leader } = await signInAdminAndLeader(database().db, app);
    expect((await app.request('/api/categories/usage', { headers: { cookie: leader } })).status).toBe(403);
  });

  it('renames a category in Chinese and English, the code unchanged', async () => {
    const window = await byCode('window');
    const response = await admin.patch(`/api/categories/${window.id}`, {
      name: '窗口单位',
      nameEn: 'Service windows',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: window.id,
      code: 'window',
      name: '窗口单位',
      nameEn: 'Service windows',
    });
    expect(await byCode('window')).toMatchObject({ name: '窗口单位', nameEn: 'Service windows' });
    const blank = await admin.patch(`/api/categories/${window.id}`, { name: '  ' });
    expect(blank.status).toBe(400);
    expect((await blank.json()).error.code).toBe('invalid_request');
  });

  it('refuses to delete a category a campaign recorded, even once no unit belongs to it', async () => {
    const { db } = database();
    const window = await byCode('window');
    const government = await byCode('government');
    // Move every front-line unit to another category: the campaign's snapshot still names the old one.
    await db.updateTable('units').set({ category_id: government.id }).where('category_id', '=', window.id).execute();
    expect((await usage()).find((u) => u.categoryId === window.id)).toEqual({
      categoryId: window.id,
      units: 0,
      campaigns: 1,
    });
    const refused = await remove(window.id);
    expect(refused.status).toBe(409);
    const { error } = await refused.json();
    expect(error.code).toBe('category_in_use');
    expect(error.message).toContain('1 campaign(s)');
    expect(error.message).not.toContain('unit(s) belong');
    expect(await byCode('window')).toBeDefined();
  });

  it('deletes an unused category and leaves it out of the usage', async () => {
    const spare = await byCode('spare');
    expect((await remove(spare.id)).status).toBe(204);
    expect(await byCode('spare')).toBeUndefined();
    expect((await remove(spare.id)).status).toBe(404);
  });
});
