import { readFileSync } from 'node:fs';
import type { BuildAssets, ClientAssets } from './client-assets.ts';
import { jsonInScript } from './html-text.ts';

/** The worker's code (client/boot/service-worker.js); the server writes its settings in front. */
const WORKER = readFileSync(new URL('../../client/boot/service-worker.js', import.meta.url), 'utf8');

/** What a QR page of one build needs, kept at install so that the next visit downloads none of it. */
function precache(build: BuildAssets, entryCss: string | null): string[] {
  const files = [build.entry, ...build.preload, ...build.respondentScripts, ...build.respondentStyles];
  if (build.polyfills) files.push(...build.entryStyles);
  if (build.polyfills) files.unshift(build.polyfills);
  if (entryCss) files.push(entryCss);
  return [...new Set(files)];
}

/** /sw.js for this build: a new build id makes browsers install it and drop the old caches. */
export function serviceWorkerScript(assets: ClientAssets): string {
  const entryCss = assets.entryCss?.href ?? null;
  const config = {
    build: assets.buildId,
    precache: {
      modern: precache(assets.modern, entryCss),
      legacy: assets.legacy ? precache(assets.legacy, entryCss) : [],
    },
  };
  return `self.__PINGYI_SW__ = ${jsonInScript(config)};\n${WORKER}`;
}
