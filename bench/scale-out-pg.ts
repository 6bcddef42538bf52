// Benchmark: scale-out on PostgreSQL — two real app servers (server/main.ts, each in its own process, as
// docs/deploy.md runs them behind a balancer) on one throwaway PostgreSQL cluster that commits DURABLY
// (fsync, synchronous_commit and full_page_writes on), the connections split evenly across both, next
// to one real server on a SQLite file (synchronous=FULL) measured in the same run with the same ballots,
// counts and connections: recipient ballots by QR, and superior ballots (30 units × 4 items, by code with
// a token exchanged before the run). On PostgreSQL it also prints what each ballot cost the database:
// statements (pg_stat_statements, preloaded in the throwaway cluster; pg_stat_database's transactions if
// it cannot be loaded) and WAL bytes (pg_current_wal_lsn() before and after). Every run checks that what
// was acknowledged (201) was stored, and that code ballots redeemed as many tokens.
// Needs the PostgreSQL server binaries under /usr/lib/postgresql (npm test installs them): without them
// it says so and exits 0. Loopback only. Recipient ballots by QR run twice: all from 127.0.0.1 (as in
// bench/submission.ts), and each from one of --addresses client addresses (X-Forwarded-For, the servers
// trusting the loopback proxy), since open rating keeps one rate counter per address.
// Run: npx tsx bench/scale-out-pg.ts [--qr 1500] [--superior 500] [--connections 50] [--addresses 1000]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { exchangeTokens } from '../test/support/ballot-load.ts';
import { findPostgresBin, startPostgresCluster, type PostgresCluster } from '../test/support/postgres-cluster.ts';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import { ballotRun, type BallotRun, type BallotTarget } from './support/ballot-run.ts';
import { BallotBodies, feeder, prepareBenchDatabase } from './support/bench-campaign.ts';
import { fmt, type BallotKind } from './support/load.ts';
import { PgCounters, type PgWindow } from './support/pg-counters.ts';
import { loadLine, machineLine } from './support/processes.ts';

// A benchmark's output is its purpose; stdout directly keeps console.* free for real diagnostics.
const print = (line: string): void => void process.stdout.write(`${line}\n`);

const { values: cli } = parseArgs({
  options: {
    qr: { type: 'string', default: '1500' },
    superior: { type: 'string', default: '500' },
    connections: { type: 'string', default: '50' },
    addresses: { type: 'string', default: '1000' },
  },
});
const QR_BALLOTS = Number(cli.qr);
const SUPERIOR_BALLOTS = Number(cli.superior);
const CONNECTIONS = Number(cli.connections);
/** The second QR run comes from this many client addresses (X-Forwarded-For through the trusted loopback). */
const ADDRESSES = Number(cli.addresses);
if (![QR_BALLOTS, SUPERIOR_BALLOTS, CONNECTIONS, ADDRESSES].every((n) => Number.isInteger(n) && n >= 2)) {
  throw new Error('--qr, --superior, --connections and --addresses take whole numbers ≥ 2');
}
const WARM_UP = { qr: 200, superior: 40 };
/** Superior codes per database: the warm-up's, the run's, and each run's reserve. */
const CODES = { superior: WARM_UP.superior + SUPERIOR_BALLOTS + 2 * (CONNECTIONS + 10) + 20, peer: 0, recipient: 0 };
/** Statements listed per run at most (those sent at least once per 20 ballots). */
const TOP_STATEMENTS = 16;

interface System {
  name: string;
  databaseUrl: string;
  servers: ServerProcess[];
  bodies: BallotBodies;
  campaignId: number;
  counters: PgCounters | null;
}

interface Measured {
  run: BallotRun;
  window: PgWindow | null;
}

/** The connections split evenly across a system's servers. */
function targets(system: System, connections: number): BallotTarget[] {
  return system.servers.map((server, i) => ({
    baseUrl: server.baseUrl,
    connections: Math.floor(connections / system.servers.length) + (i < connections % system.servers.length ? 1 : 0),
  }));
}

