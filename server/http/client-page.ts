/**
 * Every page's HTML: the client's index.html with the build's own script tags taken out and the boot
 * script put in (client/boot/boot.js, decision 016), with what each build would load in a data block it
 * reads. A QR page also announces its own chunks and the form's, for both builds.
 */
import type { BuildAssets, ClientAssets } from './client-assets.ts';
import { BOOT_SCRIPT } from './boot-script.ts';
import { jsonInScript } from './html-text.ts';

export const BOOT_DATA_ID = 'pingyi-boot';

interface BootBuild {
  entry: string;
  preload: string[];
  styles: string[];
  /** Style sheets to link (the legacy entry's, lowered to the floor). */
  stylesheets: string[];
  polyfills?: string;
}

function bootBuild(build: BuildAssets, respondent: boolean, legacy: boolean): BootBuild {
  return {
    entry: build.entry,
    preload: respondent ? [...build.preload, ...build.respondentScripts] : build.preload,
    styles: respondent ? build.respondentStyles : [],
    stylesheets: legacy ? build.entryStyles : [],
    ...(build.polyfills ? { polyfills: build.polyfills } : {}),
  };
}

/** index.html as built, without the module script and preloads Vite wrote for the modern build alone. */
function withoutBuildScripts(indexHtml: string): string {
  return indexHtml
    .replace(/\s*<script type="module"[^>]*><\/script>/g, '')
    .replace(/\s*<link rel="modulepreload"[^>]*>/g, '');
}

export function clientPageHtml(indexHtml: string, assets: ClientAssets, options: { respondent: boolean }): string {
  const data = {
    modern: bootBuild(assets.modern, options.respondent, false),
    legacy: assets.legacy ? bootBuild(assets.legacy, options.respondent, true) : null,
  };
  const boot =
    `<script type="application/json" id="${BOOT_DATA_ID}">${jsonInScript(data)}</script>` +
    `<script>${BOOT_SCRIPT}</script>`;
  return withoutBuildScripts(indexHtml).replace('</head>', () => `${boot}</head>`);
}
