import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { FLOOR, LEGACY_DIR } from '../../client/support-matrix.ts';

/** Folders whose files end up in the client bundle: a change in any of them makes the build stale. */
const CLIENT_SOURCES = ['client', 'surveys', 'scoring', 'vite.config.ts', 'package-lock.json'];

/** Written last by a build: what the server needs beyond Vite's manifests, and the mark of a whole build. */
export const BUILD_INFO = 'build.json';

export interface BuildInfo {
  /** Changes with every build whose output differs: names the service worker's cache (server/http/service-worker.ts). */
  id: string;
  /** The floor's core-js polyfills, a classic script the boot script loads before the legacy entry. */
  polyfills: string;
}

/** Where the built client goes: dist/client, or PINGYI_CLIENT_DIST (parallel work on one checkout). */
export function clientOutDir(root: string): string {
  return process.env.PINGYI_CLIENT_DIST ?? join(root, 'dist', 'client');
}

export function readBuildInfo(clientDir: string): BuildInfo | null {
  try {
    return JSON.parse(readFileSync(join(clientDir, BUILD_INFO), 'utf8')) as BuildInfo;
  } catch {
    return null;
  }
}

/** True when the build is missing, half done or older than any client source file. */
export function clientBuildIsStale(root: string): boolean {
  const info = join(clientOutDir(root), BUILD_INFO);
  if (!existsSync(info)) return true;
  const builtAt = statSync(info).mtimeMs;
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

/** Every core-js module the floor's browsers need (core-js-compat), as one script of its own. */
async function buildPolyfills(root: string, outDir: string): Promise<string> {
  const require = createRequire(join(root, 'package.json'));
  const compat = require('core-js-compat') as (options: object) => { list: string[] };
  const targets = Object.fromEntries(Object.entries(FLOOR).map(([browser, version]) => [browser, String(version)]));
  const { list } = compat({ targets, modules: ['core-js/stable'] });
  // A file of imports by absolute path: the polyfill build has no project root to resolve from.
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-polyfills-'));
  const entry = join(dir, 'polyfills.js');
  writeFileSync(
    entry,
    list.map((name) => `import ${JSON.stringify(require.resolve(`core-js/modules/${name}.js`))};`).join('\n'),
  );
  const { build } = await import('vite');
  const result = await build({
    configFile: false,
    root: dir,
    logLevel: 'warn',
    build: {
      write: false,
      target: 'es2015',
      minify: true,
      lib: { entry, formats: ['iife'], name: 'pingyiPolyfills' },
    },
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
  const outputs = Array.isArray(result) ? result : [result];
  const chunk = outputs
    .flatMap((output) => ('output' in output ? output.output : []))
    .find((file) => file.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('the polyfill build produced no script');
  const hash = createHash('sha256').update(chunk.code).digest('hex').slice(0, 10);
  const file = `${LEGACY_DIR}/assets/polyfills-${hash}.js`;
  const path = join(outDir, file);
  mkdirSync(join(outDir, LEGACY_DIR, 'assets'), { recursive: true });
  writeFileSync(path, chunk.code);
  writeFileSync(`${path}.gz`, gzipSync(chunk.code, { level: 9 }));
  writeFileSync(`${path}.br`, brotliCompressSync(chunk.code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  return file;
}

/** An id for the build from what the pages load: both manifests and the polyfills. */
function buildId(outDir: string, polyfills: string): string {
  const hash = createHash('sha256');
  for (const manifest of [join(outDir, '.vite', 'manifest.json'), join(outDir, LEGACY_DIR, '.vite', 'manifest.json')])
    hash.update(readFileSync(manifest));
  return hash.update(polyfills).digest('hex').slice(0, 16);
}

/** The modern build, the legacy build and the floor's polyfills (decision 016), then build.json. */
export async function buildClient(root: string): Promise<void> {
  const { build } = await import('vite');
  // Vite keeps a NODE_ENV it finds (vitest sets "test"), which would bundle React's development build:
  // the client people use is the production one, in tests too.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const configFile = join(root, 'vite.config.ts');
    await build({ configFile, logLevel: 'warn', mode: 'production' });
    await build({ configFile, logLevel: 'warn', mode: 'legacy' });
    const outDir = clientOutDir(root);
    const polyfills = await buildPolyfills(root, outDir);
    const info: BuildInfo = { id: buildId(outDir, polyfills), polyfills };
    writeFileSync(join(outDir, BUILD_INFO), `${JSON.stringify(info, null, 2)}\n`);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** Builds the client when it is missing or stale; returns whether it built. */
export async function ensureClientBuilt(root: string, log: (message: string) => void): Promise<boolean> {
  if (!clientBuildIsStale(root)) return false;
  log('Building the web client (first start or sources changed)…');
  await buildClient(root);
  return true;
}
