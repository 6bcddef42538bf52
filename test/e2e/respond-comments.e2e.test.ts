import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, launchChromium, PHONE } from '../support/browser.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');
const SMALL_PHONE = { ...PHONE, viewport: { width: 360, height: 640 } };

type JsonElement = Record<string, unknown>;

/**
 * The demo's recipient questionnaire with what an office adds in the editor: a comment area under a
 * rating, a free-text question with no maxLength, and a choice with "Other".
 */
function withFreeText(definition: { pages: Array<{ elements: JsonElement[] }> }): object {
  const elements = definition.pages[0]!.elements;
  const attitude = elements.find((element) => element['name'] === 'attitude')!;
  attitude['showCommentArea'] = true;
  attitude['commentText'] = '不满意的地方可以写在这里（选填）';
  const at = elements.indexOf(attitude) + 1;
  elements.splice(
    at,
    0,
    { type: 'text', name: 'matter', title: '您办理的是什么事项？' },
    {
      type: 'radiogroup',
      name: 'channel',
      title: '您是怎样办理的？',
      choices: [
        { value: 'window', text: '窗口' },
        { value: 'online', text: '网上' },
      ],
      showOtherItem: true,
      otherText: '其他方式',
    },
  );
  return definition;
}

/** Stars and choices for the questions the recipient template requires. */
async function answerRequired(page: Page): Promise<void> {
  await page.locator('[data-name="attitude"] .sd-rating__item-star').nth(3).click();
  await page.locator('[data-name="efficiency"] .sd-rating__item-star').nth(4).click();
  await page.locator('[data-name="serviceRules"]').getByText('都做到了').click();
  await page.locator('[data-name="overall"]').getByText('★★★★ 满意', { exact: true }).click();
}

/** Respondents type comments with a comment area, and nothing they can type is refused for its length. */
describe('comment boxes and free text on a phone', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser;
  const database = () => join(dir, 'e2e.sqlite');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingyi-e2e-comments-'));
    mkdirSync(SHOTS, { recursive: true });
    // The first start seeds the demo; its recipient questionnaire is then edited while no server runs.
    const env = { DATABASE_URL: `file:${database()}` };
    await (await startServerProcess(env)).stop();
    const sqlite = new SQLite(database());
    try {
      const { id, definition } = sqlite
        .prepare(
          `select q.id, q.definition from questionnaires q join campaign_rater_types c on c.questionnaire_id = q.id
           where c.campaign_id = 1 and c.rater_type = 'recipient'`,
        )
        .get() as { id: number; definition: string };
      const edited = JSON.stringify(withFreeText(JSON.parse(definition)));
      sqlite.prepare('update questionnaires set definition = ? where id = ?').run(edited, id);
    } finally {
      sqlite.close();
    }
    server = await startServerProcess(env);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const storedAnswers = (receipt: string): Record<string, unknown> => {
    const sqlite = new SQLite(database(), { readonly: true });
    try {
      const row = sqlite.prepare('select answers from ballots where receipt = ?').get(receipt) as { answers: string };
      return JSON.parse(row.answers) as Record<string, unknown>;
    } finally {
      sqlite.close();
    }
  };

  it('typing 600 characters stops at the 500 the server allows, with a counter, and the ballot is accepted', async () => {
    const context = await browser.newContext(SMALL_PHONE);
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    await page.goto(`${server.baseUrl}/r/demo-2026/D26`);
    const matter = page.locator('[data-name="matter"] input');
    await matter.waitFor();

    await matter.pressSequentially('办'.repeat(600));
    expect((await matter.inputValue()).length).toBe(500);
    const counter = page.locator('[data-name="matter"] .sd-remaining-character-counter');
    expect(await counter.isVisible()).toBe(true);
    expect(await counter.textContent()).toBe('500/500');
    await matter.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'respond-text-limit.png') });

    await page.locator('[data-name="channel"]').getByText('其他方式').click();
    const other = page.locator('[data-name="channel"] textarea');
    await other.pressSequentially('网'.repeat(600));
    expect((await other.inputValue()).length).toBe(500);
    expect(await page.locator('[data-name="channel"] [data-testid="comment-counter"]').textContent()).toBe('500/500');
    await page.screenshot({ path: join(SHOTS, 'respond-other-limit.png') });

    await answerRequired(page);
    await page.getByRole('button', { name: '提交' }).click();
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    const answers = storedAnswers((await receipt.textContent()) ?? '');
    expect(answers['matter']).toBe('办'.repeat(500));
    expect(answers['channel-Comment']).toBe('网'.repeat(500));
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 120_000);

  it('a comment typed under a rating is sent, accepted and kept with the ballot', async () => {
    const context = await browser.newContext(SMALL_PHONE);
    const page = await context.newPage();
    const consoleErrors = collectConsoleErrors(page);
    await page.goto(`${server.baseUrl}/r/demo-2026/D25`);
    await page.getByText('不满意的地方可以写在这里（选填）').waitFor();

    await answerRequired(page);
    const comment = page.locator('[data-name="attitude"] textarea');
    await comment.pressSequentially('叫号后等了很久才有人接待。');
    expect(await page.locator('[data-name="attitude"] [data-testid="comment-counter"]').textContent()).toBe('13/500');
    await comment.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'respond-comment-area.png') });

    await page.getByRole('button', { name: '提交' }).click();
    const receipt = page.getByTestId('receipt');
    await receipt.waitFor();
    expect(storedAnswers((await receipt.textContent()) ?? '')).toMatchObject({
      attitude: 4,
      'attitude-Comment': '叫号后等了很久才有人接待。',
    });
    expect(consoleErrors).toEqual([]);
    await context.close();
  }, 120_000);
});
