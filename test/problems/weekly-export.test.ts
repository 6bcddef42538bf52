import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, expect, it } from 'vitest';
import { createProblem, type Actor } from '../../server/problems/problem-writes.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { signInAdminAndLeader } from '../server/results-factory.ts';
import { caller, createUnit, signInStaff } from './weekly-support.ts';

const WEEK = '2026-09-28';
const office: Actor = { kind: 'office', userId: null };

describeEachDialect('weekly summary exports', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let cookies: { admin: string; leader: string };
  let staff: string;

  beforeAll(async () => {
    const { db } = database();
    app = createTestApp(database()).app;
    cookies = await signInAdminAndLeader(db, app);
    const reporting = await createUnit(db, '市场监管局');
    const silent = await createUnit(db, '交通运输局');
    staff = await signInStaff(db, app, reporting);
    await signInStaff(db, app, silent);
    await createProblem(
      db,
      {
        unit_id: silent,
        title: '公交站牌信息陈旧',
        detail: '…',
        source: 'media',
        deadline: '2026-10-09',
        owner: '王强',
      },
      office,
      new Date('2026-09-29T02:00:00Z'),
      'filed',
    );
    const call = caller(app);
    const submitted = await call('POST', `/api/weekly-reports/${WEEK}/units/${reporting}/submit`, staff, {
      progress: '完成食品摊点集中整治。\n约谈经营户十二家。',
      plan: '开展回头看。',
      difficulties: '',
    });
    expect(submitted.status).toBe(200);
  });

  const download = async (format: 'docx' | 'xlsx', cookie: string | null = cookies.leader) =>
    app.request(`/api/weekly-reports/${WEEK}/export.${format}`, { headers: cookie ? { cookie } : {} });

  it('gives the Word file with a Chinese file name, the figures, the texts and the overdue items', async () => {
    expect((await download('docx', staff)).status).toBe(403);
    expect((await download('docx', null)).status).toBe(401);
    const response = await download('docx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('wordprocessingml');
    const disposition = response.headers.get('content-disposition')!;
    expect(disposition).toContain(`filename="weekly-report-${WEEK}.docx"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`整改工作周报-${WEEK}.docx`)}`);
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('关于2026年9月28日至10月4日作风问题整改进展情况的报告');
    expect(text).toContain('本周应报送单位2个，按时报送0个，逾期报送1个，未报送1个');
    expect(text).toContain('未报送的单位：交通运输局');
    expect(text).toContain('完成食品摊点集中整治。');
    expect(text).toContain('约谈经营户十二家。');
    expect(text).toContain('公交站牌信息陈旧');
    expect(text).toContain('本周未报送整改进展情况报告。');
    expect(xml).toContain('仿宋_GB2312');
    // A4 portrait.
    expect(xml).toMatch(/w:pgSz w:w="11906" w:h="16838"/);
  });

  it('gives the Excel workbook, which reads back with the same figures and texts', async () => {
    const response = await download('xlsx', cookies.admin);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', '各单位报告', '逾期问题']);
    const summary = workbook.getWorksheet('汇总')!;
    expect(summary.getRow(1).getCell(2).value).toBe('单位');
    const names = [2, 3].map((r) => summary.getRow(r).getCell(2).value);
    expect(names).toEqual(expect.arrayContaining(['市场监管局', '交通运输局']));
    const statusOf = (name: string) =>
      [2, 3]
        .map((r) => summary.getRow(r))
        .find((row) => row.getCell(2).value === name)!
        .getCell(3).value;
    expect(statusOf('市场监管局')).toBe('逾期报送');
    expect(statusOf('交通运输局')).toBe('未报送');
    const reports = workbook.getWorksheet('各单位报告')!;
    const reportRow = [2, 3].map((r) => reports.getRow(r)).find((row) => row.getCell(2).value === '市场监管局')!;
    expect(reportRow.getCell(5).value).toBe('完成食品摊点集中整治。\n约谈经营户十二家。');
    const overdue = workbook.getWorksheet('逾期问题')!;
    expect(overdue.getRow(2).getCell(3).value).toBe('公交站牌信息陈旧');
    expect(overdue.getRow(2).getCell(5).value).toBe('2026-10-09');
    expect(Number(overdue.getRow(2).getCell(6).value)).toBeGreaterThan(0);
  });
});
