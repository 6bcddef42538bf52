import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors } from '../support/browser.ts';
import { fetchJsonFromPage, firstAdminPassword, signInThroughPage } from '../support/console-session.ts';
import { demoCityInBrowser } from '../support/e2e-setup.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');
/** A 1×1 PNG: the photo of the fix. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const TITLE = '办事大厅午间无人值守';

/**
 * The rectification ledger in the console (issue 15): a unit's staff write a problem, are refused when it is
 * incomplete, complete and submit it; the office files it; the unit starts, uploads a photo and claims
 * completion; the office closes it. The office's stale page is refused in words, and the ledger reads on a phone.
 */
describe('the rectification ledger in the console', { timeout: 60_000 }, () => {
  const city = demoCityInBrowser('pingyi-e2e-problems-');
  let officeContext: BrowserContext;
  let unitContext: BrowserContext;
  let office: Page;
  let unit: Page;
  let problemUrl = '';
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    officeContext = await city.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    office = await officeContext.newPage();
    errors.push(...collectConsoleErrors(office));
    await signInThroughPage(
      office,
      city.server.baseUrl,
      'admin',
      firstAdminPassword(city.server),
      'ledger-office-2026!',
    );
    // The demo city has no unit staff: the office opens an account for the tax bureau's liaison.
    const units = await fetchJsonFromPage(office, 'GET', '/api/units');
    const tax = (units.body as { units: { id: number; name: string }[] }).units.find((u) => u.name === '市税务局');
    const bureau =
      tax ?? (units.body as { units: { id: number; level: string }[] }).units.find((u) => u.level === 'department');
    const created = await fetchJsonFromPage(office, 'POST', '/api/users', {
      username: 'ledger-unit',
      displayName: '单位联络员',
      role: 'unit_staff',
      unitId: bureau!.id,
    });
    expect(created.status).toBe(201);
    unitContext = await city.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    unit = await unitContext.newPage();
    unit.on('dialog', (dialog) => void dialog.accept());
    await signInThroughPage(
      unit,
      city.server.baseUrl,
      'ledger-unit',
      (created.body as { oneTimePassword: string }).oneTimePassword,
      'tax-liaison-2026!',
    );
  }, 120_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      await office?.screenshot({ path: join(SHOTS, `failed-problems-office.png`), fullPage: true });
      await unit?.screenshot({ path: join(SHOTS, `failed-problems-unit.png`), fullPage: true });
    }
  });

  afterAll(async () => {
    await officeContext?.close();
    await unitContext?.close();
  });

  /** Opens an action's dialog, writes its note, confirms, and waits for the state chip that follows. */
  async function act(page: Page, button: string, state: string, note?: string) {
    await page.getByTestId('problem-summary').waitFor();
    await page.locator('.problem-actions').getByRole('button', { name: button, exact: true }).click();
    const dialog = page.getByTestId('action-dialog');
    if (note) await dialog.locator('textarea[name=note]').fill(note);
    await dialog.getByRole('button', { name: `确认${button}` }).click();
    await page.locator('.card-head .state-chip', { hasText: state }).waitFor();
  }

  it('unit staff write a problem; the deadline follows the working-day default', async () => {
    await unit.getByRole('link', { name: '整改台账' }).click();
    await unit.getByTestId('problems-empty').or(unit.getByTestId('problem-table')).first().waitFor();
    await unit.getByRole('link', { name: '新增问题' }).click();
    const form = unit.getByTestId('problem-form');
    // Unit staff do not choose a unit: it is their own.
    expect(await form.locator('select[name=unitId]').count()).toBe(0);
    await form.locator('input[name=title]').fill(TITLE);
    await form.locator('textarea[name=detail]').fill('12:00–14:00 窗口无人，群众多次反映白跑一趟。');
    await form.locator('select[name=source]').selectOption('hotline');
    await expect.poll(() => form.getByTestId('deadline-hint').textContent()).toContain('默认 5 个工作日');
    await form.getByRole('button', { name: '保存为草稿' }).click();
    await unit.locator('.card-head .state-chip', { hasText: '草稿' }).waitFor();
    problemUrl = unit.url();
    expect(problemUrl).toMatch(/\/console\/problems\/\d+$/);
    // The server stored the suggested deadline; the timeline has its first entry.
    expect(await unit.getByTestId('problem-facts').textContent()).toMatch(/整改时限\d{4}-\d{2}-\d{2}/);
    expect(await unit.getByTestId('timeline').textContent()).toContain('创建');
  });

  it('refuses to submit an incomplete problem, in words, then submits it once completed', async () => {
    await unit.locator('.problem-actions').getByRole('button', { name: '提交审核' }).click();
    const dialog = unit.getByTestId('action-dialog');
    await dialog.getByRole('button', { name: '确认提交审核' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('问题信息不完整');
    await dialog.getByRole('button', { name: '取消' }).click();

    await unit.getByRole('button', { name: '修改', exact: true }).click();
    const form = unit.getByTestId('problem-form');
    await form.locator('input[name=owner]').fill('赵六（科长）');
    await form.locator('input[name=leader]').fill('钱副局长');
    await form.locator('textarea[name=measures]').fill('实行午间轮岗值守，公示值班电话。');
    await form.getByRole('button', { name: '保存修改' }).click();
    await unit.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await expect.poll(() => unit.getByTestId('timeline').textContent()).toContain('责任人');

    await act(unit, '提交审核', '待审核');
    // Submitted: waiting for the office, no longer the unit's to edit.
    expect(await unit.getByRole('button', { name: '修改', exact: true }).count()).toBe(0);
  });

  it('the office finds it in the review queue and files it; a stale page is refused in words', async () => {
    await office.goto(`${city.server.baseUrl}/console/problems`);
    await office
      .getByRole('group', { name: '视图' })
      .getByRole('button', { name: /^待审核/ })
      .click();
    await office.getByRole('link', { name: TITLE }).first().click();
    await office.getByTestId('problem-summary').waitFor();
    // A second tab of the office files it first.
    const id = problemUrl.split('/').pop()!;
    const filed = await fetchJsonFromPage(office, 'POST', `/api/problems/${id}/actions/file`, {});
    expect(filed.status).toBe(200);
    await office.locator('.problem-actions').getByRole('button', { name: '审核备案' }).click();
    const dialog = office.getByTestId('action-dialog');
    await dialog.getByRole('button', { name: '确认审核备案' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('问题当前所处的环节不能进行此项操作');
    await dialog.getByRole('button', { name: '取消' }).click();
    await office.locator('.card-head .state-chip', { hasText: '已备案' }).waitFor();
    // Filed: nothing of it is edited any more.
    expect(await office.getByRole('button', { name: '修改', exact: true }).count()).toBe(0);
  });

  it('the unit starts, uploads a photo of the fix and claims completion; the office closes it', async () => {
    await unit.goto(problemUrl);
    await act(unit, '开始整改', '整改中');
    await unit.locator('.problem-actions').getByRole('button', { name: '申请销号' }).click();
    const dialog = unit.getByTestId('action-dialog');
    await dialog.getByRole('heading', { name: '上传整改佐证材料' }).waitFor();
    // A claim needs a note: the browser asks for it before anything is sent.
    expect(await dialog.locator('textarea[name=note]').getAttribute('required')).not.toBeNull();
    await dialog
      .getByLabel('选择照片或PDF文件')
      .setInputFiles({ name: '值班表.png', mimeType: 'image/png', buffer: PHOTO });
    await dialog.getByRole('button', { name: '上传佐证材料' }).click();
    await dialog.getByRole('status').filter({ hasText: '已上传 1 个文件' }).waitFor();
    await dialog.locator('textarea[name=note]').fill('已实行午间轮岗，连续两周无人值守投诉为零。');
    await dialog.getByRole('button', { name: '确认申请销号' }).click();
    await unit.locator('.card-head .state-chip', { hasText: '申请销号' }).waitFor();
    await unit.screenshot({ path: join(SHOTS, 'problems-claimed.png'), fullPage: true });

    await office.goto(problemUrl);
    await act(office, '销号', '已销号');
    const timeline = (await office.getByTestId('timeline').textContent()) ?? '';
    for (const words of ['创建', '提交审核', '审核备案', '开始整改', '上传佐证材料', '申请销号', '销号'])
      expect(timeline).toContain(words);
    expect(await office.getByTestId('timeline').getByRole('link', { name: '值班表.png' }).count()).toBe(1);
    await office.screenshot({ path: join(SHOTS, 'problems-closed.png'), fullPage: true });
  });

  it('the dashboards count it, and the ledger reads on a phone', async () => {
    await unit.goto(`${city.server.baseUrl}/console/rectification`);
    // Unit staff see their own unit only, with the problem closed (on time).
    const rows = unit.getByTestId('stats-table').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    expect(Number(await rows.first().locator('td').nth(2).textContent())).toBeGreaterThanOrEqual(1);

    const phone = await city.browser.newContext({
      viewport: { width: 360, height: 640 },
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    await phone.addCookies(await unitContext.cookies());
    const page = await phone.newPage();
    await page.goto(`${city.server.baseUrl}/console/problems`);
    await page.getByTestId('problem-cards').getByRole('link', { name: TITLE }).waitFor();
    expect(await page.getByTestId('problem-table').isVisible()).toBe(false);
    // Nothing wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: join(SHOTS, 'problems-phone.png'), fullPage: true });
    await phone.close();
    expect(errors.filter((e) => !/status of (409|422)/.test(e))).toEqual([]);
  });
});
