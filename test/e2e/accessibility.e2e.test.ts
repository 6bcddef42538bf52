import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PHONE } from '../support/browser.ts';
import { firstAdminPassword, signInThroughPage } from '../support/console-session.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' };
/** Rules that are not "serious" in axe's ranking but that the field test named: one h1 and a main landmark. */
const ALSO_REQUIRED = new Set(['landmark-one-main', 'page-has-heading-one']);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core (WCAG 2.1 A and AA, and best practice) on the page as it is now; returns what must be fixed. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol, so the page's own CSP does not apply to the injected script.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALSO_REQUIRED.has(v.id));
}

function describeViolations(page: string, violations: Violation[]): string {
  return violations
    .map(
      (v) => `${page}: [${v.impact}] ${v.id} — ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
    )
    .join('\n');
}

/** 0 serious axe-core violations on the respondent, code, publication and console pages (issue 13). */
describe('accessibility of every journey, checked by axe-core', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser;
  const found: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingyi-e2e-axe-'));
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerProcess({ DATABASE_URL: `file:${join(dir, 'e2e.sqlite')}` });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const check = async (page: Page, name: string) => {
    const violations = await seriousViolations(page);
    if (violations.length > 0) {
      found.push(describeViolations(name, violations));
      await page.screenshot({ path: join(SHOTS, `axe-${name.replace(/\W+/g, '-')}.png`), fullPage: true });
    }
    return violations;
  };

  it('the public pages and the respondent pages on a phone', async () => {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.locator('h1').waitFor();
    await check(page, 'home');

    await page.goto(`${server.baseUrl}/r/demo-2026/D26`);
    await page.getByText('服务态度').waitFor();
    await check(page, 'respond-open');
    // The validation messages appear only after a submit with required questions left empty.
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('.sd-question__erbox').first().waitFor();
    await check(page, 'respond-open-errors');

    await page.goto(`${server.baseUrl}/code`);
    await page.locator('#code').waitFor();
    await check(page, 'code');
    await page.locator('#code').fill('SJPY-AA22');
    await page.getByRole('button', { name: '开始评议' }).click();
    await page.locator('.sd-question').first().waitFor();
    await check(page, 'code-leader-form');

    await page.goto(`${server.baseUrl}/login`);
    await page.locator('input[name=username]').waitFor();
    await check(page, 'login');
    await context.close();
    expect(found.join('\n\n')).toBe('');
  }, 120_000);

  it('the console, then the published notice on a phone and a desktop', async () => {
    found.length = 0;
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await signInThroughPage(page, server.baseUrl, 'admin', firstAdminPassword(server), 'axe-office-2026!');
    await check(page, 'console-campaigns');
    for (const path of [
      '/console/units',
      '/console/questionnaires',
      '/console/users',
      '/console/campaigns/new',
      // The rectification console (issue 15).
      '/console/problems',
      '/console/problems/new',
      '/console/rectification',
      '/console/rectification/settings',
    ]) {
      await page.goto(`${server.baseUrl}${path}`);
      await page.locator('main .card').first().waitFor();
      await page.waitForLoadState('networkidle');
      await check(page, path);
    }
    for (const tab of ['overview', 'codes', 'review', 'results']) {
      await page.goto(`${server.baseUrl}/console/campaigns/1/${tab}`);
      await page.locator('nav.tabs').waitFor();
      await page.waitForLoadState('networkidle');
      await check(page, `campaign-${tab}`);
    }

    // Close and publish the demo campaign through the API, as the office's own browser.
    const status = await page.evaluate(async () => {
      const post = (path: string, body: object = {}) =>
        fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const closed = await post('/api/campaigns/1/close');
      const published = await post('/api/campaigns/1/publish', { acceptUnreviewed: true });
      return [closed.status, published.status];
    });
    expect(status).toEqual([200, 201]);
    await page.goto(`${server.baseUrl}/console/campaigns/1/results`);
    await page.locator('nav.tabs').waitFor();
    await page.waitForLoadState('networkidle');
    await check(page, 'campaign-results-closed');

    await page.goto(`${server.baseUrl}/p/demo-2026`);
    await page.locator('h1').waitFor();
    await page.waitForLoadState('networkidle');
    await check(page, 'publication-desktop');
    await context.close();

    const phone = await browser.newContext(PHONE);
    const phonePage = await phone.newPage();
    await phonePage.goto(`${server.baseUrl}/p/demo-2026`);
    await phonePage.locator('h1').waitFor();
    await phonePage.waitForLoadState('networkidle');
    await check(phonePage, 'publication-phone');
    await phone.close();
    expect(found.join('\n\n')).toBe('');
  }, 180_000);
});
