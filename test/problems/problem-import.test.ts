import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';

// Importing the office's existing ledger (整改台账): every problem of a bad file reported at once, nothing
// applied unless every row is good, and what is applied written through the one writer with its timeline.

const HEADERS = ['序号', '问题', '整改措施', '责任单位', '责任人', '时限', '进展'];

async function workbookOf(rows: unknown[][], title?: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('整改台账');
  if (title) sheet.addRow([title]);
  sheet.addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describeEachDialect('ledger import (整改台账 from Excel and CSV)', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let admin: Awaited<ReturnType<typeof signInAsAdmin>>;
  const db = () => database().db;
  const upload = (filename: string, bytes: Uint8Array | string, dryRun = false) =>
    admin.post(`/api/problems/import?dryRun=${dryRun}`, {
      filename,
      contentBase64: Buffer.from(bytes).toString('base64'),
    });
  const problemCount = async () =>
    Number(
      (
        await db()
          .selectFrom('problems')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    app = createTestApp(database()).app;
    admin = await signInAsAdmin(app, db());
    const unit = (code: string, name: string, active = 1) => ({
      code,
      name,
      name_en: code,
      parent_id: null,
      level: 'department' as const,
      category_id: null,
      sort_order: 0,
      active: active as 0 | 1,
      created_at: new Date().toISOString(),
    });
    await db()
      .insertInto('units')
      .values([
        unit('LI1', '青岚市市场监督管理局'),
        unit('LI2', '青岚市政务服务中心'),
        unit('LI3', '青岚市同名办'),
        unit('LI4', '青岚市同名办'),
        unit('LI5', '青岚市已撤销局', 0),
      ])
      .execute();
    await db()
      .insertInto('problem_types')
      .values({ name: '服务态度', name_en: 'Service attitude', sort_order: 1, active: 1 })
      .execute();
  });

  it('reports every problem of a bad file at once, with row, column and value, and applies nothing', async () => {
    const file = await workbookOf([
      HEADERS,
      ['1', '窗口人员态度生硬。', '开展服务礼仪培训。', '青岚市不存在局', '王某', '2026-10-13', ''],
      ['2', '办事指南陈旧。', '修订办事指南。', 'LI2', '赵某', '2026年13月1日', ''],
      ['3', '', '完善制度。', 'LI1', '钱某', '2026/10/13', ''],
      ['3', '执法随意。', '规范执法。', 'LI1', '孙某', '下个月', ''],
      ['5', '同名单位的问题。', '整改。', '青岚市同名办', '李某', '2026-11-30', ''],
    ]);
    const response = await upload('台账.xlsx', file, true);
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report).toMatchObject({ dryRun: true, applied: false, rowCount: 5, createdCount: 0 });
    expect(
      report.problems.map((p: { row: number; column: string; code: string }) => [p.row, p.column, p.code]),
    ).toEqual([
      [2, '责任单位', 'unknown_unit'],
      [3, '时限', 'invalid_date'],
      [4, '问题', 'required'],
      [5, '时限', 'invalid_date'],
      [5, '序号', 'duplicate_number'],
      [6, '责任单位', 'ambiguous_unit'],
    ]);
    expect(report.problems[0].value).toBe('青岚市不存在局');
    expect(report.problemCount).toBe(6);
    expect(await problemCount()).toBe(0);
  });

  it('applies a good file whole: filed, in progress and closed through the timeline', async () => {
    const file = await workbookOf(
      [
        [...HEADERS, '责任领导', '问题来源', '问题类型', '状态'],
        [
          '1',
          '窗口人员态度生硬，群众反映“脸难看”。如9月某日。',
          '开展服务礼仪培训；实行首问负责。',
          '青岚市政务服务中心',
          '王某',
          new Date(Date.UTC(2026, 9, 13)),
          '',
          '陈某',
          '评议',
          '服务态度',
          '',
        ],
        [
          '2',
          '执法检查多头重复。',
          '推行“综合查一次”。',
          'LI1',
          '赵某',
          '2026年12月底',
          '已制定联合检查计划。',
          '',
          '督查',
          '',
          '',
        ],
        [
          '3',
          '食品抽检结果公开不及时。',
          '抽检结果7日内公开。',
          'LI1',
          '钱某',
          '2026/9/30',
          '已完成整改，结果已按期公开。',
          '',
          '12345',
          '',
          '',
        ],
        ['4', '政策宣传不到位。', '建立常态化宣传机制。', 'LI2', '孙某', '长期坚持', '', '', '', '', '整改中'],
      ],
      '青岚市作风问题整改台账',
    );
    const response = await upload('青岚台账.xlsx', file);
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report).toMatchObject({
      applied: true,
      createdCount: 4,
      problemCount: 0,
      states: { filed: 1, in_progress: 2, closed: 1 },
    });
    const problems = await db()
      .selectFrom('problems')
      .select(['id', 'title', 'detail', 'state', 'deadline', 'source', 'source_ref', 'leader', 'type_id', 'unit_id'])
      .orderBy('id')
      .execute();
    expect(problems.map((p) => [p.title, p.state, p.deadline, p.source])).toEqual([
      ['窗口人员态度生硬，群众反映“脸难看”', 'filed', '2026-10-13', 'rating'],
      ['执法检查多头重复', 'in_progress', '2026-12-31', 'inspection'],
      ['食品抽检结果公开不及时', 'closed', '2026-09-30', 'hotline'],
      ['政策宣传不到位', 'in_progress', null, 'self'],
    ]);
    expect(problems[0]).toMatchObject({
      detail: '窗口人员态度生硬，群众反映“脸难看”。如9月某日。',
      leader: '陈某',
      source_ref: '台账序号 1',
    });
    expect(problems[0]?.type_id).not.toBeNull();
    const events = await db()
      .selectFrom('problem_events')
      .select(['problem_id', 'action', 'from_state', 'to_state', 'note'])
      .where(
        'problem_id',
        'in',
        problems.map((p) => p.id),
      )
      .orderBy('id')
      .execute();
    const of = (index: number) =>
      events.filter((e) => e.problem_id === problems[index]?.id).map((e) => [e.action, e.to_state, e.note]);
    expect(of(0)).toEqual([['create', 'filed', 'imported from 青岚台账.xlsx row 3']]);
    expect(of(1)).toEqual([
      ['create', 'filed', 'imported from 青岚台账.xlsx row 4'],
      ['start', 'in_progress', null],
      ['progress', 'in_progress', '已制定联合检查计划。'],
    ]);
    expect(of(2)).toEqual([
      ['create', 'filed', 'imported from 青岚台账.xlsx row 5'],
      ['progress', 'filed', '已完成整改，结果已按期公开。'],
      ['claim', 'claimed', '导入时已完成'],
      ['close', 'closed', '导入时已完成'],
    ]);
    expect(of(3)).toEqual([
      ['create', 'filed', 'imported from 青岚台账.xlsx row 6；时限：长期坚持'],
      ['start', 'in_progress', null],
    ]);

    // The same file again adds nothing: every row is in the ledger already.
    const again = await upload('青岚台账.xlsx', file);
    expect(again.status).toBe(422);
    const refused = await again.json();
    expect(refused.error.code).toBe('invalid_rows');
    expect(refused.report.problems.map((p: { code: string }) => p.code)).toEqual(Array(4).fill('duplicate_problem'));
    expect(await problemCount()).toBe(4);
  });

  it('applies none of a file with one bad row', async () => {
    const before = await problemCount();
    const file = await workbookOf([
      HEADERS,
      ['1', '会议多、文件多。', '精简会议文件。', 'LI1', '周某', '2026-11-30', ''],
      ['2', '调研走过场。', '改进调研方式。', 'LI5', '吴某', '2026-11-30', ''],
    ]);
    const response = await upload('一行有错.xlsx', file);
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.error.code).toBe('invalid_rows');
    expect(body.report.problems).toEqual([
      expect.objectContaining({ row: 3, column: '责任单位', code: 'inactive_unit' }),
    ]);
    expect(await problemCount()).toBe(before);
  });

  it('reads CSV (UTF-8 with BOM, and GBK) with the synonyms of the headers', async () => {
    const before = await problemCount();
    const csv = `\uFEFF编号,存在问题,整改措施,责任单位,责任人,完成时限,整改进展\r\n1,证照办理时限长。,压缩办理时限。,LI2,郑某,2026年11月20日,\r\n`;
    const report = await (await upload('台账.csv', csv)).json();
    expect(report).toMatchObject({ format: 'csv', applied: true, createdCount: 1 });
    // Excel on Chinese Windows saves "CSV (comma delimited)" in GBK.
    const gbkBytes = gbkOf('问题,整改措施,责任单位,时限\r\n材料反复提交。,一次告知。,LI2,2026-12-01\r\n');
    const gbkReport = await (await upload('台账-gbk.csv', gbkBytes)).json();
    expect(gbkReport).toMatchObject({ format: 'csv', encoding: 'gb18030', applied: true, createdCount: 1 });
    expect(await problemCount()).toBe(before + 2);
  });

  it('serves a template that imports once filled in (the example row skipped)', async () => {
    const response = await admin.get('/api/problems/import/template.xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['说明', '整改台账']);
    const sheet = workbook.getWorksheet('整改台账')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 8)).toEqual(HEADERS);
    sheet.addRow([
      '1',
      '群众办事“多头跑”。',
      '推行一窗受理。',
      'LI2',
      '冯某',
      new Date(Date.UTC(2026, 11, 15)),
      '',
      '',
      '走访',
    ]);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await (await upload('模板.xlsx', filled)).json();
    expect(report).toMatchObject({
      applied: true,
      createdCount: 1,
      sheet: { code: 'sheet_with_header', sheet: '整改台账' },
    });
    expect(report.warnings).toEqual([expect.objectContaining({ code: 'example_row', row: 2 })]);
    expect(report.created[0]).toMatchObject({ unit: '青岚市政务服务中心', state: 'filed' });
  });

  it('refuses files it cannot use, and anyone but the office', async () => {
    expect((await (await upload('空.csv', '')).json()).error.code).toBe('empty_file');
    expect((await (await upload('只有表头.csv', `${HEADERS.join(',')}\r\n`)).json()).error.code).toBe('empty_file');
    expect((await (await upload('坏.xlsx', 'not a workbook')).json()).error.code).toBe('unreadable_file');
    const xls = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect((await (await upload('旧.xls', xls)).json()).error.code).toBe('unsupported_format');
    const anonymous = await app.request('/api/problems/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filename: 'a.csv', contentBase64: '' }),
    });
    expect(anonymous.status).toBe(401);
    expect((await app.request('/api/problems/import/template.xlsx')).status).toBe(401);
  });
});

/** GB18030 bytes of a string of common characters, without a converter package: TextDecoder can only decode. */
function gbkOf(text: string): Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead += 1)
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const char = decoder.decode(Uint8Array.from([lead, trail]));
      if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
    }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) bytes.push(code);
    else bytes.push(...(table.get(char) ?? [0x3f]));
  }
  return Uint8Array.from(bytes);
}
