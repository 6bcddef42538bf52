import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

// Where the bytes of evidence live (decision 017): outside the database, named by their SHA-256, so the
// same photo uploaded twice is stored once and a stored file can always be checked against its name.
// The database keeps, per evidence row, the hash and the store's key; this module keeps the bytes.
//
// One implementation now: a folder on disk (one machine, or several app servers sharing a mounted volume
// at the same EVIDENCE_DIR; docs/deploy.md "Evidence files"). An S3-compatible store (MinIO) would be a
// second implementation of the same interface.

/** What `put` tells the caller: the key to keep in `problem_evidence.storage_key` and the content's hash. */
export interface StoredEvidence {
  readonly key: string;
  /** SHA-256 of the bytes, lower-case hex. */
  readonly sha256: string;
  /** False when the same content was there already (nothing new written). */
  readonly written: boolean;
}

export interface EvidenceStore {
  /** Short words for the log: which store, where. */
  readonly description: string;
  /** Stores the bytes (durably, before it resolves) and returns their key and hash. */
  put(bytes: Uint8Array): Promise<StoredEvidence>;
  /** The bytes under `key`, or null when there are none (or the key is not one this store makes). */
  get(key: string): Promise<Uint8Array | null>;
  has(key: string): Promise<boolean>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function sha256OfBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The default folder: beside the SQLite file (`<its folder>/evidence`), or ./data/evidence for PostgreSQL
 * and an in-memory SQLite database. EVIDENCE_DIR overrides it.
 */
export function defaultEvidenceDir(databaseUrl: string): string {
  if (databaseUrl.startsWith('file:')) {
    const path = databaseUrl.replace(/^file:(\/\/)?/, '');
    if (path !== ':memory:') return resolve(dirname(path), 'evidence');
  }
  return resolve('data', 'evidence');
}

/**
 * Evidence files in a folder: `<dir>/<first two hex digits>/<sha256>`. A file is written to
 * `<dir>/tmp/…`, fsync'd, then renamed into place (rename is atomic on one file system) and the folder
 * fsync'd, so a reader never sees half a file and a crash leaves at most a stray temporary file. Keys are
 * the hashes themselves and are checked against the pattern before any path is built from them.
 */
export function createFolderEvidenceStore(dir: string): EvidenceStore {
  const root = resolve(dir);
  const tmpDir = join(root, 'tmp');
  const pathOf = (key: string) => join(root, key.slice(0, 2), key);

  async function exists(path: string): Promise<boolean> {
    try {
      return (await stat(path)).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  return {
    description: `folder ${root}`,
    async put(bytes) {
      const sha256 = sha256OfBytes(bytes);
      const target = pathOf(sha256);
      if (await exists(target)) return { key: sha256, sha256, written: false };
      await mkdir(tmpDir, { recursive: true });
      await mkdir(dirname(target), { recursive: true });
      const tmp = join(tmpDir, `${sha256}.${randomBytes(6).toString('hex')}.part`);
      const handle = await open(tmp, 'wx', 0o640);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        // Two uploads of the same content may race here: both renames leave the same bytes in place.
        await rename(tmp, target);
      } catch (error) {
        await unlink(tmp).catch(() => undefined);
        throw error;
      }
      await syncFolder(dirname(target));
      return { key: sha256, sha256, written: true };
    },
    async get(key) {
      if (!SHA256_HEX.test(key)) return null;
      try {
        return new Uint8Array(await readFile(pathOf(key)));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async has(key) {
      return SHA256_HEX.test(key) && exists(pathOf(key));
    },
  };
}

/** Makes a rename durable: fsync the folder that holds the new name (a no-op where folders cannot be opened). */
async function syncFolder(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) and file systems refuse to fsync a directory; the file itself is synced.
  } finally {
    await handle?.close();
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'ENOENT';
}

/** The store the configuration asks for: the folder EVIDENCE_DIR names, or the default folder. */
export function evidenceStoreFromConfig(config: { EVIDENCE_DIR?: string | undefined; DATABASE_URL: string }) {
  return createFolderEvidenceStore(config.EVIDENCE_DIR ?? defaultEvidenceDir(config.DATABASE_URL));
}
