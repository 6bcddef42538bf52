/**
 * The scripts of a build as a browser gets them: the chunks of the modern build (<dist>/assets), of the
 * legacy build (<dist>/legacy/assets) and its polyfill file, and the inline scripts of the HTML the
 * server sends for the respondent pages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Script } from './check-script.ts';

/** Every chunk under `dir` (the simplest honest rule: whatever the build wrote there may be loaded). */
function chunksIn(dir: string, skip: (file: string) => boolean = () => false): Script[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.js') && !skip(file))
    .sort()
    .map((file) => ({ name: file, source: readFileSync(join(dir, file), 'utf8'), sourceType: 'module' }));
}

const isPolyfills = (file: string) => /^polyfills-.*\.js$/.test(file);

export const modernChunks = (dist: string): Script[] => chunksIn(join(dist, 'assets'));

export const legacyChunks = (legacyDir: string): Script[] => chunksIn(join(legacyDir, 'assets'), isPolyfills);

/** The legacy build's polyfill file: a classic script, loaded before the legacy entry. */
export function polyfillScript(legacyDir: string): Script | null {
  const dir = join(legacyDir, 'assets');
  const file = existsSync(dir) ? readdirSync(dir).find(isPolyfills) : undefined;
  return file ? { name: file, source: readFileSync(join(dir, file), 'utf8'), sourceType: 'script' } : null;
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/**
 * The inline scripts of a page that run as code (not `type="application/json"` data, not `src=`): the
 * boot script, which must run on any phone, also one below the floor, so ES5.
 */
export function inlineScripts(html: string, page: string): Script[] {
  const scripts: Script[] = [];
  for (const [, attributes = '', body = ''] of html.matchAll(SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    const module = type === 'module';
    if (type && !module && type !== 'text/javascript') continue;
    scripts.push({
      name: `inline script ${scripts.length + 1} of ${page}`,
      source: body,
      sourceType: module ? 'module' : 'script',
      ...(module ? {} : { ecmaVersion: 5 as const }),
    });
  }
  return scripts;
}
