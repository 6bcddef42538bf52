import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen. Visits (三遍访, issue 16, decision 018):
// - `visit_villages`: villages and communities (村 / 社区) with their township (a `units` row of level
//   township) and number of households; `visit_enterprises`: enterprises with their 统一社会信用代码, township,
//   village, industry and size; `visit_households`: a village's households, only when the office imports a
//   list (otherwise a village's households are its count);
// - `visit_teams` (民情书记服务队), their members (accounts, each with the unit they come from) and the
//   townships or villages each team covers;
// - `visits`: one record per visit (who, whom, when, where, what was heard), idempotent by the phone's own
//   `client_ref`; `visit_problems`: every problem heard, with its outcome (solved on the spot, explained,
//   transferred to a unit, handed to 12345) and the feedback to the person within its deadline;
// - `integrations`: callers of the 12345 post-back API, each with its own secret (its SHA-256 only);
// - `problem_reports` (a unit's inbox) takes transferred problems too: `source` ('rating' for a recipient's
//   report, 'visit' for a transferred one), `visit_problem_id`, and a campaign that may be null. On SQLite
//   the table is rebuilt to drop NOT NULL (it keeps WITHOUT ROWID: rows stay in the order of their random id).

type Dialect = 'sqlite' | 'postgres';

function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter.constructor.name.toLowerCase().includes('postgres') ? 'postgres' : 'sqlite';
}

function withId(dialect: Dialect, table: CreateTableBuilder<string, never>) {
  return dialect === 'postgres'
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);

  await withId(dialect, db.schema.createTable('visit_villages'))
    .addColumn('township_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('households', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('visit_villages_name_unique', ['township_id', 'name'])
    .execute();

  await withId(dialect, db.schema.createTable('visit_enterprises'))
    .addColumn('credit_code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('township_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('village_id', 'integer', (c) => c.references('visit_villages.id'))
    .addColumn('industry', 'text')
    .addColumn('size', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('visit_enterprises_area_idx')
    .on('visit_enterprises')
    .columns(['township_id', 'village_id'])
    .execute();

  await withId(dialect, db.schema.createTable('visit_households'))
    .addColumn('village_id', 'integer', (c) => c.notNull().references('visit_villages.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('visit_households_label_unique', ['village_id', 'label'])
    .execute();

  await withId(dialect, db.schema.createTable('visit_teams'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await withId(dialect, db.schema.createTable('visit_team_members'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('visit_teams.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('is_leader', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('visit_team_members_unique', ['team_id', 'user_id'])
    .execute();
  await withId(dialect, db.schema.createTable('visit_team_areas'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('visit_teams.id').onDelete('cascade'))
    .addColumn('township_id', 'integer', (c) => c.references('units.id'))
    .addColumn('village_id', 'integer', (c) => c.references('visit_villages.id'))
    .execute();
  await db.schema.createIndex('visit_team_areas_team_idx').on('visit_team_areas').columns(['team_id']).execute();

  await withId(dialect, db.schema.createTable('visits'))
    .addColumn('client_ref', 'text', (c) => c.notNull().unique())
    .addColumn('team_id', 'integer', (c) => c.references('visit_teams.id'))
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('visited_time', 'text')
    .addColumn('place', 'text')
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('enterprise_id', 'integer', (c) => c.references('visit_enterprises.id'))
    .addColumn('village_id', 'integer', (c) => c.references('visit_villages.id'))
    .addColumn('household_id', 'integer', (c) => c.references('visit_households.id'))
    .addColumn('households_count', 'integer')
    .addColumn('cadres', 'text', (c) => c.notNull())
    .addColumn('heard', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visits_on_idx').on('visits').columns(['visited_on']).execute();
  await db.schema.createIndex('visits_enterprise_idx').on('visits').columns(['enterprise_id']).execute();
  await db.schema.createIndex('visits_village_idx').on('visits').columns(['village_id']).execute();

  await withId(dialect, db.schema.createTable('visit_problems'))
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('raiser_name', 'text')
    .addColumn('raiser_phone', 'text')
    .addColumn('share_contact', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('explanation_accepted', 'integer')
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('report_id', 'text')
    .addColumn('hotline_ticket', 'text')
    .addColumn('hotline_status', 'text')
    .addColumn('hotline_reply', 'text')
    .addColumn('hotline_updated_at', 'text')
    .addColumn('feedback_due_on', 'text')
    .addColumn('fed_back_on', 'text')
    .addColumn('feedback_channel', 'text')
    .addColumn('feedback_satisfaction', 'text')
    .addColumn('followup_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('visit_problems_seq_unique', ['visit_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('visit_problems_feedback_idx')
    .on('visit_problems')
    .columns(['fed_back_on', 'feedback_due_on'])
    .execute();
  await db.schema.createIndex('visit_problems_ticket_idx').on('visit_problems').columns(['hotline_ticket']).execute();

  await withId(dialect, db.schema.createTable('integrations'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('disabled_at', 'text')
    .addColumn('last_used_at', 'text')
    .execute();

  await inboxTakesVisits(db, dialect);
}

/** `problem_reports`: a source, the visit problem it came from, and a campaign that may be null. */
async function inboxTakesVisits(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table problem_reports alter column campaign_id drop not null`.execute(db);
    await db.schema
      .alterTable('problem_reports')
      .addColumn('source', 'text', (c) => c.notNull().defaultTo('rating'))
      .execute();
    await db.schema.alterTable('problem_reports').addColumn('visit_problem_id', 'integer').execute();
  } else {
    // SQLite cannot drop NOT NULL: a new table, the rows copied in the order of their id, the old one dropped.
    await sql`create table problem_reports_new (
      id text primary key,
      campaign_id integer references campaigns(id) on delete cascade,
      unit_id integer not null,
      description text not null,
      contact text,
      received_on text,
      due_on text,
      status text not null default 'open',
      problem_id integer,
      answer text,
      answered_at text,
      answered_by integer,
      source text not null default 'rating',
      visit_problem_id integer
    ) without rowid`.execute(db);
    await sql`insert into problem_reports_new
      (id, campaign_id, unit_id, description, contact, received_on, due_on, status, problem_id, answer, answered_at, answered_by)
      select id, campaign_id, unit_id, description, contact, received_on, due_on, status, problem_id, answer, answered_at, answered_by
      from problem_reports order by id`.execute(db);
    await sql`drop table problem_reports`.execute(db);
    await sql`alter table problem_reports_new rename to problem_reports`.execute(db);
    await db.schema
      .createIndex('problem_reports_unit_idx')
      .on('problem_reports')
      .columns(['campaign_id', 'unit_id'])
      .execute();
    await db.schema
      .createIndex('problem_reports_status_idx')
      .on('problem_reports')
      .columns(['unit_id', 'status'])
      .execute();
  }
  await db.schema
    .createIndex('problem_reports_visit_idx')
    .on('problem_reports')
    .columns(['visit_problem_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  await db.schema.dropIndex('problem_reports_visit_idx').execute();
  await db.deleteFrom('problem_reports').where('campaign_id', 'is', null).execute();
  await db.schema.alterTable('problem_reports').dropColumn('visit_problem_id').execute();
  await db.schema.alterTable('problem_reports').dropColumn('source').execute();
  if (dialect === 'postgres') await sql`alter table problem_reports alter column campaign_id set not null`.execute(db);
  for (const table of [
    'integrations',
    'visit_problems',
    'visits',
    'visit_team_areas',
    'visit_team_members',
    'visit_teams',
    'visit_households',
    'visit_enterprises',
    'visit_villages',
  ])
    await db.schema.dropTable(table).execute();
}
