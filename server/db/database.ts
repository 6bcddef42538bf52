import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  dialect: DialectName;
  close(): Promise<void>;
}

/** Opens the database named by DATABASE_URL: `file:` selects SQLite, `postgres://` selects PostgreSQL. */
export function openDatabase(url: string): DatabaseHandle {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return openPostgres(url);
  return openSqlite(sqlitePath(url));
}

export function sqlitePath(url: string): string {
  const path = url.replace(/^file:(\/\/)?/, '');
  return path === ':memory:' ? path : resolve(path);
}

function openSqlite(path: string): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL lets readers (results, dashboards) run while a ballot commits; synchronous=FULL makes an
  // acknowledged ballot survive power loss, not only a process crash (see docs/decisions/001).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten, not left in free pages: closing rewrites a campaign's ballots and the old
  // copies, which keep their arrival order, must not survive in the file (decision 011).
  sqlite.pragma('secure_delete = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
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
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
