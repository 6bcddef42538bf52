import type { KeyObject } from 'node:crypto';
import type { RaterType } from '../../scoring/rater-type.ts';
import { generateBlindKeyPair, importPrivateKey, importPublicKey } from '../crypto/blind-rsa.ts';
import { purposeKey } from '../crypto/keys.ts';
import { seal, unseal } from '../crypto/sealing.ts';
import type { Db } from '../db/database.ts';

// One blind-signature key per kind of token a campaign issues: what a token lets its holder rate is the
// key that signed it, since the signer never sees the token. `superior`, `peer:{the rater's unit}`,
// `recipient:{the unit rated}`. Private keys are stored sealed under a key derived from the server key
// (outside the database), made on first use, and deleted when the campaign closes.

export interface TokenKey {
  readonly keyClass: string;
  readonly publicKey: string;
  readonly publicKeyObject: KeyObject;
  readonly privateKeyObject: KeyObject;
}

export interface KeyClass {
  readonly raterType: RaterType;
  /** Peer: the rater's own unit; recipient: the unit rated; superior: null. */
  readonly unitId: number | null;
}

export function keyClassOf(grant: {
  rater_type: RaterType;
  rater_unit_id: number | null;
  target_unit_id: number | null;
}) {
  if (grant.rater_type === 'peer') return `peer:${grant.rater_unit_id}`;
  if (grant.rater_type === 'recipient') return `recipient:${grant.target_unit_id}`;
  return 'superior';
}

export function parseKeyClass(keyClass: string): KeyClass | null {
  if (keyClass === 'superior') return { raterType: 'superior', unitId: null };
  const match = /^(peer|recipient):([1-9][0-9]{0,9})$/.exec(keyClass);
  return match ? { raterType: match[1] as RaterType, unitId: Number(match[2]) } : null;
}

/** Per database (tests run many in one process), per campaign and kind. */
const caches = new WeakMap<Db, Map<string, Promise<TokenKey>>>();

function cacheOf(db: Db): Map<string, Promise<TokenKey>> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

function sealingKey(serverKey: string): Buffer {
  return purposeKey(serverKey, 'token-keys');
}

/** The campaign's key for one kind of token, made the first time any app server needs it. */
export function tokenKey(db: Db, serverKey: string, campaignId: number, keyClass: string): Promise<TokenKey> {
  const cache = cacheOf(db);
  const cacheKey = `${campaignId}|${keyClass}`;
  let found = cache.get(cacheKey);
  if (!found) {
    found = loadOrCreate(db, serverKey, campaignId, keyClass);
    found.catch(() => cache.delete(cacheKey));
    cache.set(cacheKey, found);
  }
  return found;
}

/** The key if it exists (redemption never creates one: a token for a key nobody made is forged). */
export async function existingTokenKey(db: Db, serverKey: string, campaignId: number, keyClass: string) {
  const cached = cacheOf(db).get(`${campaignId}|${keyClass}`);
  if (cached) return cached;
  const row = await findKey(db, campaignId, keyClass);
  return row ? tokenKey(db, serverKey, campaignId, keyClass) : null;
}

async function loadOrCreate(db: Db, serverKey: string, campaignId: number, keyClass: string): Promise<TokenKey> {
  let row = await findKey(db, campaignId, keyClass);
  if (!row) {
    const pair = await generateBlindKeyPair();
    await db
      .insertInto('token_keys')
      .values({
        campaign_id: campaignId,
        key_class: keyClass,
        public_key: pair.publicKey,
        private_key: seal(sealingKey(serverKey), pair.privateKey),
      })
      .onConflict((oc) => oc.columns(['campaign_id', 'key_class']).doNothing())
      .execute();
    // Another app server may have made it a moment earlier: the stored one is the one.
    row = await findKey(db, campaignId, keyClass);
    if (!row) throw new Error(`token key ${keyClass} of campaign ${campaignId} could not be stored`);
  }
  return {
    keyClass,
    publicKey: row.public_key,
    publicKeyObject: importPublicKey(row.public_key),
    privateKeyObject: importPrivateKey(unseal(sealingKey(serverKey), row.private_key)),
  };
}

function findKey(db: Db, campaignId: number, keyClass: string) {
  return db
    .selectFrom('token_keys')
    .select(['public_key', 'private_key'])
    .where('campaign_id', '=', campaignId)
    .where('key_class', '=', keyClass)
    .executeTakeFirst();
}

/** At close: no token of the campaign can be issued or redeemed any more. */
export async function deleteTokenKeys(db: Db, campaignId: number): Promise<void> {
  await db.deleteFrom('token_keys').where('campaign_id', '=', campaignId).execute();
  const cache = cacheOf(db);
  for (const key of [...cache.keys()]) if (key.startsWith(`${campaignId}|`)) cache.delete(key);
}
