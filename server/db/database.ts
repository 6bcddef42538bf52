import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { startCheckpointer } from './checkpointer.ts';
import { createWriteQueue, type WriteQueue } from './write-queue.ts';

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  /**
   * For long reads (results, participation) that must never hold up a write: on SQLite a second,
   * read-only connection (WAL readers do not block the writer); on PostgreSQL the same pool.
   */
  readDb: Db;
  /** Transactions of the ballot path: grouped into one commit on SQLite, one each on PostgreSQL. */
  writes: WriteQueue;
  dialect: DialectName;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * SQLite: checkpoint the WAL from a worker thread instead of on the commit that fills it (the
   * server does; short-lived tools and most tests keep SQLite's automatic checkpoints). Errors of the
   * worker go to `onCheckpointError`.
   */
  backgroundCheckpoints?: { onError: (message: string) => void };
}

/** Opens the database named by DATABASE_URL: `file:` selects SQLite, `postgres://` selects PostgreSQL. */
export function openDatabase(url: string, options: OpenOptions = {}): DatabaseHandle {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url);
  return openSqlite(sqlitePath(url), options);
}

export function sqlitePath(url: string): string {
  const path = url.replace(/^file:(\/\/)?/, '');
  return path === ':memory:' ? path : resolve(path);
}

/** Prepared statements kept per connection: the hot path's few, and room for the rest. */
const STATEMENT_CACHE_SIZE = 512;

/**
 * Kysely's SQLite driver prepares every statement anew; preparing costs about as much as running a
 * small one. This keeps the prepared statements of a connection by their SQL text (least recently used
 * first out). Safe because a connection runs one statement at a time (Kysely's connection mutex) and
 * SQLite re-prepares a statement by itself when the schema changes.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    const hit = cache.get(source);
    if (hit) {
      cache.delete(source);
      cache.set(source, hit);
      return hit;
    }
    const statement = sqlite.prepare(source);
    cache.set(source, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function openSqlite(path: string, options: OpenOptions): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL lets readers (results, dashboards) run while a ballot commits; synchronous=FULL makes an
  // acknowledged ballot survive power loss, not only a process crash (see docs/decisions/001).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Sorting and temporary b-trees in memory, not in a temporary file on every wide write.
  sqlite.pragma('temp_store = MEMORY');
  // Deleted rows are overwritten, not left in free pages: closing rewrites a campaign's ballots and the old
  // copies, which keep their arrival order, must not survive in the file (decision 011).
  sqlite.pragma('secure_delete = ON');
  const checkpointer =
    options.backgroundCheckpoints && path !== ':memory:'
      ? startCheckpointer(path, options.backgroundCheckpoints.onError)
      : null;
  if (checkpointer) sqlite.pragma('wal_autocheckpoint = 0');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  let readDb = db;
  if (path !== ':memory:') {
    const reader = new SQLite(path, { readonly: true });
    reader.pragma('busy_timeout = 5000');
    reader.pragma('temp_store = MEMORY');
    readDb = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(reader) }) });
  }
  const close = async () => {
    if (readDb !== db) await readDb.destroy();
    await db.destroy();
    await checkpointer?.stop();
  };
  return { db, readDb, writes: createWriteQueue(db, 'sqlite'), dialect: 'sqlite', close };
}

let pgTypesSet = false;

function openPostgres(url: string): DatabaseHandle {
  if (!pgTypesSet) {
    // count(*) is int8 and averages are numeric: both arrive as strings unless parsed.
    pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
    pg.types.setTypeParser(1700, (value) => Number.parseFloat(value));
    pgTypesSet = true;
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, readDb: db, writes: createWriteQueue(db, 'postgres'), dialect: 'postgres', close: () => db.destroy() };
}
