// Benchmark: ballots per second through the REAL server (its own process, a SQLite file on disk, full
// validation, synchronous=FULL commits), with latency percentiles, next to two baselines measured in the
// same run at the same connection counts: a bare Hono "hello world" (bench/hello-server.ts) and a bare Hono
// route that parses the same JSON ballot and commits it as one row at synchronous=FULL
// (bench/durable-insert-server.ts) — the most any server committing each ballot on its own gets here.
// Measured: mixed ballots at 10, 50 and 100 connections; each kind alone at 50 (recipients by QR; by code,
// the code → token exchange and the ballot with its token apart; superiors, 30 units × 4 items; peers,
// 29 units × 2); intake of recipients by QR with 0, 1 and 2 signed-in administrators' screens polling the
// live results and participation every second; the server's resident memory. Every run checks that what
// was acknowledged (201) was stored, and that code ballots redeemed as many tokens.
// Run: npx tsx bench/submission.ts [--quick]   (--quick: a few hundred ballots per figure, a smoke run)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/database.ts';
import { exchangeTokens, loadCounts, type LoadCampaign, type LoadCode } from '../test/support/ballot-load.ts';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import { signInFirstAdmin } from './support/admin-session.ts';
import { ballotRun, type BallotRun } from './support/ballot-run.ts';
import { BallotBodies, BENCH_LABEL, feeder, prepareBenchDatabase } from './support/bench-campaign.ts';
import { commitsPerSecond } from './support/commit-floor.ts';
import { cycle, fmt, postRequests, runLoad, type BallotKind, type LoadFigures } from './support/load.ts';
import {
  durableInsertsStored,
  loadLine,
  machineLine,
  residentMemory,
  startDurableInsertServer,
  startHelloServer,
  type BaselineServer,
} from './support/processes.ts';
import { quantile, startPollingReaders } from './support/readers.ts';
import { exchangeBodies } from './support/token-bodies.ts';

// A benchmark's output is its purpose; stdout directly keeps console.* free for real diagnostics.
const print = (line: string): void => void process.stdout.write(`${line}\n`);

const { values: cli } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const QUICK = cli.quick ?? false;

const LEVELS = [10, 50, 100];
/** Connections of the one-kind runs and the readers' run: the targets are stated at 50. */
const AT = 50;
/** Share of each kind of ballot in the mixed load: mostly service recipients, as in a real campaign. */
const MIX: Partial<Record<BallotKind, number>> = { 'recipient-qr': 50, 'recipient-code': 30, peer: 10, superior: 10 };
const MIXED_BALLOTS = QUICK ? 300 : 2000;
const KIND_BALLOTS = QUICK ? 200 : 1000;
const WARM_UP_BALLOTS = 300;
const BASELINE_SECONDS = QUICK ? 2 : 5;
/** The readers' runs are timed, not counted: a reader polls on a clock. */
const READER_SECONDS = QUICK ? 5 : 15;
const READER_COUNTS = [0, 1, 2];
const POLL_MS = 1000;

/** Ballots of the mixed runs built in all (each run builds its count plus its connections in reserve). */
const MIXED_BUILT = WARM_UP_BALLOTS + 20 + LEVELS.reduce((sum, c) => sum + MIXED_BALLOTS + c + 10, 0);
/** Codes per kind: the mix's share of the mixed runs with a margin for the draw, and the one-kind run. */
const codesFor = (share: number) => Math.ceil(MIXED_BUILT * share * 1.3) + KIND_BALLOTS + AT + 60;
const CODES = { superior: codesFor(0.1), peer: codesFor(0.1), recipient: codesFor(0.3) + KIND_BALLOTS };

interface Context {
  server: ServerProcess;
  hello: BaselineServer;
  durable: BaselineServer;
  /** Pre-built recipient ballots by QR the durable-insert baseline is sent, cycled. */
  durableBodies: string[];
  bodies: BallotBodies;
  campaign: LoadCampaign;
  /** Codes kept for the token-exchange run (not exchanged before). */
  exchangeCodes: LoadCode[];
  adminCookie: string;
  url: string;
  /** Every counted run kept what it acknowledged (no MISMATCH anywhere). */
  consistent: boolean;
  verdicts: string[];
}

