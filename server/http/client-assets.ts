import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LEGACY_DIR } from '../../client/support-matrix.ts';
import { readBuildInfo } from '../startup/client-build.ts';

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

/** What a page of one build loads: its entry, what to preload for it, and (legacy) the polyfills first. */
export interface BuildAssets {
  entry: string;
  /** The entry's static imports: always preloaded. */
  preload: string[];
  /** The QR page's own chunks and its form with the form library (lazy chunks, fetched at once there). */
  respondentScripts: string[];
  respondentStyles: string[];
  /** The entry's own style sheets, which the boot script links for the legacy build (the page links the modern's). */
  entryStyles: string[];
  polyfills: string | null;
}

/** Both builds of the client (decision 016) and what the page's HTML needs of them. */
export interface ClientAssets {
  /** Names the service worker's cache: changes with every deployment whose files differ. */
  buildId: string;
  modern: BuildAssets;
  legacy: BuildAssets | null;
  /** The modern entry's style sheet, linked by the page or, on a QR page, put inline. */
  entryCss: { href: string; css: string } | null;
}

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

async function readManifest(dir: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(join(dir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
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

function buildAssets(manifest: Manifest, base: string, polyfills: string | null): BuildAssets | null {
  const entry = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entry) return null;
  const href = (key: string) => `${base}${manifest[key]!.file}`;
  const already = closure(manifest, [entry]);
  const modules = RESPONDENT_MODULES.map((src) => chunkOf(manifest, src)).filter((key) => key !== undefined);
  const needed = closure(manifest, modules).filter((key) => !already.includes(key));
  return {
    entry: href(entry),
    preload: already.filter((key) => key !== entry).map(href),
    respondentScripts: needed.map(href),
    respondentStyles: needed.flatMap((key) => manifest[key]!.css ?? []).map((file) => `${base}${file}`),
    entryStyles: (manifest[entry]!.css ?? []).map((file) => `${base}${file}`),
    polyfills,
  };
}

let cached: { dir: string; id: string; assets: ClientAssets } | null = null;

/**
 * What the pages' HTML should load, from both builds' manifests, read again only when build.json says
 * the build changed. Null without a complete build (the page then says the client is not built).
 */
export async function clientAssets(clientDir: string): Promise<ClientAssets | null> {
  const info = readBuildInfo(clientDir);
  if (!info) return null;
  if (cached && cached.dir === clientDir && cached.id === info.id) return cached.assets;
  const [modernManifest, legacyManifest] = await Promise.all([
    readManifest(clientDir),
    readManifest(join(clientDir, LEGACY_DIR)),
  ]);
  const modern = modernManifest && buildAssets(modernManifest, '/', null);
  if (!modern) return null;
  const legacy = legacyManifest && buildAssets(legacyManifest, `/${LEGACY_DIR}/`, `/${info.polyfills}`);
  const entryKey = Object.keys(modernManifest).find((key) => modernManifest[key]!.isEntry)!;
  const cssFiles = modernManifest[entryKey]!.css ?? [];
  let entryCss: ClientAssets['entryCss'] = null;
  if (cssFiles.length === 1) {
    const css = await readFile(join(clientDir, cssFiles[0]!), 'utf8').catch(() => null);
    if (css !== null) entryCss = { href: `/${cssFiles[0]!}`, css };
  }
  const assets: ClientAssets = { buildId: info.id, modern, legacy, entryCss };
  cached = { dir: clientDir, id: info.id, assets };
  return assets;
}
