import type { CreateTableBuilder, Kysely } from 'kysely';

// Frozen. The 12345 hand-off (issue 16, decision 018, docs/hotline-12345.md):
// - `hotline_updates`: every status the hotline platform posted back for a problem handed to 12345, in the
//   order received (the problem itself keeps only the latest: visit_problems.hotline_*), with the
//   integration that posted it;
// - `hotline_exports`: when a handed-off problem was first exported for the platform, so that an operator
//   can ask for "not yet exported" problems.

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
  await withId(dialectOf(db), db.schema.createTable('hotline_updates'))
    .addColumn('visit_problem_id', 'integer', (c) => c.notNull().references('visit_problems.id'))
    .addColumn('integration_id', 'integer', (c) => c.references('integrations.id'))
    .addColumn('ticket', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('hotline_updates_problem_idx')
    .on('hotline_updates')
    .columns(['visit_problem_id', 'id'])
    .execute();

  await db.schema
    .createTable('hotline_exports')
    .addColumn('visit_problem_id', 'integer', (c) => c.primaryKey().references('visit_problems.id'))
    .addColumn('exported_at', 'text', (c) => c.notNull())
    .addColumn('exported_by', 'integer', (c) => c.references('users.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('hotline_exports').execute();
  await db.schema.dropTable('hotline_updates').execute();
}
