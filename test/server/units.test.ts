import { tempEvidenceStore } from '../support/test-evidence.ts';
import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/auth/password.ts';
import { csvDocument } from '../../formats/csv.ts';
import { parseCsv } from '../../server/sheets/csv-read.ts';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';

type App = ReturnType<typeof createTestApp>['app'];
type Admin = Awaited<ReturnType<typeof signInAsAdmin>>;
interface Problem {
  row: number;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
}

const HEADERS = ['单位编码', '单位名称', '英文名称', '上级单位编码', '层级', '单位类别', '排序', '状态'];

async function xlsxOf(rows: unknown[][], sheetName = '单位'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet(sheetName).addRows(rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** GBK bytes, as Excel on Chinese Windows saves "CSV (comma delimited)"; Node has a GB18030 decoder but no encoder. */
function gbkOf(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      const char = decoder.decode(Uint8Array.of(lead, trail));
      if (char.length === 1 && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return Buffer.from(
    [...text].flatMap((char) => (char.charCodeAt(0) < 0x80 ? [char.charCodeAt(0)] : (table.get(char) ?? []))),
  );
}

/** A zip archive with deflated entries, for files exceljs would choke on. */
function zipOf(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const data = deflateRawSync(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describeEachDialect('units, categories and spreadsheets', (database) => {
  let app: App;
  let admin: Admin;

  const db = () => database().db;
  const unitByCode = (code: string) => db().selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();
  const unitCount = async () =>
    Number(
      (
        await db()
          .selectFrom('units')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const snapshot = () =>
    db()
      .selectFrom('units')
      .select(['id', 'code', 'name', 'name_en', 'parent_id', 'level', 'category_id', 'sort_order', 'active'])
      .orderBy('id')
      .execute();
  const send = (method: string, path: string) =>
    app.request(path, { method, headers: { cookie: admin.cookie, 'content-type': 'application/json' } });
  const upload = (filename: string, bytes: Uint8Array | string, dryRun = false) =>
    admin.post(`/api/units/import?dryRun=${dryRun}`, {
      filename,
      contentBase64: Buffer.from(bytes).toString('base64'),
    });
  const createUnit = async (body: Record<string, unknown>) => {
    const response = await admin.post('/api/units', body);
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as { id: number; code: string };
  };
  const idOf = async (code: string) => (await unitByCode(code))!.id;

  beforeAll(async () => {
    await seedDemoIfEmpty(db(), new Date(), TEST_SECRET, tempEvidenceStore());
    app = createTestApp(database()).app;
    admin = await signInAsAdmin(app, db());
  });

  it('creates, edits and deletes categories, refusing taken codes and categories in use', async () => {
    const created = await admin.post('/api/categories', {
      code: 'vertical',
      name: '垂管单位',
      nameEn: 'Vertically managed units',
      ranked: false,
    });
    expect(created.status).toBe(201);
    const category = await created.json();
    expect(category).toMatchObject({ code: 'vertical', name: '垂管单位', ranked: false, sortOrder: 4 });

    const taken = await admin.post('/api/categories', { code: 'vertical', name: '另一个' });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.code).toBe('category_code_taken');
    expect((await admin.post('/api/categories', { code: 'x y', name: '坏编码' })).status).toBe(400);
    expect((await admin.patch(`/api/categories/${category.id}`, { code: 'other' })).status).toBe(400);

    const edited = await admin.patch(`/api/categories/${category.id}`, {
      name: '垂直管理单位',
      ranked: true,
      sortOrder: 9,
    });
    expect(await edited.json()).toMatchObject({
      id: category.id,
      code: 'vertical',
      name: '垂直管理单位',
      ranked: true,
      sortOrder: 9,
    });

    const party = (await (await app.request('/api/categories')).json()).categories.find(
      (c: { code: string }) => c.code === 'party',
    );
    const inUse = await send('DELETE', `/api/categories/${party.id}`);
    expect(inUse.status).toBe(409);
    expect(await inUse.json()).toEqual({
      error: { code: 'category_in_use', message: expect.stringMatching(/unit\(s\).*campaign\(s\)/) },
    });

    expect((await send('DELETE', `/api/categories/${category.id}`)).status).toBe(204);
    expect((await send('DELETE', `/api/categories/${category.id}`)).status).toBe(404);
    const audit = await db().selectFrom('audit_log').select('action').where('entity_type', '=', 'category').execute();
    expect(audit.map((row) => row.action)).toEqual(
      expect.arrayContaining(['category_created', 'category_updated', 'category_deleted']),
    );
  });

  it('keeps the tree rules: levels, cycles, active parents, codes printed in QR links', async () => {
    const city = await idOf('QX');
    const county = await idOf('QX-YS');
    const town = await createUnit({ code: 'QX-YS-T02', name: '梅岭乡', level: 'township', parentId: county });
    const refuse = async (response: Response | Promise<Response>, status: number, code: string) => {
      const answer = await response;
      expect(answer.status).toBe(status);
      expect((await answer.json()).error.code).toBe(code);
    };

    await refuse(
      admin.post('/api/units', { code: 'T-BAD', name: '挂在市下的乡镇', level: 'township', parentId: city }),
      422,
      'invalid_parent_level',
    );
    await refuse(
      admin.post('/api/units', { code: 'D-ORPHAN', name: '无上级部门', level: 'department' }),
      422,
      'parent_required',
    );
    await refuse(
      admin.post('/api/units', { code: 'D-X', name: '上级不存在', level: 'department', parentId: 999999 }),
      422,
      'unknown_parent',
    );
    await refuse(
      admin.post('/api/units', { code: 'QX-YS-T02', name: '重复', level: 'township', parentId: county }),
      409,
      'unit_code_taken',
    );
    await refuse(admin.patch(`/api/units/${county}`, { parentId: town.id }), 422, 'tree_cycle');
    await refuse(admin.patch(`/api/units/${county}`, { parentId: county }), 422, 'tree_cycle');
    await refuse(admin.patch(`/api/units/${county}`, { level: 'department' }), 422, 'sub_units_conflict');
    await refuse(admin.patch(`/api/units/${county}`, { active: false }), 422, 'sub_units_conflict');
    await refuse(admin.patch(`/api/units/${await idOf('D01')}`, { code: 'D01-NEW' }), 409, 'unit_code_frozen');
    await refuse(admin.patch(`/api/units/${county}`, { nonsense: 1 }), 400, 'invalid_request');

    // A department moves from the city to the county; then the county's townships and the county are deactivated.
    const department = await createUnit({ code: 'QX-D99', name: '临时办公室', level: 'department', parentId: city });
    expect(
      await (await admin.patch(`/api/units/${department.id}`, { parentId: county, sortOrder: 3 })).json(),
    ).toMatchObject({ parentId: county, sortOrder: 3 });
    for (const child of await db().selectFrom('units').select('id').where('parent_id', '=', county).execute()) {
      expect((await admin.patch(`/api/units/${child.id}`, { active: false })).status).toBe(200);
    }
    expect(await (await admin.patch(`/api/units/${county}`, { active: false })).json()).toMatchObject({
      active: false,
    });
    await refuse(admin.patch(`/api/units/${town.id}`, { active: true }), 422, 'inactive_parent');
    for (const id of [county, town.id, await idOf('QX-YS-T01'), department.id])
      expect((await admin.patch(`/api/units/${id}`, { active: true })).status).toBe(200);

    // Units that were used are never deleted, only deactivated; a unit made by mistake can go.
    await refuse(send('DELETE', `/api/units/${await idOf('D01')}`), 409, 'unit_in_use');
    await refuse(send('DELETE', `/api/units/${county}`), 409, 'unit_has_sub_units');
    expect((await send('DELETE', `/api/units/${department.id}`)).status).toBe(204);
    expect((await app.request(`/api/units/${department.id}`)).status).toBe(404);
    expect((await app.request('/api/units/abc')).status).toBe(400);

    const actions = await db().selectFrom('audit_log').select('action').where('entity_type', '=', 'unit').execute();
    expect(new Set(actions.map((row) => row.action))).toEqual(
      new Set(['unit_created', 'unit_moved', 'unit_deactivated', 'unit_reactivated', 'unit_deleted']),
    );
  });

  it('lists the units as a tree in sort order, publicly', async () => {
    const tree = await (await app.request('/api/units/tree')).json();
    expect(tree.roots.map((root: { code: string }) => root.code)).toEqual(['QX']);
    const city = tree.roots[0];
    expect(city.children[0].code).toBe('D01');
    const county = city.children.find((child: { code: string }) => child.code === 'QX-YS');
    expect(county.children.map((child: { code: string }) => child.code)).toEqual(['QX-YS-T01', 'QX-YS-T02']);
    await admin.patch(`/api/units/${await idOf('QX-YS-T02')}`, { active: false });
    const active = await (await app.request('/api/units/tree?activeOnly=true')).json();
    const activeCounty = active.roots[0].children.find((child: { code: string }) => child.code === 'QX-YS');
    expect(activeCounty.children.map((child: { code: string }) => child.code)).toEqual(['QX-YS-T01']);
    expect((await app.request('/api/units/tree?activeOnly=maybe')).status).toBe(400);
  });

  it('refuses every write and export to anyone but an administrator', async () => {
    await db()
      .insertInto('users')
      .values({
        username: 'staff-units',
        display_name: '单位人员',
        role: 'unit_staff',
        unit_id: null,
        password_hash: await hashPassword('staff password 1234'),
        must_change_password: 0,
        disabled: 0,
        created_at: new Date().toISOString(),
      })
      .execute();
    const login = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'staff-units', password: 'staff password 1234' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const attempts: Array<[string, string, unknown?]> = [
      ['POST', '/api/units', { code: 'NOPE', name: '不行', level: 'city' }],
      ['PATCH', `/api/units/${await idOf('D02')}`, { name: '改名' }],
      ['DELETE', `/api/units/${await idOf('D02')}`],
      ['POST', '/api/categories', { code: 'nope', name: '不行' }],
      [
        'POST',
        '/api/units/import',
        { filename: 'a.csv', contentBase64: Buffer.from('单位编码,单位名称,层级\nX,X,市').toString('base64') },
      ],
      ['GET', '/api/units/export.xlsx'],
      ['GET', '/api/units/export.csv'],
      ['GET', '/api/units/import-template.xlsx'],
    ];
    for (const [method, path, body] of attempts) {
      const init = { method, body: body === undefined ? undefined : JSON.stringify(body) };
      const anonymous = await app.request(path, { ...init, headers: { 'content-type': 'application/json' } });
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      const staff = await app.request(path, { ...init, headers: { cookie, 'content-type': 'application/json' } });
      expect(staff.status, `${method} ${path}`).toBe(403);
    }
    expect((await unitByCode('D02'))!.name).toBe('市委组织部');
    expect((await app.request('/api/units')).status).toBe(200);
  });

  it('imports a workbook: title rows, parents further down, categories by name, updates by code', async () => {
    const file = await xlsxOf([
      ['青溪市新增单位'],
      HEADERS,
      ['HS-T01', '花山镇', 'Huashan Town', 'HS', '乡镇'],
      ['HS', '花山县', 'Huashan County', 'QX', '县', '', 5, '启用'],
      ['HS-D01', '花山县财政局', '', 'HS', '部门', '政府工作部门', 1, ''],
      ['D05', '市总工会', 'Municipal Federation of Trade Unions', 'QX', '部门', 'party', 5, '启用'],
      [],
    ]);
    const before = await unitCount();
    const dry = await upload('新增单位.xlsx', file, true);
    expect(dry.status).toBe(200);
    const plan = await dry.json();
    expect(plan).toMatchObject({
      dryRun: true,
      applied: false,
      format: 'xlsx',
      rowCount: 4,
      createdCount: 3,
      updatedCount: 1,
      unchangedCount: 0,
      problemCount: 0,
    });
    expect(plan.updated[0]).toEqual({
      row: 6,
      code: 'D05',
      name: '市总工会',
      changes: { nameEn: { from: 'Federation of Trade Unions', to: 'Municipal Federation of Trade Unions' } },
    });
    expect(await unitCount()).toBe(before);

    const done = await upload('新增单位.xlsx', file);
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ applied: true, createdCount: 3, updatedCount: 1 });
    const county = await unitByCode('HS');
    const town = await unitByCode('HS-T01');
    const finance = await unitByCode('HS-D01');
    const government = await db()
      .selectFrom('categories')
      .select('id')
      .where('code', '=', 'government')
      .executeTakeFirstOrThrow();
    expect(county).toMatchObject({ parent_id: await idOf('QX'), level: 'county', sort_order: 5, active: 1 });
    expect(town).toMatchObject({ parent_id: county!.id, level: 'township', name_en: 'Huashan Town', sort_order: 3 });
    expect(finance).toMatchObject({ parent_id: county!.id, category_id: government.id, sort_order: 1 });
    expect((await unitByCode('D05'))!.name_en).toBe('Municipal Federation of Trade Unions');
    const audit = await db()
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'units_imported')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.detail!)).toMatchObject({ filename: '新增单位.xlsx', created: 3, updated: 1 });
  });

  it('imports CSV with English headers, in UTF-8 with a BOM and in GBK from Chinese Excel', async () => {
    const utf8 = '\uFEFFcode,name,level,parent_code,category\r\nLS,柳山县,county,QX,\r\nLS-T01,柳山镇,township,LS,\r\n';
    const first = await upload('units.csv', utf8);
    expect(await first.json()).toMatchObject({ applied: true, format: 'csv', encoding: 'utf-8', createdCount: 2 });

    const gbk = gbkOf(
      '单位编码,单位名称,层级,上级单位编码,单位类别\r\nLS-D01,柳山县公安局,部门,LS,执法部门\r\nLS-T01,柳山镇人民政府,乡镇,LS,\r\n',
    );
    const second = await upload('单位.csv', gbk);
    expect(await second.json()).toMatchObject({ applied: true, encoding: 'gb18030', createdCount: 1, updatedCount: 1 });
    expect((await unitByCode('LS-D01'))!.name).toBe('柳山县公安局');
    expect((await unitByCode('LS-T01'))!.name).toBe('柳山镇人民政府');
  });

  it('reports every bad row precisely, all at once, and imports none of them', async () => {
    const csv = [
      '单位编码,单位名称,英文名称,上级单位编码,层级,单位类别,排序',
      'BAD-1,好单位,,QX,部门,party,1',
      'BAD-2,,,QX,部门,party,',
      'BAD-3,坏层级,,QX,省,,',
      'BAD-1,重复,,QX,部门,,',
      'BAD-4,乡镇挂市,,QX,乡镇,,',
      'BAD-5,找不到上级,,X99,部门,,',
      'BAD-6,类别错,,QX,部门,不存在的类别,',
      'BAD-7,排序错,,QX,部门,,第一',
      'BAD 8,编码错,,QX,部门,,',
      'BAD-9,挂在坏行下,,BAD-3,部门,,',
    ].join('\n');
    const before = await snapshot();
    const refused = await upload('bad.csv', csv);
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.error).toEqual({ code: 'invalid_rows', message: expect.stringContaining('nothing was imported') });
    const problems = (body.report.problems as Problem[]).map(({ row, column, value, code }) => ({
      row,
      column,
      value,
      code,
    }));
    expect(problems).toEqual([
      { row: 3, column: '单位名称', value: '', code: 'required' },
      { row: 4, column: '层级', value: '省', code: 'invalid_level' },
      { row: 5, column: '单位编码', value: 'BAD-1', code: 'duplicate_code' },
      { row: 6, column: '上级单位编码', value: 'QX', code: 'invalid_parent_level' },
      { row: 7, column: '上级单位编码', value: 'X99', code: 'unknown_parent' },
      { row: 8, column: '单位类别', value: '不存在的类别', code: 'unknown_category' },
      { row: 9, column: '排序', value: '第一', code: 'invalid_sort' },
      { row: 10, column: '单位编码', value: 'BAD 8', code: 'invalid_code' },
    ]);
    expect(body.report.problems[4]).toEqual({
      row: 7,
      column: '上级单位编码',
      value: 'X99',
      code: 'unknown_parent',
      message: 'no unit with this code in the file or the database',
    });
    expect(body.report).toMatchObject({ applied: false, problemCount: 8 });
    expect(await snapshot()).toEqual(before);

    const dry = await upload('bad.csv', csv, true);
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ applied: false, problemCount: 8, problems: body.report.problems });
  });

  it('names missing and unknown columns, and answers unusable files with a 4xx', async () => {
    const wrong = await upload('wrong.csv', '编号,名字,层级\nA,甲,市\n');
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).report.problems[0]).toMatchObject({ row: 1, code: 'missing_header' });

    const missing = await upload('missing.csv', '单位编码,单位名称,备注\nA,甲,随便\n');
    const missingReport = (await missing.json()).report;
    expect(missingReport.problems).toEqual([
      expect.objectContaining({ row: 1, column: '层级', value: null, code: 'missing_column' }),
    ]);
    expect(missingReport.warnings).toEqual([
      expect.objectContaining({ row: 1, column: '备注', code: 'unknown_column' }),
    ]);

    const refusals: Array<[string, Uint8Array | string, number, string]> = [
      ['empty.csv', '', 422, 'empty_file'],
      ['bom-only.csv', '\uFEFF\r\n', 422, 'empty_file'],
      ['header-only.csv', '单位编码,单位名称,层级\n', 422, 'empty_file'],
      ['corrupt.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), 422, 'unreadable_file'],
      ['renamed.xlsx', 'just text', 422, 'unreadable_file'],
      ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 422, 'unsupported_format'],
      [
        'bomb.xlsx',
        zipOf([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(60 * 1024 * 1024) }]),
        422,
        'file_too_large',
      ],
      ['not-a-zip-inside.xlsx', zipOf([{ name: 'hello.txt', data: Buffer.from('hello') }]), 422, 'unreadable_file'],
      ['quote.csv', '单位编码,单位名称,层级\n"A,甲,市\n', 422, 'unreadable_file'],
      ['binary.csv', Buffer.from([1, 2, 0, 4]), 422, 'unreadable_file'],
      [
        'huge.csv',
        `单位编码,单位名称,层级\n${Array.from({ length: 10_001 }, (_, i) => `H${i},单位${i},部门`).join('\n')}`,
        422,
        'too_many_rows',
      ],
    ];
    for (const [filename, bytes, status, code] of refusals) {
      const response = await upload(filename, bytes);
      expect(response.status, filename).toBe(status);
      expect((await response.json()).error.code, filename).toBe(code);
    }
    const notBase64 = await admin.post('/api/units/import', { filename: 'a.csv', contentBase64: '%%%' });
    expect(notBase64.status).toBe(400);
    const tooBig = await admin.post('/api/units/import', { filename: 'a.csv', contentBase64: 'A'.repeat(1_100_000) });
    expect(tooBig.status).toBe(413);
    expect((await admin.post('/api/units/import', { filename: 'a.csv' })).status).toBe(400);
  });

  it('exports xlsx and CSV that re-import unchanged, with formula-looking names defused in CSV', async () => {
    const city = await idOf('QX');
    await createUnit({ code: 'F-1', name: '=HYPERLINK("http://evil","点我")', level: 'department', parentId: city });
    await createUnit({
      code: 'F-2',
      name: '+86 服务中心, "窗口"',
      nameEn: '@risk',
      level: 'department',
      parentId: city,
      sortOrder: -5,
    });
    await admin.patch(`/api/units/${await idOf('F-2')}`, { active: false });
    const before = await snapshot();

    const csvResponse = await admin.get('/api/units/export.csv');
    expect(csvResponse.headers.get('content-type')).toContain('text/csv');
    const csvBytes = Buffer.from(await csvResponse.arrayBuffer());
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = csvBytes.toString('utf8');
    expect(csv).toContain(`F-1,"'=HYPERLINK(""http://evil"",""点我"")"`);
    expect(csv).toContain(`F-2,"'+86 服务中心, ""窗口""",'@risk,QX,部门,,-5,停用`);
    const csvImport = await upload('units.csv', csvBytes);
    expect(await csvImport.json()).toMatchObject({
      applied: true,
      createdCount: 0,
      updatedCount: 0,
      unchangedCount: before.length,
      problemCount: 0,
    });

    const xlsxResponse = await admin.get('/api/units/export.xlsx');
    expect(xlsxResponse.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const xlsx = Buffer.from(await xlsxResponse.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['单位', '类别']);
    expect(workbook.getWorksheet('单位')!.getRow(1).values).toEqual([undefined, ...HEADERS]);
    const xlsxImport = await upload('units.xlsx', xlsx);
    expect(await xlsxImport.json()).toMatchObject({
      applied: true,
      createdCount: 0,
      updatedCount: 0,
      unchangedCount: before.length,
      problemCount: 0,
    });

    expect(await snapshot()).toEqual(before);
  });

  it('serves an import template that explains itself and imports once filled in', async () => {
    const response = await admin.get('/api/units/import-template.xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain('units-import-template.xlsx');
    const template = Buffer.from(await response.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['说明', '单位', '类别']);
    const sheet = workbook.getWorksheet('单位')!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(workbook.getWorksheet('类别')!.getColumn(1).values).toContain('party');

    expect((await (await upload('template.xlsx', template)).json()).error.code).toBe('empty_file');
    sheet.addRow(['TPL-1', '模板单位', '', 'QX', '部门', '窗口服务单位']);
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await (await upload('template.xlsx', filled)).json()).toMatchObject({
      applied: true,
      createdCount: 1,
      problemCount: 0,
    });
  });
});

describe('CSV cells', () => {
  it('read back exactly as written, whatever they hold (quotes, commas, line breaks, formula starts)', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', '单', ',', '"', "'", '=', '+', '-', '@', '\n', '\r', ' ', '1'),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = csvDocument(rows).slice(1);
        expect(parseCsv(text).map((row) => row.cells)).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });
});
