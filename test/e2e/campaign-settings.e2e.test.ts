import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, launchChromium } from '../support/browser.ts';
import { firstAdminPassword, signInThroughPage } from '../support/console-session.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');
const NEW_PASSWORD = 'qingxi-office-2026!';
const WEIGHTS_PROBLEM = 'problem-settings.scoring.weights';

/** The office's campaign settings page says what is wrong beside each field, in Chinese, before it saves. */
describe('the campaign settings page checks settings before saving', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];
  /** Every write the page sent to the campaign API, as "METHOD /path". */
  let writes: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingyi-e2e-settings-'));
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerProcess({ DATABASE_URL: `file:${join(dir, 'e2e.sqlite')}` });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    consoleErrors = collectConsoleErrors(page);
    writes = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (request.method() !== 'GET' && path.startsWith('/api/campaigns')) writes.push(`${request.method()} ${path}`);
    });
    await signInThroughPage(page, server.baseUrl, 'admin', firstAdminPassword(server), NEW_PASSWORD);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await page.screenshot({ path: join(SHOTS, `failed-${context.task.name.slice(0, 40)}.png`), fullPage: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const weightsFieldset = () => page.locator('fieldset', { hasText: '评议主体权重' });
  const setWeights = async (superior: string, peer: string, recipient: string) => {
    const inputs = weightsFieldset().locator('input[type=number]');
    await inputs.nth(0).fill(superior);
    await inputs.nth(1).fill(peer);
    await inputs.nth(2).fill(recipient);
  };

  it('shows weights that add up to 0.9 as a Chinese message beside the weights, and does not save', async () => {
    await page.goto(`${server.baseUrl}/console/campaigns/new`);
    await page.getByTestId('scoring-preview').locator('table').waitFor();
    await page.getByLabel('链接标识').fill('settings-2026');
    await setWeights('30', '20', '40');

    const message = weightsFieldset().getByTestId(WEIGHTS_PROBLEM);
    await expect.poll(() => message.textContent()).toBe('权重之和须为 100%，现在是 90%。');
    expect(await weightsFieldset().locator('input[aria-invalid=true]').count()).toBe(3);
    // The preview waits for settings the scoring module accepts.
    expect(await page.getByTestId('scoring-preview').locator('table').count()).toBe(0);

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('not-saved').textContent())
      .toBe('尚未保存：请先改正上面标出的 1 处问题。');
    expect(writes).toEqual([]);
    expect(new URL(page.url()).pathname).toBe('/console/campaigns/new');
    await page.screenshot({ path: join(SHOTS, 'console-settings-problems.png'), fullPage: true });
  });

  it('accepts weights that add up to 1 within floating-point error (0.1 + 0.2 + 0.7) and saves', async () => {
    await setWeights('10', '20', '70');
    await expect.poll(() => page.getByTestId(WEIGHTS_PROBLEM).count()).toBe(0);
    await page.getByTestId('scoring-preview').locator('table').waitFor();
    expect(await page.getByTestId('not-saved').count()).toBe(0);

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.waitForURL(/\/console\/campaigns\/\d+\/edit$/);
    await page.getByTestId('opening-problems').waitFor();
    expect(writes[0]).toBe('POST /api/campaigns');
  });

  it('keeps the stored settings when a later edit is refused before saving, in either language', async () => {
    const id = /\/campaigns\/(\d+)\/edit$/.exec(page.url())![1];
    await page.getByTestId('scoring-preview').locator('table').waitFor();
    const sent = writes.length;
    await setWeights('30', '20', '40');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByTestId('not-saved').waitFor();
    expect(writes.length).toBe(sent);

    await page.locator('.lang-switch').click();
    await expect
      .poll(() =>
        page.locator('fieldset', { hasText: 'Weights between rater types' }).getByTestId(WEIGHTS_PROBLEM).textContent(),
      )
      .toBe('The weights must add up to 100%; they now add up to 90%.');
    await page.locator('.lang-switch').click();
    await expect.poll(() => page.getByTestId(WEIGHTS_PROBLEM).textContent()).toBe('权重之和须为 100%，现在是 90%。');

    const stored = await page.evaluate(
      async (campaign) => (await (await fetch(`/api/admin/campaigns/${campaign}`)).json()).settings.scoring.weights,
      id,
    );
    expect(stored).toEqual({ superior: 0.1, peer: 0.2, recipient: 0.7 });
  });

  it("places the server's refusal beside its field, in Chinese: a link name another campaign uses", async () => {
    await setWeights('10', '20', '70');
    await page.getByLabel('链接标识').fill('demo-2026');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const slugProblem = page.getByTestId('problem-slug');
    await expect.poll(() => slugProblem.textContent()).toBe('已有其他评议活动使用此链接标识，请换一个。');
    expect(await page.getByLabel('链接标识').getAttribute('aria-invalid')).toBe('true');
    expect(writes.at(-1)).toMatch(/^PATCH \/api\/campaigns\/\d+$/);
    // Editing the field clears the server's word on it.
    await page.getByLabel('链接标识').fill('settings-2026-b');
    await expect.poll(() => slugProblem.count()).toBe(0);
    expect(consoleErrors.filter((e) => !e.includes('409'))).toEqual([]);
  });

  it('fits the messages on a phone-sized window', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'zh-CN' });
    const phone = await context.newPage();
    await signInThroughPage(phone, server.baseUrl, 'admin', NEW_PASSWORD);
    await phone.goto(`${server.baseUrl}/console/campaigns/new`);
    await phone.getByTestId('scoring-preview').locator('table').waitFor();
    const inputs = phone.locator('fieldset', { hasText: '评议主体权重' }).locator('input[type=number]');
    await inputs.nth(2).fill('40');
    await phone.getByRole('button', { name: '保存', exact: true }).click();
    const message = phone.getByTestId(WEIGHTS_PROBLEM);
    await expect.poll(() => message.textContent()).toBe('权重之和须为 100%，现在是 90%。');
    await message.scrollIntoViewIfNeeded();
    const box = await message.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await phone.screenshot({ path: join(SHOTS, 'console-settings-problems-phone.png') });
    await context.close();
  });
});
