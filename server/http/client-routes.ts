import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { compress } from 'hono/compress';
import type { RespondentShellNames } from '../../formats/respondent-shell.ts';
import { errorBody } from '../errors.ts';
import type { AppEnv } from './app-env.ts';
import { clientAssets } from './client-assets.ts';
import { clientPageHtml } from './client-page.ts';
import { respondentShellHtml } from './respondent-shell.ts';
import { serviceWorkerScript } from './service-worker.ts';

interface ClientRouteOptions {
  clientDir: string;
  /** PUBLIC_URL, for the share card's image (crawlers want an absolute address). */
  publicUrl: string | undefined;
  shellNames: (campaign: string, unit: string) => Promise<RespondentShellNames | null>;
}

/** Hashed file names never change their content: a year, and no revalidation. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built client (both builds, decision 016) and its service worker; every other path gets the
 * page, whose boot script picks a build, so the client router can take it.
 */
export function mountClient(app: OpenAPIHono<AppEnv>, options: ClientRouteOptions) {
  const { clientDir } = options;
  for (const path of ['/assets/*', '/legacy/assets/*']) {
    app.use(
      path,
      // The build writes .br and .gz beside each asset (scripts/precompress-plugin.ts).
      serveStatic({
        root: clientDir,
        precompressed: true,
        onFound: (_path, c) => c.header('cache-control', IMMUTABLE),
      }),
    );
  }
  app.get('/sw.js', async (c) => {
    const assets = await clientAssets(clientDir);
    if (!assets) return notBuilt(c);
    // Never cached by the HTTP cache: a new deployment's worker must be found at the next visit.
    c.header('cache-control', 'no-cache');
    c.header('content-type', 'text/javascript; charset=utf-8');
    return c.body(serviceWorkerScript(assets));
  });
  app.use('*', serveStatic({ root: clientDir }));

  const page = async (c: Context, respondent: boolean) => {
    const assets = await clientAssets(clientDir);
    if (!assets) return null;
    let html = clientPageHtml(await readFile(join(clientDir, 'index.html'), 'utf8'), assets, { respondent });
    if (options.publicUrl)
      html = html.replaceAll('content="/share-icon.png"', `content="${options.publicUrl}/share-icon.png"`);
    c.header('cache-control', 'no-cache');
    return { html, assets };
  };
  // A QR page: its names and a skeleton in the HTML itself, for phones on slow networks (respondent-shell.ts).
  app.get('/r/:campaign/:unit', compress(), async (c) => {
    const built = await page(c, true);
    if (!built) return notBuilt(c);
    const names = await options.shellNames(c.req.param('campaign'), c.req.param('unit'));
    return c.html(respondentShellHtml(built.html, names, built.assets.entryCss));
  });
  app.get('*', compress(), async (c) => {
    const built = await page(c, c.req.path.startsWith('/code'));
    if (!built) return notBuilt(c);
    return c.html(built.html);
  });
}

function notBuilt(c: Context) {
  return c.json(errorBody('client_not_built', 'The web client is not built; run npm run build.'), 503);
}
