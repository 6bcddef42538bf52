import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

// Frozen. Problems and rectification (issue 15, decision 017):
// - `problem_types`: the office's list of problem types (形式主义, 官僚主义, 营商环境 …);
// - `problems`: the problem list and ledger (问题清单 / 整改台账), one row per problem with its current state;
// - `problem_events`: every change of a problem (who, when, what, old → new). Triggers refuse UPDATE and
//   DELETE, so the timeline is never edited or deleted, even by hand-written SQL;
// - `problem_evidence`: photos and PDFs of a fix; the bytes live outside the database, found by their hash;
// - `problem_reports` (the recipients' reports, mixed in apart from their ballots) become the units' inbox:
//   the day the batch was written, the unit's answer and the problem it went into;
// - `problem_followups`: follow-up codes (only their hash) with which a raiser sees a problem and rates the
//   fix, and the phone an SMS goes to until the loop closes; `fix_ratings`: one rating per code per claim;
// - `weekly_reports` (每周五上报) and `weekly_reminders`.

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

  await withId(dialect, db.schema.createTable('problem_types'))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await withId(dialect, db.schema.createTable('problems'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_ref', 'text')
    .addColumn('type_id', 'integer', (c) => c.references('problem_types.id'))
    .addColumn('leader', 'text')
    .addColumn('owner', 'text')
    .addColumn('measures', 'text')
    .addColumn('deadline', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('explanation', 'text')
    .addColumn('claim_round', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('filed_at', 'text')
    .addColumn('claimed_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('problems_unit_idx').on('problems').columns(['unit_id', 'state']).execute();
  await db.schema.createIndex('problems_state_idx').on('problems').columns(['state', 'deadline']).execute();

  await withId(dialect, db.schema.createTable('problem_events'))
    .addColumn('problem_id', 'integer', (c) => c.notNull().references('problems.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('changes', 'text')
    .addColumn('note', 'text')
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('problem_events_problem_idx')
    .on('problem_events')
    .columns(['problem_id', 'id'])
    .execute();
  await db.schema.createIndex('problem_events_at_idx').on('problem_events').columns(['at']).execute();
  await (dialect === 'postgres' ? freezePostgres(db) : freezeSqlite(db));

  await db.schema
    .createTable('problem_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('problem_id', 'integer', (c) => c.notNull().references('problems.id'))
    .addColumn('event_id', 'integer', (c) => c.references('problem_events.id'))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('problem_evidence_problem_idx').on('problem_evidence').columns(['problem_id']).execute();

  // The inbox: a report is answered by its unit. `received_on` is the day its batch was written (never the
  // ballot's time); `due_on` the last working day for the answer.
  await db.schema.alterTable('problem_reports').addColumn('received_on', 'text').execute();
  await db.schema.alterTable('problem_reports').addColumn('due_on', 'text').execute();
  await db.schema
    .alterTable('problem_reports')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .execute();
  await db.schema.alterTable('problem_reports').addColumn('problem_id', 'integer').execute();
  await db.schema.alterTable('problem_reports').addColumn('answer', 'text').execute();
  await db.schema.alterTable('problem_reports').addColumn('answered_at', 'text').execute();
  await db.schema.alterTable('problem_reports').addColumn('answered_by', 'integer').execute();
  await db.schema
    .createIndex('problem_reports_status_idx')
    .on('problem_reports')
    .columns(['unit_id', 'status'])
    .execute();

  await db.schema
    .createTable('problem_followups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('report_id', 'text')
    .addColumn('problem_id', 'integer', (c) => c.references('problems.id'))
    .addColumn('phone', 'text')
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('problem_followups_problem_idx')
    .on('problem_followups')
    .columns(['problem_id'])
    .execute();
  await db.schema.createIndex('problem_followups_report_idx').on('problem_followups').columns(['report_id']).execute();

  await db.schema
    .createTable('fix_ratings')
    .addColumn('followup_id', 'text', (c) => c.notNull().references('problem_followups.id'))
    .addColumn('claim_round', 'integer', (c) => c.notNull())
    .addColumn('problem_id', 'integer', (c) => c.notNull().references('problems.id'))
    .addColumn('rating', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('rated_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('fix_ratings_pk', ['followup_id', 'claim_round'])
    .execute();
  await db.schema.createIndex('fix_ratings_problem_idx').on('fix_ratings').columns(['problem_id']).execute();

  await withId(dialect, db.schema.createTable('weekly_reports'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('progress', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('plan', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('difficulties', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('summary', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addUniqueConstraint('weekly_reports_unit_week_uq', ['unit_id', 'week_start'])
    .execute();

  await withId(dialect, db.schema.createTable('weekly_reminders'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('weekly_reminders_week_idx')
    .on('weekly_reminders')
    .columns(['week_start', 'unit_id'])
    .execute();
}

async function freezeSqlite(db: Kysely<any>): Promise<void> {
  for (const event of ['update', 'delete']) {
    await sql`
      create trigger ${sql.raw(`problem_events_no_${event}`)} before ${sql.raw(event)} on problem_events
      begin select raise(abort, 'a timeline entry is never edited or deleted'); end
    `.execute(db);
  }
}

async function freezePostgres(db: Kysely<any>): Promise<void> {
  await sql`
    create function problem_events_frozen() returns trigger language plpgsql as $$
    begin
      raise exception 'a timeline entry is never edited or deleted';
    end $$
  `.execute(db);
  await sql`
    create trigger problem_events_frozen before update or delete on problem_events
    for each row execute function problem_events_frozen()
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  for (const table of ['weekly_reminders', 'weekly_reports', 'fix_ratings', 'problem_followups', 'problem_evidence']) {
    await db.schema.dropTable(table).execute();
  }
  if (dialect === 'postgres') {
    await sql`drop trigger problem_events_frozen on problem_events`.execute(db);
    await sql`drop function problem_events_frozen()`.execute(db);
  }
  await db.schema.dropTable('problem_events').execute();
  await db.schema.dropTable('problems').execute();
  await db.schema.dropTable('problem_types').execute();
  await db.schema.dropIndex('problem_reports_status_idx').execute();
  for (const column of ['answered_by', 'answered_at', 'answer', 'problem_id', 'status', 'due_on', 'received_on']) {
    await db.schema.alterTable('problem_reports').dropColumn(column).execute();
  }
}
