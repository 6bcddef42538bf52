import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { unguardCellText } from '../../formats/csv.ts';
import { problemNumber } from '../../server/hotline/problem-number.ts';
import { parseCsv } from '../../server/sheets/csv-read.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { hotlineWorld, insertVisit, type HotlineWorld } from './hotline-fixture.ts';

// The 12345 export on both dialects: its rows equal the seeded problems handed to 12345 (and only those),
// in the documented column order, with the raiser's name and phone only when they agreed; CSV is UTF-8 with
// a BOM and CRLF and runs no formula; Excel holds the same rows; "not yet exported" and "open" select what
// they say; only the office and leaders may export.

const HEADER = [
  '问题编号',
  '受理日期',
  '来源',
  '姓名',
  '电话',
  '乡镇',
  '村/社区或企业',
  '地址',
  '问题描述',
  '建议承办单位',
  '反馈时限',
  '走访干部',
  '服务队',
];
const FORMULA = '=HYPERLINK("http://example.com","点我")';

describeEachDialect('the 12345 export', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let w: HotlineWorld;
  let a: number;
  let b: number;
  let c: number;
  let expected: string[][];

  beforeAll(async () => {
    app = createTestApp(database()).app;
    const db = database().db;
    w = await hotlineWorld(app, db);
    a = await insertVisit(db, w, { on: '2026-10-12', target: 'enterprise', place: '厂区' }, [
      {
        description: '厂区门口道路破损',
        outcome: 'hotline',
        raiserName: '张三',
        raiserPhone: '13800138000',
        shareContact: true,
        feedbackDueOn: '2026-10-26',
      },
      { description: FORMULA, outcome: 'hotline', raiserName: '李四', raiserPhone: '13900139000', shareContact: false },
      {
        description: '停车位不足',
        outcome: 'solved',
        raiserName: '赵六',
        raiserPhone: '13700137000',
        shareContact: true,
      },
    ]);
    b = await insertVisit(db, w, { on: '2026-10-15', target: 'village', place: '村委会' }, [
      { description: '-1 路灯不亮', outcome: 'transferred' },
      {
        description: '村道路灯不亮',
        outcome: 'hotline',
        raiserName: '王五',
        raiserPhone: '0591-87654321',
        shareContact: true,
        feedbackDueOn: '2026-10-29',
      },
    ]);
    c = await insertVisit(db, w, { on: '2026-11-02', target: 'enterprise' }, [
      { description: '用电报装慢', outcome: 'hotline' },
    ]);
    const cadres = `${w.memberName}、李同行`;
    expected = [
      [
        problemNumber(a, 1),
        '2026-10-12',
        '走访',
        '张三',
        '13800138000',
        w.township,
        w.enterprise,
        '桃源镇工业路8号',
        '厂区门口道路破损',
        w.suggestedUnit,
        '2026-10-26',
        cadres,
        w.team,
      ],
      [
        problemNumber(a, 2),
        '2026-10-12',
        '走访',
        '',
        '',
        w.township,
        w.enterprise,
        '桃源镇工业路8号',
        FORMULA,
        w.suggestedUnit,
        '',
        cadres,
        w.team,
      ],
      [
        problemNumber(b, 2),
        '2026-10-15',
        '走访',
        '王五',
        '0591-87654321',
        w.township,
        w.village,
        '村委会',
        '村道路灯不亮',
        w.suggestedUnit,
        '2026-10-29',
        cadres,
        w.team,
      ],
    ];
  });

  const csvRows = (text: string) =>
    parseCsv(text.replace(/^\uFEFF/, '')).map((row) =>
      row.cells.map((cell) => unguardCellText(typeof cell === 'string' ? cell : cell.message)),
    );

  it('writes the problems handed to 12345 in the range as CSV: BOM, CRLF, the documented columns, no formula', async () => {
    const response = await w.admin.get('/api/hotline/export.csv?scope=range&from=2026-10-01&to=2026-10-31');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toContain('hotline-12345-');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect(csvRows(text).filter((row) => row.some((cell) => cell !== ''))).toEqual([HEADER, ...expected]);
    // The formula is a text: a leading apostrophe keeps a spreadsheet from running it.
    expect(text).toContain(`"'=HYPERLINK(`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    // Without consent, neither the name nor the phone leaves Pingyi; nor does a problem not handed off.
    for (const absent of ['李四', '13900139000', '赵六', '停车位不足', '-1 路灯不亮', '用电报装慢'])
      expect(text).not.toContain(absent);
  });

  it('writes the same rows to Excel', async () => {
    const response = await w.leader.get('/api/hotline/export.xlsx?scope=range&from=2026-10-01&to=2026-10-31');
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('转12345问题');
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push(HEADER.map((_, i) => unguardCellText(String(row.getCell(i + 1).value ?? '')))));
    expect(rows).toEqual([HEADER, ...expected]);
  });

  it('records first exports: "not yet exported" gives the rest once, then nothing', async () => {
    const recorded = await database().db.selectFrom('hotline_exports').select('visit_problem_id').execute();
    expect(recorded).toHaveLength(3);
    const first = await w.admin.get('/api/hotline/export.csv?scope=new');
    expect(
      csvRows(await first.text())
        .slice(1)
        .map((row) => row[0]),
    ).toEqual([problemNumber(c, 1)]);
    const second = await w.admin.get('/api/hotline/export.csv?scope=new');
    expect(csvRows(await second.text()).slice(1)).toEqual([]);
    const audit = await database()
      .db.selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'hotline_exported')
      .execute();
    expect(audit).toHaveLength(4);
  });

  it('"open" leaves out problems the platform reports done (已办结)', async () => {
    await database()
      .db.updateTable('visit_problems')
      .set({ hotline_status: 'done', hotline_ticket: 'T-1' })
      .where('visit_id', '=', a)
      .where('seq', '=', 1)
      .execute();
    const response = await w.admin.get('/api/hotline/export.csv?scope=open');
    expect(
      csvRows(await response.text())
        .slice(1)
        .map((row) => row[0]),
    ).toEqual([problemNumber(a, 2), problemNumber(b, 2), problemNumber(c, 1)]);
  });

  it('refuses a range without both ends, or reversed, and an unknown scope', async () => {
    for (const query of ['scope=range&from=2026-10-01', 'scope=range&from=2026-10-31&to=2026-10-01', 'scope=all', '']) {
      const response = await w.admin.get(`/api/hotline/export.csv?${query}`);
      expect([query, response.status]).toEqual([query, 400]);
    }
  });

  it('lets the office and leaders export, nobody else', async () => {
    for (const path of ['/api/hotline/export.csv?scope=open', '/api/hotline/export.xlsx?scope=open']) {
      expect((await w.anonymous.get(path)).status).toBe(401);
      expect((await w.staffA.get(path)).status).toBe(403);
      expect((await w.member.get(path)).status).toBe(403);
      expect((await w.leader.get(path)).status).toBe(200);
      expect((await w.admin.get(path)).status).toBe(200);
    }
  });
});
