import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ShellAssets } from './respondent-shell.ts';

/** One chunk of Vite's build manifest (build.manifest in vite.config.ts). */
interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

type Manifest = Record<string, ManifestChunk>;

/**
 * The modules a QR page loads after the entry, by their source path: the page, and the form with the form
 * library (lazy chunks, so they stay out of every other page's first load).
 */
const RESPONDENT_MODULES = ['src/respond/RespondOpenPage.tsx', 'src/respond/SurveyForm.tsx'];

/**
 * A module's chunk in the manifest: keyed by its path when it is an entry of its own, else (a chunk that
 * lazy and static importers share, as the console's questionnaire preview shares the form) by its name.
 */
function chunkOf(manifest: Manifest, src: string): string | undefined {
  if (manifest[src]) return src;
  const name = basename(src).replace(/\.[^.]+$/, '');
  return Object.keys(manifest).find((key) => key.startsWith('_') && manifest[key]!.name === name);
}

async function readManifest(clientDir: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(join(clientDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

/** Every chunk `keys` import statically, themselves included, in a stable order. */
function closure(manifest: Manifest, keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return [...seen];
}

/**
 * What a QR page's HTML should announce: the scripts and style sheets of the page and its form (but not
 * those index.html already loads), and the entry's own style sheet to put inline. Without a manifest (a
 * build from before it was written) nothing: the page still works, only later.
 */
export async function respondentAssets(clientDir: string): Promise<ShellAssets> {
  const manifest = await readManifest(clientDir);
  if (!manifest) return { scripts: [], styles: [], inlineCss: null };
  const entry = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  const already = new Set(closure(manifest, entry));
  const modules = RESPONDENT_MODULES.map((src) => chunkOf(manifest, src)).filter((key) => key !== undefined);
  const needed = closure(manifest, modules).filter((key) => !already.has(key));
  const href = (file: string) => `/${file}`;
  const entryCss = entry.flatMap((key) => manifest[key]!.css ?? []);
  let inlineCss: ShellAssets['inlineCss'] = null;
  if (entryCss.length === 1) {
    const css = await readFile(join(clientDir, entryCss[0]!), 'utf8').catch(() => null);
    if (css !== null) inlineCss = { href: href(entryCss[0]!), css };
  }
  return {
    scripts: needed.map((key) => href(manifest[key]!.file)),
    styles: needed.flatMap((key) => manifest[key]!.css ?? []).map(href),
    inlineCss,
  };
}
