import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, launchChromium } from '../support/browser.ts';
import { firstAdminPassword, signInThroughPage, fetchJsonFromPage } from '../support/console-session.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');
const NEW_PASSWORD = 'qingxi-setup-2026!';
const SMALL = { width: 360, height: 640 };
/** How long a poll waits for the page to catch up (a campaign page loads several answers). */
const WAIT = { timeout: 10_000 };

/** Setting a campaign up without friction: categories, scope by subtree, one peer batch, bulk review, home links. */
describe('the office sets a campaign up from the console', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let consoleErrors: string[];

  /** A JSON request from the signed-in page, as the console sends it. */
  const fetchJson = (method: string, path: string, body?: unknown) => fetchJsonFromPage(page, method, path, body);
  /** The same page at a phone's size, for a look at how it fits. */
  const smallShot = async (path: string, name: string, ready: string) => {
    const small = await context.newPage();
    await small.setViewportSize(SMALL);
    await small.goto(`${server.baseUrl}${path}`);
    await small.getByTestId(ready).waitFor();
    await small.screenshot({ path: join(SHOTS, `${name}-360.png`), fullPage: true });
    await small.close();
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingyi-e2e-setup-'));
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerProcess({ DATABASE_URL: `file:${join(dir, 'e2e.sqlite')}` });
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    consoleErrors = collectConsoleErrors(page);
  });

  afterEach(async (test) => {
    if (test.task.result?.state === 'fail')
      await page.screenshot({ path: join(SHOTS, `failed-setup-${test.task.name.slice(0, 40)}.png`), fullPage: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('links the home page to the code page and to the office sign-in, in both languages', async () => {
    await page.goto(server.baseUrl);
    await page.getByRole('link', { name: /我有评议码/ }).click();
    await page.waitForURL(/\/code$/);
    await page.locator('input').first().waitFor();
    await page.goBack();
    await page.getByRole('link', { name: /评议办登录/ }).click();
    await page.waitForURL(/\/login$/);
    await page.locator('input[name=username]').waitFor();

    await page.goto(server.baseUrl);
    await page.locator('.unit-links').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'home-1280.png') });
    const phone = await context.newPage();
    await phone.setViewportSize(SMALL);
    await phone.goto(server.baseUrl);
    await phone.getByRole('link', { name: /我有评议码/ }).waitFor();
    await phone.screenshot({ path: join(SHOTS, 'home-360.png') });
    await phone.close();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: /I have an access code/ }).waitFor();
    expect(await page.getByRole('link', { name: /Office sign-in/ }).getAttribute('href')).toBe('/login');
    expect(await page.getByRole('link', { name: /I have an access code/ }).getAttribute('href')).toBe('/code');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('link', { name: /我有评议码/ }).waitFor();

    await signInThroughPage(page, server.baseUrl, 'admin', firstAdminPassword(server), NEW_PASSWORD);
  });

  it('adds a category, renames it in both languages, and is told why one in use cannot be deleted', async () => {
    await page.getByRole('link', { name: '单位类别' }).click();
    const table = page.getByTestId('categories');
    await table.waitFor();
    await page.getByRole('button', { name: '新增类别' }).click();
    const form = page.getByTestId('category-form');
    await form.locator('input[name=code]').fill('vertical');
    await form.locator('input[name=name]').fill('垂管单位');
    await form.locator('input[name=nameEn]').fill('Vertical units');
    await form.locator('input[name=ranked]').uncheck();
    await form.getByRole('button', { name: '保存' }).click();
    const row = table.getByRole('row', { name: /vertical/ });
    await expect.poll(() => row.textContent(), WAIT).toContain('垂管单位');
    expect(await row.textContent()).toContain('否（只评分）');

    await row.getByRole('button', { name: '编辑' }).click();
    const edit = table.getByTestId('category-form');
    await edit.locator('input[name=name]').fill('垂直管理单位');
    await edit.locator('input[name=nameEn]').fill('Vertically managed units');
    await edit.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => row.textContent(), WAIT).toContain('垂直管理单位');
    expect(await row.textContent()).toContain('Vertically managed units');

    await table
      .getByRole('row', { name: /党群部门/ })
      .getByRole('button', { name: '删除' })
      .click();
    const refusal = page.getByTestId('category-refusal');
    await expect
      .poll(() => refusal.textContent(), WAIT)
      .toContain(
        '“党群部门”不能删除：仍有 7 个单位属于该类别（请先在“单位管理”中把它们改到其他类别）；1 个评议活动记录了该类别',
      );
    expect(await table.getByRole('row', { name: /党群部门/ }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'console-categories-1280.png') });
    await smallShot('/console/categories', 'console-categories', 'categories');

    await row.getByRole('button', { name: '删除' }).click();
    await expect.poll(() => table.getByRole('row', { name: /vertical/ }).count(), WAIT).toBe(0);
  });

  it('picks the scope by county: its whole subtree with a count, narrowed by level and category', async () => {
    const { body } = await fetchJson('GET', '/api/units');
    const county = body.units.find((u: { code: string }) => u.code === 'QX-YS');
    const window = (await fetchJson('GET', '/api/categories')).body.categories.find(
      (c: { code: string }) => c.code === 'window',
    );
    for (const [code, name] of [
      ['YS-D1', '云山县政务服务中心'],
      ['YS-D2', '云山县不动产登记中心'],
      ['YS-D3', '云山县医疗保障局'],
    ])
      expect(
        (
          await fetchJson('POST', '/api/units', {
            code,
            name,
            level: 'department',
            parentId: county.id,
            categoryId: window.id,
          })
        ).status,
      ).toBe(201);

    await page.getByRole('link', { name: '评议活动', exact: true }).click();
    await page.getByRole('link', { name: '新建评议活动' }).click();
    const scope = page.getByTestId('scope');
    await scope.waitFor();
    await scope.getByRole('button', { name: '按地区（单位树）' }).click();
    // 云山县 itself, 桃源镇 and the three departments under it.
    await scope.getByRole('checkbox', { name: '云山县', exact: true }).check();
    await expect.poll(() => page.getByTestId('scope-count').textContent(), WAIT).toBe('已选 5 个单位');
    expect(await page.getByTestId('subtree-count-QX-YS').textContent()).toBe('（5/5）');
    await scope.getByRole('button', { name: '全不选' }).click();
    await expect.poll(() => page.getByTestId('scope-count').textContent(), WAIT).toBe('已选 0 个单位');

    // Departments only: the county's three.
    await scope.locator('select[name=scopeLevel]').selectOption({ label: '部门' });
    await scope.getByRole('checkbox', { name: '云山县', exact: true }).check();
    await expect.poll(() => page.getByTestId('scope-count').textContent(), WAIT).toBe('已选 3 个单位');
    // Every front-line service unit, the city's five and the county's three.
    await scope.locator('select[name=scopeLevel]').selectOption({ label: '全部层级' });
    await scope.locator('select[name=scopeCategory]').selectOption({ label: '窗口服务单位' });
    await scope.getByRole('button', { name: '全选（8）' }).click();
    await expect.poll(() => page.getByTestId('scope-count').textContent(), WAIT).toBe('已选 8 个单位');
    await scope.getByText('范围内的类别').waitFor();
    await scope.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'console-scope-tree-1280.png') });
  });

  it('issues one peer batch for every unit: each slip and each CSV row carries its rater unit', async () => {
    await page.goto(`${server.baseUrl}/console/campaigns/1/codes`);
    const issue = page.locator('form.inline-form').first();
    await issue.locator('select').first().selectOption('peer');
    expect(await issue.locator('select[name=peerScope]').inputValue()).toBe('all');
    await issue.locator('input[name=count]').fill('2');
    await expect.poll(() => page.getByTestId('peer-all-note').textContent(), WAIT).toContain('共 60 个');
    await issue.getByRole('button', { name: '生成' }).click();
    const sheet = page.getByTestId('code-sheet');
    await sheet.waitFor();
    expect(await sheet.locator('h2').textContent()).toBe('已为 30 个单位生成 60 个评议码');
    expect(await page.getByTestId('slip').count()).toBe(60);
    const units = await page.getByTestId('slip-unit').allTextContents();
    expect(units.slice(0, 3)).toEqual([
      '评议单位：D01 市委办公室',
      '评议单位：D01 市委办公室',
      '评议单位：D02 市委组织部',
    ]);
    // A slip says the campaign, the rater type, the rater unit, the code and how to use it: nothing more.
    const first = page.getByTestId('slip').first();
    const code = (await first.getByTestId('issued-code').textContent())!;
    expect(await first.textContent()).toBe(
      `2026年度青溪市机关作风三评议（演示）同级部门评评议单位：D01 市委办公室${code}请访问 ${server.baseUrl}/code 输入评议码，限用一次，匿名评价`,
    );
    await page.screenshot({ path: join(SHOTS, 'console-peer-slips-1280.png') });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      sheet.getByRole('button', { name: '下载CSV' }).click(),
    ]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes
      .toString('utf8')
      .slice(1)
      .split('\r\n')
      .filter(Boolean)
      .map((line) => line.split(','));
    expect(rows[0]).toEqual(['序号', '评议码', '评议单位编码', '评议单位', '评议活动', '批次']);
    expect(rows).toHaveLength(61);
    expect(rows[1]).toEqual([
      '1',
      code,
      'D01',
      '市委办公室',
      '2026年度青溪市机关作风三评议（演示）',
      expect.any(String),
    ]);
    expect(rows[60]!.slice(2, 4)).toEqual(['D30', '市12345政务服务便民热线中心']);
    expect(rows.slice(1).every((row) => /^D\d\d$/.test(row[2]!) && row[3]!.length > 0)).toBe(true);

    await sheet.getByRole('button', { name: '关闭', exact: true }).click();
    await expect.poll(() => page.getByRole('cell', { name: '同级部门评' }).count(), WAIT).toBeGreaterThanOrEqual(30);
  });

  it('reviews several flagged ballots at once, seeing why each was flagged and how long it took', async () => {
    // Four recipients who answered in 2 seconds (the campaign's minimum is 4).
    for (const unit of ['D26', 'D27', 'D28', 'D29']) {
      const opened = (await fetchJson('GET', `/api/respond/open/demo-2026/${unit}`)).body;
      const sent = await fetchJson('POST', '/api/ballots', {
        campaignId: 1,
        unitId: opened.unit.id,
        questionnaireId: opened.questionnaire.id,
        submissionId: crypto.randomUUID(),
        answers: { attitude: 1, efficiency: 1, serviceRules: 'none', overall: 1, comment: '排队太久' },
        deviceId: crypto.randomUUID(),
        fillSeconds: 2,
      });
      expect(sent.status).toBe(201);
    }
    const reviews: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/review$/.test(request.url())) reviews.push(request.url());
    });
    await page.goto(`${server.baseUrl}/console/campaigns/1/review`);
    const rows = page.getByTestId('flagged-ballot');
    await expect.poll(() => rows.count(), WAIT).toBe(4);
    expect(await rows.first().textContent()).toContain('填写过快：用时 2 秒，少于此问卷的最短用时 4 秒');
    expect(await page.getByTestId('fill-time').allTextContents()).toEqual(['2 秒', '2 秒', '2 秒', '2 秒']);
    await smallShot('/console/campaigns/1/review', 'console-review', 'review-table');
    await rows.first().getByRole('button', { name: '查看答卷' }).click();
    await page.getByText('排队太久').waitFor();
    await page.getByText('★ 非常不满意').waitFor();

    for (let i = 0; i < 3; i += 1) await rows.nth(i).getByRole('checkbox').check();
    await expect.poll(() => page.getByTestId('selected-count').textContent(), WAIT).toBe('已选 3 份');
    await page.screenshot({ path: join(SHOTS, 'console-review-1280.png'), fullPage: true });
    await page.getByRole('button', { name: '剔除所选' }).click();
    await page.getByText('已剔除 3 份评议。').waitFor();
    await expect.poll(() => rows.count(), WAIT).toBe(1);

    await page.getByRole('checkbox', { name: '全选本页' }).check();
    await page.getByRole('button', { name: '确认所选有效' }).click();
    await page.getByText('已确认 1 份评议有效。').waitFor();
    await page.getByTestId('review-empty').waitFor();
    expect(reviews.map((url) => new URL(url).pathname)).toEqual([
      '/api/campaigns/1/flagged-ballots/review',
      '/api/campaigns/1/flagged-ballots/review',
    ]);

    await page.getByRole('checkbox', { name: '显示已审核的' }).check();
    await expect.poll(() => page.locator('.badge-closed').count(), WAIT).toBe(3);
    expect(consoleErrors).toEqual([]);
  });
});
