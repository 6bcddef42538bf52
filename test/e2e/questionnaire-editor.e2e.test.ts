import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inspectDefinition } from '../../server/questionnaires/definition-check.ts';
import { lintDefinition } from '../../surveys/lint.ts';
import { collectConsoleErrors, launchChromium } from '../support/browser.ts';
import { firstAdminPassword, signInThroughPage } from '../support/console-session.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

const SHOTS = join(tmpdir(), 'pingyi-e2e-shots');
const NEW_PASSWORD = 'qingxi-editor-2026!';
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

type Json = Record<string, unknown>;

/** What an office pastes from elsewhere: a form the editor knows, and three types it keeps as JSON only. */
const IMPORTED = {
  title: { default: '办事体验调查', en: 'Service experience' },
  showQuestionNumbers: 'off',
  pages: [
    {
      name: 'main',
      elements: [
        { type: 'html', name: 'intro', html: { default: '<p>请如实填写。</p>', en: '<p>Please answer honestly.</p>' } },
        {
          type: 'rating',
          name: 'speed',
          title: '办理速度',
          rateType: 'stars',
          isRequired: true,
          visibleIf: '{habits} notempty or {habits} empty',
          rateValues: [
            { value: 1, text: '慢', pyPoints: 0 },
            { value: 2, text: '一般', pyPoints: 60 },
            { value: 3, text: '快', pyPoints: 100 },
          ],
          pyItem: 'speed',
          pyScored: true,
        },
        {
          type: 'checkbox',
          name: 'habits',
          title: { default: '遇到的问题', en: 'Problems met' },
          choices: [
            { value: 'slow', text: '拖' },
            { value: 'rude', text: '横' },
          ],
          showNoneItem: true,
          colCount: 2,
        },
        {
          type: 'panel',
          name: 'contact',
          elements: [{ type: 'text', name: 'phone', inputType: 'tel', maxLength: 20, title: '电话（选填）' }],
        },
      ],
    },
  ],
};

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<Result> } }).axe;
    const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The evaluation office builds and imports questionnaires in the console's editor (issue 13). */
