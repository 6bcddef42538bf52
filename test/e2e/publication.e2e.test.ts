import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors } from '../support/browser.ts';
import { firstAdminPassword, signInThroughPage } from '../support/console-session.ts';
import { demoCityInBrowser } from '../support/e2e-setup.ts';

const SHOTS = join(tmpdir(), 'b-shots');
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The office issues the notice (通报) from the console; the public reads it on a phone, prints it, downloads it. */
describe('the published notice', () => {
  const city = demoCityInBrowser('pingyi-e2e-notice-');
  beforeAll(() => void mkdirSync(SHOTS, { recursive: true }));

  it('is issued by the office with its 发文机关, 文号, signature and date', async () => {
    const context = await city.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    const errors = collectConsoleErrors(page);
    await signInThroughPage(page, city.server.baseUrl, 'admin', firstAdminPassword(city.server), 'notice-office-2026!');
    await page.goto(`${city.server.baseUrl}/console/campaigns/1/results`);
    await page.getByRole('button', { name: '结束评议' }).click();
    await page.locator('.badge-closed').first().waitFor();

    const fields = page.getByTestId('notice-fields');
    // Suggested from the unit tree: the city's office, signing as itself; no 文号 is invented.
    await expect.poll(() => fields.getByLabel('发文机关（红头）').inputValue()).toBe('青溪市作风评议办公室');
    expect(await fields.getByLabel('落款（署名）').inputValue()).toBe('青溪市作风评议办公室');
    expect(await fields.getByLabel('发文字号').inputValue()).toBe('');
    await fields.getByLabel('发文字号').fill('青评议2026-5');
    await page.getByRole('button', { name: '通报结果' }).click();
    // Refused beside its field, in the UI's language; nothing was published.
    await fields.getByText('格式应为“机关代字〔年份〕序号号”').waitFor();
    await fields.getByLabel('发文字号').fill('青评议[2026]5号');
    await page.screenshot({ path: join(SHOTS, 'console-notice-fields.png'), fullPage: false });
    await page.getByRole('button', { name: '通报结果' }).click();
    await page.locator('.badge-published').first().waitFor();
    expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
    await context.close();
  });

  it('shows cards on a 360 px phone, with nothing to scroll sideways, and a chart per category', async () => {
    const context = await city.browser.newContext({
      viewport: { width: 360, height: 640 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${city.server.baseUrl}/p/demo-2026`);
    await page.locator('.notice-doc').waitFor();
    expect(await page.locator('.notice-issuer').textContent()).toBe('青溪市作风评议办公室');
    expect(await page.locator('.notice-number').textContent()).toBe('青评议〔2026〕5号');
    expect(await page.locator('h1').textContent()).toBe('关于2026年度青溪市机关作风三评议（演示）结果的通报');
    expect(await page.locator('.notice-text').first().textContent()).toContain('青溪市作风评议办公室组织开展了');
    // Figures in words: how many rated, never "n=".
    expect(await page.locator('.notice-doc').textContent()).not.toMatch(/n\s*=/);

    const parts = page.locator('.notice-part');
    const count = await parts.count();
    expect(count).toBe(4);
    // One ECharts chart per category, drawn once the lazily loaded library arrives.
    for (let i = 0; i < count; i++) await parts.nth(i).locator('.notice-chart canvas').first().waitFor();
    expect(await page.locator('.ranking-wide').first().isVisible()).toBe(false);
    const cards = page.locator('.unit-card');
    expect(await cards.count()).toBe(30);
    expect(await cards.first().isVisible()).toBe(true);
    expect(await cards.first().textContent()).toMatch(/综合得分\d+\.\d\d/);
    const widths = await page.evaluate(() => ({
      scroll: document.scrollingElement!.scrollWidth,
      inner: window.innerWidth,
    }));
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    await page.screenshot({ path: join(SHOTS, 'notice-phone.png'), fullPage: false });
    await parts.first().screenshot({ path: join(SHOTS, 'notice-phone-cards.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('prints on A4 with no row split across pages, headers repeated and no buttons', async () => {
    const context = await city.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${city.server.baseUrl}/p/demo-2026`);
    await page.locator('.ranking-table').first().waitFor();
    await page.screenshot({ path: join(SHOTS, 'notice-desktop.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(() => {
      const style = (element: Element) => getComputedStyle(element);
      const rows = [
        ...document.querySelectorAll('.ranking-table > thead > tr, .ranking-table > tbody > tr:not(.explain-row)'),
      ];
      return {
        rows: rows.length,
        rowsThatMaySplit: rows.filter((row) => style(row).breakInside !== 'avoid').length,
        headers: [...document.querySelectorAll('.ranking-table > thead')].map((head) => style(head).display),
        visibleButtons: [...document.querySelectorAll('button, .notice-toolbar a')].filter(
          (element) => (element as HTMLElement).offsetParent !== null && style(element).display !== 'none',
        ).length,
        tablesShown: [...document.querySelectorAll('.ranking-wide')].every((wrap) => style(wrap).display !== 'none'),
        cardsShown: [...document.querySelectorAll('.unit-cards')].some((list) => style(list).display !== 'none'),
        // "How this was computed" is the Word appendix on paper, not a folded row.
        explainShown: [...document.querySelectorAll('.explain-row')].filter((row) => style(row).display !== 'none')
          .length,
      };
    });
    expect(print.rows).toBe(30 + 4);
    expect(print.rowsThatMaySplit).toBe(0);
    expect(print.headers).toEqual(Array(4).fill('table-header-group'));
    expect(print.visibleButtons).toBe(0);
    expect([print.tablesShown, print.cardsShown]).toEqual([true, false]);
    expect(print.explainShown).toBe(0);
    const pdf = join(SHOTS, 'notice-print.pdf');
    await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
    const bytes = readFileSync(pdf).toString('latin1');
    expect(bytes.startsWith('%PDF')).toBe(true);
    // A4 in points: 595.28 × 841.89 (Chromium writes 594.96 × 841.92).
    expect(bytes).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]/);
    await context.close();
  });

  it('explains how each composite was computed, on a phone and on a wide screen', async () => {
    const shots = join(tmpdir(), 'c-explain-shots');
    mkdirSync(shots, { recursive: true });
    for (const viewport of [
      { width: 360, height: 640 },
      { width: 1280, height: 800 },
    ]) {
      const phone = viewport.width < 600;
      const context = await city.browser.newContext({ viewport, locale: 'zh-CN', isMobile: phone, hasTouch: phone });
      const page = await context.newPage();
      const errors = collectConsoleErrors(page);
      await page.goto(`${city.server.baseUrl}/p/demo-2026`);
      const scope = page.locator(phone ? '.unit-cards' : '.ranking-wide').first();
      const details = scope.locator('.unit-explain').first();
      await details.locator('summary').click();
      const text = await details.textContent();
      // The scores with their counted ballots, the weights used, the sum with its rounding, the grade band.
      expect(text).toContain('计分票');
      expect(text).toContain('权重：');
      expect(text).toMatch(/综合得分 = Σ 权重 × 得分 = .+ = \d+\.\d{4}，保留\d位小数为 \d+\.\d+。/);
      expect(text).toMatch(/等次：综合得分 [\d.]+ 在“.+”档/);
      const widths = await page.evaluate(() => ({
        scroll: document.scrollingElement!.scrollWidth,
        inner: window.innerWidth,
      }));
      expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
      await details.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, `explain-${viewport.width}.png`) });
      await (phone ? details.locator('..') : details).screenshot({
        path: join(shots, `explain-${viewport.width}-row.png`),
      });
      // The same page in English says the same in English only.
      await page.getByRole('button', { name: 'English' }).click();
      await scope.getByText('How this was computed').first().waitFor();
      expect(await scope.locator('.unit-explain').first().textContent()).toMatch(/Composite = Σ weight × score/);
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 120_000);

  it('downloads the same version as Word and as Excel', async () => {
    const context = await city.browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${city.server.baseUrl}/p/demo-2026`);
    const word = page.getByRole('link', { name: '下载Word' });
    const excel = page.getByRole('link', { name: '下载Excel' });
    expect(await word.getAttribute('href')).toBe('/api/publications/demo-2026/versions/1/export.docx');
    expect(await excel.getAttribute('href')).toBe('/api/publications/demo-2026/versions/1/export.xlsx');
    const download = await Promise.all([page.waitForEvent('download'), word.click()]).then(([d]) => d);
    expect(download.suggestedFilename()).toBe('demo-2026-v1.docx');
    const response = await fetch(`${city.server.baseUrl}/api/publications/demo-2026/versions/1/export.docx`);
    expect([response.status, response.headers.get('content-type')]).toEqual([200, DOCX_TYPE]);
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    await context.close();
  });
});
