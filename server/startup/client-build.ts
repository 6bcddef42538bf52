import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folders whose files end up in the client bundle: a change in any of them makes the build stale. */
const CLIENT_SOURCES = ['client', 'surveys', 'scoring', 'vite.config.ts', 'package-lock.json'];

/** Where the built client goes: dist/client, or PINGYI_CLIENT_DIST (parallel work on one checkout). */
export function clientOutDir(root: string): string {
  return process.env.PINGYI_CLIENT_DIST ?? join(root, 'dist', 'client');
}

/** True when dist/client is missing or older than any client source file. */
export function clientBuildIsStale(root: string): boolean {
  const index = join(clientOutDir(root), 'index.html');
  if (!existsSync(index)) return true;
  const builtAt = statSync(index).mtimeMs;
  return CLIENT_SOURCES.some((source) => newestMtime(join(root, source)) > builtAt);
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds the client with Vite when it is missing or stale; returns whether it built. */
export async function ensureClientBuilt(root: string, log: (message: string) => void): Promise<boolean> {
  if (!clientBuildIsStale(root)) return false;
  log('Building the web client (first start or sources changed)…');
  const { build } = await import('vite');
  // Vite keeps a NODE_ENV it finds (vitest sets "test"), which would bundle React's development build:
  // the client people use is the production one, in tests too.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}
