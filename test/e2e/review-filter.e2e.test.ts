import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, launchChromium } from '../support/browser.ts';
import { firstAdminPassword, signInThroughPage, fetchJsonFromPage } from '../support/console-session.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');
const SMALL = { width: 360, height: 640 };
const NEW_PASSWORD = 'review-filter-Passw0rd';
const WAIT = { timeout: 10_000 };

/** The office narrows the flagged ballots with a filter and decides all it shows at once, after confirming. */
describe('the office reviews a filtered set of flagged ballots', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let consoleErrors: string[];

  /** A JSON request from the signed-in page, as the console sends it. */
  const fetchJson = (method: string, path: string, body?: unknown) => fetchJsonFromPage(page, method, path, body);
  /** A recipient who answered in one second. */
  const fastBallot = async (unit: string) => {
    const opened = (await fetchJson('GET', `/api/respond/open/demo-2026/${unit}`)).body;
    const sent = await fetchJson('POST', '/api/ballots', {
      campaignId: 1,
      unitId: opened.unit.id,
      questionnaireId: opened.questionnaire.id,
      submissionId: crypto.randomUUID(),
      answers: { attitude: 5, efficiency: 5, serviceRules: 'all', overall: 5 },
      deviceId: crypto.randomUUID(),
      fillSeconds: 1,
    });
    expect(sent.status).toBe(201);
    return String(opened.unit.id);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingyi-e2e-review-filter-'));
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerProcess({ DATABASE_URL: `file:${join(dir, 'e2e.sqlite')}` });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page = await context.newPage();
    consoleErrors = collectConsoleErrors(page);
    await signInThroughPage(page, server.baseUrl, 'admin', firstAdminPassword(server), NEW_PASSWORD);
  });

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail')
      await page.screenshot({
        path: join(SHOTS, `failed-review-filter-${test.task.name.slice(0, 40)}.png`),
        fullPage: true,
      });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('previews the count, asks to confirm, excludes them all, and keeps a small group to one-by-one review', async () => {
    let chosen = '';
    for (let i = 0; i < 6; i += 1) chosen = await fastBallot('D26');
    for (let i = 0; i < 2; i += 1) await fastBallot('D27');
    const byFilter: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/review-by-filter'))
        byFilter.push(request.postData() ?? '');
    });
    await page.goto(`${server.baseUrl}/console/campaigns/1/review`);
    const rows = page.getByTestId('flagged-ballot');
    await expect.poll(() => rows.count(), WAIT).toBe(8);
    await expect.poll(() => page.getByTestId('filter-count').textContent(), WAIT).toContain('8 份');
    expect(await rows.first().textContent()).toContain('少于此问卷的最短用时 4 秒');

    const filter = page.getByTestId('review-filter');
    await filter.getByLabel('标记原因').selectOption('too_fast');
    await filter.getByLabel('被评单位').selectOption(chosen);
    await expect.poll(() => rows.count(), WAIT).toBe(6);
    await page.screenshot({ path: join(SHOTS, 'review-filter-1280.png'), fullPage: true });

    await page.getByRole('button', { name: '剔除筛选出的 6 份' }).click();
    const confirm = page.getByTestId('filter-confirm');
    await confirm.getByText('剔除筛选出的 6 份评议？').waitFor();
    await page.screenshot({ path: join(SHOTS, 'review-filter-confirm-1280.png'), fullPage: true });
    await confirm.getByRole('button', { name: '取消' }).click();
    expect(byFilter).toEqual([]);
    await page.getByRole('button', { name: '剔除筛选出的 6 份' }).click();
    await confirm.getByRole('button', { name: '确认剔除 6 份' }).click();
    await page.getByText('已剔除筛选出的 6 份评议。').waitFor();
    await page.getByTestId('review-empty').waitFor();
    expect(byFilter).toHaveLength(1);
    expect(JSON.parse(byFilter[0]!)).toMatchObject({
      decision: 'excluded',
      expected: 6,
      filter: { status: 'unreviewed', flag: 'too_fast', unitId: Number(chosen) },
    });

    // The other unit's two: fewer than the recipients' minimum of 5, so one by one only.
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => rows.count(), WAIT).toBe(2);
    await expect.poll(() => page.getByTestId('filter-count').textContent(), WAIT).toContain('至少 5 份');
    expect(await page.getByRole('button', { name: '剔除筛选出的 2 份' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '确认筛选出的 2 份有效' }).isDisabled()).toBe(true);

    const small = await context.newPage();
    await small.setViewportSize(SMALL);
    await small.goto(`${server.baseUrl}/console/campaigns/1/review`);
    await small.getByTestId('filter-review').waitFor();
    await small.screenshot({ path: join(SHOTS, 'review-filter-360.png'), fullPage: true });
    await small.close();
    expect(consoleErrors).toEqual([]);
  });
});
