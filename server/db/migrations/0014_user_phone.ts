import type { Kysely } from 'kysely';

// Frozen. Weekly-report reminders by SMS (issue 15): an account may have a mainland mobile on file, typed
// by an administrator, so the office can text a unit's staff that the unit's weekly report is missing.
// Nullable: most accounts have none, and no other feature reads it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('phone', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('phone').execute();
}
