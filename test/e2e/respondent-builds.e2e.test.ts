import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, PHONE } from '../support/browser.ts';
import { officeApi } from '../support/office-api.ts';
import { demoCityInBrowser } from '../support/e2e-setup.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 640 } };

/** Calls to the APIs that would ask the person for a permission, recorded instead of made. */
const PERMISSION_PROBE = `(() => {
  const asked = (window.__permissionCalls = []);
  const record = (name) => () => { asked.push(name); return Promise.reject(new Error('recorded')); };
  if (window.Notification) window.Notification.requestPermission = record('notifications');
  if (navigator.geolocation) { navigator.geolocation.getCurrentPosition = record('geolocation'); navigator.geolocation.watchPosition = record('geolocation'); }
  if (navigator.mediaDevices) navigator.mediaDevices.getUserMedia = record('media');
  if (navigator.permissions) navigator.permissions.query = record('permissions.query');
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist = record('storage.persist');
})();`;

/**
 * The respondent page's two builds and its service worker (issue 18, decision 016): the legacy build runs
 * the whole journey, a phone below the floor reads a message instead of a blank page, a modern build that
 * fails falls back, and a second visit needs neither the network for the form library nor a new download.
 */
describe('respondent pages on every phone: builds, boot and service worker', () => {
  const city = demoCityInBrowser();
  beforeAll(() => void mkdirSync(SHOTS, { recursive: true }));

  const phone = async (): Promise<BrowserContext> => {
    const context = await city.browser.newContext(SMALL_PHONE);
    await context.addInitScript(PERMISSION_PROBE);
    return context;
  };

  /** Every script and style sheet the page fetched, by path. */
  const fetched = (page: Page): string[] => {
    const paths: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (['script', 'stylesheet'].includes(request.resourceType())) paths.push(url.pathname);
    });
    return paths;
  };

  const reports = (page: Page): string[] => {
    const seen: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/page-reports/')) seen.push(`${url.pathname}${url.search}`);
    });
    return seen;
  };

  const answer = async (page: Page) => {
    await page.locator('[data-name="attitude"] .sd-rating__item-star').nth(4).click();
    await page.locator('[data-name="efficiency"] .sd-rating__item-star').nth(3).click();
    await page.locator('[data-name="serviceRules"]').getByText('都做到了').click();
    await page.locator('[data-name="overall"]').getByText('非常满意').click();
    await page.getByRole('button', { name: '提交' }).click();
  };

  it('rates a unit on the legacy build, with its polyfills and none of the modern scripts', async () => {
    const context = await phone();
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    const paths = fetched(page);
    await page.goto(`${city.server.baseUrl}/r/demo-2026/D26?build=legacy`);
    await page.getByText('服务态度').waitFor();
    expect(await page.evaluate(() => window.__pingyiBuild)).toBe('legacy');
    await answer(page);
    expect(await page.getByTestId('receipt').textContent()).toMatch(/^[A-HJ-KM-NP-Z2-9]{10}$/);
    const scripts = paths.filter((path) => path.endsWith('.js'));
    expect(scripts.some((path) => /^\/legacy\/assets\/polyfills-[0-9a-f]+\.js$/.test(path))).toBe(true);
    expect(scripts.some((path) => /^\/legacy\/assets\/survey-.+\.js$/.test(path))).toBe(true);
    expect(scripts.filter((path) => path.startsWith('/assets/'))).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __permissionCalls: string[] }).__permissionCalls)).toEqual(
      [],
    );
    await page.screenshot({ path: join(SHOTS, 'respond-legacy-receipt.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('loads only the modern build where the modern marker exists, and asks for no permission', async () => {
    const context = await phone();
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    const paths = fetched(page);
    await page.goto(`${city.server.baseUrl}/r/demo-2026/D26`);
    await page.getByText('服务态度').waitFor();
    expect(await page.evaluate(() => window.__pingyiBuild)).toBe('modern');
    expect(paths.filter((path) => path.startsWith('/legacy/'))).toEqual([]);
    await page.waitForLoadState('load');
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active !== null);
    expect(await page.evaluate(() => (window as unknown as { __permissionCalls: string[] }).__permissionCalls)).toEqual(
      [],
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('tells a phone below the floor in words instead of a blank page, and counts it', async () => {
    const context = await phone();
    // A browser without BigInt: below the floor (client/support-matrix.ts).
    await context.addInitScript(() => {
      delete (window as { BigInt?: unknown }).BigInt;
    });
    const page = await context.newPage();
    const paths = fetched(page);
    const seen = reports(page);
    await page.goto(`${city.server.baseUrl}/r/demo-2026/D26`);
    const message = page.locator('.boot-too-old');
    await message.waitFor();
    expect(await message.textContent()).toContain('您的浏览器版本过低');
    expect(paths.filter((path) => path.endsWith('.js'))).toEqual([]);
    await expect.poll(() => seen).toEqual(['/api/page-reports/too-old?campaign=demo-2026']);
    await page.screenshot({ path: join(SHOTS, 'respond-too-old.png'), fullPage: true });
    await context.close();
  });

  it('falls back to the legacy build when the modern one fails to start, and counts it', async () => {
    const context = await phone();
    const page = await context.newPage();
    const seen = reports(page);
    // The modern entry as a browser that cannot parse it would see it.
    await page.route(/\/assets\/index-[^/]+\.js$/, (route) =>
      route.fulfill({ contentType: 'text/javascript', body: 'const broken = ;' }),
    );
    await page.goto(`${city.server.baseUrl}/r/demo-2026/D26`);
    await page.getByText('服务态度').waitFor();
    expect(await page.evaluate(() => window.__pingyiBuild)).toBe('legacy');
    await expect.poll(() => seen).toEqual(['/api/page-reports/modern-failed?campaign=demo-2026']);
    await context.close();
  });

  it('reopens without any network from the service worker, shows the waiting ballot and sends it once', async () => {
    const office = await officeApi(city.server);
    const count = async () =>
      ((await office('GET', '/campaigns/1/participation')).units as { code: string; recipientBallots: number }[]).find(
        (unit) => unit.code === 'D24',
      )!.recipientBallots;
    const before = await count();
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${city.server.baseUrl}/r/demo-2026/D24`);
    await page.getByText('服务态度').waitFor();
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated');
    await context.setOffline(true);
    // The page itself must see it before the tap: under load the emulation can reach it a moment late.
    await page.waitForFunction(() => !navigator.onLine);
    await answer(page);
    await page.getByTestId('ballot-waiting').waitFor();
    await page.close();

    // The phone is still offline: the page, its scripts and the form library all come from the worker.
    const again = await context.newPage();
    const errors = collectConsoleErrors(again);
    await again.goto(`${city.server.baseUrl}/r/demo-2026/D24`);
    await again.getByTestId('ballot-waiting').waitFor();
    expect(await again.locator('.respond-unit').textContent()).toBeTruthy();
    expect(await again.locator('.sd-question').count()).toBe(0);
    expect(await count()).toBe(before);
    await again.screenshot({ path: join(SHOTS, 'respond-offline-reopened-from-worker.png') });

    await context.setOffline(false);
    await again.getByTestId('sent-later').waitFor();
    expect(await count()).toBe(before + 1);
    await again.reload();
    await again.getByTestId('receipt').waitFor();
    expect(await count()).toBe(before + 1);
    expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/.test(e))).toEqual(
      [],
    );
    await context.close();
  });

  it('opens a second rating from the service worker: the form library from its cache, old caches gone', async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${city.server.baseUrl}/r/demo-2026/D26`);
    // A cache a previous deployment's worker left behind.
    await page.evaluate(async () => void (await caches.open('pingyi-previous-deployment')));
    await page.getByText('服务态度').waitFor();
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated');
    const sw = await (await fetch(`${city.server.baseUrl}/sw.js?build=modern`)).text();
    const build = /"build":"([0-9a-f]+)"/.exec(sw)![1];
    await expect.poll(() => page.evaluate(async () => await caches.keys())).toEqual([`pingyi-${build}`]);

    // The next visit, with the network refusing the form library: it renders from the cache.
    const second = await context.newPage();
    const errors = collectConsoleErrors(second);
    const fromNetwork: string[] = [];
    await context.route(/\/assets\/survey-[^/]+\.js$/, (route) => route.abort());
    second.on('requestfinished', (request) => {
      void request.response().then((response) => {
        if (response && !response.fromServiceWorker() && request.url().includes('/assets/'))
          fromNetwork.push(request.url());
      });
    });
    await second.goto(`${city.server.baseUrl}/r/demo-2026/D27`);
    await second.getByText('服务态度').waitFor();
    expect(await second.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    expect(fromNetwork).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
