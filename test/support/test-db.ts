import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { openDatabase, type DatabaseHandle, type DialectName } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';

export interface TestDatabase extends DatabaseHandle {
  url: string;
}

/** A fresh, migrated database of the given dialect: a real SQLite file, or a new database on the test cluster. */
export async function createTestDatabase(dialect: DialectName, migrate = true): Promise<TestDatabase> {
  const url = dialect === 'sqlite' ? await newSqliteUrl() : await newPostgresDatabase();
  const handle = openDatabase(url);
  if (migrate) await migrateToLatest(handle.db);
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      if (dialect === 'sqlite')
        rmSync(url.replace(/^file:/, '').replace(/\/[^/]+$/, ''), { recursive: true, force: true });
    },
  };
}

async function newSqliteUrl(): Promise<string> {
  return `file:${join(mkdtempSync(join(tmpdir(), 'pingyi-test-')), 'test.sqlite')}`;
}

async function newPostgresDatabase(): Promise<string> {
  const admin = inject('postgresUrl');
  const name = `pingyi_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return admin.replace(/\/[^/]*$/, `/${name}`);
}

export function postgresAvailable(): boolean {
  return inject('postgresUrl') !== '';
}

/**
 * Runs the same suite against SQLite and PostgreSQL. Where no PostgreSQL is available the PostgreSQL
 * half is skipped with a loud message (and the global setup printed a banner), never silently.
 */
export function describeEachDialect(name: string, suite: (db: () => TestDatabase) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const skip = dialect === 'postgres' && !postgresAvailable();
    if (skip) process.stderr.write(`!! SKIPPED on PostgreSQL (no cluster): ${name}\n`);
    (skip ? describe.skip : describe)(`${name} [${dialect}]`, () => {
      let handle: TestDatabase | null = null;
      beforeAll(async () => {
        handle = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await handle?.close();
      });
      suite(() => {
        if (!handle) throw new Error('test database not ready');
        return handle;
      });
    });
  }
}
