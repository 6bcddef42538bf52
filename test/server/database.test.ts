import { tempEvidenceStore } from '../support/test-evidence.ts';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';

describeEachDialect('database', (database) => {
  it('is migrated, and migrating again changes nothing', async () => {
    expect(await migrateToLatest(database().db)).toEqual([]);
  });

  it('seeds the demo once, and never touches a database that has data', async () => {
    const { db } = database();
    const seeded = await seedDemoIfEmpty(db, new Date(), TEST_SECRET, tempEvidenceStore());
    // The rectification ledger's figures and demo accounts too: test/problems/demo-ledger.test.ts.
    expect(seeded).toMatchObject({ units: 33, leaders: 12, ballots: 360 + 9 + 30 });
    expect(await seedDemoIfEmpty(db, new Date(), TEST_SECRET, tempEvidenceStore())).toBeNull();
    const units = await db
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(units.n)).toBe(33);
    const ballots = await db
      .selectFrom('ballots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    // Only the recipients' ballots are rows; leaders' and peers' leave unlinked cards and a count.
    expect(Number(ballots.n)).toBe(360);
    const counted = await db
      .selectFrom('ballot_counts')
      .select(['rater_type', 'received'])
      .orderBy('rater_type')
      .execute();
    expect(counted.map((row) => [row.rater_type, Number(row.received)])).toEqual([
      ['peer', 30],
      ['superior', 9],
    ]);
    const ratings = await db
      .selectFrom('ratings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(ratings.n)).toBeGreaterThan(360 * 2);
  });

  it('keeps the unit tree city → county → township', async () => {
    const { db } = database();
    const town = await db.selectFrom('units').selectAll().where('code', '=', 'QX-YS-T01').executeTakeFirstOrThrow();
    const county = await db.selectFrom('units').selectAll().where('id', '=', town.parent_id).executeTakeFirstOrThrow();
    const city = await db.selectFrom('units').selectAll().where('id', '=', county.parent_id).executeTakeFirstOrThrow();
    expect([town.level, county.level, city.level, city.parent_id]).toEqual(['township', 'county', 'city', null]);
  });

  it('stores ballots and cards with nothing that could name their rater (decision 011)', async () => {
    const { db, dialect } = database();
    const columnsOf = async (table: string) =>
      dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)).rows.map(
            (r) => r.name,
          )
        : (
            await sql<{
              name: string;
            }>`select column_name as name from information_schema.columns where table_name = ${table}`.execute(db)
          ).rows.map((r) => r.name);
    expect((await columnsOf('ratings')).sort()).toEqual(
      ['campaign_id', 'card_id', 'counted', 'item', 'points', 'rater_type', 'unit_id'].sort(),
    );
    const columns = await columnsOf('ballots');
    expect(columns.sort()).toEqual(
      [
        'answers',
        'campaign_id',
        'flags',
        'id',
        'questionnaire_id',
        'rater_type',
        'receipt',
        'review_status',
        'submission_hash',
        'submitted_hour',
        'target_unit_id',
      ].sort(),
    );
    const codeColumns = await columnsOf('access_codes');
    expect(codeColumns.sort()).toEqual(
      ['batch_id', 'blind_signature', 'blinded_hash', 'campaign_id', 'code_hash', 'spent', 'voided'].sort(),
    );
  });
});
