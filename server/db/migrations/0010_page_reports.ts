import { sql, type Kysely } from 'kysely';

// Frozen. Page reports (issue 18): a respondent page that could not start — the phone is below the support
// floor ('too-old'), or the modern build failed and the page fell back to the legacy one ('modern-failed')
// — is counted per campaign (null: none, or an unknown slug), UTC day and kind. Nothing else is kept: no
// address, user agent, unit or time finer than the day. A campaign's counts go with the campaign.
// NULLs are distinct in a unique index on both dialects, so the rows without a campaign have their own.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('page_reports')
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('page_reports_campaign_uq')
    .on('page_reports')
    .columns(['campaign_id', 'day', 'kind'])
    .unique()
    .where('campaign_id', 'is not', null)
    .execute();
  await db.schema
    .createIndex('page_reports_none_uq')
    .on('page_reports')
    .columns(['day', 'kind'])
    .unique()
    .where(sql.ref('campaign_id'), 'is', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('page_reports').execute();
}
