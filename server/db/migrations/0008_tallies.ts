import { sql, type Kysely } from 'kysely';

// Frozen. Live results from running tallies instead of per-rating triggers (issue 14, decision 013):
// - `rating_tallies`: counted ratings per campaign × rater type × unit × item × points (every item
//   statistic and histogram);
// - `card_tallies`: counted cards per campaign × rater type × unit × (K answers, P points) — the
//   ballot-level sums of the scoring module follow exactly from these groups;
// - `recipient_counts`: recipient ballots received (and flagged) per unit, for participation;
// all three written by the application once per ballot or per mixed batch, in the transaction that
// writes the cards. `card_scores` and its triggers go (each rating cost an upsert), and so does
// `ratings_aggregate_idx` (62% of a wide ballot's pages; nothing reads it any more).
// Existing campaigns are tallied from their stored ratings and ballots.

type Dialect = 'sqlite' | 'postgres';

function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres') ? 'postgres' : 'sqlite';
}

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  const plain = (t: any) => (dialect === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t);

  await db.schema
    .createTable('rating_tallies')
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('rater_type', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('points', real, (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rating_tallies_pk', ['campaign_id', 'rater_type', 'unit_id', 'item', 'points'])
    .$call(plain)
    .execute();
  await db.schema
    .createTable('card_tallies')
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('rater_type', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('answers', 'integer', (c) => c.notNull())
    .addColumn('points', real, (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('card_tallies_pk', ['campaign_id', 'rater_type', 'unit_id', 'answers', 'points'])
    .$call(plain)
    .execute();
  await db.schema
    .createTable('recipient_counts')
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('received', 'integer', (c) => c.notNull())
    .addColumn('flagged', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('recipient_counts_pk', ['campaign_id', 'unit_id'])
    .$call(plain)
    .execute();

  await sql`
    insert into rating_tallies (campaign_id, rater_type, unit_id, item, points, n)
    select campaign_id, rater_type, unit_id, item, points, count(*) from ratings where counted = 1
    group by campaign_id, rater_type, unit_id, item, points`.execute(db);
  await sql`
    insert into card_tallies (campaign_id, rater_type, unit_id, answers, points, n)
    select campaign_id, rater_type, unit_id, answers, points, count(*) from card_scores where answers > 0
    group by campaign_id, rater_type, unit_id, answers, points`.execute(db);
  await sql`
    insert into recipient_counts (campaign_id, unit_id, received, flagged)
    select campaign_id, target_unit_id, count(*), count(flags) from ballots
    where rater_type = 'recipient' and target_unit_id is not null
    group by campaign_id, target_unit_id`.execute(db);

  if (dialect === 'postgres') {
    await sql`drop trigger card_scores on ratings`.execute(db);
    await sql`drop function card_scores_apply()`.execute(db);
  } else {
    for (const name of ['card_scores_insert', 'card_scores_delete', 'card_scores_update']) {
      await sql`drop trigger ${sql.raw(name)}`.execute(db);
    }
  }
  await db.schema.dropTable('card_scores').execute();
  await db.schema.dropIndex('ratings_aggregate_idx').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migration 0008 (tallies) cannot be reverted; restore a backup taken before it.');
}
