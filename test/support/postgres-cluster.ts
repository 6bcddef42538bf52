import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A throwaway PostgreSQL cluster from the machine's own binaries, in a temp folder, on a free port. */
export interface PostgresCluster {
  url: string;
  stop(): void;
}

export function findPostgresBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = join(base, version, 'bin');
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** initdb and pg_ctl refuse to run as root, so as root they run as the `postgres` user. */
function asDbUser(command: string, args: string[]): string[] {
  return process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', command, ...args] : [command, ...args];
}

function run(argv: string[]): void {
  const [command, ...args] = argv;
  const result = spawnSync(command as string, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${argv.join(' ')} failed: ${result.stderr || result.stdout}`);
}

export interface PostgresClusterOptions {
  /**
   * fsync, synchronous_commit and full_page_writes on, as a production server runs: for benchmarks. The
   * default (all three off) suits tests, whose data dies with the run.
   */
  durable?: boolean;
  /** More server settings, each passed as `-c name=value` (e.g. shared_preload_libraries); no spaces. */
  settings?: Record<string, string>;
}

export async function startPostgresCluster(
  bin: string,
  options: PostgresClusterOptions = {},
): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-pg-'));
  chmodSync(dir, 0o777);
  if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
  const data = join(dir, 'data');
  const port = await freePort();
  run(
    asDbUser(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]),
  );
  // fsync off unless `durable`: a test cluster holds only test data and dies with the run; it makes the
  // suite fast. A benchmark's must commit as production does, or it measures nothing.
  const durability = options.durable ? 'on' : 'off';
  const settings = Object.entries(options.settings ?? {})
    .map(([name, value]) => ` -c ${name}=${value}`)
    .join('');
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${durability} -c synchronous_commit=${durability} -c full_page_writes=${durability} -c max_connections=200${settings}`;
  run(asDbUser(join(bin, 'pg_ctl'), ['-D', data, '-o', serverOptions, '-l', join(dir, 'log'), '-w', 'start']));
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      const [command, ...args] = asDbUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      spawnSync(command as string, args);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
