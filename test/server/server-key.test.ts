import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { defaultKeyFile, keyCheck, loadServerKey, ServerKeyError } from '../../server/startup/server-key.ts';
import { describeEachDialect } from '../support/test-db.ts';

describeEachDialect('the server key lives outside the database', (database) => {
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-key-'));
  const keyFile = join(dir, 'pingyi.key');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('puts the key beside the SQLite file by default', () => {
    expect(defaultKeyFile('file:./data/pingyi.sqlite')).toMatch(/data[\\/]pingyi\.key$/);
    expect(defaultKeyFile('postgres://x/y')).toMatch(/data[\\/]pingyi\.key$/);
  });

  it('creates a key file readable by its owner only on first start, keeps only a check value, and reuses it', async () => {
    const { db } = database();
    const first = await loadServerKey(db, { configured: undefined, keyFile });
    expect(first.source).toBe('new key file');
    expect(first.key.length).toBeGreaterThanOrEqual(32);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').trim()).toBe(first.key);
    const settings = await db.selectFrom('app_settings').selectAll().execute();
    expect(settings.some((s) => s.value.includes(first.key))).toBe(false);
    expect(settings.find((s) => s.key === 'server_key_check')?.value).toBe(keyCheck(first.key));
    expect(await loadServerKey(db, { configured: undefined, keyFile })).toEqual({ key: first.key, source: 'key file' });
    expect(await loadServerKey(db, { configured: first.key, keyFile: join(dir, 'absent') })).toEqual({
      key: first.key,
      source: 'environment',
    });
  });

  it('refuses to start with another key, or with none, for a database that has one', async () => {
    const { db } = database();
    await expect(loadServerKey(db, { configured: 'x'.repeat(40), keyFile })).rejects.toThrow(ServerKeyError);
    await expect(loadServerKey(db, { configured: 'x'.repeat(40), keyFile })).rejects.toThrow(/not the key/);
    await expect(loadServerKey(db, { configured: undefined, keyFile: join(dir, 'missing.key') })).rejects.toThrow(
      /neither SERVER_KEY nor the key file/,
    );
    writeFileSync(join(dir, 'other.key'), 'y'.repeat(43));
    await expect(loadServerKey(db, { configured: undefined, keyFile: join(dir, 'other.key') })).rejects.toThrow(
      /not the key/,
    );
  });

  it('moves a secret an earlier version kept in the database out of it, into the key file', async () => {
    const { db } = database();
    const legacy = 'l'.repeat(43);
    await db.deleteFrom('app_settings').where('key', '=', 'server_key_check').execute();
    await db.insertInto('app_settings').values({ key: 'server_secret', value: legacy }).execute();
    const legacyFile = join(dir, 'legacy.key');
    const loaded = await loadServerKey(db, { configured: undefined, keyFile: legacyFile });
    expect(loaded).toEqual({ key: legacy, source: 'adopted from the database' });
    expect(readFileSync(legacyFile, 'utf8').trim()).toBe(legacy);
    const settings = await db.selectFrom('app_settings').selectAll().execute();
    expect(settings.map((s) => s.key)).not.toContain('server_secret');
    expect(settings.some((s) => s.value === legacy)).toBe(false);
  });
});
