import { randomBytes } from 'node:crypto';
import { countLiveCodes, voidLiveCodes } from '../access/codes.repository.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Db } from '../db/database.ts';
import { keyCheck } from '../startup/server-key.ts';

// Changing the server key (docs/deploy.md, "The server key"). What depends on it: the hashes of unused
// codes, the rate counters, the token keys and the sealed inbox of open campaigns. Rotation is refused
// while any of that exists; replacing a lost key discards it, says how much, and is audited.

export class KeyMaintenanceError extends Error {}

const LIVE = ['draft', 'open'] as const;

export async function rotateServerKey(db: Db): Promise<{ key: string }> {
  const open = await db.selectFrom('campaigns').select('slug').where('status', '=', 'open').execute();
  if (open.length > 0) {
    throw new KeyMaintenanceError(`Campaigns are open (${open.map((c) => c.slug).join(', ')}): close them first.`);
  }
  const codes = await countLiveCodes(db, LIVE);
  if (codes > 0) {
    throw new KeyMaintenanceError(`${codes} unused codes of draft campaigns depend on the key: void them first.`);
  }
  return replaceKey(db, 'rotate_server_key', {});
}

export async function replaceLostServerKey(db: Db): Promise<{ key: string; voidedCodes: number; lostSealed: number }> {
  const sealed = await db
    .selectFrom('ballot_inbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const lostSealed = Number(sealed.n);
  return db.transaction().execute(async (trx) => {
    const voidedCodes = await voidLiveCodes(trx, LIVE);
    await trx.deleteFrom('ballot_inbox').execute();
    const { key } = await replaceKey(trx, 'replace_lost_server_key', { voidedCodes, lostSealed });
    return { key, voidedCodes, lostSealed };
  });
}

async function replaceKey(db: Db, action: string, detail: Record<string, unknown>): Promise<{ key: string }> {
  const key = randomBytes(32).toString('base64url');
  await db.deleteFrom('rate_counters').execute();
  await db.deleteFrom('token_keys').execute();
  await db
    .insertInto('app_settings')
    .values({ key: 'server_key_check', value: keyCheck(key) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: keyCheck(key) }))
    .execute();
  await recordAudit(db, { actorUserId: null, action, entityType: 'server', detail });
  return { key };
}
