import type { Kysely } from 'kysely';

// Frozen. Counters shared by every app server (login attempts, per-device and per-IP rating limits).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_counters')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rate_counters_pk', ['scope', 'key_hash', 'window_start'])
    .execute();
  await db.schema.createIndex('rate_counters_window_idx').on('rate_counters').column('window_start').execute();
  await db.schema.createIndex('sessions_expires_idx').on('sessions').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_expires_idx').execute();
  await db.schema.dropTable('rate_counters').execute();
}
