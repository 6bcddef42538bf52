import { beforeAll, expect, it } from 'vitest';
import { accessCodeHash } from '../../server/access/access-code.ts';
import { openInboxRecord } from '../../server/ballots/ballot-inbox.ts';
import { hmacHex } from '../../server/crypto/hashing.ts';
import type { Db } from '../../server/db/database.ts';
import { TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { createAnonymityCampaign, type AnonymityCampaign } from './anonymity-campaign.ts';

/**
 * A copy of the database alone, without the server key, verifies no guessed code and no guessed address,
 * and opens no sealed ballot (decision 011, threat 4). The attacker knows one real code and the address
 * that voted; it tries every text the database holds as the key, as earlier versions kept the secret there.
 */
describeEachDialect('anonymity: the database alone cannot check a guessed code or address', (database) => {
  let campaign: AnonymityCampaign;
  let knownCode: string;

  /** Every text value anywhere in the database: what the attacker can try as a key. */
  async function everyText(db: Db): Promise<string[]> {
    const tables = [
      'app_settings',
      'access_codes',
      'code_batches',
      'campaigns',
      'token_keys',
      'rate_counters',
      'ballots',
      'users',
      'sessions',
      'audit_log',
    ] as const;
    const texts = new Set<string>();
    for (const table of tables) {
      for (const row of await db.selectFrom(table).selectAll().execute()) {
        for (const value of Object.values(row)) if (typeof value === 'string' && value.length >= 8) texts.add(value);
      }
    }
    return [...texts];
  }

  beforeAll(async () => {
    campaign = await createAnonymityCampaign(database());
    knownCode = (await campaign.issue({ raterType: 'superior', count: 1 }))[0]!;
    await campaign.voteWithCode(knownCode!, () => 'B');
    // A wrong code from this address leaves its keyed address hash in the rate counters.
    await campaign.app.request('/api/respond/code', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'ZZZZ-ZZZZ' }),
    });
  });

  it('holds the key nowhere, and no text it holds makes a known code’s hash', async () => {
    const { db } = database();
    const texts = await everyText(db);
    expect(texts.some((text) => text.includes(TEST_SECRET))).toBe(false);
    const plain = knownCode.replace('-', '');
    const stored = new Set((await db.selectFrom('access_codes').select('code_hash').execute()).map((r) => r.code_hash));
    // The server's own construction, with the real key, finds it: the attack would work with the key.
    expect(stored.has(accessCodeHash(TEST_SECRET, plain))).toBe(true);
    const found = texts.filter((candidate) => stored.has(accessCodeHash(candidate, plain)));
    expect(found).toEqual([]);
  });

  it('makes no stored address hash from any text it holds', async () => {
    const { db } = database();
    const texts = await everyText(db);
    const counters = new Set(
      (await db.selectFrom('rate_counters').select('key_hash').execute()).map((r) => r.key_hash),
    );
    // app.request() has no socket: the address is 'unknown'. With the key the hash is there.
    expect(counters.has(hmacHex(TEST_SECRET, 'code-failures:unknown'))).toBe(true);
    const found = texts.filter((candidate) => counters.has(hmacHex(candidate, 'code-failures:unknown')));
    expect(found).toEqual([]);
  });

  it('opens no sealed ballot with any text it holds', async () => {
    const { db } = database();
    const sealed = await db.selectFrom('ballot_inbox').select('sealed').execute();
    expect(sealed.length).toBeGreaterThan(0);
    expect(() => openInboxRecord(TEST_SECRET, sealed[0]!.sealed)).not.toThrow();
    for (const candidate of (await everyText(db)).slice(0, 200)) {
      expect(() => openInboxRecord(candidate, sealed[0]!.sealed)).toThrow();
    }
    // Nor is a token's private key readable: it is sealed, not PKCS #8.
    const keys = await db.selectFrom('token_keys').select('private_key').execute();
    for (const { private_key: key } of keys)
      expect(Buffer.from(key, 'base64url').subarray(0, 2).toString('hex')).not.toBe('3082');
  });
});
