import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

/** What a browser journey works with: the folder of its database, the real server, and Chromium. */
export interface DemoCity {
  dir: string;
  server: ServerProcess;
  browser: Browser;
  /** The SQLite file the server uses, to look at what it stored. */
  database: string;
}

/**
 * For one describe block: the real server (`server/main.ts`, as `npm start` runs it) on a fresh SQLite
 * file with the demo city seeded, and a headless Chromium; both stopped and the folder removed after.
 */
export function demoCityInBrowser(prefix = 'pingyi-e2e-'): DemoCity {
  const city = {} as DemoCity;
  beforeAll(async () => {
    city.dir = mkdtempSync(join(tmpdir(), prefix));
    city.database = join(city.dir, 'e2e.sqlite');
    city.server = await startServerProcess({ DATABASE_URL: `file:${city.database}` });
    city.browser = await launchChromium();
  });
  afterAll(async () => {
    await city.browser?.close();
    await city.server?.stop();
    if (city.dir) rmSync(city.dir, { recursive: true, force: true });
  });
  return city;
}
