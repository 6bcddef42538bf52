import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen: this migration must never change once released. It imports no app code.

type Dialect = 'sqlite' | 'postgres';

async function dialectOf(db: Kysely<any>): Promise<Dialect> {
  const adapter = db.getExecutor().adapter.constructor.name;
  return adapter.toLowerCase().includes('postgres') ? 'postgres' : 'sqlite';
}

function withId(dialect: Dialect, table: CreateTableBuilder<string, never>) {
  return dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  const real = dialect === 'postgres' ? 'double precision' : 'real';

  await withId(dialect, db.schema.createTable('categories'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('ranked', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await withId(dialect, db.schema.createTable('units'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('units.id'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('city', 'county', 'township', 'department')`))
    .addColumn('category_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('units_parent_idx').on('units').column('parent_id').execute();

  await withId(dialect, db.schema.createTable('users'))
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'leader', 'unit_staff')`))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await withId(dialect, db.schema.createTable('questionnaires'))
    .addColumn('family', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('rater_type', 'text', (c) => c.notNull().check(sql`rater_type in ('superior', 'peer', 'recipient')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('questionnaires_family_version_uq', ['family', 'version'])
    .execute();

  await withId(dialect, db.schema.createTable('campaigns'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('draft', 'open', 'closed', 'published', 'archived')`),
    )
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();

  await db.schema
    .createTable('campaign_units')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('category_id', 'integer', (c) => c.references('categories.id'))
    .addPrimaryKeyConstraint('campaign_units_pk', ['campaign_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('campaign_rater_types')
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('rater_type', 'text', (c) => c.notNull())
    .addColumn('questionnaire_id', 'integer', (c) => c.notNull().references('questionnaires.id'))
    .addColumn('min_count', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('campaign_rater_types_pk', ['campaign_id', 'rater_type'])
    .execute();

  await withId(dialect, db.schema.createTable('code_batches'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('rater_type', 'text', (c) => c.notNull())
    .addColumn('rater_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('target_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // No spent_at, no ballot reference: a code knows only whether it was used (decision 002).
  await db.schema
    .createTable('access_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('code_batches.id').onDelete('cascade'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('spent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('access_codes_batch_idx').on('access_codes').columns(['batch_id', 'spent']).execute();

  // Ballots have a random key and, on SQLite, no rowid: storage order says nothing about arrival order.
  await db.schema
    .createTable('ballots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('rater_type', 'text', (c) => c.notNull())
    .addColumn('questionnaire_id', 'integer', (c) => c.notNull().references('questionnaires.id'))
    .addColumn('target_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('receipt', 'text', (c) => c.notNull().unique())
    .addColumn('submission_hash', 'text', (c) => c.notNull().unique())
    .addColumn('submitted_hour', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('flags', 'text')
    .$call((t) => (dialect === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t))
    .execute();
  await db.schema.createIndex('ballots_campaign_idx').on('ballots').columns(['campaign_id', 'rater_type']).execute();

  await db.schema
    .createTable('ratings')
    .addColumn('ballot_id', 'text', (c) => c.notNull().references('ballots.id').onDelete('cascade'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull())
    .addColumn('rater_type', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('points', real, (c) => c.notNull())
    .addPrimaryKeyConstraint('ratings_pk', ['ballot_id', 'unit_id', 'item'])
    .$call((t) => (dialect === 'sqlite' ? t.modifyEnd(sql`without rowid`) : t))
    .execute();
  // Covering index for aggregation: campaign → unit → rater type → item, with the points in the leaf.
  await db.schema
    .createIndex('ratings_aggregate_idx')
    .on('ratings')
    .columns(['campaign_id', 'unit_id', 'rater_type', 'item', 'points'])
    .execute();

  await withId(dialect, db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('detail', 'text')
    .execute();

  await db.schema
    .createTable('app_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'app_settings',
    'audit_log',
    'ratings',
    'ballots',
    'access_codes',
    'code_batches',
    'campaign_rater_types',
    'campaign_units',
    'campaigns',
    'questionnaires',
    'sessions',
    'users',
    'units',
    'categories',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