interface Baselines {
  hello: LoadFigures;
  durable: LoadFigures;
}

const row = (cells: string[]) =>
  print(cells.map((cell, i) => (i === 0 ? cell.padEnd(32) : cell.padStart(10))).join(' '));
const latencies = (f: LoadFigures) => [fmt.ms(f.p50), fmt.ms(f.p90), fmt.ms(f.p99)];
const times = (n: number) => `${n.toFixed(2)}×`.padStart(7);
const verdict = (met: boolean) => (met ? 'met' : 'missed');

/** Both baselines at some connections; the durable one checked like the ballots (acknowledged = stored). */
async function baselines(ctx: Context, connections: number): Promise<Baselines> {
  const hello = await runLoad({ url: ctx.hello.baseUrl, connections, duration: BASELINE_SECONDS });
  const before = await durableInsertsStored(ctx.durable);
  const durable = await runLoad({
    url: ctx.durable.baseUrl,
    connections,
    duration: BASELINE_SECONDS,
    requests: postRequests('/', cycle(ctx.durableBodies)),
  });
  // A timed run stops with requests in flight: give them a moment to commit before counting.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const stored = (await durableInsertsStored(ctx.durable)) - before;
  const acknowledged = durable.statuses['201'] ?? 0;
  const ok = stored >= acknowledged && stored <= acknowledged + connections;
  if (!ok) ctx.consistent = false;
  ctx.verdicts.push(
    `  durable insert, ${connections} connections: acknowledged ${acknowledged}, stored ${stored}: ${ok ? 'ok' : 'MISMATCH'}`,
  );
  return { hello, durable };
}

/** One row of a figure beside both baselines: rate, the baselines' rates, the ratios, latencies. */
function againstBaselines(label: string, f: LoadFigures, base: Baselines): void {
  row([
    label,
    fmt.rate(f.rate),
    fmt.rate(base.hello.rate),
    fmt.rate(base.durable.rate),
    fmt.ratio(f.rate / base.hello.rate),
    times(f.rate / base.durable.rate),
    ...latencies(f),
  ]);
}

function header(first: string): void {
  row([first, 'per s', 'hello/s', 'durable/s', 'of hello', 'of durable', 'p50', 'p90', 'p99']);
}

async function ballots(ctx: Context, connections: number, count: number, mix: Partial<Record<BallotKind, number>>) {
  const run = await ballotRun({
    targets: [{ baseUrl: ctx.server.baseUrl, connections }],
    databaseUrl: ctx.url,
    campaignId: ctx.campaign.campaignId,
    next: feeder(ctx.bodies.build(count + connections + 10, mix)),
    count,
  });
  ctx.consistent &&= run.consistent;
  return run;
}

async function concurrencyTable(ctx: Context): Promise<{ at50: { ratio: number; p99: number } | null; ok: boolean }> {
  print(
    `\nMixed ballots (50% recipient by QR, 30% recipient by code, 10% peer × 29 units, 10% superior × 30 units), ${MIXED_BALLOTS} at each level`,
  );
  print(
    `beside hello world (GET /) and the durable insert (POST /: parse the ballot, one synchronous=FULL commit), ${BASELINE_SECONDS} s each at the same connections just before — latencies in ms`,
  );
  header('connections');
  let at50: { ratio: number; p99: number } | null = null;
  let ok = true;
  const verdicts: string[] = [];
  for (const connections of LEVELS) {
    const base = await baselines(ctx, connections);
    const run = await ballots(ctx, connections, MIXED_BALLOTS, MIX);
    if (connections === AT) at50 = { ratio: run.figures.rate / base.hello.rate, p99: run.figures.p99 };
    ok &&= run.ok;
    verdicts.push(`  ${connections} connections: ${run.verdict}`);
    againstBaselines(String(connections), run.figures, base);
    row(['  baselines p99', '', fmt.ms(base.hello.p99), fmt.ms(base.durable.p99)]);
  }
  for (const line of verdicts) print(line);
  return { at50, ok };
}

