import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { hmacHex } from '../crypto/hashing.ts';
import type { Db } from '../db/database.ts';

/**
 * The server key: behind every keyed hash the database stores (access codes, the addresses and devices
 * in rate counters), the encryption of ballots waiting to be mixed and of the token-signing keys, and
 * nothing else. It lives outside the database (decision 011): in SERVER_KEY, or in a key file beside
 * the database file, created on first start and readable by its owner only. A copy of the database alone
 * can then recompute no hash and decrypt nothing.
 *
 * The database keeps only a check value (an HMAC of a fixed text under the key), so an app server with a
 * different or missing key refuses to start instead of quietly failing every code.
 */

const CHECK_SETTING = 'server_key_check';
/** Where earlier versions kept the secret (inside the database): adopted once into the key file, then deleted. */
const LEGACY_SETTING = 'server_secret';
const CHECK_TEXT = 'pingyi server key check v1';
export const MIN_KEY_LENGTH = 32;

export class ServerKeyError extends Error {}

export interface ServerKeyOptions {
  /** SERVER_KEY, when set. */
  readonly configured: string | undefined;
  /** The key file's path. */
  readonly keyFile: string;
}

export interface LoadedServerKey {
  readonly key: string;
  /** Where it came from, for the start-up log (never the key itself). */
  readonly source: 'environment' | 'key file' | 'new key file' | 'adopted from the database';
}

/** The key file's default place: beside the SQLite file (`pingyi.sqlite` → `pingyi.key`), else ./data. */
export function defaultKeyFile(databaseUrl: string): string {
  if (databaseUrl.startsWith('file:')) {
    const path = databaseUrl.replace(/^file:(\/\/)?/, '');
    if (path !== ':memory:') return resolve(dirname(path), `${basenameWithoutExtension(path)}.key`);
  }
  return resolve('data', 'pingyi.key');
}

function basenameWithoutExtension(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? 'pingyi';
  return base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
}

export function keyCheck(key: string): string {
  return hmacHex(key, CHECK_TEXT);
}

/** Finds, or on a fresh database creates, the server key, and checks it against the database. */
export async function loadServerKey(db: Db, options: ServerKeyOptions): Promise<LoadedServerKey> {
  const settings = await db
    .selectFrom('app_settings')
    .select(['key', 'value'])
    .where('key', 'in', [CHECK_SETTING, LEGACY_SETTING])
    .execute();
  const storedCheck = settings.find((s) => s.key === CHECK_SETTING)?.value ?? null;
  const legacy = settings.find((s) => s.key === LEGACY_SETTING)?.value ?? null;

  const found = findKey(options, legacy, storedCheck);
  if (found.key.length < MIN_KEY_LENGTH) {
    throw new ServerKeyError(`The server key must be at least ${MIN_KEY_LENGTH} characters long.`);
  }
  await db
    .insertInto('app_settings')
    .values({ key: CHECK_SETTING, value: keyCheck(found.key) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const check = await db
    .selectFrom('app_settings')
    .select('value')
    .where('key', '=', CHECK_SETTING)
    .executeTakeFirstOrThrow();
  if (check.value !== keyCheck(found.key)) {
    throw new ServerKeyError(
      `This server's key (from ${found.source === 'environment' ? 'SERVER_KEY' : options.keyFile}) is not the key ` +
        'this database was set up with. Every app server of one database must use the same key: set SERVER_KEY to it, ' +
        'or restore the key file. A lost key cannot be recovered (see docs/deploy.md, "The server key").',
    );
  }
  // The secret has a home outside the database now; the copy inside it must go.
  if (legacy !== null) await db.deleteFrom('app_settings').where('key', '=', LEGACY_SETTING).execute();
  return found;
}

function findKey(options: ServerKeyOptions, legacy: string | null, storedCheck: string | null): LoadedServerKey {
  if (options.configured) return { key: options.configured, source: 'environment' };
  if (existsSync(options.keyFile)) return { key: readKeyFile(options.keyFile), source: 'key file' };
  if (legacy !== null) {
    writeKeyFile(options.keyFile, legacy);
    return { key: legacy, source: 'adopted from the database' };
  }
  if (storedCheck !== null) {
    throw new ServerKeyError(
      `This database was set up with a server key, but neither SERVER_KEY nor the key file ${options.keyFile} is ` +
        'there. Restore the key file (or set SERVER_KEY); a lost key cannot be recovered (see docs/deploy.md, "The server key").',
    );
  }
  const key = randomBytes(32).toString('base64url');
  return { key: writeKeyFile(options.keyFile, key), source: 'new key file' };
}

function readKeyFile(path: string): string {
  return readFileSync(path, 'utf8').trim();
}

/**
 * Creates the key file readable and writable by its owner only. When another app server created it a
 * moment earlier (same machine, same path), its key is the one to use.
 */
function writeKeyFile(path: string, key: string): string {
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, `${key}\n`, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return readKeyFile(path);
    throw error;
  }
}

/** Puts a new key in the key file, keeping the old one beside it (`.replaced-{time}`) until the operator deletes it. */
export function replaceKeyFile(path: string, key: string, now: Date): string | null {
  let kept: string | null = null;
  if (existsSync(path)) {
    kept = `${path}.replaced-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(path, kept);
  }
  writeKeyFile(path, key);
  return kept;
}
