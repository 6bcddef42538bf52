import { sql, type Kysely } from 'kysely';

// Frozen. Two things results need (decision 005):
// - `ballot_unit_scores`: per ballot × unit, the sum and count of its counted ratings, kept by triggers
//   on `ratings` inside the ballot's own transaction. Each ballot touches only its own rows, so writers
//   never contend; live results read one narrow row per ballot instead of every rating.
// - `publications`: frozen, versioned snapshots of published results. Triggers refuse UPDATE and DELETE,
//   so a published version cannot change even by hand-written SQL.

type Dialect = 'sqlite' | 'postgres';

function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres') ? 'postgres' : 'sqlite';
}

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const real = dialect === 'postgres' ? 'double precision' : 'real';

  // Like ratings, WITHOUT ROWID on SQLite: no rowid that would record arrival order (decision 002).
  await db.schema
    .createTable('ballot_unit_scores')
    .addColumn('ballot_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('rater_type', 'text', (c) => c.notNull())
    .addColumn('points', real, (c) => c.notNull())
    .addColumn('answers', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ballot_unit_scores_pk', ['ballot_id', 'unit_id'])
    .$call((t) => (dialect === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t))
    .execute();
  await sql`
    insert into ballot_unit_scores (ballot_id, unit_id, campaign_id, rater_type, points, answers)
    select ballot_id, unit_id, max(campaign_id), max(rater_type), sum(points), count(*)
    from ratings where counted = 1 group by ballot_id, unit_id
  `.execute(db);
  // In this order a GROUP BY over (rater type, unit, answers, points) streams without sorting.
  await db.schema
    .createIndex('ballot_unit_scores_shape_idx')
    .on('ballot_unit_scores')
    .columns(['campaign_id', 'rater_type', 'unit_id', 'answers', 'points'])
    .execute();

  await (dialect === 'postgres' ? createPostgresScoreTriggers(db) : createSqliteScoreTriggers(db));
  // The recount pages through a campaign's ballots by id. On SQLite ballots_campaign_idx already ends
  // with the id (the key of a WITHOUT ROWID table); PostgreSQL needs it spelt out.
  if (dialect === 'postgres') {
    await db.schema
      .createIndex('ballots_results_idx')
      .on('ballots')
      .columns(['campaign_id', 'rater_type', 'id'])
      .execute();
  }

  await db.schema
    .createTable('publications')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'integer', (c) => c.references('users.id'))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('publications_pk', ['campaign_id', 'version'])
    .execute();

  await (dialect === 'postgres' ? createPostgresFreeze(db) : createSqliteFreeze(db));
}

async function createSqliteScoreTriggers(db: Kysely<any>): Promise<void> {
  const add = (row: 'new') =>
    sql.raw(`
    insert into ballot_unit_scores (ballot_id, unit_id, campaign_id, rater_type, points, answers)
    select ${row}.ballot_id, ${row}.unit_id, ${row}.campaign_id, ${row}.rater_type, ${row}.points, 1 where ${row}.counted = 1
    on conflict (ballot_id, unit_id) do update set points = points + excluded.points, answers = answers + 1;`);
  const remove = (row: 'old') =>
    sql.raw(`
    update ballot_unit_scores set points = points - ${row}.points, answers = answers - 1
    where ${row}.counted = 1 and ballot_id = ${row}.ballot_id and unit_id = ${row}.unit_id;
    delete from ballot_unit_scores where ballot_id = ${row}.ballot_id and unit_id = ${row}.unit_id and answers <= 0;`);
  await sql`create trigger ratings_scores_insert after insert on ratings begin ${add('new')} end`.execute(db);
  await sql`create trigger ratings_scores_delete after delete on ratings begin ${remove('old')} end`.execute(db);
  await sql`create trigger ratings_scores_update after update on ratings begin ${remove('old')} ${add('new')} end`.execute(
    db,
  );
}

async function createPostgresScoreTriggers(db: Kysely<any>): Promise<void> {
  await sql`
    create function ratings_scores_apply() returns trigger language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') and old.counted = 1 then
        update ballot_unit_scores set points = points - old.points, answers = answers - 1
        where ballot_id = old.ballot_id and unit_id = old.unit_id;
        delete from ballot_unit_scores where ballot_id = old.ballot_id and unit_id = old.unit_id and answers <= 0;
      end if;
      if tg_op in ('INSERT', 'UPDATE') and new.counted = 1 then
        insert into ballot_unit_scores (ballot_id, unit_id, campaign_id, rater_type, points, answers)
        values (new.ballot_id, new.unit_id, new.campaign_id, new.rater_type, new.points, 1)
        on conflict (ballot_id, unit_id) do update
        set points = ballot_unit_scores.points + excluded.points, answers = ballot_unit_scores.answers + 1;
      end if;
      return null;
    end $$
  `.execute(db);
  await sql`
    create trigger ratings_scores after insert or update or delete on ratings
    for each row execute function ratings_scores_apply()
  `.execute(db);
}

async function createSqliteFreeze(db: Kysely<any>): Promise<void> {
  for (const event of ['update', 'delete']) {
    await sql`
      create trigger ${sql.raw(`publications_no_${event}`)} before ${sql.raw(event)} on publications
      begin select raise(abort, 'a published version never changes'); end
    `.execute(db);
  }
}

async function createPostgresFreeze(db: Kysely<any>): Promise<void> {
  await sql`
    create function publications_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'a published version never changes';
    end $$
  `.execute(db);
  await sql`
    create trigger publications_frozen before update or delete on publications
    for each row execute function publications_frozen()
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  if (dialect === 'postgres') {
    await sql`drop trigger publications_frozen on publications`.execute(db);
    await sql`drop function publications_frozen()`.execute(db);
    await sql`drop trigger ratings_scores on ratings`.execute(db);
    await sql`drop function ratings_scores_apply()`.execute(db);
    await db.schema.dropIndex('ballots_results_idx').execute();
  } else {
    for (const name of [
      'publications_no_update',
      'publications_no_delete',
      'ratings_scores_insert',
      'ratings_scores_delete',
      'ratings_scores_update',
    ]) {
      await sql`drop trigger ${sql.raw(name)}`.execute(db);
    }
  }
  await db.schema.dropTable('publications').execute();
  await db.schema.dropTable('ballot_unit_scores').execute();
}
