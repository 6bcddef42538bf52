import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';

// The server checkpoints SQLite's WAL from a worker thread (server/db/checkpointer.ts): the writer never
// checkpoints on a commit, yet what it commits reaches the database file, and all of it is there after
// the handle closes and the file is opened again.

const dir = mkdtempSync(join(tmpdir(), 'pingyi-checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('copies committed pages into the database file off the writing thread, and loses nothing', async () => {
  const path = join(dir, 'pingyi.sqlite');
  const errors: string[] = [];
  const handle = openDatabase(`file:${path}`, { backgroundCheckpoints: { onError: (m) => errors.push(m) } });
  await migrateToLatest(handle.db);
  const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(handle.db);
  expect(rows[0]!.wal_autocheckpoint).toBe(0);
  const before = statSync(path).size;
  // About 400 pages: fewer than the 1,000 at which SQLite would checkpoint by itself.
  const value = 'x'.repeat(3_000);
  for (let i = 0; i < 400; i++) {
    await handle.writes.run((trx) =>
      trx
        .insertInto('app_settings')
        .values({ key: `checkpoint-${i}`, value })
        .execute(),
    );
  }
  await expect.poll(() => statSync(path).size, { timeout: 10_000, interval: 100 }).toBeGreaterThan(before + 1_000_000);
  await handle.close();
  expect(errors).toEqual([]);

  const reopened = openDatabase(`file:${path}`);
  try {
    const stored = await reopened.db
      .selectFrom('app_settings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', 'like', 'checkpoint-%')
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(400);
  } finally {
    await reopened.close();
  }
});
