import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';

// Units in and out of spreadsheets as offices really handle them: codes that a spreadsheet would re-type
// (0012, 3-12, long digit strings) survive export and re-import, and a workbook whose first sheet is an
// instructions sheet (说明) is read from the sheet with the header, saying which (decision 015).

const HEADERS = ['单位编码', '单位名称', '英文名称', '上级单位编码', '层级', '单位类别', '排序', '状态'];

/** An instructions sheet as offices write them: a title, prose, and the columns listed one per row. */
const INSTRUCTIONS = [
  ['填表说明'],
  ['请在第二个工作表中填写，每行一个单位。'],
  ['列', '说明'],
  ['单位编码', '必填，唯一'],
  ['单位名称', '必填'],
  ['层级', '市、县、乡镇或部门'],
];

async function workbookOf(sheets: Array<[name: string, rows: unknown[][]]>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of sheets) workbook.addWorksheet(name).addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describeEachDialect('units spreadsheets: sheets and codes that spreadsheets re-type', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let admin: Awaited<ReturnType<typeof signInAsAdmin>>;

  const db = () => database().db;
  const upload = (filename: string, bytes: Uint8Array | string, dryRun = false) =>
    admin.post(`/api/units/import?dryRun=${dryRun}`, {
      filename,
      contentBase64: Buffer.from(bytes).toString('base64'),
    });
  const codes = async (prefix: string) =>
    (await db().selectFrom('units').select('code').where('code', 'like', `${prefix}%`).orderBy('code').execute()).map(
      (unit) => unit.code,
    );
  const snapshot = () =>
    db()
      .selectFrom('units')
      .select(['id', 'code', 'name', 'name_en', 'parent_id', 'level', 'category_id', 'sort_order', 'active'])
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    app = createTestApp(database()).app;
    admin = await signInAsAdmin(app, db());
  });

  it('reads the sheet with the header when the first sheet is 说明, and says which sheet it read', async () => {
    const file = await workbookOf([
      ['说明', INSTRUCTIONS],
      ['Sheet1', [HEADERS, ['S1', '沙河市', '', '', '市'], ['S1-D01', '沙河市财政局', '', 'S1', '部门']]],
    ]);
    const response = await upload('单位名单.xlsx', file);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      applied: true,
      createdCount: 2,
      problemCount: 0,
      sheet: { code: 'sheet_with_header', sheet: 'Sheet1', position: 2, sheetCount: 2, message: expect.any(String) },
    });
    expect(await codes('S1')).toEqual(['S1', 'S1-D01']);
  });

  it('prefers the sheet whose header has more of the columns, and reports what the chosen one lacks', async () => {
    // 说明 names the code column in a row of its own; 名单 has code and name but not the level.
    const file = await workbookOf([
      ['说明', [['单位编码', '单位编码（code）必填']]],
      [
        '名单',
        [
          ['单位编码', '单位名称'],
          ['S2', '石门市'],
        ],
      ],
    ]);
    const report = await (await upload('名单.xlsx', file, true)).json();
    expect(report.sheet).toMatchObject({ code: 'sheet_with_header', sheet: '名单', position: 2 });
    expect(report.problems).toEqual([expect.objectContaining({ code: 'missing_column', column: '层级' })]);
  });

  it('says when no sheet has the header, and which one it read', async () => {
    const file = await workbookOf([
      ['说明', INSTRUCTIONS.slice(0, 2)],
      [
        '单位',
        [
          ['序号', '名称'],
          ['1', '某单位'],
        ],
      ],
    ]);
    const report = await (await upload('单位.xlsx', file, true)).json();
    expect(report.sheet).toMatchObject({ code: 'no_sheet_with_header', sheet: '单位', position: 2, sheetCount: 2 });
    expect(report.problems.map((problem: { code: string }) => problem.code)).toEqual(['missing_header']);

    const csv = await (await upload('单位.csv', `${HEADERS.join(',')}\r\nS3,三河市,,,市\r\n`, true)).json();
    expect(csv).toMatchObject({ format: 'csv', sheet: null, problemCount: 0 });
  });

  it('serves a template that opens on 说明 and imports from 单位 once filled in', async () => {
    const template = Buffer.from(await (await admin.get('/api/units/import-template.xlsx')).arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['说明', '单位', '类别']);
    const units = workbook.getWorksheet('单位')!;
    // Typed into the template's code column (text format), 0012 stays 0012.
    expect(units.getColumn(1).numFmt).toBe('@');
    units.addRow(['S4', '四平市', '', '', '市']);
    units.addRow(['0012', '四平市统计局', '', 'S4', '部门']);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await (await upload('template.xlsx', filled)).json()).toMatchObject({
      applied: true,
      createdCount: 2,
      sheet: { code: 'sheet_with_header', sheet: '单位', position: 2, sheetCount: 3 },
    });
  });

  it('exports codes that spreadsheets re-type so that CSV and xlsx both re-import unchanged', async () => {
    const rows = [
      ['0571', '临安市', '', '', '市'],
      ['0571-007', '临安市民政局', '', '0571', '部门'],
      ['3-12', '临安市三月十二日办', '', '0571', '部门'],
      ['123456789012345678', '临安市长编码办', '', '0571', '部门'],
      ['1.50', '临安市小数办', '', '0571', '部门'],
      ['1E5', '临安市科学计数办', '', '0571', '部门'],
    ];
    const csvIn = `\uFEFF${[HEADERS.slice(0, 5), ...rows].map((row) => row.join(',')).join('\r\n')}\r\n`;
    expect(await (await upload('临安.csv', csvIn)).json()).toMatchObject({ applied: true, createdCount: 6 });
    const before = await snapshot();

    const csv = Buffer.from(await (await admin.get('/api/units/export.csv')).arrayBuffer()).toString('utf8');
    expect(csv).toContain('"=""0571""",临安市,,,市');
    // 0571-007 is no number or date to a spreadsheet: it stays as it is.
    expect(csv).toContain('\r\n0571-007,临安市民政局,,"=""0571""",部门');
    expect(csv).toContain('"=""3-12""",临安市三月十二日办');
    expect(csv).toContain('"=""123456789012345678""",');
    expect(csv).toContain('"=""1.50""",');
    expect(csv).toContain('"=""1E5""",');
    expect(await (await upload('units.csv', csv)).json()).toMatchObject({ updatedCount: 0, createdCount: 0 });

    const xlsx = Buffer.from(await (await admin.get('/api/units/export.xlsx')).arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const codeCells = workbook.getWorksheet('单位')!.getColumn(1).values.slice(2);
    expect(codeCells).toEqual(expect.arrayContaining(['0571', '3-12', '123456789012345678', '1.50', '1E5']));
    expect(await (await upload('units.xlsx', xlsx)).json()).toMatchObject({ updatedCount: 0, createdCount: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it('reads back a CSV export that LibreOffice or Excel saved again, with or without evaluating ="…"', async () => {
    // Excel, and LibreOffice evaluating formulas, save the text the cell shows; LibreOffice without
    // evaluating them saves the cell as it was read. Either way the codes come back as exported.
    const evaluated = `${HEADERS.slice(0, 5).join(',')}\r\n0571,临安市,,,市\r\n0571-007,临安市民政局,,0571,部门\r\n`;
    const kept = `${HEADERS.slice(0, 5).join(',')}\r\n"=""0571""",临安市,,,市\r\n"=""0571-007""",临安市民政局,,"=""0571""",部门\r\n`;
    for (const file of [evaluated, kept])
      expect(await (await upload('saved-again.csv', file, true)).json()).toMatchObject({
        problemCount: 0,
        createdCount: 0,
        unchangedCount: 2,
      });
  });

  it('refuses a code that Excel has already turned into a long number, rather than import it rounded', async () => {
    // 123456789012345678 typed into a General cell: Excel keeps the nearest number it can hold.
    const file = await workbookOf([['单位', [HEADERS.slice(0, 5), [123456789012345680, '长编码市', '', '', '市']]]]);
    const report = await (await upload('rounded.xlsx', file, true)).json();
    expect(report.problems).toEqual([
      expect.objectContaining({
        code: 'unusable_cell',
        column: '单位编码',
        message: expect.stringMatching(/15 digits/),
      }),
    ]);
  });
});
