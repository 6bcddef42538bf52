import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, launchChromium, PHONE } from '../support/browser.ts';
import { officeApi } from '../support/office-api.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 640 } };
/** What the field test assumed a tap takes a leader on a phone, to turn taps into minutes. */
const SECONDS_PER_TAP = 1.5;

type Unit = { id: number; name: string; level: string };

/** A campaign of its own over the demo city's 30 departments, rated by leaders and peer units. */
async function thirtyUnitCampaign(server: ServerProcess) {
  const office = await officeApi(server);
  const units = ((await office('GET', '/units')).units as Unit[]).filter((u) => u.level === 'department');
  expect(units).toHaveLength(30);
  const questionnaires = (await office('GET', '/questionnaires')).questionnaires as { id: number; family: string }[];
  const family = (name: string) => questionnaires.find((q) => q.family === name)!.id;
  const { id } = (await office('POST', '/campaigns', {
    slug: 'leaders-30',
    name: '三十个单位的领导评议',
    nameEn: 'Thirty units rated by leaders',
    startsAt: new Date(Date.now() - 3_600_000).toISOString(),
    endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    settings: { scoring: { weights: { superior: 0.3, peer: 0.2, recipient: 0.5 } } },
  })) as { id: number };
  await office('PUT', `/campaigns/${id}/units`, { unitIds: units.map((u) => u.id) });
  await office('PUT', `/campaigns/${id}/rater-types`, {
    raterTypes: [
      { raterType: 'superior', questionnaireId: family('superior-default'), minCount: 3 },
      { raterType: 'peer', questionnaireId: family('peer-default'), minCount: 3 },
      { raterType: 'recipient', questionnaireId: family('recipient-default'), minCount: 5 },
    ],
  });
  await office('POST', `/campaigns/${id}/open`, {});
  const issue = async (body: Record<string, unknown>) =>
    ((await office('POST', `/campaigns/${id}/code-batches`, { count: 1, ...body })).codes as string[])[0]!;
  return {
    units,
    leaderCode: await issue({ raterType: 'superior', label: '市领导' }),
    peerUnit: units[4]!,
    peerCode: await issue({ raterType: 'peer', raterUnitId: units[4]!.id }),
  };
}

/**
 * A person's effort: every tap, and every swipe needed to bring what they tap next onto the screen (at
 * most 80% of a screen per swipe, as a thumb moves it). Playwright would scroll silently; this counts.
 */
function effort(page: Page) {
  const height = SMALL_PHONE.viewport.height;
  const counted = { taps: 0, scrolls: 0 };
  return {
    counted,
    async tap(target: Locator) {
      await target.waitFor();
      for (;;) {
        const box = (await target.boundingBox())!;
        const below = box.y + box.height - height;
        const above = box.y;
        if (below < 1 && above > -1) break;
        const swipe = below >= 1 ? Math.min(below + 8, height * 0.8) : Math.max(above - 8, -height * 0.8);
        const moved = await page.evaluate((dy) => {
          const before = window.scrollY;
          window.scrollBy(0, dy);
          return window.scrollY !== before;
        }, swipe);
        // The end of the page: what is left out of view cannot be brought in by any swipe.
        if (!moved) break;
        counted.scrolls += 1;
      }
      await target.click();
      counted.taps += 1;
    },
  };
}