// Each step is a whole journey of clicks; on a busy two-core machine one takes well over the default 30 s.
describe('the questionnaire editor', { timeout: 120_000 }, () => {
  let dir: string;
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let consoleErrors: string[];
  let createdId = 0;

  const item = (name: string) => page.locator(`[data-testid="q-item"][data-name="${name}"]`);
  const itemNames = () =>
    page.getByTestId('q-item').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-name')));
  const stored = async (id: number): Promise<Json> => {
    const response = await page.request.get(`${server.baseUrl}/api/questionnaires/${id}`);
    expect(response.status()).toBe(200);
    return ((await response.json()) as { definition: Json }).definition;
  };
  const editedId = () => Number(/\/console\/questionnaires\/(\d+)\/edit$/.exec(new URL(page.url()).pathname)?.[1]);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingyi-e2e-editor-'));
    mkdirSync(SHOTS, { recursive: true });
    server = await startServerProcess({ DATABASE_URL: `file:${join(dir, 'e2e.sqlite')}` });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    consoleErrors = collectConsoleErrors(page);
    await signInThroughPage(page, server.baseUrl, 'admin', firstAdminPassword(server), NEW_PASSWORD);
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await page.screenshot({ path: join(SHOTS, `failed-editor-${ctx.task.name.slice(0, 40)}.png`), fullPage: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds a recipient questionnaire of four questions, reorders two by keyboard, and saves it', async () => {
    await page.goto(`${server.baseUrl}/console/questionnaires`);
    await page.getByLabel('空白问卷的评议主体').selectOption('recipient');
    await page.getByRole('button', { name: '新建空白问卷' }).click();
    await page.getByLabel('问卷标题（中文）').fill('窗口服务满意度');
    await page.getByLabel('问卷标题（英文）').fill('Service at the window');

    const addQuestion = async (button: string, zh: string, en: string) => {
      await page.getByRole('button', { name: button }).click();
      // The new question opens with the focus in its Chinese title.
      await expect
        .poll(() =>
          page.evaluate(() => document.activeElement?.matches('.q-item.expanded .q-form input[lang="zh-CN"]') ?? false),
        )
        .toBe(true);
      await page.keyboard.type(zh);
      await page.getByLabel('题目（英文）', { exact: true }).fill(en);
    };
    await addQuestion('+ 评分题', '服务态度', 'Service attitude');
    await addQuestion('+ 单选题', '是否一次办结', 'Done in one visit?');
    // Three levels with their points; the 不了解 option the new question offers stays after them.
    const radio = item('choice1');
    await radio.getByLabel('常用量表').selectOption({ label: '三级（满意/基本满意/不满意）' });
    await radio.getByRole('button', { name: '套用（替换现有选项）' }).click();
    await radio.getByLabel('选项 2 分值').fill('75');
    await radio.getByLabel('选项 4 英文').fill("Can't say");
    expect(await radio.getByLabel('含“不了解”选项（有效答案，不计分）').isChecked()).toBe(true);
    await addQuestion('+ 是非题', '是否第一次来办事', 'First visit?');
    await addQuestion('+ 意见题（多行文字）', '意见和建议', 'Comments and suggestions');
    expect(await itemNames()).toEqual(['rating1', 'choice1', 'yesno1', 'comment1']);

    // Reordering works from the keyboard, and the focus stays on the moved question's button.
    const up = page.getByRole('button', { name: '上移：是否第一次来办事' });
    await up.focus();
    await page.keyboard.press('Enter');
    await expect.poll(itemNames).toEqual(['rating1', 'yesno1', 'choice1', 'comment1']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      '上移：是否第一次来办事',
    );
    await page.keyboard.press('Enter');
    await expect.poll(itemNames).toEqual(['yesno1', 'rating1', 'choice1', 'comment1']);
    await page.getByRole('button', { name: '下移：是否第一次来办事' }).click();
    await expect.poll(itemNames).toEqual(['rating1', 'yesno1', 'choice1', 'comment1']);

    // A question added by mistake is deleted after a confirmation whose focus rests on "cancel".
    await page.getByRole('button', { name: '+ 是非题' }).click();
    await page.getByRole('button', { name: '删除：yesno2' }).click();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('取消');
    await page.getByRole('button', { name: '确认删除' }).click();
    await expect.poll(itemNames).toEqual(['rating1', 'yesno1', 'choice1', 'comment1']);

    // The phone preview follows the edits, in Chinese and in English.
    const phone = page.getByTestId('q-preview').locator('.phone-frame');
    await expect.poll(() => phone.locator('.sd-question').count(), { timeout: 10_000 }).toBe(4);
    expect(await phone.textContent()).toContain('基本满意');
    await page.getByTestId('q-preview').getByRole('button', { name: 'English' }).click();
    await expect.poll(() => phone.textContent()).toContain('Done in one visit?');
    expect(await phone.textContent()).toContain("Can't say");
    await page.getByTestId('q-preview').getByRole('button', { name: '中文' }).click();

    await page.getByRole('button', { name: '保存问卷' }).click();
    await page.getByText('问卷已创建并保存。').waitFor();
    createdId = editedId();
    expect(createdId).toBeGreaterThan(0);
    await item('choice1').getByRole('button', { name: '编辑：是否一次办结' }).click();
    await page.screenshot({ path: join(SHOTS, 'editor-desktop.png') });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('finds the saved questionnaire unchanged after a reload, and it passes the server checks', async () => {
    const before = await stored(createdId);
    await page.reload();
    await page.getByTestId('q-item').first().waitFor();
    expect(await itemNames()).toEqual(['rating1', 'yesno1', 'choice1', 'comment1']);
    expect(await page.getByLabel('问卷标题（英文）').inputValue()).toBe('Service at the window');
    await item('choice1').getByRole('button', { name: '编辑：是否一次办结' }).click();
    expect(await page.getByLabel('题目（英文）').inputValue()).toBe('Done in one visit?');
    expect(await item('choice1').getByLabel('选项 2 分值').inputValue()).toBe('75');
    expect(await stored(createdId)).toEqual(before);

    const pages = before['pages'] as Json[];
    const elements = pages[0]!['elements'] as Json[];
    expect(elements.map((e) => [e['type'], e['name'], e['title']])).toEqual([
      ['rating', 'rating1', { default: '服务态度', en: 'Service attitude' }],
      ['boolean', 'yesno1', { default: '是否第一次来办事', en: 'First visit?' }],
      ['radiogroup', 'choice1', { default: '是否一次办结', en: 'Done in one visit?' }],
      ['comment', 'comment1', { default: '意见和建议', en: 'Comments and suggestions' }],
    ]);
    expect(elements[2]!['choices']).toEqual([
      { value: 3, text: { default: '满意', en: 'Satisfied' }, pyPoints: 100 },
      { value: 2, text: { default: '基本满意', en: 'Fairly satisfied' }, pyPoints: 75 },
      { value: 1, text: { default: '不满意', en: 'Dissatisfied' }, pyPoints: 30 },
      { value: 'unknown', text: { default: '不了解', en: "Can't say" }, pyNotCounted: true },
    ]);
    expect(lintDefinition(before)).toEqual([]);
    const check = inspectDefinition(before, 'recipient');
    expect(check.ok ? check.prepared.items.map((i) => i.key) : check.problems).toEqual(['rating1', 'choice1']);

    // The list's phone preview is the server's own (preview-definition) and shows the saved questions.
    await page.goto(`${server.baseUrl}/console/questionnaires`);
    await page.getByRole('button', { name: '窗口服务满意度' }).click();
    const listPhone = page.locator('.phone-frame');
    await expect.poll(() => listPhone.locator('.sd-question').count(), { timeout: 15_000 }).toBe(4);
    expect(await listPhone.textContent()).toContain('是否第一次来办事');
  });

  it('fits a phone-sized window', async () => {
    const phone = await browser.newContext({
      viewport: { width: 360, height: 640 },
      locale: 'zh-CN',
      storageState: await context.storageState(),
    });
    const small = await phone.newPage();
    const errors = collectConsoleErrors(small);
    await small.goto(`${server.baseUrl}/console/questionnaires/${createdId}/edit`);
    await small.getByTestId('q-item').first().waitFor();
    await small.locator('[data-testid="q-item"][data-name="choice1"]').getByRole('button', { name: /^编辑/ }).click();
    await small.screenshot({ path: join(SHOTS, 'editor-phone.png') });
    await small.screenshot({ path: join(SHOTS, 'editor-phone-full.png'), fullPage: true });
    // Nothing is wider than the window: every control can be reached without scrolling sideways.
    const wider = await small.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((node) => node.getBoundingClientRect().right > window.innerWidth + 0.5)
        .slice(0, 8)
        .map((node) => `${node.tagName}.${node.className} ${Math.round(node.getBoundingClientRect().right)}`),
    );
    expect(wider).toEqual([]);
    expect(errors).toEqual([]);
    await phone.close();
  });

  it('imports a file with types the editor has no form for, lists them and saves them untouched', async () => {
    await page.goto(`${server.baseUrl}/console/questionnaires`);
    await page.getByRole('button', { name: '导入 SurveyJS JSON' }).click();
    const panel = page.getByTestId('q-import');
    await panel.getByLabel('服务对象评').check();
    await panel.getByLabel('或选择 .json 文件').setInputFiles({
      name: 'experience.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(IMPORTED, null, 2)),
    });
    await expect.poll(() => panel.getByLabel('粘贴 JSON').inputValue()).toContain('办事体验调查');
    await panel.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByTestId('json-only').waitFor();
    const id = editedId();
    expect(await page.getByTestId('json-only').textContent()).toBe(
      '以下题目仅可通过 JSON 编辑，保存时原样保留：说明文字 intro、多选题 habits、题组（面板） contact',
    );
    expect(await item('habits').getByText('仅可通过 JSON 编辑').count()).toBe(1);
    expect(await item('speed').getByText('仅可通过 JSON 编辑').count()).toBe(0);

    // Edit the question the editor knows, move one it does not, and save.
    await item('speed').getByRole('button', { name: '编辑：办理速度' }).click();
    await page.getByLabel('题目（英文）').fill('Speed');
    expect(await item('speed').textContent()).toContain('visibleIf');
    await page.getByRole('button', { name: '上移：遇到的问题' }).click();
    await expect.poll(itemNames).toEqual(['intro', 'habits', 'speed', 'contact']);
    await page.getByRole('button', { name: '保存问卷' }).click();
    await page.getByText('已保存。', { exact: true }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'editor-imported.png') });

    const saved = await stored(id);
    const [intro, speed, habits, contact] = IMPORTED.pages[0]!.elements as Json[];
    expect((saved['pages'] as Json[])[0]!['elements']).toEqual([
      intro,
      habits,
      { ...speed, title: { default: '办理速度', en: 'Speed' } },
      contact,
    ]);
    expect(saved['showQuestionNumbers']).toBe('off');
  });

  it('saves an edit of a version a started campaign uses as a new version, and the old one stays (decision 007)', async () => {
    const listed = await page.request.get(`${server.baseUrl}/api/questionnaires`);
    const { questionnaires } = (await listed.json()) as {
      questionnaires: Array<{ id: number; raterType: string; campaignCount: number; family: string }>;
    };
    // The demo campaign is open, so its questionnaires are in use.
    const used = questionnaires.find((q) => q.raterType === 'recipient' && q.campaignCount > 0)!;
    const before = await stored(used.id);
    await page.goto(`${server.baseUrl}/console/questionnaires/${used.id}/edit`);
    await page.getByText('已有开启过的活动使用此版本：保存时将生成新版本').waitFor();
    await page.getByLabel('问卷标题（英文）').fill('Service satisfaction, edited');
    await page.getByRole('button', { name: '保存问卷' }).click();
    await page.getByText('已保存为第 2 版；使用原版本的活动不受影响。').waitFor();
    const newId = editedId();
    expect(newId).not.toBe(used.id);
    expect(await stored(used.id)).toEqual(before);
    expect((await stored(newId))['title']).toEqual({
      ...(before['title'] as Json),
      en: 'Service satisfaction, edited',
    });
    const detail = (await (await page.request.get(`${server.baseUrl}/api/questionnaires/${newId}`)).json()) as Json;
    expect([detail['family'], detail['version']]).toEqual([used.family, 2]);
  });

  it("shows the server's refusals in Chinese, on import and beside the question on saving", async () => {
    // A scored radio group with a choice worth nothing said: refused, with the problem named.
    const broken = {
      title: '有问题的问卷',
      pages: [
        {
          name: 'p',
          elements: [
            {
              type: 'radiogroup',
              name: 'overall',
              title: '总体评价',
              pyScored: true,
              choices: [
                { value: 'good', text: '好', pyPoints: 100 },
                { value: 'bad', text: '差' },
              ],
            },
          ],
        },
      ],
    };
    await page.goto(`${server.baseUrl}/console/questionnaires`);
    await page.getByRole('button', { name: '导入 SurveyJS JSON' }).click();
    const panel = page.getByTestId('q-import');
    await panel.getByLabel('粘贴 JSON').fill(JSON.stringify(broken));
    await panel.getByRole('button', { name: '导入', exact: true }).click();
    const problems = page.getByTestId('q-import-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('服务器检查发现 1 个问题，未导入');
    expect(await problems.textContent()).toContain('第 2 个选项没有分值');
    expect(await problems.textContent()).not.toContain('pyPoints');

    // Open it in the editor, give the choice its points, and save it there.
    await problems.getByRole('button', { name: '在编辑器中打开并修改' }).click();
    await item('overall').getByRole('button', { name: '编辑：总体评价' }).click();
    await item('overall').getByLabel('选项 2 分值').fill('0');
    await page.getByRole('button', { name: '保存问卷' }).click();
    await page.getByText('问卷已创建并保存。').waitFor();
    const id = editedId();

    // A property SurveyJS does not know, written in the JSON box: the server's problem sits by the question.
    await item('overall').getByText('查看或修改 JSON').click();
    const box = item('overall').getByLabel('此题的 SurveyJS JSON');
    const json = JSON.parse(await box.inputValue()) as Json;
    await box.fill(JSON.stringify({ ...json, colour: 'red' }, null, 2));
    await item('overall').getByRole('button', { name: '应用 JSON' }).click();
    await page.getByRole('button', { name: '保存问卷' }).click();
    await item('overall').getByTestId('q-problems').waitFor();
    const beside = await item('overall').getByTestId('q-problems').textContent();
    expect(beside).toContain('colour');
    expect(beside).not.toContain('unknown property');
    expect(await page.getByTestId('q-save-bar').textContent()).toContain(
      '服务器检查发现 1 个问题，未保存；问题列在相应题目下方。',
    );
    await page.screenshot({ path: join(SHOTS, 'editor-refused.png') });
    expect((await stored(id))['pages']).toEqual([
      {
        name: 'p',
        elements: [
          {
            ...broken.pages[0]!.elements[0],
            choices: [broken.pages[0]!.elements[0]!.choices[0], { value: 'bad', text: '差', pyPoints: 0 }],
          },
        ],
      },
    ]);
    // The refusals the page asked for are the only errors the browser logged.
    expect(consoleErrors.filter((e) => !e.includes('status of 422'))).toEqual([]);
  });
});