interface KindFigures {
  qr: LoadFigures;
  superior: LoadFigures;
  durable: LoadFigures;
  ok: boolean;
}

async function kindTable(ctx: Context): Promise<KindFigures> {
  const base = await baselines(ctx, AT);
  print(
    `\nOne kind at a time, ${AT} connections, ${KIND_BALLOTS} each, beside both baselines measured just before (${BASELINE_SECONDS} s each) — latencies in ms`,
  );
  header('kind');
  const verdicts: string[] = [];
  let ok = true;
  const kind = async (label: string, k: BallotKind) => {
    const run: BallotRun = await ballots(ctx, AT, KIND_BALLOTS, { [k]: 1 });
    ok &&= run.ok;
    verdicts.push(`  ${label}: ${run.verdict}`);
    againstBaselines(label, run.figures, base);
    return run.figures;
  };
  const qr = await kind('recipient by QR', 'recipient-qr');
  // A code ballot is two requests: the page exchanges its code for a blind-signed token when the rating
  // opens, then sends the ballot with the token. Each is measured alone.
  const exchange = await runLoad({
    url: ctx.server.baseUrl,
    connections: AT,
    amount: ctx.exchangeCodes.length,
    requests: postRequests('/api/tokens', cycle(await exchangeBodies(ctx.server.baseUrl, ctx.exchangeCodes))),
  });
  againstBaselines('code → token (POST /api/tokens)', exchange, base);
  const refusedExchanges = Object.entries(exchange.statuses).filter(([status]) => status !== '200');
  ok &&= refusedExchanges.length === 0;
  verdicts.push(
    `  exchanges: ${exchange.statuses['200'] ?? 0} of ${ctx.exchangeCodes.length} answered 200${refusedExchanges.length ? `; NOT 200: ${fmt.statuses(Object.fromEntries(refusedExchanges))}` : ''}`,
  );
  const withToken = await kind('recipient by code, with token', 'recipient-code');
  const superior = await kind('superior (30 units × 4)', 'superior');
  await kind('peer (29 units × 2)', 'peer');
  const health = await runLoad({
    url: `${ctx.server.baseUrl}/api/health`,
    connections: AT,
    duration: BASELINE_SECONDS,
  });
  againstBaselines('GET /api/health', health, base);
  row(['  baselines p99', '', fmt.ms(base.hello.p99), fmt.ms(base.durable.p99)]);
  const perCodeBallot = 1000 / exchange.rate + 1000 / withToken.rate;
  print(
    `  a recipient's code ballot: ${fmt.rate(exchange.rate).trim()} exchanges/s alone, ${fmt.rate(withToken.rate).trim()} ballots with a token/s alone; together ${perCodeBallot.toFixed(2)} ms of the server per code ballot (a QR ballot: ${(1000 / qr.rate).toFixed(2)} ms), of which the exchange is ${((1000 / exchange.rate / perCodeBallot) * 100).toFixed(0)}%`,
  );
  for (const line of verdicts) print(line);
  return { qr, superior, durable: base.durable, ok };
}

interface ReaderRow {
  readers: number;
  rate: number;
}

