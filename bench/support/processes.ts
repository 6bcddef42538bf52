import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, release, totalmem } from 'node:os';
import { freePort } from '../../test/support/postgres-cluster.ts';

/** A baseline server of the benchmarks, in its own process. */
export interface BaselineServer {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

export type HelloServer = BaselineServer;

/** Starts bench/hello-server.ts in its own process, as the real server runs in its own. */
export function startHelloServer(): Promise<HelloServer> {
  return startBaselineServer('bench/hello-server.ts', [], 'hello-world');
}

/**
 * Starts bench/durable-insert-server.ts in its own process, committing into `file` (put it on the disk
 * the real server's database is on): one synchronous=FULL insert per POST /.
 */
export function startDurableInsertServer(file: string): Promise<BaselineServer> {
  return startBaselineServer('bench/durable-insert-server.ts', [file], 'durable-insert');
}

/** Rows the durable-insert server has stored (its GET /). */
export async function durableInsertsStored(server: BaselineServer): Promise<number> {
  return ((await (await fetch(server.baseUrl)).json()) as { stored: number }).stored;
}

async function startBaselineServer(script: string, args: string[], name: string): Promise<BaselineServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(port), ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(baseUrl)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the ${name} server did not start`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident memory of a process now and at its peak (VmRSS / VmHWM from /proc), in MiB. */
export function residentMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** One line naming the machine a figure came from. */
export function machineLine(): string {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  return `machine: ${availableParallelism()} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}, Node ${process.version}`;
}

/** The 1-minute load average: other work on a shared machine shows up here before it skews a figure. */
export function loadLine(when: string): string {
  return `load average ${when}: ${loadavg()[0]!.toFixed(2)} (1 min) on ${availableParallelism()} cores`;
}
