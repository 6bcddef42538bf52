// Benchmark: the real server's resident memory (VmRSS and peak VmHWM from /proc) with a campaign of
// 1,000,000 ballots across 200 units: idle after start, after live results, and after the office's full
// recount — next to same-run baselines: a bare Hono "hello world" process on the same Node, and the
// server's own memory before it touched the campaign.
// The campaign is made by the results benchmark's own loader (`bench/results.ts --load FILE BALLOTS`),
// so both benchmarks measure the same data. Run: npx tsx bench/memory.ts
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { hashPassword } from '../server/auth/password.ts';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import { loadLine, machineLine, residentMemory, startHelloServer, type HelloServer } from './support/processes.ts';

// A benchmark's output is its purpose; stdout directly keeps console.* free for real diagnostics.
const print = (line: string): void => void process.stdout.write(`${line}\n`);

const BALLOTS = 1_000_000;
const ADMIN = { username: 'bench-memory', password: 'bench memory password 1' };

/** Builds the million-ballot database with the results benchmark's loader. */
function buildDatabase(path: string): void {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/results.ts', '--load', path, String(BALLOTS)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0 || !existsSync(path))
    throw new Error(`bench/results.ts --load did not make ${path} (exit ${run.status})`);
  print(
    `loaded ${BALLOTS.toLocaleString('en')} ballots with bench/results.ts --load in ${((performance.now() - started) / 1000).toFixed(1)} s (not timed below)`,
  );
}

/**
 * The campaign with the most ballots, and how many it has: recipients' rows, and the mixer's count of
 * superiors' and peers' ballots (they keep no row).
 */
function biggestCampaign(path: string): { id: number; ballots: number } {
  const sqlite = new SQLite(path, { readonly: true });
  try {
    return sqlite
      .prepare(
        `select campaign_id as id, sum(n) as ballots from (
           select campaign_id, count(*) as n from ballots group by campaign_id
           union all select campaign_id, sum(received) as n from ballot_counts group by campaign_id
         ) group by campaign_id order by ballots desc limit 1`,
      )
      .get() as { id: number; ballots: number };
  } finally {
    sqlite.close();
  }
}

async function addAdmin(path: string): Promise<void> {
  const sqlite = new SQLite(path);
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite
      .prepare(
        "insert into users (username, display_name, role, unit_id, password_hash, must_change_password, disabled, created_at) values (?, ?, 'admin', null, ?, 0, 0, ?)",
      )
      .run(ADMIN.username, ADMIN.username, await hashPassword(ADMIN.password), new Date().toISOString());
  } finally {
    sqlite.close();
  }
}

async function timed(request: () => Promise<Response>): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await request();
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

async function main() {
  print('== Memory benchmark: the real server on a 1,000,000-ballot SQLite campaign');
  print(machineLine());
  print(loadLine('at start'));
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-bench-memory-'));
  const path = join(dir, 'bench.sqlite');
  let server: ServerProcess | null = null;
  let hello: HelloServer | null = null;
  try {
    buildDatabase(path);
    const campaign = biggestCampaign(path);
    await addAdmin(path);
    hello = await startHelloServer();
    await fetch(hello.baseUrl);
    server = await startServerProcess({ DATABASE_URL: `file:${path}`, DEMO: 'off' });
    const pid = server.child.pid!;
    const mib = (n: number) => `${n.toFixed(0).padStart(5)} MiB`;
    const row = (label: string, memory: { rss: number; peak: number }, note = '') =>
      print(`  ${label.padEnd(46)} VmRSS ${mib(memory.rss)}  peak ${mib(memory.peak)}  ${note}`);
    print(`\ncampaign ${campaign.id}: ${campaign.ballots.toLocaleString('en')} ballots; resident memory`);
    row('baseline: hello-world process (idle)', residentMemory(hello.pid));
    row('server idle after start', residentMemory(pid));
    const results = `${server.baseUrl}/api/campaigns/${campaign.id}/results`;
    const first = await timed(() => fetch(results));
    for (let i = 0; i < 4; i += 1) await timed(() => fetch(results));
    row(
      'after live results (5 requests)',
      residentMemory(pid),
      `first answer ${first.status} in ${first.ms.toFixed(0)} ms`,
    );
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const recount = await timed(() =>
      fetch(`${results}/verify`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    row(
      'after the full recount (POST …/results/verify)',
      residentMemory(pid),
      `answer ${recount.status} in ${recount.ms.toFixed(0)} ms`,
    );
    print(loadLine('at the end'));
  } finally {
    await Promise.all([server?.stop(), hello?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
