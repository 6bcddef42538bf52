/**
 * Readers that poll a server's pages the way an open console screen does: each reader asks for every
 * path in turn, then waits until `intervalMs` after the start of its last poll (a poll slower than that
 * starts the next at once). Every answer's time is kept, per path.
 */
export interface PollingReaders {
  /** Stops after the polls in progress; the latencies in ms per path, and any answer that was not 200. */
  stop(): Promise<ReaderFigures>;
}

export interface ReaderFigures {
  /** Latencies in ms, per path, in the order answered. */
  ms: Record<string, number[]>;
  /** Answers that were not 200, as "path status" → count (network errors as "path error"). */
  failures: Record<string, number>;
}

export function startPollingReaders(options: {
  baseUrl: string;
  paths: string[];
  readers: number;
  intervalMs: number;
  headers?: Record<string, string>;
}): PollingReaders {
  const figures: ReaderFigures = { ms: Object.fromEntries(options.paths.map((p) => [p, []])), failures: {} };
  let stopped = false;
  let wake: () => void = () => undefined;
  const stopping = new Promise<void>((resolve) => (wake = resolve));
  const poll = async (path: string) => {
    const started = performance.now();
    try {
      const answer = await fetch(`${options.baseUrl}${path}`, { headers: options.headers ?? {} });
      await answer.arrayBuffer();
      figures.ms[path]!.push(performance.now() - started);
      if (answer.status !== 200)
        figures.failures[`${path} ${answer.status}`] = (figures.failures[`${path} ${answer.status}`] ?? 0) + 1;
    } catch {
      figures.failures[`${path} error`] = (figures.failures[`${path} error`] ?? 0) + 1;
    }
  };
  const reader = async () => {
    while (!stopped) {
      const started = performance.now();
      for (const path of options.paths) await poll(path);
      const wait = options.intervalMs - (performance.now() - started);
      if (wait > 0 && !stopped) await Promise.race([new Promise((resolve) => setTimeout(resolve, wait)), stopping]);
    }
  };
  const running = Array.from({ length: options.readers }, (_, i) =>
    // Spread the readers' polls over the interval, as independent screens would be.
    new Promise((resolve) => setTimeout(resolve, (i * options.intervalMs) / options.readers)).then(reader),
  );
  return {
    async stop() {
      stopped = true;
      wake();
      await Promise.all(running);
      return figures;
    },
  };
}

/** The q-quantile (0…1) of some values, nearest rank; NaN for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
