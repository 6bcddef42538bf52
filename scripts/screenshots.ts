import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureClientBuilt } from '../server/startup/client-build.ts';
import { launchChromium } from '../test/support/browser.ts';
import { firstAdminPassword, signInThroughPage } from '../test/support/console-session.ts';
import { startServerProcess } from '../test/support/server-process.ts';

// `npx tsx scripts/screenshots.ts [out-dir]`: retakes the README's pictures (docs/screenshots/) from a fresh
// demo city, by walking the journeys in Chromium as people would: phones at 360×640, the office at 1280×800.

const root = resolve(import.meta.dirname, '..');
const out = resolve(process.argv[2] ?? join(root, 'docs', 'screenshots'));
const PHONE = { viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
const NEW_PASSWORD = 'screenshots-office-2026!';

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Charts animate in: let them settle before the picture.
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage });
  process.stdout.write(`  ${name}.png\n`);
}

async function phone(browser: Browser) {
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN' });
  return { context, page: await context.newPage() };
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  await ensureClientBuilt(root, (line) => process.stdout.write(`${line}\n`));
  const dir = mkdtempSync(join(tmpdir(), 'pingyi-shots-'));
  const server = await startServerProcess({ DATABASE_URL: `file:${join(dir, 'demo.sqlite')}` });
  const browser = await launchChromium();
  const base = server.baseUrl;
  try {
    process.stdout.write(`Taking screenshots into ${out}\n`);
    {
      const { context, page } = await phone(browser);
      await page.goto(`${base}/r/demo-2026/D26`);
      await page.getByText('服务态度').waitFor();
      await shot(page, 'respond-phone');
      await page.locator('[data-name="attitude"] .sd-rating__item-star').nth(4).click();
      await page.locator('[data-name="efficiency"] .sd-rating__item-star').nth(3).click();
      await page.locator('[data-name="serviceRules"]').getByText('都做到了').click();
      await page.locator('[data-name="overall"]').getByText('非常满意').click();
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByTestId('receipt').waitFor();
      await shot(page, 'respond-receipt');
      await context.close();
    }
    {
      const { context, page } = await phone(browser);
      await page.goto(`${base}/code`);
      await page.locator('#code').fill('SJPY-AB22');
      await page.getByRole('button', { name: '开始评议' }).click();
      await page.locator('.sd-question').first().waitFor();
      await shot(page, 'leader-phone');
      await context.close();
    }
    {
      const context = await browser.newContext({ ...DESKTOP, locale: 'zh-CN' });
      const page = await context.newPage();
      page.on('dialog', (dialog) => void dialog.accept());
      await signInThroughPage(page, base, 'admin', firstAdminPassword(server), NEW_PASSWORD);
      await page.goto(`${base}/console/units`);
      await page.locator('main .card').first().waitFor();
      await shot(page, 'console-units');
      await page.goto(`${base}/console/campaigns/new`);
      await page.locator('main .card').first().waitFor();
      await shot(page, 'console-wizard');
      // The demo's questionnaires are the three templates: superior, peer, recipient (id 3).
      await page.goto(`${base}/console/questionnaires/3/edit`);
      await page.locator('main .card').first().waitFor();
      await shot(page, 'console-questionnaire-editor');
      await page.goto(`${base}/console/campaigns/1/overview`);
      await page.locator('nav.tabs').waitFor();
      await shot(page, 'console-participation');
      await page.goto(`${base}/console/campaigns/1/codes`);
      await page.locator('nav.tabs').waitFor();
      await shot(page, 'console-codes');

      // No named functions inside: tsx would wrap them in a helper the page does not have.
      const statuses = await page.evaluate(async () => {
        const headers = { 'content-type': 'application/json' };
        const closed = await fetch('/api/campaigns/1/close', { method: 'POST', headers, body: '{}' });
        const body = JSON.stringify({ acceptUnreviewed: true });
        const published = await fetch('/api/campaigns/1/publish', { method: 'POST', headers, body });
        return [closed.status, published.status];
      });
      if (statuses[0] !== 200 || statuses[1] !== 201) throw new Error(`close/publish answered ${statuses.join(', ')}`);
      await page.goto(`${base}/console/campaigns/1/results`);
      await page.locator('nav.tabs').waitFor();
      await shot(page, 'console-results', true);
      await page.goto(`${base}/p/demo-2026`);
      await page.locator('h1').waitFor();
      await shot(page, 'publication');
      await page.goto(`${base}/console/reports/demo-2026/27`);
      await page.locator('main .card').first().waitFor();
      await shot(page, 'unit-report');
      await context.close();
    }
    {
      const { context, page } = await phone(browser);
      await page.goto(`${base}/p/demo-2026`);
      await page.locator('h1').waitFor();
      await shot(page, 'publication-phone');
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
