import { randomUUID } from 'node:crypto';
import { Migrator, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { migrations } from '../../server/db/migrations/index.ts';
import { createTestDatabase, describeEachDialect } from '../support/test-db.ts';

/**
 * Migration 0015 lets the units' inbox take problems transferred from visits: on a real SQLite file and a
 * real PostgreSQL database stopped at 0014, the stored reports keep every field (source 'rating'), a report
 * may then have no campaign, and deleting a campaign still takes its reports with it.
 */
describeEachDialect('migration 0015: the inbox takes visits', (test) => {
  it('keeps the stored reports, takes a report without a campaign, and still cascades from campaigns', async () => {
    const fresh = await freshAt0014(test().dialect);
    try {
      const old = fresh.db as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const now = new Date().toISOString();
      const campaign = await old
        .insertInto('campaigns')
        .values({
          slug: 'm15',
          name: 'm15',
          name_en: 'm15',
          status: 'open',
          starts_at: now,
          ends_at: now,
          settings: '{}',
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const unit = await old
        .insertInto('units')
        .values({
          code: 'U15',
          name: '单位',
          name_en: 'Unit',
          level: 'department',
          parent_id: null,
          category_id: null,
          sort_order: 0,
          active: 1,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const reports = Array.from({ length: 5 }, (_, i) => ({
        id: randomUUID(),
        campaign_id: campaign.id,
        unit_id: unit.id,
        description: `问题${i}`,
        contact: i === 0 ? '13800138000' : null,
        received_on: '2026-11-02',
        due_on: '2026-11-09',
        status: i === 1 ? 'explained' : 'open',
        problem_id: null,
        answer: i === 1 ? '已解释' : null,
        answered_at: i === 1 ? now : null,
        answered_by: null,
      }));
      await old.insertInto('problem_reports').values(reports).execute();

      await migrateToLatest(fresh.db);
      const after = await old.selectFrom('problem_reports').selectAll().orderBy('id').execute();
      const byId = [...reports].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(after).toEqual(byId.map((r) => ({ ...r, source: 'rating', visit_problem_id: null })));

      const visit = { ...reports[0]!, id: randomUUID(), campaign_id: null, source: 'visit', visit_problem_id: 7 };
      await old.insertInto('problem_reports').values(visit).execute();
      await old.deleteFrom('campaigns').where('id', '=', campaign.id).execute();
      const left = await old.selectFrom('problem_reports').select(['id', 'source']).execute();
      expect(left).toEqual([{ id: visit.id, source: 'visit' }]);
    } finally {
      await fresh.close();
    }
  });
});

async function freshAt0014(dialect: 'sqlite' | 'postgres'): Promise<DatabaseHandle> {
  const handle = await createTestDatabase(dialect, false);
  const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo('0014_user_phone');
  if (error) throw error;
  return handle;
}
