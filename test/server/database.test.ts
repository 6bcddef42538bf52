import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { loadServerSecret } from '../../server/startup/server-secret.ts';
import { TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';

describeEachDialect('database', (database) => {
  it('is migrated, and migrating again changes nothing', async () => {
    expect(await migrateToLatest(database().db)).toEqual([]);
  });

  it('generates the server secret once and keeps it', async () => {
    const first = await loadServerSecret(database().db, undefined);
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(await loadServerSecret(database().db, undefined)).toBe(first);
    expect(await loadServerSecret(database().db, 'x'.repeat(40))).toBe('x'.repeat(40));
  });

  it('seeds the demo once, and never touches a database that has data', async () => {
    const { db } = database();
    const seeded = await seedDemoIfEmpty(db, new Date(), TEST_SECRET);
    expect(seeded).toEqual({ units: 33, leaders: 12, ballots: 360 + 9 + 30 });
    expect(await seedDemoIfEmpty(db, new Date(), TEST_SECRET)).toBeNull();
    const units = await db
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(units.n)).toBe(33);
    const ballots = await db
      .selectFrom('ballots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(ballots.n)).toBe(399);
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

  it('refuses a rating for a ballot that does not exist (foreign keys are on)', async () => {
    const { db } = database();
    await expect(
      db
        .insertInto('ratings')
        .values({ ballot_id: 'nope', campaign_id: 1, rater_type: 'recipient', unit_id: 1, item: 'x', points: 1 })
        .execute(),
    ).rejects.toThrow();
  });

  it('stores ballots with nothing that could name their rater (decision 002)', async () => {
    const { db, dialect } = database();
    const columns =
      dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from pragma_table_info('ballots')`.execute(db)).rows.map(
            (r) => r.name,
          )
        : (
            await sql<{
              name: string;
            }>`select column_name as name from information_schema.columns where table_name = 'ballots'`.execute(db)
          ).rows.map((r) => r.name);
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
    const codeColumns =
      dialect === 'sqlite'
        ? (await sql<{ name: string }>`select name from pragma_table_info('access_codes')`.execute(db)).rows.map(
            (r) => r.name,
          )
        : (
            await sql<{
              name: string;
            }>`select column_name as name from information_schema.columns where table_name = 'access_codes'`.execute(db)
          ).rows.map((r) => r.name);
    expect(codeColumns.sort()).toEqual(['batch_id', 'campaign_id', 'code_hash', 'spent', 'voided']);
  });
});
