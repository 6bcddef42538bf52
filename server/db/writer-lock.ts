import SQLite from 'better-sqlite3';

export class WriterLockError extends Error {}

/**
 * One app server per SQLite file (decision 013): a second server on the same file would fight the first
 * for the write lock and answer ballots with "database is locked". The first server holds an exclusive
 * transaction on a small lock file beside the database for as long as it runs; the operating system
 * releases it when the process ends, however it ends. A second server finds it taken and refuses to start.
 * The admin CLI does not take it: its few writes wait for the server's like any other.
 */
export function holdSqliteWriterLock(databasePath: string): { release(): void } {
  const lockPath = `${databasePath}-writer.lock`;
  const lock = new SQLite(lockPath);
  lock.pragma('busy_timeout = 0');
  try {
    lock.exec('begin exclusive');
  } catch (error) {
    lock.close();
    if (error instanceof Error && /locked|busy/i.test(error.message)) {
      throw new WriterLockError(
        `another Pingyi server is already running on ${databasePath} (it holds ${lockPath}). A SQLite database takes one app server; stop the other one, or use PostgreSQL to run several (docs/deploy.md).`,
      );
    }
    throw error;
  }
  return {
    release: () => {
      lock.exec('rollback');
      lock.close();
    },
  };
}
