import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { validCreditCode, wrongCheck } from './targets-codes.ts';
import { targetWorld, type TargetWorld } from './targets-fixture.ts';

// Importing visit targets from one workbook (村社区 / 企业 / 住户) or a CSV file: every row checked first,
// every problem reported by sheet, row, column and code, all rows written or none, a dry run writes
// nothing, and a second import updates what the first created.

type Sheets = Record<string, unknown[][]>;

async function workbookOf(sheets: Sheets): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) workbook.addWorksheet(name).addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const VILLAGE_HEADER = ['乡镇（街道）', '村（社区）', '类型', '户数'];
const ENTERPRISE_HEADER = ['统一社会信用代码', '企业名称', '乡镇（街道）', '村（社区）', '行业', '规模'];
const HOUSEHOLD_HEADER = ['乡镇（街道）', '村（社区）', '户主', '地址'];

interface Report {
  applied: boolean;
  counts: Record<string, { created: number; updated: number }>;
  problemCount: number;
  problems: Array<{ sheet: string | null; row: number; column: string | null; code: string; message: string }>;
  warnings: Array<{ code: string }>;
  sheets: Array<{ sheet: string | null; kind: string; rowCount: number }>;
}

describeEachDialect('visit target import (村社区 / 企业 / 住户)', (database) => {
  let w: TargetWorld;
  let townB: string;
  const db = () => database().db;
  const upload = (filename: string, bytes: Uint8Array | string, dryRun = false) =>
    w.admin.post(`/api/visit-targets/import?dryRun=${dryRun}`, {
      filename,
      contentBase64: Buffer.from(bytes).toString('base64'),
    });
  const count = async (table: 'visit_villages' | 'visit_enterprises' | 'visit_households') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    w = await targetWorld(createTestApp(database()).app, db());
    townB = (await db().selectFrom('units').select('name').where('id', '=', w.townB).executeTakeFirstOrThrow()).name;
  });

  const goodBook = (households = '320') =>
    workbookOf({
      说明: [['这是说明'], ['随便写']],
      村社区: [
        VILLAGE_HEADER,
        [w.townAName, '东山村', '村', households],
        [w.townAName, '滨江社区', '', '1200'],
        [townB, '西岭村', '村', '80'],
      ],
      企业: [
        ENTERPRISE_HEADER,
        [validCreditCode(11), '东山茶业有限公司', w.townAName, '东山村', '农业', '小型'],
        ['９１３５０１００Ｍ０００１００Ｙ４３', '福州某公司', townB, '', '制造业', '大型'],
      ],
      住户: [HOUSEHOLD_HEADER, [w.townAName, '东山村', '张某某', '一组3号'], [w.townAName, '东山村', '李某某', '']],
    });

  it('checks a good workbook on a dry run without writing, then imports all of it', async () => {
    const dry = await upload('三遍访对象.xlsx', await goodBook(), true);
    expect(dry.status).toBe(200);
    const report = (await dry.json()) as Report;
    expect(report).toMatchObject({
      applied: false,
      problemCount: 0,
      counts: {
        villages: { created: 3, updated: 0 },
        enterprises: { created: 2, updated: 0 },
        households: { created: 2, updated: 0 },
      },
    });
    expect(report.warnings.map((x) => x.code)).toContain('sheet_skipped');
    expect(await count('visit_villages')).toBe(0);

    const real = await upload('三遍访对象.xlsx', await goodBook());
    expect(real.status).toBe(200);
    expect(((await real.json()) as Report).applied).toBe(true);
    expect(await count('visit_villages')).toBe(3);
    expect(await count('visit_enterprises')).toBe(2);
    expect(await count('visit_households')).toBe(2);
    const community = await db()
      .selectFrom('visit_villages')
      .select(['kind', 'households'])
      .where('name', '=', '滨江社区')
      .executeTakeFirstOrThrow();
    expect(community).toEqual({ kind: 'community', households: 1200 });
    const tea = await db()
      .selectFrom('visit_enterprises as e')
      .innerJoin('visit_villages as v', 'v.id', 'e.village_id')
      .select(['v.name', 'e.size'])
      .where('e.credit_code', '=', validCreditCode(11))
      .executeTakeFirstOrThrow();
    expect(tea).toEqual({ name: '东山村', size: 'small' });
    const audit = await db()
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'visit_targets_imported')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('updates on a second import: villages by township and name, enterprises by credit code, households by 户主', async () => {
    const again = await upload('三遍访对象.xlsx', await goodBook('330'));
    const report = (await again.json()) as Report;
    expect(report.counts).toEqual({
      villages: { created: 0, updated: 3 },
      enterprises: { created: 0, updated: 2 },
      households: { created: 0, updated: 2 },
    });
    expect(await count('visit_villages')).toBe(3);
    const east = await db()
      .selectFrom('visit_villages')
      .select('households')
      .where('name', '=', '东山村')
      .executeTakeFirstOrThrow();
    expect(east.households).toBe(330);
  });

  it('reports every bad row (a wrong check character naming the expected one) and writes nothing', async () => {
    const bad = wrongCheck(validCreditCode(12));
    const book = await workbookOf({
      村社区: [
        VILLAGE_HEADER,
        [w.townAName, '新村', '村', '50'],
        ['不存在镇', '某村', '村', '10'],
        [w.townAName, '负户村', '村', '-3'],
      ],
      企业: [
        ENTERPRISE_HEADER,
        [bad.code, '错码公司', w.townAName, '', '', '小型'],
        [validCreditCode(13), '跨镇公司', w.townAName, '西岭村', '', '中型'],
        [validCreditCode(14), '规模不明公司', w.townAName, '新村', '', '很大'],
        [validCreditCode(14), '重复公司', w.townAName, '', '', '微型'],
        [
          validCreditCode(15),
          '局里公司',
          (await db().selectFrom('units').select('name').where('id', '=', w.department).executeTakeFirstOrThrow()).name,
          '',
          '',
          '微型',
        ],
      ],
    });
    const before = [await count('visit_villages'), await count('visit_enterprises')];
    const dry = await upload('bad.xlsx', book, true);
    expect(dry.status).toBe(200);
    expect(((await dry.json()) as Report).applied).toBe(false);

    const refused = await upload('bad.xlsx', book);
    expect(refused.status).toBe(422);
    const answer = (await refused.json()) as { error: { code: string }; report: Report };
    expect(answer.error.code).toBe('invalid_rows');
    const found = answer.report.problems.map((p) => [p.sheet, p.row, p.column, p.code]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['村社区', 3, '乡镇（街道）', 'unknown_township'],
        ['村社区', 4, '户数', 'invalid_households'],
        ['企业', 2, '统一社会信用代码', 'credit_code_check'],
        ['企业', 3, '村（社区）', 'unknown_village'],
        ['企业', 4, '规模', 'invalid_size'],
        ['企业', 5, '统一社会信用代码', 'duplicate_credit_code'],
        ['企业', 6, '乡镇（街道）', 'not_a_township'],
      ]),
    );
    const check = answer.report.problems.find((p) => p.code === 'credit_code_check')!;
    expect(check.message).toContain(`should be ${bad.expected}`);
    expect(answer.report.problemCount).toBe(7);
    expect([await count('visit_villages'), await count('visit_enterprises')]).toEqual(before);
  });

  it('reads a CSV file of one kind, judged by its header', async () => {
    const csv = `${ENTERPRISE_HEADER.join(',')}\n${validCreditCode(21)},滨江物流有限公司,${w.townAName},滨江社区,物流,中型\n`;
    const answer = await upload('企业.csv', csv);
    expect(answer.status).toBe(200);
    const report = (await answer.json()) as Report;
    expect(report.sheets).toEqual([{ sheet: null, kind: 'enterprises', rowCount: 1 }]);
    expect(report.counts.enterprises).toEqual({ created: 1, updated: 0 });

    // A column left out on a later import keeps what is recorded: 行业 stays, the name changes.
    const narrower = `统一社会信用代码,企业名称,乡镇,规模\n${validCreditCode(21)},滨江物流集团有限公司,${w.townAName},中型\n`;
    expect(((await (await upload('企业.csv', narrower)).json()) as Report).counts.enterprises).toEqual({
      created: 0,
      updated: 1,
    });
    const stored = await db()
      .selectFrom('visit_enterprises as e')
      .leftJoin('visit_villages as v', 'v.id', 'e.village_id')
      .select(['e.name', 'e.industry', 'v.name as village'])
      .where('e.credit_code', '=', validCreditCode(21))
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: '滨江物流集团有限公司', industry: '物流', village: '滨江社区' });
  });

  it('gives a template whose example rows are skipped, so a filled-in copy imports as it is', async () => {
    const template = await w.admin.get('/api/visit-targets/import/template.xlsx');
    expect(template.status).toBe(200);
    const bytes = new Uint8Array(await template.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['说明', '村社区', '企业', '住户']);
    const villages = workbook.getWorksheet('村社区')!;
    villages.addRow([w.townAName, '模板村', '村', 12, '', '']);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = (await (await upload('template.xlsx', filled)).json()) as Report;
    expect(report.problemCount).toBe(0);
    expect(report.counts.villages).toEqual({ created: 1, updated: 0 });
    expect(report.warnings.filter((x) => x.code === 'example_row')).toHaveLength(3);
    expect((await w.leader.get('/api/visit-targets/import/template.xlsx')).status).toBe(403);
  });
});
