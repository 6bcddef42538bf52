import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, launchChromium, PHONE } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/** A leader types the code from their sheet on a phone and grades every unit in one sitting. */
describe('a leader rates all units with an access code', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingyi-e2e-code-'));
    server = await startServerProcess({ DATABASE_URL: `file:${join(dir, 'e2e.sqlite')}` });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Leaders' ballots keep no row (decision 011): each leaves a receipt, and a sealed record until it is mixed in. */
  const superiorBallots = () => {
    const sqlite = new SQLite(join(dir, 'e2e.sqlite'), { readonly: true });
    try {
      return (sqlite.prepare('select count(*) as n from receipts').get() as { n: number }).n;
    } finally {
      sqlite.close();
    }
  };

  it('grades thirty units, gets a receipt, and cannot use the code again', async () => {
    const before = superiorBallots();
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);

    await page.goto(`${server.baseUrl}/code`);
    // People type codes in lower case and without the hyphen; the page shows them as XXXX-XXXX.
    await page.locator('#code').pressSequentially('sjpyac22');
    expect(await page.locator('#code').inputValue()).toBe('SJPY-AC22');
    await page.getByRole('button', { name: '开始评议' }).click();
    // One unit per page (issue 13): graded item by item here, with the page's own buttons.
    const unitName = page.getByTestId('unit-name');
    await unitName.waitFor();
    expect(await page.getByTestId('unit-progress').textContent()).toContain('第 1/30 个单位');

    await page.screenshot({ path: join(tmpdir(), 'pingyi-e2e-shots', 'leader-phone.png') });
    const fillStarted = Date.now();
    for (let unit = 0; unit < 30; unit += 1) {
      // Each unit gets 优秀 or 良好 on its four items (alternating so the ballot is not one flat pattern).
      const grade = unit % 3 === 0 ? '良好' : '优秀';
      const name = await unitName.textContent();
      const cells = page.locator('.sd-body [role="radiogroup"]');
      expect(await cells.count()).toBe(4);
      for (let cell = 0; cell < 4; cell += 1) await cells.nth(cell).getByText(grade, { exact: true }).click();
      await page.getByRole('button', { name: '下一个单位' }).click();
      await unitName.filter({ hasNotText: name! }).waitFor();
    }
    const rowCount = 30;
    process.stdout.write(`leader ballot: 120 grades clicked in ${Date.now() - fillStarted} ms\n`);
    const started = Date.now();
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('receipt').waitFor();
    process.stdout.write(`leader ballot: ${rowCount} units graded, submitted in ${Date.now() - started} ms\n`);
    expect(superiorBallots()).toBe(before + 1);

    // The code's link opened again on this phone shows its receipt (issue 13, bug 9)…
    const receipt = await page.getByTestId('receipt').textContent();
    await page.goto(`${server.baseUrl}/code/SJPY-AC22`);
    expect(await page.getByTestId('receipt').textContent()).toBe(receipt);
    expect(consoleErrors).toEqual([]);
    await context.close();

    // …and on any other device the spent code is refused.
    const other = await browser.newContext(PHONE);
    const otherPage = await other.newPage();
    const otherErrors = collectConsoleErrors(otherPage);
    await otherPage.goto(`${server.baseUrl}/code/SJPY-AC22`);
    await otherPage.getByRole('button', { name: '开始评议' }).click();
    const notice = otherPage.getByTestId('notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('评议码已使用');
    expect(otherErrors.filter((e) => !e.includes('409'))).toEqual([]);
    await other.close();
  }, 180_000);
});