async function readersTable(ctx: Context): Promise<{ rows: ReaderRow[]; ok: boolean }> {
  const id = ctx.campaign.campaignId;
  const paths = [`/api/campaigns/${id}/results`, `/api/campaigns/${id}/participation`];
  print(
    `\nRecipient ballots by QR, ${AT} connections, ${READER_SECONDS} s per line, while signed-in administrators' screens poll every ${POLL_MS / 1000} s: GET ${paths[0]}, then GET ${paths[1]} — latencies in ms`,
  );
  const readerRow = (cells: string[]) =>
    print(cells.map((cell, i) => (i === 0 ? cell.padEnd(8) : cell.padStart(i === 1 ? 16 : 12))).join(' '));
  readerRow([
    'readers',
    'ballots at start',
    'ballots/s',
    'drop vs 0',
    'p50',
    'p99',
    'results p50',
    'results p99',
    'partic. p50',
    'partic. p99',
  ]);
  const rows: ReaderRow[] = [];
  const verdicts: string[] = [];
  let ok = true;
  for (const readers of READER_COUNTS) {
    const { db, close } = openDatabase(ctx.url);
    const inCampaign = (await loadCounts(db, id, BENCH_LABEL)).ballots;
    await close();
    const polling =
      readers > 0
        ? startPollingReaders({
            baseUrl: ctx.server.baseUrl,
            paths,
            readers,
            intervalMs: POLL_MS,
            headers: { cookie: ctx.adminCookie },
          })
        : null;
    // The readers stop with the writers (the run then waits for requests cut off in flight).
    const read = polling
      ? new Promise<Awaited<ReturnType<typeof polling.stop>>>((resolve) =>
          setTimeout(() => resolve(polling.stop()), READER_SECONDS * 1000),
        )
      : null;
    const run = await ballotRun({
      targets: [{ baseUrl: ctx.server.baseUrl, connections: AT }],
      databaseUrl: ctx.url,
      campaignId: id,
      next: ctx.bodies.endless('recipient-qr'),
      seconds: READER_SECONDS,
    });
    ctx.consistent &&= run.consistent;
    ok &&= run.ok;
    const figures = await read;
    rows.push({ readers, rate: run.figures.rate });
    const drop = readers === 0 ? '' : `${(100 * (1 - run.figures.rate / rows[0]!.rate)).toFixed(1)}%`;
    const of = (path: string, q: number) => (figures ? fmt.ms(quantile(figures.ms[path]!, q)) : '');
    readerRow([
      String(readers),
      inCampaign.toLocaleString('en'),
      fmt.rate(run.figures.rate),
      drop,
      fmt.ms(run.figures.p50),
      fmt.ms(run.figures.p99),
      of(paths[0]!, 0.5),
      of(paths[0]!, 0.99),
      of(paths[1]!, 0.5),
      of(paths[1]!, 0.99),
    ]);
    const failures = figures ? fmt.statuses(figures.failures) : '';
    if (failures) ok = false;
    verdicts.push(
      `  ${readers} readers: ${run.verdict}${figures ? `; reader answers ${paths.map((p) => figures.ms[p]!.length).join(' + ')}${failures ? `, NOT 200: ${failures}` : ', all 200'}` : ''}`,
    );
  }
  for (const line of verdicts) print(line);
  return { rows, ok };
}

