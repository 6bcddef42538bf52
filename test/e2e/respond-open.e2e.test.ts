import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, PHONE } from '../support/browser.ts';
import { demoCityInBrowser } from '../support/e2e-setup.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');

/** The thin slice: a phone opens a unit's QR link, answers in Chinese, submits; the ballot is in the database. */
describe('service recipient rates a unit on a phone', () => {
  const city = demoCityInBrowser();
  beforeAll(() => void mkdirSync(SHOTS, { recursive: true }));

  const ballotsFor = (unitCode: string) => {
    const sqlite = new SQLite(city.database, { readonly: true });
    try {
      const row = sqlite
        .prepare('select count(*) as n from ballots b join units u on u.id = b.target_unit_id where u.code = ?')
        .get(unitCode) as { n: number };
      return row.n;
    } finally {
      sqlite.close();
    }
  };

  it('answers the questionnaire in Chinese and gets a receipt', async () => {
    const before = ballotsFor('D26');
    const context = await city.browser.newContext(PHONE);
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);

    await page.goto(`${city.server.baseUrl}/r/demo-2026/D26`);
    await expect.poll(() => page.locator('.respond-unit').textContent()).toBe('市政务服务中心');
    await page.getByText('服务态度').waitFor();
    await page.screenshot({ path: join(SHOTS, 'respond-open.png'), fullPage: true });

    // Five stars for attitude and four for efficiency: SurveyJS draws the stars as items in order 1..5.
    await page.locator('[data-name="attitude"] .sd-rating__item-star').nth(4).click();
    await page.locator('[data-name="efficiency"] .sd-rating__item-star').nth(3).click();
    await page.locator('[data-name="serviceRules"]').getByText('都做到了').click();
    await page.locator('[data-name="overall"]').getByText('非常满意').click();
    await page.locator('[data-name="comment"] textarea').fill('窗口人员耐心，一次办结。');
    await page.getByRole('button', { name: '提交' }).click();

    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    expect(await receipt.textContent()).toMatch(/^[A-HJ-KM-NP-Z2-9]{10}$/);
    await page.screenshot({ path: join(SHOTS, 'respond-done.png'), fullPage: true });
    expect(ballotsFor('D26')).toBe(before + 1);

    const results = await (await fetch(`${city.server.baseUrl}/api/campaigns/1/results`)).json();
    const unit = results.units.find((u: { code: string }) => u.code === 'D26');
    expect(unit.groups.find((g: { raterType: string }) => g.raterType === 'recipient').ballots).toBe(before + 1);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });

  it('explains a link to a unit that does not exist in plain Chinese', async () => {
    const context = await city.browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${city.server.baseUrl}/r/demo-2026/NOPE`);
    const notice = page.getByTestId('notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('链接无效');
    await context.close();
  });
});
