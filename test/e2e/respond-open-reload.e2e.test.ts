import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, PHONE } from '../support/browser.ts';
import { officeApi } from '../support/office-api.ts';
import { demoCityInBrowser } from '../support/e2e-setup.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 640 } };
const CAMPAIGN = '2026年度青溪市机关作风三评议（演示）';

/** The QR page after a reload, at a device's limit, and once its campaign has closed (issue 13, bugs 9a and 9b). */
describe("a service recipient's QR page: receipt after reload, limits on open, closed campaign", () => {
  const city = demoCityInBrowser();
  beforeAll(() => void mkdirSync(SHOTS, { recursive: true }));

  /** A phone whose page keeps this device id (and language), as if it had rated before. */
  const phone = async (options: { deviceId?: string; lang?: 'en' } = {}): Promise<BrowserContext> => {
    const context = await city.browser.newContext(SMALL_PHONE);
    await context.addInitScript(
      ([deviceId, lang]) => {
        if (deviceId && !localStorage.getItem('pingyi.device')) localStorage.setItem('pingyi.device', deviceId);
        if (lang) localStorage.setItem('pingyi.lang', lang);
      },
      [options.deviceId ?? '', options.lang ?? ''] as const,
    );
    return context;
  };

  const answer = async (page: Page) => {
    await page.locator('[data-name="attitude"] .sd-rating__item-star').nth(4).click();
    await page.locator('[data-name="efficiency"] .sd-rating__item-star').nth(3).click();
    await page.locator('[data-name="serviceRules"]').getByText('都做到了').click();
    await page.locator('[data-name="overall"]').getByText('非常满意').click();
    await page.getByRole('button', { name: '提交' }).click();
  };

  /** A ballot sent the way the page sends it, from this device. */
  const rateByApi = async (unitCode: string, deviceId: string) => {
    const session = await (await fetch(`${city.server.baseUrl}/api/respond/open/demo-2026/${unitCode}`)).json();
    const response = await fetch(`${city.server.baseUrl}/api/ballots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        campaignId: session.campaign.id,
        unitId: session.unit.id,
        questionnaireId: session.questionnaire.id,
        submissionId: randomUUID(),
        answers: { attitude: 5, efficiency: 4, serviceRules: 'some', overall: 4 },
        deviceId,
        fillSeconds: 60,
      }),
    });
    expect(response.status).toBe(201);
  };

  it('shows the receipt again after a reload, and a new rating only while the limits allow one', async () => {
    const context = await phone();
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    await page.goto(`${city.server.baseUrl}/r/demo-2026/D26`);
    await page.getByText('服务态度').waitFor();
    await answer(page);
    const receipt = await page.getByTestId('receipt').textContent();
    expect(receipt).toMatch(/^[A-HJ-KM-NP-Z2-9]{10}$/);

    await page.reload();
    await page.getByTestId('receipt').waitFor();
    expect(await page.getByTestId('receipt').textContent()).toBe(receipt);
    expect(await page.locator('.respond-unit').textContent()).toBe('市政务服务中心');
    // One of the two ratings a phone has per unit and day is left: it may start another.
    const again = page.getByRole('button', { name: '再评价一次' });
    await again.waitFor();
    expect(await page.locator('.sd-question').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'respond-receipt-after-reload.png'), fullPage: true });

    await again.click();
    await page.getByText('服务态度').waitFor();
    await answer(page);
    const second = await page.getByTestId('receipt').textContent();
    expect(second).not.toBe(receipt);
    // Both used: the receipt shows, and says when this phone may rate the unit again instead of offering it.
    await page.reload();
    await page.getByTestId('next-rating').waitFor();
    expect(await page.getByTestId('receipt').textContent()).toBe(second);
    expect(await page.getByTestId('next-rating').textContent()).toContain('最多评价 2 次');
    expect(await page.getByRole('button', { name: '再评价一次' }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('tells a phone at its limit at once, in its language, without showing the form', async () => {
    const deviceId = randomUUID();
    await rateByApi('D05', deviceId);
    await rateByApi('D05', deviceId);
    const context = await phone({ deviceId });
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    await page.goto(`${city.server.baseUrl}/r/demo-2026/D05`);
    const notice = page.locator('[data-testid="notice"][data-code="rating_limit_reached"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('您已评价过');
    expect(await notice.textContent()).toContain('同一部手机对同一单位每天最多评价 2 次');
    expect(await page.locator('.sd-question').count()).toBe(0);
    expect(await page.getByTestId('form-skeleton').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'respond-at-limit.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    await context.close();

    const english = await phone({ deviceId, lang: 'en' });
    const page2 = await english.newPage();
    await page2.goto(`${city.server.baseUrl}/r/demo-2026/D05`);
    await page2.locator('[data-code="rating_limit_reached"]').waitFor();
    const text = await page2.locator('main').textContent();
    expect(text).toContain('You have already rated');
    expect(text).not.toMatch(/[评价您已]/);
    await english.close();
  });

  it('serves the shell with the campaign and unit names in the HTML, escaped', async () => {
    const html = await (await fetch(`${city.server.baseUrl}/r/demo-2026/D26`)).text();
    expect(html).toContain(`<div class="respond-campaign">${CAMPAIGN}</div>`);
    expect(html).toContain('<h1 class="respond-unit">市政务服务中心</h1>');
    // The boot data announces the form library's chunk for both builds, so it loads while the page starts.
    const boot = JSON.parse(/<script type="application\/json" id="pingyi-boot">(.*?)<\/script>/.exec(html)![1]!);
    expect(boot.modern.preload).toEqual(expect.arrayContaining([expect.stringMatching(/^\/assets\/survey-.+\.js$/)]));
    expect(boot.legacy.preload).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/legacy\/assets\/survey-.+\.js$/)]),
    );

    // A unit named with markup: the HTML holds it as text, and the page runs none of it.
    const hostile = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">&';
    const sqlite = new SQLite(city.database);
    sqlite.pragma('busy_timeout = 10000');
    sqlite.prepare('update units set name = ? where code = ?').run(hostile, 'D27');
    sqlite.close();
    const shell = await (await fetch(`${city.server.baseUrl}/r/demo-2026/D27`)).text();
    expect(shell).not.toContain('<script>window.__pwned');
    expect(shell).not.toContain('<img src=x');
    expect(shell).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;img src=x onerror=&quot;');
    // The data block for the client stays one script element: no "</script>" can close it early.
    const block = /<script type="application\/json" id="pingyi-respond-shell">([^]*?)<\/script>/.exec(shell);
    expect(JSON.parse(block![1]!).unit.name).toBe(hostile);

    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${city.server.baseUrl}/r/demo-2026/D27`);
    await page.getByText('服务态度').waitFor();
    expect(await page.locator('.respond-unit').textContent()).toBe(hostile);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await context.close();
  });

  it('shows the shell before any script runs: names and a skeleton', async () => {
    const context = await city.browser.newContext({ ...SMALL_PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${city.server.baseUrl}/r/demo-2026/D26`);
    expect(await page.locator('.respond-campaign').textContent()).toBe(CAMPAIGN);
    expect(await page.locator('.respond-unit').textContent()).toBe('市政务服务中心');
    expect(await page.locator('.form-skeleton-card').count()).toBe(3);
    expect(await page.title()).toBe(`市政务服务中心 · ${CAMPAIGN}`);
    await page.screenshot({ path: join(SHOTS, 'respond-shell.png'), fullPage: true });
    await context.close();
  });

  it("links a closed campaign's QR page to its published results, and says they are coming before that", async () => {
    const office = await officeApi(city.server);
    await office('POST', '/campaigns/1/close');
    const context = await phone();
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    await page.goto(`${city.server.baseUrl}/r/demo-2026/D26`);
    const notice = page.locator('[data-testid="notice"][data-code="campaign_closed"]');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('评议结果将由评议办统一公布');
    expect(await notice.getByRole('link').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'respond-closed-unpublished.png'), fullPage: true });

    await office('POST', '/campaigns/1/publish', { acceptUnreviewed: true });
    await page.reload();
    const link = notice.getByRole('link', { name: '查看评议结果通报' });
    await link.waitFor();
    expect(await notice.textContent()).toContain('评议结果已经通报');
    expect(await link.getAttribute('href')).toBe('/p/demo-2026');
    await page.screenshot({ path: join(SHOTS, 'respond-closed-published.png'), fullPage: true });
    await link.click();
    await page.waitForURL(`${city.server.baseUrl}/p/demo-2026`);
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('通报');
    // The browser reports the refusals (410) it was answered with; nothing else may go wrong.
    expect(consoleErrors.filter((error) => !error.includes('status of 410'))).toEqual([]);
    await context.close();
    // Closing seals and rewrites the demo's ballots, and publishing recounts them: more than a page's time.
  }, 120_000);
});