async function main() {
  print('== Submission benchmark: the real server, SQLite file, validation on, synchronous=FULL');
  print(machineLine());
  print(loadLine('at start'));
  if (QUICK) print('(--quick: small runs, figures for a smoke test only)');
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-bench-submission-'));
  const url = `file:${join(dir, 'bench.sqlite')}`;
  let server: ServerProcess | null = null;
  let hello: BaselineServer | null = null;
  let durable: BaselineServer | null = null;
  try {
    const full = commitsPerSecond(dir, 'FULL');
    const normal = commitsPerSecond(dir, 'NORMAL');
    print(
      `same disk, bare SQLite WAL single-row commits/s (no HTTP): synchronous=FULL ${fmt.rate(full).trim()}, NORMAL ${fmt.rate(normal).trim()} (FULL costs ${(100 - (full / normal) * 100).toFixed(0)}%)`,
    );
    const prepared = await prepareBenchDatabase(url, CODES);
    // The first recipient codes are kept for the exchange run; every other code is exchanged now.
    const exchangeCodes = prepared.codes.filter((c) => c.raterType === 'recipient').slice(0, KIND_BALLOTS);
    const kept = new Set(exchangeCodes);
    const ballotCodes = prepared.codes.filter((c) => !kept.has(c));
    server = await startServerProcess({ DATABASE_URL: url, DEMO: 'off' });
    hello = await startHelloServer();
    durable = await startDurableInsertServer(join(dir, 'durable-insert.sqlite'));
    const admin = await signInFirstAdmin(server.baseUrl, server.output());
    const exchangeStart = performance.now();
    const tokens = await exchangeTokens(server.baseUrl, ballotCodes, 32);
    print(
      `setup: ${ballotCodes.length.toLocaleString('en')} codes exchanged for tokens in ${((performance.now() - exchangeStart) / 1000).toFixed(1)} s (as pages do when a rating opens; not timed below)`,
    );
    const bodies = new BallotBodies(prepared.campaign, ballotCodes, tokens);
    const ctx: Context = {
      server,
      hello,
      durable,
      durableBodies: bodies.build(1000, { 'recipient-qr': 1 }).map((b) => b.body),
      bodies,
      campaign: prepared.campaign,
      exchangeCodes,
      adminCookie: `pingyi_session=${admin.token}`,
      url,
      consistent: true,
      verdicts: [],
    };
    const idleMemory = residentMemory(server.child.pid!);

    // Warm-up (not reported): JIT, the prepared-questionnaire cache, SQLite's page cache, both baselines.
    await runLoad({ url: hello.baseUrl, connections: AT, duration: 2 });
    await runLoad({
      url: durable.baseUrl,
      connections: AT,
      duration: 2,
      requests: postRequests('/', cycle(ctx.durableBodies)),
    });
    await ballots(ctx, 10, WARM_UP_BALLOTS, MIX);

    const { at50, ok: mixedOk } = await concurrencyTable(ctx);
    const kinds = await kindTable(ctx);
    const intake = await readersTable(ctx);
    print('\nDurable-insert baseline checks (acknowledged = stored)');
    for (const line of ctx.verdicts) print(line);

    const memory = residentMemory(server.child.pid!);
    const helloMemory = residentMemory(hello.pid);
    const { db, close } = openDatabase(url);
    const stored = (await loadCounts(db, prepared.campaign.campaignId, BENCH_LABEL)).ballots;
    await close();
    print(
      `\nServer resident memory (VmRSS): ${idleMemory.rss.toFixed(0)} MiB idle after start → ${memory.rss.toFixed(0)} MiB after the runs above (${stored.toLocaleString('en')} ballots stored; peak VmHWM ${memory.peak.toFixed(0)} MiB); hello world: ${helloMemory.rss.toFixed(0)} MiB`,
    );
    print(loadLine('at the end'));

    const qrRatio = kinds.qr.rate / kinds.durable.rate;
    const superiorRatio = kinds.superior.rate / kinds.durable.rate;
    const withTwo = intake.rows.find((r) => r.readers === 2);
    const drop = withTwo ? 1 - withTwo.rate / intake.rows[0]!.rate : null;
    print(`\nTargets at ${AT} connections (issue 14; baseline = the durable insert measured just before)`);
    print(`  recipient by QR ≥ 1.0× baseline: ${times(qrRatio).trim()} — ${verdict(qrRatio >= 1)}`);
    print(`  recipient by QR p99 < 50 ms: ${kinds.qr.p99.toFixed(1)} ms — ${verdict(kinds.qr.p99 < 50)}`);
    print(`  superior ≥ 0.3× baseline: ${times(superiorRatio).trim()} — ${verdict(superiorRatio >= 0.3)}`);
    print(`  superior p99 < 200 ms: ${kinds.superior.p99.toFixed(1)} ms — ${verdict(kinds.superior.p99 < 200)}`);
    print(
      `  intake drop with 2 readers ≤ 10%: ${drop === null ? 'not measured' : `${(drop * 100).toFixed(1)}% — ${verdict(drop <= 0.1)}`}`,
    );
    print('Targets of issue 7 (mixed ballots)');
    print(
      `  ballots/s ≥ 60% of hello world: ${at50 ? `${fmt.ratio(at50.ratio).trim()} — ${verdict(at50.ratio >= 0.6)}` : 'not measured'}`,
    );
    print(`  p99 < 50 ms: ${at50 ? `${at50.p99.toFixed(1)} ms — ${verdict(at50.p99 < 50)}` : 'not measured'}`);
    print(
      `  every acknowledged ballot stored once, every code ballot's token redeemed, every answer 201: ${mixedOk && kinds.ok && intake.ok ? 'yes' : ctx.consistent ? 'stored = acknowledged everywhere, but some answers were refusals or errors — see the lines above' : 'NO — see the MISMATCH above'}`,
    );
    if (!ctx.consistent) process.exitCode = 1;
  } finally {
    await Promise.all([server?.stop(), hello?.stop(), durable?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
