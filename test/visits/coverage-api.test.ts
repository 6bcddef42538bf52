import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { visitCoverage } from '../../server/visit-coverage/coverage.service.ts';
import type { SessionUser } from '../../server/http/app-env.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { buildCoverageCity, type CoverageCity } from './coverage-fixture.ts';

// Coverage figures of the hand-built city (coverage-fixture.ts) against a count made by hand, for
// November 2026, per township, village, team and unit; the period filters; the unvisited list as JSON and
// as Excel; what unit staff see.

type Triple = [total: number, visited: number, share: number | null];
const figures = (
  enterprises: Triple,
  villages: Triple,
  households: Triple,
  visits: number,
  [heard, solved, explained, transferred, hotline]: number[],
  [due, done, overdue]: number[],
) => ({
  enterprises: { total: enterprises[0], visited: enterprises[1], share: enterprises[2] },
  villages: { total: villages[0], visited: villages[1], share: villages[2] },
  households: { total: households[0], visited: households[1], share: households[2] },
  visits,
  problems: { heard, solved, explained, transferred, hotline },
  feedback: { due, done, overdue },
});
const figuresOf = (row: Record<string, unknown>) => {
  const { enterprises, villages, households, visits, problems, feedback } = row;
  return { enterprises, villages, households, visits, problems, feedback };
};

const NOVEMBER = 'from=2026-11-01&to=2026-11-30';

// By township (hand count in the fixture's table):
// T1: enterprises E1–E3, visited E1 (twice); villages V1, V2, visited V1; households 150, V1 60+70 capped
// at 100, V2 1 (count left empty) = 101; visits 1–5 and 12; P1 solved, P2 transferred (told), P3 hotline
// (due 11-24, overdue), P4 explained.
const T1 = figures([3, 1, 0.3333], [2, 1, 0.5], [150, 101, 0.6733], 6, [4, 1, 1, 1, 1], [2, 1, 1]);
// T2: enterprises E4–E6, visited E4 and E6; villages V3, V4 (V5 inactive), none visited as such in
// November (V3 on 12-05); households 110, V4 H1 (twice) + H2 = 2; visits 6–10; P5 hotline, P6 transferred,
// both overdue.
const T2 = figures([3, 2, 0.6667], [2, 0, 0], [110, 2, 0.0182], 5, [2, 0, 0, 1, 1], [2, 0, 2]);
const CITY = figures([6, 3, 0.5], [4, 1, 0.25], [260, 103, 0.3962], 11, [6, 1, 1, 2, 2], [4, 1, 3]);

