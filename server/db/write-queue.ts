import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

type Db = Kysely<Database>;

/**
 * Transactions of the ballot path. `run` resolves only once the work is committed (durably, with
 * synchronous=FULL), and rejects if it failed or the commit did.
 */
export interface WriteQueue {
  run<T>(work: (trx: Db) => Promise<T>): Promise<T>;
  /** Resolves when nothing queued is left (shutdown, tests). */
  idle(): Promise<void>;
}

/** Ballots committed together at most: a batch stays a few milliseconds long. */
const MAX_BATCH = 128;

interface Job {
  work: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export function createWriteQueue(db: Db, dialect: 'sqlite' | 'postgres'): WriteQueue {
  if (dialect === 'postgres') {
    // Concurrent transactions on the pool; PostgreSQL itself flushes the WAL of commits that arrive
    // together once (group commit is built in).
    return { run: (work) => db.transaction().execute(work), idle: () => Promise.resolve() };
  }
  return new GroupCommit(db);
}

/**
 * Group commit on SQLite (decision 009): work that arrives while a commit is under way, or in the same
 * turn of the event loop, runs in one transaction, each piece under a savepoint of its own, so a piece
 * that fails is rolled back alone and the others commit. Every piece is answered after the one commit —
 * and the one fsync — that made it durable; if that commit fails, every piece of the batch fails and
 * nothing of it is stored.
 */
class GroupCommit implements WriteQueue {
  private readonly queue: Job[] = [];
  private scheduled = false;
  private flushing: Promise<void> | null = null;
  private readonly waiters: (() => void)[] = [];

  constructor(private readonly db: Db) {}

  run<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.schedule();
    });
  }

  idle(): Promise<void> {
    if (!this.flushing && !this.scheduled && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // After the requests that are ready in this turn have all queued their work.
    setImmediate(() => {
      this.scheduled = false;
      this.flushing = this.flush().finally(() => {
        this.flushing = null;
        if (this.queue.length > 0) this.schedule();
        else for (const wake of this.waiters.splice(0)) wake();
      });
    });
  }

  private async flush(): Promise<void> {
    const jobs = this.queue.splice(0, MAX_BATCH);
    const outcomes: Outcome[] = [];
    try {
      await this.db.transaction().execute(async (trx) => {
        for (const job of jobs) {
          await sql`savepoint ballot`.execute(trx);
          try {
            const value = await job.work(trx);
            await sql`release ballot`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`rollback to ballot`.execute(trx);
            await sql`release ballot`.execute(trx);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}