/** Client addresses, one per request in turn: 10.x.y.z, as behind a balancer on the loopback. */
function spreadAddresses(addresses: number): () => Record<string, string> {
  let next = 0;
  return () => {
    const i = next++ % addresses;
    return { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) + 1}` };
  };
}

async function send(
  system: System,
  kind: BallotKind,
  count: number,
  connections: number,
  headers?: () => Record<string, string>,
): Promise<Measured> {
  let window: PgWindow | null = null;
  const counters = system.counters;
  const run = await ballotRun({
    targets: targets(system, connections),
    databaseUrl: system.databaseUrl,
    campaignId: system.campaignId,
    next: feeder(system.bodies.build(count + connections + 10, { [kind]: 1 })),
    count,
    ...(headers ? { headers } : {}),
    ...(counters
      ? {
          around: {
            before: () => counters.begin(),
            after: async () => void (window = await counters.end()),
          },
        }
      : {}),
  });
  return { run, window };
}

const statementCount = (window: PgWindow) =>
  [...(window.statements?.values() ?? [])].reduce((sum, s) => sum + s.calls, 0);
const isTransactionControl = (query: string) => /^\s*(begin|commit|rollback|savepoint|release)\b/i.test(query);

const row = (cells: string[]) =>
  print(cells.map((cell, i) => (i === 0 ? cell.padEnd(33) : i === 1 ? cell.padEnd(24) : cell.padStart(10))).join(' '));

function resultRow(kind: string, store: string, m: Measured): void {
  const acknowledged = Math.max(1, m.run.acknowledged);
  const w = m.window;
  const perBallot = (n: number) => (n / acknowledged).toFixed(1);
  const commits = w?.statements
    ? [...w.statements].filter(([q]) => /^\s*commit\b/i.test(q)).reduce((a, [, s]) => a + s.calls, 0)
    : w?.commits;
  row([
    kind,
    store,
    fmt.rate(m.run.figures.rate),
    fmt.ms(m.run.figures.p50),
    fmt.ms(m.run.figures.p90),
    fmt.ms(m.run.figures.p99),
    w?.statements ? perBallot(statementCount(w)) : '',
    commits != null ? perBallot(commits) : '',
    w ? Math.round(w.walBytes / acknowledged).toLocaleString('en') : '',
  ]);
}

function topStatements(label: string, m: Measured): void {
  const statements = m.window?.statements;
  if (!statements) return;
  const acknowledged = Math.max(1, m.run.acknowledged);
  const total = statementCount(m.window!);
  const control = [...statements].filter(([q]) => isTransactionControl(q)).reduce((a, [, s]) => a + s.calls, 0);
  print(
    `  ${label}: ${(total / acknowledged).toFixed(1)} statements per ballot, of which ${(control / acknowledged).toFixed(1)} begin/commit/savepoint (mean ms: time in the database, lock waits included):`,
  );
  const frequent = [...statements]
    .sort((a, b) => b[1].calls - a[1].calls)
    .filter(([, stat]) => stat.calls / acknowledged >= 0.05);
  print('    per ballot   mean ms  statement');
  for (const [query, stat] of frequent.slice(0, TOP_STATEMENTS)) {
    const text = query.replace(/\s+/g, ' ').trim();
    print(
      `    ${(stat.calls / acknowledged).toFixed(2).padStart(10)} ${(stat.ms / stat.calls).toFixed(2).padStart(9)}  ${text.length > 100 ? `${text.slice(0, 97)}…` : text}`,
    );
  }
}

async function prepareSystem(
  name: string,
  databaseUrl: string,
  env: Record<string, string>,
  processes: number,
  serverKey?: string,
): Promise<System> {
  const prepared = await prepareBenchDatabase(databaseUrl, CODES, serverKey ? { serverKey } : {});
  // One after the other: the first creates the first administrator, the next finds it.
  const servers: ServerProcess[] = [];
  for (let i = 0; i < processes; i++)
    // Trusting the loopback proxy lets a run give each ballot a client address of its own (X-Forwarded-For).
    servers.push(await startServerProcess({ DATABASE_URL: databaseUrl, DEMO: 'off', TRUST_PROXY: 'loopback', ...env }));
  const tokens = await exchangeTokens(servers[0]!.baseUrl, prepared.codes, 32);
  return {
    name,
    databaseUrl,
    servers,
    bodies: new BallotBodies(prepared.campaign, prepared.codes, tokens),
    campaignId: prepared.campaign.campaignId,
    counters: null,
  };
}

async function main(): Promise<void> {
  print('== Scale-out benchmark: two app servers on one durable PostgreSQL, beside one app server on SQLite');
  print(machineLine());
  print(loadLine('at start'));
  const bin = findPostgresBin();
  if (!bin) {
    print('!! SKIPPED: no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql).');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-bench-scale-out-'));
  let cluster: PostgresCluster | null = null;
  const systems: System[] = [];
  try {
    let preloaded = true;
    try {
      cluster = await startPostgresCluster(bin, {
        durable: true,
        settings: { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.max': '5000' },
      });
    } catch (error) {
      preloaded = false;
      print(
        `  (pg_stat_statements could not be preloaded: ${String(error).split('\n')[0]}; counting transactions instead)`,
      );
      cluster = await startPostgresCluster(bin, { durable: true });
    }
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database pingyi_bench');
    await admin.end();
    const pgUrl = cluster.url.replace(/\/[^/]*$/, '/pingyi_bench');
    // Every app server of one database shares its server key (docs/deploy.md).
    const serverKey = `bench-${randomUUID()}-${randomUUID()}`;

    const sqlite = await prepareSystem('SQLite, 1 process', `file:${join(dir, 'bench.sqlite')}`, {}, 1);
    systems.push(sqlite);
    const postgres = await prepareSystem('PostgreSQL, 2 processes', pgUrl, { SERVER_KEY: serverKey }, 2, serverKey);
    systems.push(postgres);
    const counters = await PgCounters.connect(pgUrl);
    postgres.counters = counters;
    print(
      `PostgreSQL: ${await counters.settingsLine()}; ${preloaded && counters.statementsAvailable ? 'pg_stat_statements loaded' : 'no pg_stat_statements: transactions from pg_stat_database'}`,
    );
    print(
      `each app server's pool: 10 connections (server/db/database.ts); the load's ${CONNECTIONS} connections split ${targets(
        postgres,
        CONNECTIONS,
      )
        .map((t) => t.connections)
        .join(' + ')}`,
    );

    // Warm-up (not reported): JIT, caches, both databases' pages.
    for (const system of systems) {
      await send(system, 'recipient-qr', WARM_UP.qr, 10);
      await send(system, 'superior', WARM_UP.superior, 10);
    }

    const runs: Array<{ kind: string; system: System; m: Measured }> = [];
    const plan: Array<[label: string, kind: BallotKind, count: number, headers?: () => Record<string, string>]> = [
      ['recipient by QR, 1 address', 'recipient-qr', QR_BALLOTS],
      [
        `recipient by QR, ${ADDRESSES.toLocaleString('en')} addresses`,
        'recipient-qr',
        QR_BALLOTS,
        spreadAddresses(ADDRESSES),
      ],
      ['superior (30 units × 4)', 'superior', SUPERIOR_BALLOTS],
    ];
    for (const [label, kind, count, headers] of plan) {
      for (const system of systems) {
        runs.push({ kind: label, system, m: await send(system, kind, count, CONNECTIONS, headers) });
      }
    }

    print(
      `\nOne kind at a time, ${CONNECTIONS} connections (on PostgreSQL split across both processes; latencies the worse process's), in ms; per ballot on PostgreSQL`,
    );
    row(['kind', 'store', 'ballots/s', 'p50', 'p90', 'p99', 'statements', 'COMMITs', 'WAL bytes']);
    for (const { kind, system, m } of runs) resultRow(kind, system.name, m);
    const ratio = (i: number) => (runs[2 * i + 1]!.m.run.figures.rate / runs[2 * i]!.m.run.figures.rate).toFixed(2);
    print(
      `  PostgreSQL with 2 processes ÷ SQLite with 1 (ballots/s): ${plan.map(([label], i) => `${label} ${ratio(i)}×`).join(', ')}`,
    );
    print(
      `  "1 address": every ballot from 127.0.0.1, as in bench/submission.ts (one per-address rate counter for all); "${ADDRESSES.toLocaleString('en')} addresses": each from one of them in turn, by X-Forwarded-For (every server trusts the loopback proxy)`,
    );
    for (const { kind, system, m } of runs) if (m.window) topStatements(`${kind}, ${system.name}`, m);
    print(
      '  WAL bytes: pg_wal_lsn_diff of pg_current_wal_lsn() around each run (cluster-wide; full-page images included)',
    );
    for (const { kind, system, m } of runs) print(`  ${kind}, ${system.name}: ${m.run.verdict}`);
    print(loadLine('at the end'));
    const consistent = runs.every((r) => r.m.run.consistent);
    print(
      `\nevery acknowledged ballot stored once, every code ballot's token redeemed: ${consistent ? 'yes' : 'NO — see the MISMATCH above'}${runs.every((r) => r.m.run.ok) ? '' : ' (some answers were refusals or errors: see above)'}`,
    );
    await counters.close();
    if (!consistent) process.exitCode = 1;
  } finally {
    await Promise.all(systems.flatMap((s) => s.servers.map((server) => server.stop())));
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
