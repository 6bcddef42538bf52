import type { Kysely } from 'kysely';

// Frozen. Account and abuse hardening (issue 11):
// - users.password_expires_at: a one-time password (new account, reset, first administrator) is good for
//   a limited time only; null for a password the user chose.
// - spent_challenges: proof-of-work challenges already used, so one solution cannot be replayed. Only a
//   hash of the challenge's nonce is kept, until the challenge would have expired anyway.
// - rate_counters.expires_at: when the counter's window ends, so scheduled pruning drops each counter
//   (a keyed hash of an address or account) as soon as it no longer limits anything. Rows from before
//   have none and are pruned by their window's start, past the longest window any limit uses.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('password_expires_at', 'text').execute();
  await db.schema
    .createTable('spent_challenges')
    .addColumn('nonce_hash', 'text', (c) => c.primaryKey())
    .addColumn('uses', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('spent_challenges_expiry_idx').on('spent_challenges').column('expires_at').execute();
  await db.schema.alterTable('rate_counters').addColumn('expires_at', 'text').execute();
  await db.schema.createIndex('rate_counters_expiry_idx').on('rate_counters').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rate_counters_expiry_idx').execute();
  await db.schema.alterTable('rate_counters').dropColumn('expires_at').execute();
  await db.schema.dropTable('spent_challenges').execute();
  await db.schema.alterTable('users').dropColumn('password_expires_at').execute();
}
