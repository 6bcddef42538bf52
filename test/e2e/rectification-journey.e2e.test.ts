import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, PHONE } from '../support/browser.ts';
import { fetchJsonFromPage, firstAdminPassword, signInThroughPage } from '../support/console-session.ts';
import { demoCityInBrowser } from '../support/e2e-setup.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');
/** A 1×1 PNG: the photo of the fix. */
const PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const REPORT = '不动产登记窗口中午不开，跑了两趟都没人，希望安排午间值班。';
const TITLE = '不动产登记窗口午间无人值守';

/** A demo unit account's one-time password, as `npm start` prints it. */
function demoPassword(output: string, username: string): string {
  const match = new RegExp(`^\\s+${username}\\s.*password: ([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})`, 'm').exec(output);
  if (!match?.[1]) throw new Error(`no password for ${username} in the server output`);
  return match[1];
}

/**
 * The whole loop of issue 15 in Chromium: a recipient rates 市政务服务中心 on a phone, reports a problem and
 * takes a follow-up code → the unit accepts the report into its ledger with measures and a deadline →
 * submits its weekly report → the office files the problem → the unit claims completion with a photo →
 * the office closes it (销号) → the recipient rates the fix with the code → the public sees it in 整改周周见.
 */
describe('from a problem report to a rated fix in 整改周周见', { timeout: 90_000 }, () => {
  const city = demoCityInBrowser('pingyi-e2e-journey-');
  let contexts: BrowserContext[] = [];
  let recipient: Page;
  let unit: Page;
  let office: Page;
  let code = '';
  let problemUrl = '';
  const errors: string[] = [];

  const newPage = async (options: Parameters<typeof city.browser.newContext>[0]) => {
    const context = await city.browser.newContext({ locale: 'zh-CN', ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    errors.push(...collectConsoleErrors(page));
    return page;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    recipient = await newPage({ ...PHONE, viewport: { width: 360, height: 640 } });
    unit = await newPage({ viewport: { width: 1280, height: 800 } });
    office = await newPage({ viewport: { width: 1280, height: 800 } });
    await signInThroughPage(
      office,
      city.server.baseUrl,
      'admin',
      firstAdminPassword(city.server),
      'journey-office-26!',
    );
    const password = demoPassword(city.server.output(), 'unit-d26');
    await signInThroughPage(unit, city.server.baseUrl, 'unit-d26', password, 'rectify-window-2026!');
  }, 120_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      for (const [name, page] of [
        ['recipient', recipient],
        ['unit', unit],
        ['office', office],
      ] as const)
        await page?.screenshot({ path: join(SHOTS, `failed-journey-${name}.png`), fullPage: true });
    }
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
  });

  /** Opens an action's dialog on the problem page, writes its note, confirms, and waits for the new state. */
  async function act(page: Page, button: string, state: string, note?: string) {
    await page.getByTestId('problem-summary').waitFor();
    await page.locator('.problem-actions').getByRole('button', { name: button, exact: true }).click();
    const dialog = page.getByTestId('action-dialog');
    if (note) await dialog.locator('textarea[name=note]').fill(note);
    await dialog.getByRole('button', { name: `确认${button}` }).click();
    await page.locator('.card-head .state-chip', { hasText: state }).waitFor();
  }

  it('a recipient reports a problem with the rating and takes a follow-up code from the receipt', async () => {
    await recipient.goto(`${city.server.baseUrl}/r/demo-2026/D26`);
    await recipient.locator('[data-name="attitude"] .sd-rating__item-star').nth(2).click();
    await recipient.locator('[data-name="efficiency"] .sd-rating__item-star').nth(1).click();
    await recipient.locator('[data-name="serviceRules"]').getByText('都做到了').click();
    await recipient.locator('[data-name="overall"]').getByText('★★★★ 满意', { exact: true }).click();
    await recipient.locator('[data-name="reportProblem"] label.sd-selectbase__label').click();
    await recipient.locator('[data-name="problemDescription"] textarea').fill(REPORT);
    await recipient.getByRole('button', { name: '提交' }).click();
    code = ((await recipient.getByTestId('followup-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await recipient.screenshot({ path: join(SHOTS, 'journey-receipt-code.png'), fullPage: true });
    // Nothing of the code stays on the phone.
    const stored = await recipient.evaluate(
      () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
    );
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(code.replaceAll('-', ''));

    // Before the report reaches the unit (reports are written in mixed batches), the code finds nothing.
    await recipient.goto(`${city.server.baseUrl}/f/${code}`);
    await recipient.getByTestId('followup-error').waitFor();
  });

  it('the unit accepts the report into its ledger with measures, a person and a deadline', async () => {
    // Closing the campaign writes every report still waiting in its batch.
    expect((await fetchJsonFromPage(office, 'POST', '/api/campaigns/1/close', {})).status).toBe(200);
    await unit.getByRole('link', { name: '问题反映' }).click();
    const item = unit.getByTestId('inbox-item').filter({ hasText: REPORT });
    await item.waitFor();
    await item.locator('[data-answer=accept]').click();
    const form = item.getByTestId('inbox-accept-form');
    await form.locator('input[name=title]').fill(TITLE);
    await form.locator('textarea[name=measures]').fill('实行午间轮岗值守，窗口公示值班电话。');
    await form.locator('input[name=owner]').fill('周敏（登记科科长）');
    await form.locator('input[name=leader]').fill('李副主任');
    expect(await form.locator('input[name=deadline]').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await form.getByRole('button', { name: '纳入台账' }).click();
    await unit.getByText('已纳入整改台账，等待评议办审核备案。').waitFor();

    // The raiser now sees it on the ledger, waiting for the office.
    await recipient.goto(`${city.server.baseUrl}/f/${code}`);
    await recipient.getByTestId('followup-problem').getByText(TITLE).waitFor();
    await recipient.getByTestId('followup-privacy').waitFor();
  });

  it('the office files the problem; the unit submits its weekly report with it', async () => {
    await unit.getByRole('link', { name: '整改台账' }).click();
    await unit.getByRole('link', { name: TITLE }).first().click();
    await unit.getByTestId('problem-summary').waitFor();
    problemUrl = unit.url();
    expect(problemUrl).toMatch(/\/console\/problems\/\d+$/);

    await office.goto(problemUrl);
    await act(office, '审核备案', '已备案');

    await unit.getByRole('link', { name: '每周报告' }).click();
    await unit
      .locator('textarea[name=progress]')
      .fill('本周将群众反映的不动产登记窗口午间无人值守问题纳入台账，已制定轮岗方案。');
    await unit.locator('textarea[name=plan]').fill('下周起实行午间值班，并在窗口公示值班电话。');
    await unit.getByRole('button', { name: '提交本周报告' }).click();
    await expect.poll(async () => (await unit.locator('main').textContent()) ?? '').toMatch(/按时报送|逾期报送/);
    await unit.screenshot({ path: join(SHOTS, 'journey-weekly-report.png'), fullPage: true });
  });

  it('the unit claims completion with a photo; the office closes it', async () => {
    await unit.goto(problemUrl);
    await act(unit, '开始整改', '整改中');
    await unit.locator('.problem-actions').getByRole('button', { name: '申请销号' }).click();
    const dialog = unit.getByTestId('action-dialog');
    await dialog
      .getByLabel('选择照片或PDF文件')
      .setInputFiles({ name: '午间值班表.png', mimeType: 'image/png', buffer: PHOTO });
    await dialog.getByRole('button', { name: '上传佐证材料' }).click();
    await dialog.getByRole('status').filter({ hasText: '已上传 1 个文件' }).waitFor();
    await dialog.locator('textarea[name=note]').fill('已实行午间轮岗值守，值班表在窗口公示。');
    await dialog.getByRole('button', { name: '确认申请销号' }).click();
    await unit.locator('.card-head .state-chip', { hasText: '申请销号' }).waitFor();

    await office.goto(problemUrl);
    await act(office, '销号', '已销号');
    await office.screenshot({ path: join(SHOTS, 'journey-closed.png'), fullPage: true });
  });

  it('the recipient rates the fix with the code, once', async () => {
    await recipient.goto(`${city.server.baseUrl}/f/${code}`);
    const rate = recipient.getByTestId('followup-rate');
    await rate.getByRole('button', { name: '满意', exact: true }).click();
    await recipient.getByTestId('followup-confirm').getByRole('button', { name: '确认提交' }).click();
    await recipient.getByTestId('followup-rated').waitFor();
    await recipient.screenshot({ path: join(SHOTS, 'journey-rated.png'), fullPage: true });
    // A second rating of the same fix is refused by the server, whatever the page does.
    const again = await recipient.evaluate(async (c) => {
      const response = await fetch(`/api/followups/${c}/rating`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rating: 'unsatisfied' }),
      });
      return { status: response.status, body: (await response.json()) as { error: { code: string } } };
    }, code);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('fix_already_rated');

    // The office sees the rating on the problem.
    await office.goto(problemUrl);
    await expect.poll(async () => (await office.locator('main').textContent()) ?? '').toContain('满意');
  });

  it('the public sees it closed in this week’s 整改周周见, with nothing of the raiser’s code', async () => {
    const visitor = await newPage({ ...PHONE, viewport: { width: 360, height: 640 } });
    // From the list of weeks to this week's page, as a visitor finds it.
    await visitor.goto(`${city.server.baseUrl}/weekly`);
    const weeks = (await (await fetch(`${city.server.baseUrl}/api/public/weekly`)).json()) as { current: string };
    await visitor.goto(`${city.server.baseUrl}/weekly/${weeks.current}`);
    const digest = visitor.locator('main');
    await digest.getByText(TITLE).first().waitFor();
    const text = (await digest.textContent()) ?? '';
    expect(text).toContain('销号');
    expect(text).not.toContain(code);
    await visitor.screenshot({ path: join(SHOTS, 'journey-weekly-digest.png'), fullPage: true });
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(errors).toEqual([]);
  });
});