describe('a leader rates thirty units one per page on a small phone', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser;
  let campaign: Awaited<ReturnType<typeof thirtyUnitCampaign>>;
  const database = () => join(dir, 'e2e.sqlite');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingyi-e2e-leader-'));
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerProcess({ DATABASE_URL: `file:${database()}` });
    campaign = await thirtyUnitCampaign(server);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const receipts = () => {
    const sqlite = new SQLite(database(), { readonly: true });
    try {
      return (sqlite.prepare('select receipt from receipts').all() as { receipt: string }[]).map((r) => r.receipt);
    } finally {
      sqlite.close();
    }
  };

  it('takes at most 60 taps and 30 scrolls, resumes after a reload where it stopped, and gives a receipt', async () => {
    const context = await browser.newContext(SMALL_PHONE);
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    const { counted, tap } = effort(page);
    const sent: Record<string, unknown>[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/ballots')) sent.push(request.postDataJSON() as Record<string, unknown>);
    });
    const progress = page.getByTestId('unit-progress');
    const unitName = page.getByTestId('unit-name');
    const sameGrade = page.getByRole('group', { name: '本单位各项同一评价' });
    const gradeOf = (unit: number) => (unit === 7 ? '不了解' : unit % 3 === 0 ? '良好' : '优秀');
    const names = campaign.units.map((u) => u.name);

    await page.goto(`${server.baseUrl}/code`);
    await tap(page.locator('#code'));
    await page.keyboard.type(campaign.leaderCode);
    await tap(page.getByRole('button', { name: '开始评议' }));
    await unitName.waitFor();
    expect(await page.locator('.respond-header').textContent()).toContain('上级领导评议');
    expect(await page.getByTestId('rater-unit').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'leader-paged-phone.png') });

    for (let unit = 0; unit < 30; unit += 1) {
      expect(await unitName.textContent()).toBe(names[unit]);
      expect(await progress.textContent()).toContain(`第 ${unit + 1}/30 个单位，还剩 ${29 - unit} 个`);
      if (unit === 15) {
        // Mid-way the phone reloads: the page comes back at this unit, without asking for the code again.
        await page.reload();
        await unitName.waitFor();
        expect(await unitName.textContent()).toBe(names[15]);
        expect(await page.locator('#code').count()).toBe(0);
        expect(await progress.locator('progress').getAttribute('value')).toBe('15');
        // The unit before kept its grades, and stays editable item by item after the shortcut moved on.
        await tap(page.getByRole('button', { name: '上一个单位' }).first());
        expect(await unitName.textContent()).toBe(names[14]);
        expect(await sameGrade.getByRole('button', { name: gradeOf(14) }).getAttribute('aria-pressed')).toBe('true');
        expect(await page.locator('.sd-item--checked input[value="A"]').count()).toBe(4);
        await tap(
          page.locator('[data-name$="__unit_' + campaign.units[14]!.id + '"] td[title="抓落实"]').getByText('一般'),
        );
        expect(await sameGrade.locator('[aria-pressed="true"]').count()).toBe(0);
        await tap(page.getByRole('button', { name: '下一个单位' }));
        expect(await unitName.textContent()).toBe(names[15]);
      }
      await tap(sameGrade.getByRole('button', { name: gradeOf(unit), exact: true }));
      if (unit === 0) await page.screenshot({ path: join(SHOTS, 'leader-same-grade-phone.png') });
      await page.getByTestId('unit-name').filter({ hasNotText: names[unit]! }).waitFor();
    }
    expect(await progress.textContent()).toContain('30 个单位已全部评完');
    await page.screenshot({ path: join(SHOTS, 'leader-last-step-phone.png') });
    await tap(page.getByRole('button', { name: '提交' }));
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();

    const taps = counted.taps;
    const minutes = (taps * SECONDS_PER_TAP) / 60;
    process.stdout.write(
      `leader, 30 units on a 360×640 phone: ${taps} taps (plus the 9 characters of the code), ${counted.scrolls} scrolls, ` +
        `about ${(taps * SECONDS_PER_TAP).toFixed(0)} s (${minutes.toFixed(1)} min) at ${SECONDS_PER_TAP} s a tap\n`,
    );
    expect(taps).toBeLessThanOrEqual(60);
    expect(counted.scrolls).toBeLessThanOrEqual(30);
    expect(receipts()).toContain((await receipt.textContent())?.trim());
    // A reload after sending shows the same receipt again, not an empty code form (issue 13, bug 9).
    const shown = await receipt.textContent();
    await page.reload();
    await page.getByTestId('receipt').waitFor();
    expect(await page.getByTestId('receipt').textContent()).toBe(shown);
    await page.getByRole('button', { name: '输入另一个评议码' }).waitFor();

    // The ballot kept the served shape: one matrix keyed by unit id, every item of every unit.
    expect(sent).toHaveLength(1);
    const answers = sent[0]!['answers'] as { units: Record<string, Record<string, string>> };
    expect(Object.keys(answers)).toEqual(['units']);
    expect(Object.keys(answers.units).sort()).toEqual(campaign.units.map((u) => String(u.id)).sort());
    expect(answers.units[String(campaign.units[14]!.id)]).toEqual({
      responsibility: 'A',
      promptness: 'A',
      delivery: 'C',
      overall: 'A',
    });
    expect(Object.values(answers.units[String(campaign.units[7]!.id)]!)).toEqual(Array(4).fill('unknown'));
    expect(sent[0]).not.toHaveProperty('code');
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 240_000);

  it('tells a peer which unit they rate as, and never offers that unit', async () => {
    const context = await browser.newContext(SMALL_PHONE);
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    await page.goto(`${server.baseUrl}/code/${campaign.peerCode}`);
    await page.getByRole('button', { name: '开始评议' }).click();
    await page.getByTestId('unit-name').waitFor();
    const raterUnit = page.getByTestId('rater-unit');
    expect(await raterUnit.textContent()).toBe(`您代表 ${campaign.peerUnit.name} 评议`);
    expect(await page.locator('.respond-header h1').textContent()).toBe('同级部门评议');
    expect(await page.getByTestId('unit-progress').textContent()).toContain('第 1/29 个单位，还剩 28 个');
    await page.screenshot({ path: join(SHOTS, 'peer-header-phone.png') });

    const seen: string[] = [];
    for (let unit = 0; unit < 29; unit += 1) {
      const name = (await page.getByTestId('unit-name').textContent())!;
      seen.push(name);
      await page.getByRole('group', { name: '本单位各项同一评价' }).getByRole('button', { name: '良好' }).click();
      await page.getByTestId('unit-name').filter({ hasNotText: name }).waitFor();
    }
    expect(seen).not.toContain(campaign.peerUnit.name);
    expect(new Set(seen).size).toBe(29);

    await page.getByRole('button', { name: 'English' }).click();
    expect(await raterUnit.textContent()).toMatch(/^You rate as /);
    expect(await page.getByTestId('unit-progress').textContent()).toContain('All 29 units rated');
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByTestId('receipt').waitFor();
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 180_000);
});
