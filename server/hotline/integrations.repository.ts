import type { Db } from '../db/database.ts';

// All SQL of the integrations (callers of the 12345 post-back API). The secret's hash is read only by
// findBySecretHash: lists never carry it.

const LISTED = ['id', 'name', 'kind', 'created_at', 'created_by', 'disabled_at', 'last_used_at'] as const;

export async function listIntegrations(db: Db) {
  return db.selectFrom('integrations').select(LISTED).orderBy('id').execute();
}

export async function findIntegration(db: Db, id: number) {
  return db.selectFrom('integrations').select(LISTED).where('id', '=', id).executeTakeFirst();
}

export type IntegrationRow = NonNullable<Awaited<ReturnType<typeof findIntegration>>>;

export async function findBySecretHash(db: Db, secretHash: string) {
  return db.selectFrom('integrations').select(LISTED).where('secret_hash', '=', secretHash).executeTakeFirst();
}

export async function insertIntegration(
  db: Db,
  values: { name: string; secretHash: string; createdBy: number; now: string },
): Promise<number> {
  const row = await db
    .insertInto('integrations')
    .values({
      name: values.name,
      kind: 'hotline',
      secret_hash: values.secretHash,
      created_at: values.now,
      created_by: values.createdBy,
      disabled_at: null,
      last_used_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setSecretHash(db: Db, id: number, secretHash: string): Promise<void> {
  await db.updateTable('integrations').set({ secret_hash: secretHash }).where('id', '=', id).execute();
}

export async function markDisabled(db: Db, id: number, now: string): Promise<void> {
  await db
    .updateTable('integrations')
    .set({ disabled_at: now })
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .execute();
}

export async function markUsed(db: Db, id: number, now: string): Promise<void> {
  await db.updateTable('integrations').set({ last_used_at: now }).where('id', '=', id).execute();
}