describeEachDialect('visit coverage (走访覆盖)', (database) => {
  let city: CoverageCity;
  let user: (role: 'admin') => SessionUser;

  beforeAll(async () => {
    const { app } = createTestApp(database());
    city = await buildCoverageCity(app, database().db);
    user = (role) => ({
      id: 1,
      username: 'x',
      displayName: 'x',
      role,
      unitId: null,
      mustChangePassword: false,
      sessionId: 's',
    });
  });

  const get = async (path: string, who: keyof CoverageCity['callers'] = 'leader') => {
    const answer = await city.callers[who].get(path);
    expect(answer.status, await answer.clone().text()).toBe(200);
    return (await answer.json()) as {
      rows: Record<string, unknown>[];
      counties: Record<string, unknown>[];
      total: Record<string, unknown>;
    };
  };

  describe('the figures equal the hand count', () => {
    it('per township, with each county and the city', async () => {
      const body = await get(`/api/visit-coverage?by=township&${NOVEMBER}`);
      expect(body.rows.map((r) => [r.name, (r.county as { name: string }).name])).toEqual([
        ['桃源镇', '云山县'],
        ['柳溪镇', '青河县'],
      ]);
      expect(body.rows.map(figuresOf)).toEqual([T1, T2]);
      expect(body.counties.map((c) => [c.name, figuresOf(c)])).toEqual([
        ['云山县', T1],
        ['青河县', T2],
      ]);
      expect(figuresOf(body.total)).toEqual(CITY);
    });

    it('per village: visits of the village, its households and its enterprises', async () => {
      const body = await get(`/api/visit-coverage?by=village&${NOVEMBER}`);
      expect(body.rows.map((r) => [r.name, (r.township as { name: string }).name])).toEqual([
        ['桃源村', '桃源镇'],
        ['花溪社区', '桃源镇'],
        ['柳东村', '柳溪镇'],
        ['柳西村', '柳溪镇'],
      ]);
      expect(body.rows.map(figuresOf)).toEqual([
        figures([2, 1, 0.5], [1, 1, 1], [100, 100, 1], 5, [4, 1, 1, 1, 1], [2, 1, 1]),
        figures([0, 0, null], [1, 0, 0], [50, 1, 0.02], 1, [0, 0, 0, 0, 0], [0, 0, 0]),
        figures([1, 1, 1], [1, 0, 0], [80, 0, 0], 1, [1, 0, 0, 0, 1], [1, 0, 1]),
        figures([1, 0, 0], [1, 0, 0], [30, 2, 0.0667], 3, [0, 0, 0, 0, 0], [0, 0, 0]),
      ]);
      // The sum of the villages: E3 and E6 have no village.
      expect(figuresOf(body.total)).toEqual(
        figures([4, 2, 0.5], [4, 1, 0.25], [260, 103, 0.3962], 10, [5, 1, 1, 1, 2], [3, 1, 2]),
      );
    });

    it("per team: the targets of the team's areas reached by the team's own visits", async () => {
      const body = await get(`/api/visit-coverage?by=team&${NOVEMBER}`);
      expect(body.rows.map((r) => r.id)).toEqual(city.ids.teams);
      expect(body.rows.map(figuresOf)).toEqual([
        T1,
        // B covers V3 only: E4 visited; its household visits to V4 are outside its area.
        figures([1, 1, 1], [1, 0, 0], [80, 0, 0], 4, [1, 0, 0, 0, 1], [1, 0, 1]),
      ]);
      // Visit 10 had no team; the V4 households are in no team's area.
      expect(figuresOf(body.total)).toEqual(
        figures([4, 2, 0.5], [3, 1, 0.3333], [230, 101, 0.4391], 10, [5, 1, 1, 1, 2], [3, 1, 2]),
      );
    });

    it('per unit: the visits a member of the unit took part in, over the areas of its teams', async () => {
      const body = await get(`/api/visit-coverage?by=unit&${NOVEMBER}`);
      expect(body.rows.map((r) => [r.id, r.name])).toEqual([
        [city.ids.units[0], '市发改委'],
        [city.ids.units[1], '市民政局'],
      ]);
      expect(body.rows.map(figuresOf)).toEqual([
        // U1: m1 in visits 1, 2, 4, 10 and m3 (from U1 in team B) in 6, 7, 8; area T1 + V3.
        figures([4, 2, 0.5], [3, 0, 0], [230, 60, 0.2609], 7, [5, 1, 0, 2, 2], [4, 1, 3]),
        // U2: m2 in visits 2, 3, 5, 12 (m3's account is U2's, but she came to team B from U1); area T1.
        figures([3, 1, 0.3333], [2, 1, 0.5], [150, 71, 0.4733], 4, [3, 0, 1, 1, 1], [2, 1, 1]),
      ]);
      expect(figuresOf(body.total)).toEqual(
        figures([4, 2, 0.5], [3, 1, 0.3333], [230, 101, 0.4391], 10, [6, 1, 1, 2, 2], [4, 1, 3]),
      );
    });
  });

  describe('periods and the clock', () => {
    it('counts only the visits of the period; no period is all of them', async () => {
      const october = await get('/api/visit-coverage?by=township&from=2026-10-01&to=2026-10-31');
      expect(october.rows.map(figuresOf)).toEqual([
        figures([3, 1, 0.3333], [2, 0, 0], [150, 0, 0], 1, [1, 1, 0, 0, 0], [0, 0, 0]),
        figures([3, 0, 0], [2, 0, 0], [110, 0, 0], 0, [0, 0, 0, 0, 0], [0, 0, 0]),
      ]);
      const all = await get('/api/visit-coverage?by=township');
      // E2 (October) and V3 (December) join November's figures.
      expect(
        all.rows.map((r) => [
          (r.enterprises as { visited: number }).visited,
          (r.villages as { visited: number }).visited,
        ]),
      ).toEqual([
        [2, 1],
        [2, 1],
      ]);
      expect(all.total.visits).toBe(13);
      const from = await get('/api/visit-coverage?by=township&from=2026-11-13');
      expect(from.total.visits).toBe(3);
    });

    it('refuses a period that ends before it starts, and a malformed day', async () => {
      const backwards = await city.callers.admin.get('/api/visit-coverage?from=2026-11-30&to=2026-11-01');
      expect(backwards.status).toBe(400);
      expect(((await backwards.json()) as { error: { code: string } }).error.code).toBe('invalid_window');
      expect((await city.callers.admin.get('/api/visit-coverage?from=2026-13-01')).status).toBe(400);
      expect((await city.callers.admin.get('/api/visit-coverage?by=county')).status).toBe(400);
      expect((await city.callers.admin.get('/api/visit-coverage/unvisited?kind=household')).status).toBe(400);
    });

    it('counts feedback overdue only once the day is past its deadline', async () => {
      const period = { from: '2026-11-01', to: '2026-11-30' };
      const at = async (iso: string) =>
        (await visitCoverage(database().db, user('admin'), 'township', period, new Date(iso))).rows.map(
          (r) => r.feedback,
        );
      expect(await at('2026-11-22T02:00:00Z')).toEqual([
        { due: 2, done: 1, overdue: 0 },
        { due: 2, done: 0, overdue: 0 },
      ]);
      // 11-25 in China: P3 (due 11-24) is overdue, P6 (due 11-25) not yet.
      expect(await at('2026-11-24T18:00:00Z')).toEqual([
        { due: 2, done: 1, overdue: 1 },
        { due: 2, done: 0, overdue: 0 },
      ]);
      expect(await at('2026-12-01T02:00:00Z')).toEqual([
        { due: 2, done: 1, overdue: 1 },
        { due: 2, done: 0, overdue: 2 },
      ]);
    });
  });

  describe('the unvisited list', () => {
    it('lists the enterprises and villages nobody visited, by township', async () => {
      const all = await get(`/api/visit-coverage/unvisited?kind=enterprise&${NOVEMBER}`);
      expect(names(all)).toEqual(['企业2', '企业3', '企业5']);
      expect(all.rows[0]).toEqual({
        id: city.ids.enterprises[1],
        county: { id: city.ids.counties[0], name: '云山县' },
        township: { id: city.ids.townships[0], name: '桃源镇' },
        village: { id: city.ids.villages[0], name: '桃源村' },
        name: '企业2',
        creditCode: '91330000MA00000002',
        size: 'small',
        industry: '制造业',
        address: '地址2号',
        villageKind: null,
        households: null,
      });
      const t2 = await get(
        `/api/visit-coverage/unvisited?kind=enterprise&township=${city.ids.townships[1]}&${NOVEMBER}`,
      );
      expect(names(t2)).toEqual(['企业5']);
      const villages = await get(`/api/visit-coverage/unvisited?kind=village&${NOVEMBER}`);
      expect(villages.rows.map((r) => [r.name, r.villageKind, r.households])).toEqual([
        ['花溪社区', 'community', 50],
        ['柳东村', 'village', 80],
        ['柳西村', 'village', 30],
      ]);
      // With no period E2 (October) and V3 (December) were visited.
      expect(names(await get('/api/visit-coverage/unvisited?kind=enterprise'))).toEqual(['企业3', '企业5']);
      expect(names(await get('/api/visit-coverage/unvisited?kind=village'))).toEqual(['花溪社区', '柳西村']);
    });

    it('answers 404 for a township that is not one', async () => {
      const answer = await city.callers.admin.get(`/api/visit-coverage/unvisited?township=${city.ids.counties[0]}`);
      expect(answer.status).toBe(404);
    });

    it('exports the list as Excel with Chinese headers and an RFC 6266 file name', async () => {
      const answer = await city.callers.leader.get(
        `/api/visit-coverage/unvisited.xlsx?kind=enterprise&township=${city.ids.townships[0]}&${NOVEMBER}`,
      );
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toContain('spreadsheetml');
      const disposition = answer.headers.get('content-disposition')!;
      expect(disposition).toContain(
        `filename="unvisited-enterprises-${city.ids.townships[0]}-2026-11-01_2026-11-30.xlsx"`,
      );
      expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(
        '未走访企业名单-桃源镇-2026-11-01至2026-11-30.xlsx',
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await answer.arrayBuffer());
      const sheet = workbook.getWorksheet('未走访企业')!;
      const row = (n: number) => Array.from({ length: 9 }, (_, i) => sheet.getRow(n).getCell(i + 1).value ?? null);
      expect(row(1)).toEqual([
        '序号',
        '县（市、区）',
        '乡镇（街道）',
        '村（社区）',
        '企业名称',
        '统一社会信用代码',
        '规模',
        '行业',
        '地址',
      ]);
      expect(row(2)).toEqual([
        1,
        '云山县',
        '桃源镇',
        '桃源村',
        '企业2',
        '91330000MA00000002',
        '小型',
        '制造业',
        '地址2号',
      ]);
      expect(row(3)).toEqual([2, '云山县', '桃源镇', null, '企业3', '91330000MA00000003', '中型', null, '地址3号']);
      expect(String(sheet.getRow(5).getCell(2).value)).toContain('共2个');

      const villages = await city.callers.admin.get(`/api/visit-coverage/unvisited.xlsx?kind=village&${NOVEMBER}`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(await villages.arrayBuffer());
      const list = book.getWorksheet('未走访村（社区）')!;
      expect((list.getRow(1).values as unknown[]).slice(1)).toEqual([
        '序号',
        '县（市、区）',
        '乡镇（街道）',
        '村（社区）名称',
        '类型',
        '户数',
      ]);
      expect((list.getRow(2).values as unknown[]).slice(1)).toEqual([1, '云山县', '桃源镇', '花溪社区', '社区', 50]);
      expect(list.rowCount).toBe(6);
    });
  });

  describe('what unit staff see', () => {
    it("a team member: their teams' areas; by unit: their own unit", async () => {
      const township = await get(`/api/visit-coverage?by=township&${NOVEMBER}`, 'm1');
      expect(township.rows.map((r) => r.name)).toEqual(['桃源镇']);
      expect(figuresOf(township.total)).toEqual(T1);
      expect((await get(`/api/visit-coverage?by=village&${NOVEMBER}`, 'm1')).rows.map((r) => r.name)).toEqual([
        '桃源村',
        '花溪社区',
      ]);
      expect((await get(`/api/visit-coverage?by=team&${NOVEMBER}`, 'm1')).rows.map((r) => r.id)).toEqual([
        city.ids.teams[0],
      ]);
      expect((await get(`/api/visit-coverage?by=unit&${NOVEMBER}`, 'm1')).rows.map((r) => r.name)).toEqual([
        '市发改委',
      ]);
      expect(names(await get(`/api/visit-coverage/unvisited?${NOVEMBER}`, 'm1'))).toEqual(['企业2', '企业3']);

      // Team B covers one village: no township as a whole.
      expect((await get(`/api/visit-coverage?by=township&${NOVEMBER}`, 'm3')).rows).toEqual([]);
      expect((await get(`/api/visit-coverage?by=village&${NOVEMBER}`, 'm3')).rows.map((r) => r.name)).toEqual([
        '柳东村',
      ]);
      expect(names(await get(`/api/visit-coverage/unvisited?kind=village&${NOVEMBER}`, 'm3'))).toEqual(['柳东村']);
      expect(names(await get(`/api/visit-coverage/unvisited?kind=enterprise&${NOVEMBER}`, 'm3'))).toEqual([]);
    });

    it('staff in no team: only their unit, and no targets', async () => {
      const township = await get(`/api/visit-coverage?by=township&${NOVEMBER}`, 'outsider');
      expect(township.rows).toEqual([]);
      expect(figuresOf(township.total)).toEqual(
        figures([0, 0, null], [0, 0, null], [0, 0, null], 0, [0, 0, 0, 0, 0], [0, 0, 0]),
      );
      expect((await get(`/api/visit-coverage?by=unit&${NOVEMBER}`, 'outsider')).rows.map((r) => r.name)).toEqual([
        '市民政局',
      ]);
      expect((await get('/api/visit-coverage/unvisited', 'outsider')).rows).toEqual([]);
    });
  });

  function names(body: { rows: Record<string, unknown>[] }) {
    return body.rows.map((r) => r.name);
  }
});
