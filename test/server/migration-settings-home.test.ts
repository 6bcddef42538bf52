import { Migrator, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { loadCampaign } from '../../server/campaigns/campaign-loader.ts';
import type { DatabaseHandle } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { migrations } from '../../server/db/migrations/index.ts';
import { createTestDatabase, describeEachDialect } from '../support/test-db.ts';

/**
 * Migration 0009 gives each setting one home in campaigns stored the old way, on a real SQLite file and a
 * real PostgreSQL database that stopped at 0008: minimumBallots leaves the scoring settings (a draft's larger
 * stated minimum becomes the rater type's), scoring categories are named by number and lose `ranked`, and a
 * campaign without a scope gets the catalog's choice written down.
 */
describeEachDialect('migration 0009: one home per setting', (test) => {
  it('turns stored campaigns of the old shape into the new one, keeping what decided before', async () => {
    const fresh = await freshAt0008(test().dialect);
    try {
      const old = fresh.db as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const now = new Date().toISOString();
      const category = async (code: string, ranked: 0 | 1) =>
        (
          await old
            .insertInto('categories')
            .values({ code, name: code, name_en: code, ranked, sort_order: 0 })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id as number;
      const ranked = await category('gov', 1);
      const vertical = await category('vertical', 0);
      const units: number[] = [];
      for (const [code, categoryId] of [
        ['A', ranked],
        ['B', ranked],
        ['C', vertical],
        ['D', null],
      ] as const) {
        const row = await old
          .insertInto('units')
          .values({
            code,
            name: code,
            name_en: code,
            level: 'department',
            parent_id: null,
            category_id: categoryId,
            sort_order: 0,
            active: 1,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        units.push(row.id as number);
      }
      const questionnaire = async (raterType: string) =>
        (
          await old
            .insertInto('questionnaires')
            .values({
              family: raterType,
              version: 1,
              rater_type: raterType,
              title: 't',
              definition: '{}',
              created_at: now,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id as number;
      const superiorQ = await questionnaire('superior');
      const recipientQ = await questionnaire('recipient');
      const weights = { superior: 0.4, peer: 0, recipient: 0.6 };
      const overrides = { superior: 0.5, peer: 0, recipient: 0.5 };
      const campaign = async (slug: string, status: string, settings: object) => {
        const row = await old
          .insertInto('campaigns')
          .values({
            slug,
            name: slug,
            name_en: slug,
            status,
            starts_at: now,
            ends_at: now,
            settings: JSON.stringify(settings),
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const id = row.id as number;
        await old
          .insertInto('campaign_units')
          .values(
            units.map((unitId, index) => ({
              campaign_id: id,
              unit_id: unitId,
              category_id: [ranked, ranked, vertical, null][index],
            })),
          )
          .execute();
        await old
          .insertInto('campaign_rater_types')
          .values([
            { campaign_id: id, rater_type: 'superior', questionnaire_id: superiorQ, min_count: 3 },
            { campaign_id: id, rater_type: 'recipient', questionnaire_id: recipientQ, min_count: 5 },
          ])
          .execute();
        return id;
      };
      // A draft of the old shape: minimums stated apart from the rater types, ranked stated twice, string
      // ids, and no scope (the catalog decided).
      const draft = await campaign('old-draft', 'draft', {
        scoring: {
          weights,
          minimumBallots: { superior: 6, recipient: 2 },
          categories: [
            { id: String(ranked), ranked: true, weights: overrides },
            { id: String(vertical), ranked: false },
            { id: 'uncategorised', weights: overrides },
          ],
        },
        access: { openRating: { enabled: false } },
      });
      // An open campaign: its minimums agreed (opening checked it), its scope was chosen.
      const open = await campaign('old-open', 'open', {
        scoring: {
          weights,
          minimumBallots: { superior: 3, recipient: 5 },
          categories: [{ id: String(ranked), weights: overrides }],
        },
        scope: { unrankedCategoryIds: [] },
      });
      const untouched = await campaign('unreadable', 'draft', {});
      await old.updateTable('campaigns').set({ settings: 'not json' }).where('id', '=', untouched).execute();

      await migrateToLatest(fresh.db);

      const settingsOf = async (id: number) =>
        (await fresh.db.selectFrom('campaigns').select('settings').where('id', '=', id).executeTakeFirstOrThrow())
          .settings;
      const minimumsOf = async (id: number) =>
        Object.fromEntries(
          (
            await fresh.db
              .selectFrom('campaign_rater_types')
              .select(['rater_type', 'min_count'])
              .where('campaign_id', '=', id)
              .execute()
          ).map((row) => [row.rater_type, row.min_count]),
        );

      expect(JSON.parse(await settingsOf(draft))).toEqual({
        scoring: {
          weights,
          categories: [
            { categoryId: ranked, weights: overrides },
            { categoryId: null, weights: overrides },
          ],
        },
        access: { openRating: { enabled: false } },
        scope: { unrankedCategoryIds: [vertical] },
      });
      // The larger minimum wins: 6 superiors as stated, 5 recipients as the rater type had.
      expect(await minimumsOf(draft)).toEqual({ superior: 6, recipient: 5 });

      expect(JSON.parse(await settingsOf(open))).toEqual({
        scoring: { weights, categories: [{ categoryId: ranked, weights: overrides }] },
        scope: { unrankedCategoryIds: [] },
      });
      expect(await minimumsOf(open)).toEqual({ superior: 3, recipient: 5 });
      expect(await settingsOf(untouched)).toBe('not json');

      // Read back by the application: readable settings, and the ranked choice the catalog made before.
      const row = await fresh.db.selectFrom('campaigns').selectAll().where('id', '=', draft).executeTakeFirstOrThrow();
      const loaded = await loadCampaign(fresh.db, row);
      expect(loaded.settings.problems).toEqual([]);
      expect(loaded.categories.map((c) => [c.category.id, c.ranked])).toEqual([
        [ranked, true],
        [vertical, false],
      ]);
      expect(loaded.raterTypes.map((r) => [r.raterType, r.minCount])).toEqual([
        ['superior', 6],
        ['recipient', 5],
      ]);
    } finally {
      await fresh.close();
    }
  });
});

async function freshAt0008(dialect: 'sqlite' | 'postgres'): Promise<DatabaseHandle> {
  const handle = await createTestDatabase(dialect, false);
  const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo('0008_tallies');
  if (error) throw error;
  return handle;
}
