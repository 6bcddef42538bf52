import { openDatabase } from '../../server/db/database.ts';
import { loadCounts } from '../../test/support/ballot-load.ts';
import { BENCH_LABEL } from './bench-campaign.ts';
import { ballotRequests, runLoad, type BallotKind, type KindTally, type LoadFigures } from './load.ts';

/** One app server a ballot run sends to, with its share of the connections. */
export interface BallotTarget {
  baseUrl: string;
  connections: number;
}

export interface BallotRunOptions {
  /** Every app server of the database; the ballots are split across them by connections. */
  targets: BallotTarget[];
  /** The database the servers write, to count what they stored. */
  databaseUrl: string;
  campaignId: number;
  /** Hands out the next ballot to send (see feeder() and BallotBodies.endless()). */
  next: () => { kind: BallotKind; body: string };
  /** Ballots to send in all (exact accounting) … */
  count?: number;
  /** … or seconds to send for (stops with requests in flight: see ballotRun). */
  seconds?: number;
  /** Headers of each request of its own (e.g. X-Forwarded-For, to a server that trusts the loopback proxy). */
  headers?: () => Record<string, string>;
  /** Called right before the first ballot is sent and right after the last answer (e.g. database counters). */
  around?: { before(): Promise<void>; after(): Promise<void> };
}

export interface BallotRun {
  /** All targets together: answers per second over the run; latencies the worst target's. */
  figures: LoadFigures;
  perTarget: LoadFigures[];
  /** Acknowledged against stored, code ballots against tokens redeemed, and any refusals. */
  verdict: string;
  /** Stored = acknowledged (within the in-flight slack of a timed run), tokens redeemed = code ballots. */
  consistent: boolean;
  /** Consistent, every answer 201, and (for a counted run) no socket error or timeout. */
  ok: boolean;
  acknowledged: number;
}

/**
 * Sends ballots and checks afterwards that what was acknowledged is exactly what was stored: ballots
 * (recipients' rows and leaders' and peers' receipts) and, for code ballots, tokens redeemed. A timed run
 * (`seconds`) stops with up to `connections` requests in flight, which the server may still store after
 * the load generator stopped listening: then stored may exceed acknowledged by that much.
 */
export async function ballotRun(options: BallotRunOptions): Promise<BallotRun> {
  const { targets, seconds } = options;
  const connections = targets.reduce((sum, t) => sum + t.connections, 0);
  const tally: KindTally = {};
  const { db, close } = openDatabase(options.databaseUrl);
  try {
    const before = await loadCounts(db, options.campaignId, BENCH_LABEL);
    await options.around?.before();
    const until = seconds ? new Promise((resolve) => setTimeout(resolve, seconds * 1000)) : undefined;
    let left = options.count ?? 0;
    const perTarget = await Promise.all(
      targets.map((target, i) => {
        const share =
          i === targets.length - 1 ? left : Math.round(((options.count ?? 0) * target.connections) / connections);
        left -= share;
        return runLoad({
          url: target.baseUrl,
          connections: target.connections,
          ...(seconds ? { duration: seconds + 60, until } : { amount: share }),
          requests: ballotRequests(options.next, tally, options.headers),
        });
      }),
    );
    if (seconds) await new Promise((resolve) => setTimeout(resolve, 2000)); // let cut-off requests finish
    await options.around?.after();
    const after = await loadCounts(db, options.campaignId, BENCH_LABEL);
    const figures = combined(perTarget);
    const created = (kind: string) => tally[kind]?.['201'] ?? 0;
    const acknowledged = Object.keys(tally).reduce((sum, kind) => sum + created(kind), 0);
    const byCode = acknowledged - created('recipient-qr');
    const stored = after.ballots - before.ballots;
    // Codes were exchanged for tokens before the run (as pages do when a rating opens): count tokens redeemed.
    const spent = after.tokens - before.tokens;
    const slack = seconds ? connections + figures.errors : 0;
    const exact = stored === acknowledged && spent === byCode;
    const within =
      stored >= acknowledged &&
      stored <= acknowledged + slack &&
      spent >= byCode &&
      spent - byCode <= stored - acknowledged;
    const check = exact
      ? 'ok'
      : within
        ? `ok (${stored - acknowledged} cut off in flight at the stop, stored unacknowledged)`
        : 'MISMATCH';
    const refused = Object.entries(tally).flatMap(([kind, s]) =>
      Object.entries(s)
        .filter(([status]) => status !== '201')
        .map(([status, n]) => `${kind} ${status}×${n}`),
    );
    const failed = figures.errors > 0 ? `; socket errors or timeouts: ${figures.errors}` : '';
    const verdict = `acknowledged ${acknowledged}, stored ${stored}; code ballots ${byCode}, tokens redeemed ${spent}: ${check}${refused.length ? `; NOT 201: ${refused.join(', ')}` : ''}${failed}`;
    return {
      figures,
      perTarget,
      verdict,
      consistent: exact || within,
      ok: (exact || within) && refused.length === 0 && (seconds ? true : figures.errors === 0),
      acknowledged,
    };
  } finally {
    await close();
  }
}

/** Several load generators run side by side as one: rates add up, latencies are the worst one's. */
export function combined(runs: LoadFigures[]): LoadFigures {
  if (runs.length === 1) return runs[0]!;
  const answered = runs.reduce((sum, r) => sum + r.answered, 0);
  const seconds = Math.max(...runs.map((r) => r.seconds));
  const statuses: Record<string, number> = {};
  for (const run of runs)
    for (const [status, n] of Object.entries(run.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  return {
    rate: answered / seconds,
    answered,
    seconds,
    p50: Math.max(...runs.map((r) => r.p50)),
    p90: Math.max(...runs.map((r) => r.p90)),
    p99: Math.max(...runs.map((r) => r.p99)),
    statuses,
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}
