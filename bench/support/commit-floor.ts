import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';

/**
 * How many single-row transactions per second SQLite commits on this disk in WAL mode at a given
 * synchronous level: the ceiling for any design that commits each ballot on its own, and what
 * synchronous=FULL (one fsync of the WAL per commit) costs against NORMAL (no fsync until checkpoint).
 */
export function commitsPerSecond(dir: string, synchronous: 'FULL' | 'NORMAL', ms = 1500): number {
  const sqlite = new SQLite(join(dir, `commit-floor-${synchronous.toLowerCase()}.sqlite`));
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`synchronous = ${synchronous}`);
    sqlite.exec('create table if not exists ballots (id text primary key, answers text not null) without rowid');
    const insert = sqlite.prepare('insert into ballots (id, answers) values (?, ?)');
    const answers = JSON.stringify({
      attitude: 5,
      efficiency: 4,
      serviceRules: 'all',
      overall: 5,
      comment: '窗口工作人员很耐心，一次就办好了。',
    });
    const commit = sqlite.transaction((id: string) => insert.run(id, answers));
    let commits = 0;
    const start = performance.now();
    while (performance.now() - start < ms) {
      commit(randomUUID());
      commits += 1;
    }
    return (commits * 1000) / (performance.now() - start);
  } finally {
    sqlite.close();
  }
}
