// Live results may be refreshed by many screens at once. Concurrent requests share one computation,
// and the result of a large campaign is reused for a while, so the database spends at most about a
// fifth of its time on live results however often they are asked for (on SQLite a computation holds the
// one connection, so ballots would otherwise wait behind polling screens). What counts as large is
// decided by the data (the caller's `isLarge`), not by a measured time, so a small campaign is always
// computed fresh — a ballot shows up in the very next request — however slow the machine.

/** A large campaign's result that took t ms is reused for REUSE_FACTOR × t ms. */
const REUSE_FACTOR = 4;
const MAX_CAMPAIGNS = 64;

interface Entry<T> {
  pending: Promise<T> | null;
  value: T | null;
  finishedAt: number;
  durationMs: number;
}

export class LiveResultsCache<T> {
  private readonly entries = new Map<number, Entry<T>>();

  constructor(
    private readonly compute: (campaignId: number) => Promise<T>,
    private readonly isLarge: (value: T) => boolean,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get(campaignId: number): Promise<T> {
    const entry = this.entries.get(campaignId);
    if (entry?.pending) return entry.pending;
    if (
      entry?.value != null &&
      this.isLarge(entry.value) &&
      this.clock() - entry.finishedAt < entry.durationMs * REUSE_FACTOR
    ) {
      return Promise.resolve(entry.value);
    }
    return this.start(campaignId, entry);
  }

  private start(campaignId: number, previous: Entry<T> | undefined): Promise<T> {
    const entry: Entry<T> = previous ?? { pending: null, value: null, finishedAt: 0, durationMs: 0 };
    const started = this.clock();
    const pending = this.compute(campaignId).then(
      (value) => {
        entry.value = value;
        entry.finishedAt = this.clock();
        entry.durationMs = entry.finishedAt - started;
        entry.pending = null;
        return value;
      },
      (error: unknown) => {
        entry.pending = null;
        throw error;
      },
    );
    entry.pending = pending;
    if (!this.entries.has(campaignId) && this.entries.size >= MAX_CAMPAIGNS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(campaignId, entry);
    return pending;
  }
}
