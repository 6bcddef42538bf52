import autocannon, { type RequestContext, type RequestSpec, type Result } from 'autocannon';

/** What one autocannon run measured, in the units the reports use. */
export interface LoadFigures {
  /** Answered requests per second over the whole run. */
  rate: number;
  answered: number;
  seconds: number;
  p50: number;
  p90: number;
  p99: number;
  /** Answers by HTTP status, plus socket errors and timeouts. */
  statuses: Record<string, number>;
  errors: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds to run, or … */
  duration?: number;
  /** … requests to send; every one is answered before the run ends (exact accounting). */
  amount?: number;
  requests?: RequestSpec[];
  /** Stops a duration-less run early (e.g. a reader that runs as long as a writer). */
  until?: Promise<unknown>;
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 5 }),
    timeout: 30,
    ...(options.requests ? { requests: options.requests } : {}),
  });
  // autocannon closes a run only at its next one-second sample, so its own finish time can be up to a
  // second late: a short counted run would read far slower than it was. The run ends at its last answer.
  let lastAnswer = 0;
  instance.on('response', () => (lastAnswer = Date.now()));
  void options.until?.then(() => instance.stop());
  return figures(await instance, lastAnswer);
}

/** The figures of a run; `lastAnswer` (ms since the epoch) ends it, else autocannon's own finish. */
export function figures(result: Result, lastAnswer = 0): LoadFigures {
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, Number(count)]),
  );
  const answered = Object.values(statuses).reduce((sum, n) => sum + n, 0);
  const end = lastAnswer > result.start.getTime() ? lastAnswer : result.finish.getTime();
  const seconds = Math.max(0.001, (end - result.start.getTime()) / 1000);
  if (result.errors > 0) statuses.errors = result.errors;
  if (result.timeouts > 0) statuses.timeouts = result.timeouts;
  return {
    rate: answered / seconds,
    answered,
    seconds,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    statuses,
    errors: result.errors + result.timeouts,
  };
}

/** Kinds of ballot a load sends; each request's kind is tallied with its answer. */
export type BallotKind = 'superior' | 'peer' | 'recipient-code' | 'recipient-qr';

export type KindTally = Record<string, Record<string, number>>;

/**
 * POST /api/ballots with a fresh, pre-built body each time (its own code and submission id): autocannon
 * would otherwise send one body over and over. The answer's status is tallied per kind of ballot.
 * `headers`, if given, adds headers to each request (e.g. an X-Forwarded-For of its own).
 */
export function ballotRequests(
  next: () => { kind: BallotKind; body: string },
  tally: KindTally,
  headers?: () => Record<string, string>,
): RequestSpec[] {
  return [
    {
      method: 'POST',
      path: '/api/ballots',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request, context: RequestContext) => {
        const { kind, body } = next();
        context.kind = kind;
        return { ...request, body, ...(headers ? { headers: { ...request.headers, ...headers() } } : {}) };
      },
      onResponse: (status, _body, context) => {
        const kind = String(context.kind);
        const byStatus = (tally[kind] ??= {});
        byStatus[status] = (byStatus[status] ?? 0) + 1;
      },
    },
  ];
}

/** POST `path` with the next body each time, e.g. a pool of bodies cycled or token exchanges in order. */
export function postRequests(path: string, next: () => string): RequestSpec[] {
  return [
    {
      method: 'POST',
      path,
      headers: { 'content-type': 'application/json' },
      setupRequest: (request) => ({ ...request, body: next() }),
    },
  ];
}

/** Cycles through a pool of bodies. */
export function cycle(bodies: readonly string[]): () => string {
  let next = 0;
  return () => bodies[next++ % bodies.length]!;
}

export const fmt = {
  rate: (n: number) => Math.round(n).toLocaleString('en').padStart(8),
  ms: (n: number) => `${n.toFixed(1)}`.padStart(6),
  ratio: (n: number) => `${(n * 100).toFixed(1)}%`.padStart(7),
  statuses: (s: Record<string, number>) =>
    Object.entries(s)
      .map(([k, v]) => `${k}×${v}`)
      .join(' '),
};
