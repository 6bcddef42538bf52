import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, launchChromium } from '../support/browser.ts';
import { firstAdminPassword, signInThroughPage } from '../support/console-session.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');
const NEW_PASSWORD = 'qingxi-office-2026!';

/** The evaluation office at a PC: import units from Excel, set up and open a campaign, issue codes, close it. */
describe('the office runs a campaign from the console', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let consoleErrors: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingyi-e2e-office-'));
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerProcess({ DATABASE_URL: `file:${join(dir, 'e2e.sqlite')}` });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    consoleErrors = collectConsoleErrors(page);
    await signInThroughPage(page, server.baseUrl, 'admin', firstAdminPassword(server), NEW_PASSWORD);
  });

  afterEach(async (context) => {
    // A failing step leaves a picture of the page behind, to see what the person would have seen.
    if (context.task.result?.state === 'fail')
      await page.screenshot({ path: join(SHOTS, `failed-${context.task.name.slice(0, 40)}.png`), fullPage: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports two departments from an Excel file after checking it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('单位');
    sheet.addRow(['单位编码', '单位名称', '英文名称', '上级单位编码', '层级', '单位类别']);
    sheet.addRow(['D31', '市信访局', 'Letters and Visits Bureau', 'QX', '部门', 'window']);
    sheet.addRow(['D32', '市税务局', 'Tax Bureau', 'QX', '部门', 'window']);
    const file = join(dir, 'units.xlsx');
    await workbook.xlsx.writeFile(file);

    await page.getByRole('link', { name: '单位管理' }).click();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByRole('button', { name: '检查文件' }).click();
    await expect
      .poll(() => page.getByTestId('import-report').textContent())
      .toBe('文件无误，可以导入：新增 2 个，更新 0 个，未变 0 个。');
    // Checking writes nothing.
    expect(await page.getByRole('cell', { name: '市税务局' }).count()).toBe(0);
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('import-report').textContent())
      .toBe('已导入：新增 2 个，更新 0 个，未变 0 个。');
    await page.getByRole('cell', { name: '市税务局' }).waitFor();

    // One more by hand, then deactivate it again.
    await page.getByRole('button', { name: '新增单位' }).click();
    const editor = page.getByTestId('unit-editor');
    await editor.locator('input[name=code]').fill('D33');
    await editor.locator('input[name=name]').fill('市档案馆');
    await editor.locator('select[name=categoryId]').selectOption({ label: '政府工作部门' });
    await editor.getByRole('button', { name: '保存' }).click();
    const row = page.getByRole('row', { name: /市档案馆/ });
    await row.waitFor();
    await row.getByRole('button', { name: '停用' }).click();
    await row.getByRole('button', { name: '启用' }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'console-units.png'), fullPage: false });
  });

  it("previews a questionnaire as a rater's phone shows it", async () => {
    await page.goto(`${server.baseUrl}/console/questionnaires`);
    await page.locator('table.data button.link-button').first().click();
    // The phone frame fills with the questionnaire itself, not a spinner that never ends.
    await page.locator('.phone-frame .sd-question').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.phone-frame [role=alert]').count()).toBe(0);
  });

  it('sets up a campaign with the wizard, sees the scoring preview, and opens it', async () => {
    await page.getByRole('link', { name: '评议活动', exact: true }).click();
    await page.getByRole('link', { name: '新建评议活动' }).click();
    await page.getByTestId('scope').waitFor();
    await page.getByLabel('链接标识').fill('window-2026');
    // Every front-line service unit, including the two just imported.
    await page
      .getByTestId('scope')
      .locator('fieldset', { hasText: '窗口服务单位' })
      .locator('legend input[type=checkbox]')
      .first()
      .check();
    await expect.poll(() => page.getByTestId('scope').textContent()).toContain('已选 7 个单位');
    await page.getByTestId('scoring-preview').locator('table').waitFor();
    await page.screenshot({ path: join(SHOTS, 'console-wizard.png'), fullPage: true });
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存，可以开启。').waitFor();

    await page.getByRole('button', { name: '返回活动' }).click();
    await page.getByRole('button', { name: '开启评议' }).click();
    await page.locator('.badge-open').first().waitFor();
  });

  it('issues leader codes and shows them once, ready to print', async () => {
    await page.getByRole('link', { name: '评议码与二维码' }).click();
    await page.locator('input[type=number]').first().fill('3');
    await page.getByRole('button', { name: '生成' }).click();
    await page.getByTestId('code-sheet').waitFor();
    expect(await page.getByTestId('issued-code').count()).toBe(3);
    for (const code of await page.getByTestId('issued-code').allTextContents())
      expect(code).toMatch(/^[A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4}$/);
    await page.screenshot({ path: join(SHOTS, 'console-codes.png'), fullPage: false });
    await page.getByRole('button', { name: '关闭', exact: true }).click();
    await page.getByRole('cell', { name: '上级领导评' }).first().waitFor();
  });

  it('watches participation and closes the campaign', async () => {
    await page.getByRole('link', { name: '参评情况' }).click();
    await page.getByTestId('participation').waitFor();
    await page.getByRole('button', { name: '结束评议' }).click();
    await page.locator('.badge-closed').first().waitFor();
    expect(consoleErrors).toEqual([]);
  });

  it('closes the demo campaign, checks the live figures against a recount, and publishes the notice', async () => {
    await page.goto(`${server.baseUrl}/console/campaigns/1/results`);
    await page.getByRole('button', { name: '结束评议' }).click();
    await page.locator('.badge-closed').first().waitFor();
    await page.getByRole('button', { name: '全量重算核对' }).click();
    await expect.poll(() => page.getByTestId('verification').textContent()).toContain('完全一致');
    await page.getByRole('button', { name: '通报结果' }).click();
    await page.locator('.badge-published').first().waitFor();

    await page.goto(`${server.baseUrl}/p/demo-2026`);
    const ranking = page.locator('.ranking-table').first();
    await ranking.waitFor();
    expect(await page.locator('h1').textContent()).toContain('通报');
    // Every ranked unit shows a composite score with two decimals, and rank 1 heads its category.
    expect(await ranking.locator('td.rank').first().textContent()).toBe('1');
    expect(await ranking.locator('td.strong').first().textContent()).toMatch(/^\d+\.\d\d$/);
    await page.screenshot({ path: join(SHOTS, 'publication.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });

  it("lets a unit's staff read their own unit's report, and nothing of another unit", async () => {
    await page.goto(`${server.baseUrl}/console/users`);
    await page.locator('input[name=username]').fill('zwfw');
    await page.locator('input[name=displayName]').fill('政务服务中心联络员');
    await page.locator('select[name=role]').selectOption('unit_staff');
    await page.locator('select[name=unitId]').selectOption({ label: '市政务服务中心' });
    await page.getByRole('button', { name: '创建' }).click();
    const issued = (await page.getByTestId('one-time-password').locator('strong').textContent()) ?? '';
    expect(issued).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await page.getByRole('button', { name: '退出', exact: true }).click();
    await page.locator('input[name=username]').waitFor();

    await signInThroughPage(page, server.baseUrl, 'zwfw', issued, 'window-report-2026!');
    await page.getByRole('link', { name: '本单位评议报告' }).click();
    const figures = page.getByTestId('report-figures');
    await figures.waitFor();
    expect(await page.locator('h2').first().textContent()).toContain('市政务服务中心');
    expect(await figures.textContent()).toMatch(/综合得分\d+\.\d\d/);
    await page.getByTestId('comments').waitFor();
    await page.locator('.item-chart canvas').waitFor();
    await page.screenshot({ path: join(SHOTS, 'unit-report.png'), fullPage: true });

    expect(consoleErrors).toEqual([]);

    // Another unit's report, asked for directly: the server refuses, whatever the page asks.
    const other = await page.evaluate(async () => (await fetch('/api/reports/demo-2026/units/1')).status);
    expect(other).toBe(403);
  });

  it("signs the office in after strangers' wrong passwords: a new browser solves a puzzle, a known one does not", async () => {
    const wrong = () =>
      fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'a stranger guessing' }),
      });
    for (let i = 0; i < 6; i += 1) await wrong();

    // A browser the account never used: the page meets proof_of_work_required, solves it and gets in.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const fresh = await context.newPage();
    const errors = collectConsoleErrors(fresh);
    const started = Date.now();
    await signInThroughPage(fresh, server.baseUrl, 'admin', NEW_PASSWORD);
    process.stdout.write(`proof of work solved and signed in, in Chromium: ${Date.now() - started} ms\n`);
    // The one refusal the page answers by itself shows in the console as a failed request; nothing else may.
    expect(errors.filter((e) => !/status of 429/.test(e))).toEqual([]);
    await context.close();

    // The office's own browser (it signed in before) is not slowed down at all.
    await page.getByRole('button', { name: '退出', exact: true }).click();
    await page.locator('input[name=username]').waitFor();
    const known = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await signInThroughPage(page, server.baseUrl, 'admin', NEW_PASSWORD);
    expect((await known).status()).toBe(200);
  });
});
