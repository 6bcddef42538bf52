// Benchmark: what the service recipient's page (/r/demo-2026/D26, the QR-code target) costs a phone —
// the bytes it loads (as served, and gzipped) and the time from navigation to the questionnaire on
// screen in headless Chromium — next to a same-run baseline: a near-empty page (/api/health) from the
// same server in the same browser. Also once on an emulated slow phone on a 3G-like network.
// Run: npx tsx bench/respondent-page.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { ensureClientBuilt } from '../server/startup/client-build.ts';
import { launchChromium, PHONE } from '../test/support/browser.ts';
import { startServerProcess, type ServerProcess } from '../test/support/server-process.ts';
import { loadLine, machineLine } from './support/processes.ts';

// A benchmark's output is its purpose; stdout directly keeps console.* free for real diagnostics.
const print = (line: string): void => void process.stdout.write(`${line}\n`);

const PAGE = '/r/demo-2026/D26';
const BASELINE = '/api/health';
const RUNS = 5;
/** A cheap phone on a rural 3G-like link: 4× slower CPU than this machine, 1.6 Mbit/s down, 150 ms RTT. */
const SLOW = {
  cpuSlowdown: 4,
  latencyMs: 150,
  downBytesPerSecond: (1.6 * 1024 * 1024) / 8,
  upBytesPerSecond: (750 * 1024) / 8,
};

interface Fetched {
  url: string;
  type: string;
  /** Bytes of the body as it came over the wire (Pingyi serves it uncompressed). */
  transferred: number;
  /** The body gzipped at level 6, what a compressing server or proxy would send. */
  gzipped: number;
  decoded: number;
}

interface Visit {
  ms: number;
  fetched: Fetched[];
}

async function visit(
  browser: Browser,
  url: string,
  ready: (page: Page) => Promise<unknown>,
  slow = false,
): Promise<Visit> {
  // A fresh context per visit: an empty cache, as for a first scan of the QR code.
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const pending: Array<Promise<Fetched | null>> = [];
  page.on('response', (response) => {
    pending.push(
      (async () => {
        const body = await response.body().catch(() => null);
        if (!body) return null;
        const sizes = await response.request().sizes();
        return {
          url: response.url(),
          type: response.request().resourceType(),
          transferred: sizes.responseBodySize,
          gzipped: gzipSync(body).length,
          decoded: body.length,
        };
      })(),
    );
  });
  if (slow) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: SLOW.latencyMs,
      downloadThroughput: SLOW.downBytesPerSecond,
      uploadThroughput: SLOW.upBytesPerSecond,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW.cpuSlowdown });
  }
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await ready(page);
  const ms = performance.now() - started;
  await page.waitForLoadState('networkidle');
  const fetched = (await Promise.all(pending)).filter((f): f is Fetched => f !== null);
  await context.close();
  return { ms, fetched };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`.padStart(11);

function byType(fetched: Fetched[]) {
  const groups = new Map<string, { count: number; transferred: number; gzipped: number }>();
  for (const f of fetched) {
    const type = f.type === 'xhr' ? 'fetch' : f.type;
    const group = groups.get(type) ?? { count: 0, transferred: 0, gzipped: 0 };
    group.count += 1;
    group.transferred += f.transferred;
    group.gzipped += f.gzipped;
    groups.set(type, group);
  }
  return groups;
}

async function main() {
  print('== Respondent page benchmark: headless Chromium (Debian chromium), phone viewport, empty cache per visit');
  print(machineLine());
  print(loadLine('at start'));
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  await ensureClientBuilt(root, (line) => print(line));
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-bench-page-'));
  let server: ServerProcess | null = null;
  let browser: Browser | null = null;
  try {
    server = await startServerProcess({ DATABASE_URL: `file:${join(dir, 'page.sqlite')}` });
    browser = await launchChromium();
    const questionnaire = (page: Page) => page.getByText('服务态度').first().waitFor({ timeout: 120_000 });
    const blank = (page: Page) => page.waitForLoadState('load');
    await visit(browser, `${server.baseUrl}${PAGE}`, questionnaire); // warm-up: server caches, Chromium start-up

    const pageRuns: Visit[] = [];
    const blankRuns: Visit[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      blankRuns.push(await visit(browser, `${server.baseUrl}${BASELINE}`, blank));
      pageRuns.push(await visit(browser, `${server.baseUrl}${PAGE}`, questionnaire));
    }
    const fetched = pageRuns[0]!.fetched;
    print(`\nWhat ${PAGE} loads (first visit, empty cache)`);
    print(`${'type'.padEnd(12)} ${'files'.padStart(5)} ${'as served'.padStart(11)} ${'gzipped'.padStart(11)}`);
    for (const [type, group] of byType(fetched))
      print(`${type.padEnd(12)} ${String(group.count).padStart(5)} ${kb(group.transferred)} ${kb(group.gzipped)}`);
    const total = fetched.reduce(
      (sum, f) => ({ transferred: sum.transferred + f.transferred, gzipped: sum.gzipped + f.gzipped }),
      { transferred: 0, gzipped: 0 },
    );
    const code = fetched.filter((f) => ['document', 'script', 'stylesheet'].includes(f.type));
    const codeGzipped = code.reduce((sum, f) => sum + f.gzipped, 0);
    print(`${'total'.padEnd(12)} ${String(fetched.length).padStart(5)} ${kb(total.transferred)} ${kb(total.gzipped)}`);
    print(
      `HTML + JS + CSS gzipped: ${kb(codeGzipped).trim()}; as served: ${kb(code.reduce((sum, f) => sum + f.transferred, 0)).trim()} (${total.transferred > total.gzipped * 1.5 ? 'the server does not compress' : 'compressed'})`,
    );
    for (const f of [...code].sort((a, b) => b.gzipped - a.gzipped).slice(0, 4))
      print(`  ${new URL(f.url).pathname.padEnd(40)} ${kb(f.decoded)} → gzipped ${kb(f.gzipped)}`);

    const pageMs = median(pageRuns.map((r) => r.ms));
    const blankMs = median(blankRuns.map((r) => r.ms));
    print(`\nNavigation → questionnaire visible, median of ${RUNS} (this machine, no throttling)`);
    print(`  ${PAGE.padEnd(34)} ${pageMs.toFixed(0).padStart(6)} ms  (${(pageMs / blankMs).toFixed(1)}× baseline)`);
    print(`  baseline ${BASELINE} (load event) ${blankMs.toFixed(0).padStart(6)} ms`);

    const slowBlank = await visit(browser, `${server.baseUrl}${BASELINE}`, blank, true);
    const slowPage = await visit(browser, `${server.baseUrl}${PAGE}`, questionnaire, true);
    print(
      `\nEmulated slow phone (CPU ${SLOW.cpuSlowdown}× slower, 1.6 Mbit/s down, 750 kbit/s up, ${SLOW.latencyMs} ms RTT), one visit each`,
    );
    print(
      `  ${PAGE.padEnd(34)} ${slowPage.ms.toFixed(0).padStart(6)} ms  (${(slowPage.ms / slowBlank.ms).toFixed(1)}× baseline)`,
    );
    print(`  baseline ${BASELINE} (load event) ${slowBlank.ms.toFixed(0).padStart(6)} ms`);
    print(
      `  the bytes as served alone take ≥ ${((total.transferred / SLOW.downBytesPerSecond) * 1000).toFixed(0)} ms on this link; gzipped they would take ≥ ${((total.gzipped / SLOW.downBytesPerSecond) * 1000).toFixed(0)} ms`,
    );
    print(loadLine('at the end'));
  } finally {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
