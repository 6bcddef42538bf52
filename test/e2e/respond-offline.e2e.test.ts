import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, launchChromium, PHONE } from '../support/browser.ts';
import { officeApi } from '../support/office-api.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 640 } };
const COMMENT = '窗口的同志很耐心，讲得很清楚';

type Participation = {
  units: { code: string; recipientBallots: number }[];
  batches: { id: number; spent: number }[];
};

/** A ballot sent while the network is down waits on the phone and goes out by itself, once (issue 18). */
describe('a ballot sent without a network', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser;
  let office: Awaited<ReturnType<typeof officeApi>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingyi-e2e-offline-'));
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerProcess({ DATABASE_URL: `file:${join(dir, 'e2e.sqlite')}` });
    browser = await launchChromium();
    office = await officeApi(server);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const participation = async () => (await office('GET', '/campaigns/1/participation')) as unknown as Participation;
  const recipientBallots = async (unitCode: string) =>
    (await participation()).units.find((u) => u.code === unitCode)!.recipientBallots;

  /**
   * A phone, in Chinese unless told, without crypto.randomUUID (as below Chrome 92 / Safari 15.4, and on
   * plain HTTP). Service workers are kept out: these tests cut the network themselves, and a worker between
   * the page and the network would hide requests from Playwright's routes.
   */
  const phone = async (lang?: 'en'): Promise<BrowserContext> => {
    const context = await browser.newContext({ ...SMALL_PHONE, serviceWorkers: 'block' });
    await context.addInitScript(() => delete (Crypto.prototype as Partial<Crypto>).randomUUID);
    if (lang) await context.addInitScript(() => localStorage.setItem('pingyi.lang', 'en'));
    return context;
  };

  const fill = async (page: Page, comment?: string) => {
    await page.getByText('服务态度').waitFor();
    await page.locator('[data-name="attitude"] .sd-rating__item-star').nth(4).click();
    await page.locator('[data-name="efficiency"] .sd-rating__item-star').nth(3).click();
    await page.locator('[data-name="serviceRules"]').getByText('都做到了').click();
    await page.locator('[data-name="overall"]').getByText('非常满意').click();
    if (comment) await page.locator('[data-name="comment"] textarea').fill(comment);
  };

  const submit = (page: Page) => page.getByRole('button', { name: '提交' }).click();

  const kept = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);

  /** What the browser reports of the requests the tests cut off; nothing else may go wrong. */
  const unexpected = (errors: string[]) =>
    errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/.test(e));

  it('is kept on the phone, and sent with its first id when the page is opened again online', async () => {
    const before = await recipientBallots('D26');
    const context = await phone();
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${server.baseUrl}/r/demo-2026/D26`);
    await fill(page);
    await context.setOffline(true);
    // The page itself must see it before the tap: under load the emulation can reach it a moment late.
    await page.waitForFunction(() => !navigator.onLine);
    await submit(page);
    const card = page.getByTestId('ballot-waiting');
    await card.waitFor();
    await expect.poll(() => card.getByRole('button').textContent()).toBe('立即发送');
    const text = await card.textContent();
    expect(text).toContain('一份评价正在等待发送');
    expect(text).toContain('网络暂时不通');
    expect(text).toContain('评价已保存在本机，网络恢复后会自动发送');
    expect(text).toContain('无需再点提交');
    expect(await page.getByRole('button', { name: '重试' }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'respond-offline-waiting.png') });
    const pending = JSON.parse((await kept(page, 'pingyi.pending.open.demo-2026.D26'))!) as Record<string, unknown>;
    expect(pending['closesAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(unexpected(errors)).toEqual([]);
    await page.close();
    expect(await recipientBallots('D26')).toBe(before);

    await context.setOffline(false);
    const again = await context.newPage();
    const againErrors = collectConsoleErrors(again);
    const sent: string[] = [];
    again.on('request', (r) => r.url().endsWith('/api/ballots') && sent.push(r.postDataJSON().submissionId));
    await again.goto(`${server.baseUrl}/r/demo-2026/D26`);
    await again.getByTestId('sent-later').waitFor();
    expect(await again.getByTestId('thank-you').locator('h2').textContent()).toBe('已发送，感谢您的评价！');
    expect(await again.getByTestId('receipt').textContent()).toMatch(/^[A-HJ-KM-NP-Z2-9]{10}$/);
    await again.screenshot({ path: join(SHOTS, 'respond-offline-sent.png') });
    expect(sent).toEqual([pending['submissionId']]);
    expect(await recipientBallots('D26')).toBe(before + 1);
    expect(await kept(again, 'pingyi.pending.open.demo-2026.D26')).toBeNull();
    expect(await kept(again, 'pingyi.draft.open.demo-2026.D26')).toBeNull();

    // Opened once more, the page shows the kept receipt and sends nothing.
    await again.reload();
    await again.getByTestId('receipt').waitFor();
    expect(sent).toHaveLength(1);
    expect(await recipientBallots('D26')).toBe(before + 1);
    expect(againErrors).toEqual([]);
    await context.close();
  });

  it('goes out without a tap when the network comes back while the page stays open', async () => {
    const before = await recipientBallots('D25');
    const context = await phone();
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${server.baseUrl}/r/demo-2026/D25`);
    await fill(page);
    await context.setOffline(true);
    // The page itself must see it before the tap: under load the emulation can reach it a moment late.
    await page.waitForFunction(() => !navigator.onLine);
    await submit(page);
    await page.getByTestId('ballot-waiting').waitFor();
    await context.setOffline(false);
    await page.getByTestId('sent-later').waitFor();
    expect(await recipientBallots('D25')).toBe(before + 1);
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  it('works the same in the legacy build that older phones load', async () => {
    const before = await recipientBallots('D19');
    const context = await phone();
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${server.baseUrl}/r/demo-2026/D19?build=legacy`);
    await fill(page);
    expect(await page.evaluate(() => (window as { __pingyiBuild?: string }).__pingyiBuild)).toBe('legacy');
    await context.setOffline(true);
    // The page itself must see it before the tap: under load the emulation can reach it a moment late.
    await page.waitForFunction(() => !navigator.onLine);
    await submit(page);
    await page.getByTestId('ballot-waiting').waitFor();
    await page.close();
    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`${server.baseUrl}/r/demo-2026/D19?build=legacy`);
    await again.getByTestId('sent-later').waitFor();
    expect(await recipientBallots('D19')).toBe(before + 1);
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  });

  it('counts once when the server took it but its answer was lost on the way back', async () => {
    const before = await recipientBallots('D24');
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/r/demo-2026/D24`);
    await fill(page);
    // The ballot reaches the server; the phone loses the signal before the answer arrives.
    await page.route('**/api/ballots', async (route) => {
      await route.fetch();
      await route.abort('internetdisconnected');
    });
    await submit(page);
    await page.getByTestId('ballot-waiting').waitFor();
    expect(await recipientBallots('D24')).toBe(before + 1);
    await page.unroute('**/api/ballots');
    // No tap: the page tries again on its own timer.
    await page.getByTestId('sent-later').waitFor({ timeout: 30_000 });
    expect(await recipientBallots('D24')).toBe(before + 1);
    await context.close();
  }, 60_000);

  it('shows whoever opens the page offline that a ballot is waiting, never its answers, and sends it later', async () => {
    const before = await recipientBallots('D23');
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/r/demo-2026/D23`);
    await fill(page, COMMENT);
    await context.setOffline(true);
    // The page itself must see it before the tap: under load the emulation can reach it a moment late.
    await page.waitForFunction(() => !navigator.onLine);
    await submit(page);
    await page.getByTestId('ballot-waiting').waitFor();
    await page.close();

    // Opened again with no network for the API (the page itself comes from the phone's cache in the field).
    await context.setOffline(false);
    await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
    const again = await context.newPage();
    await again.goto(`${server.baseUrl}/r/demo-2026/D23`);
    const card = again.getByTestId('ballot-waiting');
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('网络暂时不通');
    const body = (await again.locator('body').textContent())!;
    expect(body).not.toContain(COMMENT);
    expect(body).not.toContain('非常满意');
    expect(await again.locator('.sd-question').count()).toBe(0);
    expect(await again.locator('textarea, input').count()).toBe(0);
    await again.screenshot({ path: join(SHOTS, 'respond-offline-reopened.png') });
    expect(await recipientBallots('D23')).toBe(before);

    await context.unroute('**/api/**');
    await again.getByTestId('sent-later').waitFor({ timeout: 30_000 });
    expect(await recipientBallots('D23')).toBe(before + 1);
    await context.close();
  }, 60_000);

  it('sends a ballot made with a code after a reopen, with the same token: counted once, code spent once', async () => {
    const units = (await office('GET', '/units')).units as { id: number; code: string }[];
    const d22 = units.find((u) => u.code === 'D22')!;
    const batch = (await office('POST', '/campaigns/1/code-batches', {
      raterType: 'recipient',
      targetUnitId: d22.id,
      count: 1,
      label: 'offline test',
    })) as { batchId: number; codes: string[] };
    const code = batch.codes[0]!;
    const before = await recipientBallots('D22');
    const spent = async () => (await participation()).batches.find((b) => b.id === batch.batchId)!.spent;

    const context = await phone();
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${server.baseUrl}/code/${code}`);
    await page.getByRole('button', { name: '开始评议' }).click();
    await fill(page);
    // The code was exchanged for a token while the form was filled in: it stays on the phone.
    const tokenKey = `pingyi.token.code.${code}`;
    await expect.poll(async () => JSON.parse((await kept(page, tokenKey)) ?? '{}').signature).toBeTruthy();
    const token = await kept(page, tokenKey);
    await context.setOffline(true);
    // The page itself must see it before the tap: under load the emulation can reach it a moment late.
    await page.waitForFunction(() => !navigator.onLine);
    await submit(page);
    await page.getByTestId('ballot-waiting').waitFor();
    const pending = JSON.parse((await kept(page, `pingyi.pending.code.${code}`))!) as { submissionId: string };
    expect(await kept(page, tokenKey)).toBe(token);
    expect(unexpected(errors)).toEqual([]);
    await page.close();
    expect(await spent()).toBe(1);

    // Opened again while the API is out of reach: the code page says a ballot waits, and asks for no code.
    await context.setOffline(false);
    await context.route('**/api/**', (route) => route.abort('internetdisconnected'));
    const again = await context.newPage();
    const sent: { submissionId: string; token: unknown }[] = [];
    again.on('request', (r) => r.url().endsWith('/api/ballots') && sent.push(r.postDataJSON()));
    await again.goto(`${server.baseUrl}/code/${code}`);
    const card = again.getByTestId('ballot-waiting');
    await expect.poll(() => card.textContent()).toContain('网络暂时不通');
    expect(await again.locator('#code').count()).toBe(0);
    await again.screenshot({ path: join(SHOTS, 'respond-offline-code-waiting.png') });
    const againErrors = collectConsoleErrors(again);
    await context.unroute('**/api/**');
    await again.getByTestId('sent-later').waitFor({ timeout: 30_000 });
    expect(sent.map((s) => s.submissionId)).toEqual([pending.submissionId]);
    const { keyClass, message, signature } = JSON.parse(token!) as Record<string, string>;
    expect(sent[0]!.token).toEqual({ keyClass, message, signature });
    expect(await recipientBallots('D22')).toBe(before + 1);
    expect(await spent()).toBe(1);
    expect(await kept(again, tokenKey)).toBeNull();

    // The code's link opened again shows the receipt; another phone cannot use the code.
    await again.reload();
    await again.getByTestId('receipt').waitFor();
    expect(sent).toHaveLength(1);
    expect(againErrors).toEqual([]);
    await context.close();
    expect(await recipientBallots('D22')).toBe(before + 1);
  }, 60_000);

  it("drops a ballot that waited past its campaign's close, and says it could not be sent", async () => {
    const before = await recipientBallots('D21');
    const scope = 'open.demo-2026.D21';
    const closedAt = new Date(Date.now() - 3_600_000).toISOString();
    const stale = { submissionId: randomUUID(), answers: { overall: 5, comment: COMMENT }, fillSeconds: 50 };
    for (const lang of [undefined, 'en'] as const) {
      const context = await phone(lang);
      await context.addInitScript(
        ([key, value, draftKey]) => {
          if (sessionStorage.getItem('seeded')) return;
          sessionStorage.setItem('seeded', '1');
          localStorage.setItem(key!, value!);
          localStorage.setItem(draftKey!, '{"overall":5}');
        },
        [`pingyi.pending.${scope}`, JSON.stringify({ ...stale, closesAt: closedAt }), `pingyi.draft.${scope}`],
      );
      const page = await context.newPage();
      const errors = collectConsoleErrors(page);
      await page.goto(`${server.baseUrl}/r/demo-2026/D21`);
      const notice = page.getByTestId('ballot-expired');
      await notice.waitFor();
      const text = (await notice.textContent())!;
      if (lang === 'en') {
        expect(text).toContain('could not be sent before the evaluation closed');
        expect(text).not.toMatch(/[\u4e00-\u9fff]/);
      } else {
        expect(text).toContain('这份评价未能发送');
        expect(text).toContain('在评议结束');
        expect(text).toContain('已无法计入');
        await page.screenshot({ path: join(SHOTS, 'respond-offline-expired.png') });
      }
      expect(await page.locator('body').textContent()).not.toContain(COMMENT);
      expect(await kept(page, `pingyi.pending.${scope}`)).toBeNull();
      expect(await kept(page, `pingyi.draft.${scope}`)).toBeNull();
      expect(errors).toEqual([]);
      await context.close();
    }
    expect(await recipientBallots('D21')).toBe(before);
  });

  it('says the same in English on an English page', async () => {
    const context = await phone('en');
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/r/demo-2026/D20`);
    await page.getByText('Service attitude').waitFor();
    await page.locator('[data-name="attitude"] .sd-rating__item-star').nth(4).click();
    await page.locator('[data-name="efficiency"] .sd-rating__item-star').nth(3).click();
    await page.locator('[data-name="serviceRules"] .sd-item').first().click();
    await page.locator('[data-name="overall"] .sd-item').first().click();
    await context.setOffline(true);
    // The page itself must see it before the tap: under load the emulation can reach it a moment late.
    await page.waitForFunction(() => !navigator.onLine);
    await page.getByRole('button', { name: 'Complete' }).click();
    const card = page.getByTestId('ballot-waiting');
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('There is no network right now. It is saved');
    const text = (await card.textContent())!;
    expect(text).toContain('It is saved on this phone and will be sent automatically when the network is back');
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    await page.screenshot({ path: join(SHOTS, 'respond-offline-waiting-en.png') });
    await context.setOffline(false);
    await page.getByTestId('sent-later').waitFor();
    expect(await page.getByTestId('thank-you').textContent()).not.toMatch(/[\u4e00-\u9fff]/);
    await context.close();
  });
});
