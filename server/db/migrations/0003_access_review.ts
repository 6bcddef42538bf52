import type { Kysely } from 'kysely';

// Frozen. Per-campaign keys for rate-limit hashes (deleted when the campaign closes), and the office's
// review of flagged ballots: an excluded ballot keeps its ratings but they stop counting.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaign_keys')
    .addColumn('campaign_id', 'integer', (c) => c.primaryKey().references('campaigns.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('ballots').addColumn('review_status', 'text').execute();
  await db.schema
    .alterTable('ratings')
    .addColumn('counted', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.dropIndex('ratings_aggregate_idx').execute();
  await db.schema
    .createIndex('ratings_aggregate_idx')
    .on('ratings')
    .columns(['campaign_id', 'counted', 'unit_id', 'rater_type', 'item', 'points'])
    .execute();
  await db.schema.createIndex('ratings_ballot_idx').on('ratings').column('ballot_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('ratings_ballot_idx').execute();
  await db.schema.dropIndex('ratings_aggregate_idx').execute();
  await db.schema.alterTable('ratings').dropColumn('counted').execute();
  await db.schema.alterTable('ballots').dropColumn('review_status').execute();
  await db.schema.dropTable('campaign_keys').execute();
  await db.schema
    .createIndex('ratings_aggregate_idx')
    .on('ratings')
    .columns(['campaign_id', 'unit_id', 'rater_type', 'item', 'points'])
    .execute();
}
