import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, launchChromium } from '../support/browser.ts';
import { firstAdminPassword, signInThroughPage } from '../support/console-session.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');
const NEW_PASSWORD = 'qingxi-office-2026!';
const PHONE = { width: 360, height: 640 };
const DESK = { width: 1280, height: 800 };

interface ResultUnit {
  unitId: number;
  name: string;
  categoryKey: string;
  composite: number | null;
}

/** The rows of a chart's text alternative, as a screen reader reads them. */
const chartRows = (chart: Locator) => chart.locator('.chart-data-table tbody th').allTextContents();

/** Charts where the office compares (issue 13), the public live page that keeps itself current, and unit reports. */
describe('charts in the console, the self-refreshing live page, and any unit report for the office', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser;
  let office: BrowserContext;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingyi-e2e-charts-'));
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerProcess({ DATABASE_URL: `file:${join(dir, 'e2e.sqlite')}` });
    browser = await launchChromium();
    office = await browser.newContext({ viewport: DESK, locale: 'zh-CN' });
    page = await office.newPage();
    consoleErrors = collectConsoleErrors(page);
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

  /** The office's own calls, with its session (the console's buttons are tested elsewhere). */
  const officePost = async (path: string, body: unknown = {}) => {
    const response = await page.request.post(`${server.baseUrl}${path}`, {
      data: body,
      headers: { origin: server.baseUrl },
    });
    return response.status();
  };
  const officeResults = async () =>
    (await (await page.request.get(`${server.baseUrl}/api/campaigns/1/results`)).json()) as {
      categories: Array<{ key: string; name: string }>;
      units: ResultUnit[];
    };

  it('charts live participation beside the counts: recipients per unit against the minimum, codes used', async () => {
    await page.goto(`${server.baseUrl}/console/campaigns/1`);
    const recipients = page.getByTestId('chart-recipients');
    await recipients.locator('canvas').waitFor();
    const names = await page.getByTestId('participation').locator('tbody tr td:first-child').allTextContents();
    expect(names.length).toBe(30);
    // The text alternative lists every unit the table lists, and names the anonymity minimum.
    expect((await chartRows(recipients)).sort()).toEqual([...names].sort());
    expect(await recipients.locator('.chart-data-table tfoot').textContent()).toBe('匿名保护下限: 5');
    await page.getByTestId('chart-codes').locator('canvas').waitFor();
    await recipients.screenshot({ path: join(SHOTS, 'participation-chart-desk.png') });
  });

  it('updates the public live page after a new ballot without a reload, and shows no always-empty column', async () => {
    const viewer = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', isMobile: true });
    const live = await viewer.newPage();
    const liveErrors = collectConsoleErrors(live);
    // ?refresh=5: the shortest interval the page allows, so the test waits one short reading.
    await live.goto(`${server.baseUrl}/results/1?refresh=5`);
    const total = live.getByTestId('total-ballots').locator('strong');
    await total.waitFor();
    const before = Number(await total.textContent());
    const row = live.locator('[data-testid=live-units] tr[data-unit=D26] td');
    const unitBefore = Number(await row.nth(1).textContent());
    // While voting runs the API sends counts only: no mean column, and per unit only the recipients' count.
    expect(await live.getByTestId('live-units').locator('thead th').allTextContents()).toEqual([
      '单位',
      '服务对象评（计分票）',
    ]);
    expect(await live.getByTestId('updated-at').textContent()).toContain('每5秒自动更新');
    const computedAt = await live.getByTestId('updated-at').getAttribute('data-computed-at');
    await live.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    // A service recipient rates 市政务服务中心 (D26) by its QR link.
    const session = await (await fetch(`${server.baseUrl}/api/respond/open/demo-2026/D26`)).json();
    const submitted = await fetch(`${server.baseUrl}/api/ballots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.baseUrl },
      body: JSON.stringify({
        campaignId: session.campaign.id,
        questionnaireId: session.questionnaire.id,
        submissionId: randomUUID(),
        unitId: session.unit.id,
        deviceId: randomUUID(),
        answers: { attitude: 5, efficiency: 4, serviceRules: 'all', overall: 5 },
        fillSeconds: 45,
      }),
    });
    expect(submitted.status).toBe(201);

    await expect
      .poll(async () => Number(await total.textContent()), { timeout: 30_000, interval: 500 })
      .toBe(before + 1);
    expect(Number(await row.nth(1).textContent())).toBe(unitBefore + 1);
    expect(await live.getByTestId('updated-at').getAttribute('data-computed-at')).not.toBe(computedAt);
    expect(await live.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await live.screenshot({ path: join(SHOTS, 'live-results-phone.png'), fullPage: true });
    expect(liveErrors).toEqual([]);
    await viewer.close();
  });

  it("after close shows each category's composites and scores by rater type, with the units in the text alternative", async () => {
    expect(await officePost('/api/campaigns/1/close')).toBe(200);
    const results = await officeResults();
    await page.goto(`${server.baseUrl}/console/campaigns/1/results`);
    const charts = page.getByTestId('results-charts');
    await charts.getByTestId('chart-composite').locator('canvas').waitFor();
    await charts.getByTestId('chart-rater-types').locator('canvas').waitFor();

    const byComposite = (key: string) =>
      results.units
        .filter((unit) => unit.categoryKey === key)
        .sort((a, b) => (b.composite ?? -1) - (a.composite ?? -1))
        .map((unit) => unit.name);
    const [first, second] = results.categories;
    expect(await chartRows(charts.getByTestId('chart-composite'))).toEqual(byComposite(first!.key));
    expect(await chartRows(charts.getByTestId('chart-rater-types'))).toEqual(byComposite(first!.key));
    // The scores by rater type: a column per rater type and the composite.
    expect(
      await charts.getByTestId('chart-rater-types').locator('.chart-data-table thead th').allTextContents(),
    ).toEqual(['单位', '上级领导评', '同级部门评', '服务对象评', '综合得分']);
    await charts.screenshot({ path: join(SHOTS, 'results-charts-desk.png') });

    await charts.getByRole('button', { name: second!.name }).click();
    await expect.poll(() => chartRows(charts.getByTestId('chart-composite'))).toEqual(byComposite(second!.key));
    expect(await charts.getByRole('button', { name: second!.name }).getAttribute('aria-pressed')).toBe('true');

    await page.setViewportSize(PHONE);
    await charts.getByTestId('chart-rater-types').locator('canvas').waitFor();
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await charts.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'results-charts-phone.png') });
    await page.setViewportSize(DESK);
  });

  it("opens any unit's report from the office's results once they are published", async () => {
    expect(await officePost('/api/campaigns/1/publish', { acceptUnreviewed: true })).toBe(201);
    const results = await officeResults();
    await page.goto(`${server.baseUrl}/console/campaigns/1/results`);
    const links = page.getByTestId('unit-reports').getByRole('link');
    await links.first().waitFor();
    expect((await links.allTextContents()).sort()).toEqual(results.units.map((unit) => unit.name).sort());

    const unit = results.units.find((u) => u.name === '市农业农村局')!;
    await page.getByTestId('unit-reports').getByRole('link', { name: unit.name, exact: true }).click();
    await page.waitForURL(`${server.baseUrl}/console/reports/demo-2026/${unit.unitId}`);
    await page.getByTestId('report-figures').waitFor();
    expect(await page.locator('.card-head h2').first().textContent()).toBe(`${unit.name} · 评议报告`);
    expect(await page.getByTestId('report-figures').textContent()).toContain(unit.composite!.toFixed(2));
    await page.getByTestId('item-chart').locator('canvas').waitFor();
    expect((await chartRows(page.getByTestId('item-chart'))).length).toBeGreaterThan(3);
    await page.screenshot({ path: join(SHOTS, 'unit-report-desk.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});
