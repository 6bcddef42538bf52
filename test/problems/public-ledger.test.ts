import { beforeAll, describe, expect, it } from 'vitest';
import { createProblem, moveProblem, type Actor, type Move } from '../../server/problems/problem-writes.ts';
import type { Db } from '../../server/db/database.ts';
import { mondayOf, weekInstants, weekOfInstant } from '../../server/ledger/ledger-weeks.ts';
import { addDays } from '../../server/problems/working-days.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';

// The public ledger and 整改周周见 (decision 017, "Visibility"): the public sees only public, filed problems
// and their public entries, never a draft, a return, an internal problem or note, a person's account, a
// raiser or a contact; weeks are China weeks; the Atom feed is well-formed and lists the weeks.

const SECRET = '秘密'; // in every title and note the public must never see
const STAFF_NAME = '王科员';
const OFFICE_NAME = '李主任';
const PHONE = '13912345678';
const EVIDENCE_NAME = '张三身份证.png';
const TRICKY_TITLE = 'A&B <b>粗</b> "引号"';

const at = (iso: string) => new Date(iso);
// Week 1 is Monday 22 – Sunday 28 September 2025 (China); week 2 starts Monday 29 September.
const WEEK1 = '2025-09-22';
const WEEK2 = '2025-09-29';

describe('China weeks', () => {
  it('runs Monday to Sunday in China time: Sunday 23:30 China (15:30 UTC) is still that week', () => {
    expect(mondayOf('2025-09-28')).toBe(WEEK1);
    expect(mondayOf('2025-09-29')).toBe(WEEK2);
    expect(weekOfInstant('2025-09-28T15:30:00.000Z')).toBe(WEEK1);
    expect(weekOfInstant('2025-09-28T16:00:00.000Z')).toBe(WEEK2);
    expect(weekInstants(WEEK2)).toEqual({ from: '2025-09-28T16:00:00.000Z', to: '2025-10-05T16:00:00.000Z' });
  });
});

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/**
 * A strict parser for the XML the feed writes (no DTD, comments, CDATA or processing instructions after the
 * declaration): every tag closed in order, attributes quoted and unique, every `&` a known entity, no
 * character XML 1.0 forbids. It throws on anything else.
 */
function parseXml(xml: string): XmlNode {
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)) throw new Error('XML: forbidden character');
  const prolog = /^<\?xml version="1\.0" encoding="utf-8"\?>\s*/.exec(xml);
  if (!prolog) throw new Error('XML: no declaration');
  let i = prolog[0].length;
  const decode = (text: string) => {
    const bare = text.replace(/&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, '');
    if (bare.includes('&')) throw new Error(`XML: bare & in ${JSON.stringify(text.slice(0, 40))}`);
    if (bare.includes(']]>')) throw new Error('XML: ]]> in text');
    return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, name: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (named[name]) return named[name];
      return String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    });
  };
  const element = (): XmlNode => {
    const start = /^<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(
      xml.slice(i),
    );
    if (!start) throw new Error(`XML: bad start tag at ${i}: ${xml.slice(i, i + 40)}`);
    i += start[0].length;
    const node: XmlNode = { name: start[1]!, attrs: {}, children: [], text: '' };
    for (const attr of start[2]!.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (attr[1]! in node.attrs) throw new Error(`XML: attribute ${attr[1]} twice`);
      node.attrs[attr[1]!] = decode(attr[2] ?? attr[3] ?? '');
    }
    if (start[3]) return node;
    for (;;) {
      if (i >= xml.length) throw new Error(`XML: <${node.name}> not closed`);
      if (xml.startsWith('</', i)) {
        const end = /^<\/([A-Za-z_][\w.:-]*)\s*>/.exec(xml.slice(i));
        if (!end || end[1] !== node.name) throw new Error(`XML: </${end?.[1]}> closes <${node.name}>`);
        i += end[0].length;
        return node;
      }
      if (xml[i] === '<') {
        node.children.push(element());
        continue;
      }
      const next = xml.indexOf('<', i);
      const raw = xml.slice(i, next === -1 ? xml.length : next);
      node.text += decode(raw);
      i += raw.length;
    }
  };
  const root = element();
  if (xml.slice(i).trim() !== '') throw new Error('XML: content after the root element');
  return root;
}

const child = (node: XmlNode, name: string) => node.children.find((c) => c.name === name);
const childrenNamed = (node: XmlNode, name: string) => node.children.filter((c) => c.name === name);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('the strict XML check itself', () => {
  it('refuses what is not well-formed', () => {
    const head = '<?xml version="1.0" encoding="utf-8"?>';
    expect(parseXml(`${head}<a x="1"><b>t &amp; &#x4e2d;</b><c/></a>`).children[0]!.text).toBe('t & 中');
    for (const bad of ['<a><b></a></b>', '<a>x & y</a>', '<a x=1></a>', '<a x="1" x="2"></a>', '<a></a><b></b>']) {
      expect(() => parseXml(head + bad)).toThrow(/XML/);
    }
  });
});

describeEachDialect('public ledger and 整改周周见', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let db: Db;
  const ids = { unitA: 0, unitB: 0, unitEmpty: 0, p1: 0, p2: 0, p3: 0, pb: 0 };
  let office: Actor;
  let staff: Actor;
  const raiser: Actor = { kind: 'raiser', userId: null };

  const getJson = async (path: string, status = 200) => {
    const response = await app.request(path);
    expect([path, response.status]).toEqual([path, status]);
    return { body: (await response.json()) as Record<string, unknown>, response };
  };

  const move = (id: number, when: string, actor: Actor, m: Move) => moveProblem(db, id, m, actor, at(when));
  const evidenceRow = (id: string, problemId: number, eventId: number, fileName: string) => ({
    id,
    problem_id: problemId,
    event_id: eventId,
    media_type: 'image/png',
    bytes: 68,
    sha256: id.padEnd(64, '0'),
    storage_key: `${id}.png`,
    file_name: fileName,
    uploaded_by: null,
    uploaded_at: '2025-09-25T02:00:00.000Z',
  });

  beforeAll(async () => {
    ({ db } = database());
    app = createTestApp(database()).app;
    const created = '2025-09-01T00:00:00.000Z';
    const category = (code: string, sortOrder: number) =>
      db
        .insertInto('categories')
        .values({ code, name: `类别${code}`, name_en: `Category ${code}`, ranked: 1, sort_order: sortOrder })
        .returning('id')
        .executeTakeFirstOrThrow();
    const second = await category('S', 2);
    const first = await category('F', 1);
    const unit = (code: string, categoryId: number | null, sortOrder: number) =>
      db
        .insertInto('units')
        .values({
          code,
          name: `${code}局`,
          name_en: `${code} Bureau`,
          parent_id: null,
          level: 'department',
          category_id: categoryId,
          sort_order: sortOrder,
          active: 1,
          created_at: created,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    // A sorts before B among units, but B's category comes first: the ledger lists B, then A.
    ids.unitA = (await unit('A', second.id, 1)).id;
    ids.unitB = (await unit('B', first.id, 2)).id;
    ids.unitEmpty = (await unit('E', first.id, 3)).id;
    const user = (username: string, displayName: string, role: 'admin' | 'unit_staff', unitId: number | null) =>
      db
        .insertInto('users')
        .values({
          username,
          display_name: displayName,
          role,
          unit_id: unitId,
          password_hash: 'not-a-hash',
          must_change_password: 0,
          disabled: 0,
          created_at: created,
          password_expires_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    office = { kind: 'office', userId: (await user('office-li', OFFICE_NAME, 'admin', null)).id };
    staff = { kind: 'unit', userId: (await user('staff-wang', STAFF_NAME, 'unit_staff', ids.unitA)).id };
    const type = await db
      .insertInto('problem_types')
      .values({ name: '形式主义', name_en: 'Formalism', sort_order: 1, active: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();

    const ready = { measures: '整改措施', owner: '赵责任人', leader: '钱领导', deadline: '2025-10-10' };
    const draftOf = async (unitId: number, title: string, when: string, fields = {}) =>
      (
        await createProblem(
          db,
          { unit_id: unitId, title, detail: `${title}的详情`, source: 'self', ...fields },
          staff,
          at(when),
        )
      ).id;
    // Never to be seen: a draft, a submitted, a returned and an internal (filed) problem of unit A.
    await draftOf(ids.unitA, `DRAFT-${SECRET}`, '2025-09-22T01:00:00Z');
    const submitted = await draftOf(ids.unitA, `SUBMITTED-${SECRET}`, '2025-09-22T01:00:00Z', ready);
    await move(submitted, '2025-09-22T02:00:00Z', staff, { action: 'submit' });
    const returned = await draftOf(ids.unitA, `RETURNED-${SECRET}`, '2025-09-22T01:00:00Z', ready);
    await move(returned, '2025-09-22T02:00:00Z', staff, { action: 'submit' });
    await move(returned, '2025-09-22T03:00:00Z', office, { action: 'return', note: `退回理由${SECRET}` });
    const internal = await draftOf(ids.unitA, `INTERNAL-${SECRET}`, '2025-09-22T01:00:00Z', {
      ...ready,
      visibility: 'internal',
    });
    await move(internal, '2025-09-22T02:00:00Z', staff, { action: 'submit' });
    await move(internal, '2025-09-22T03:00:00Z', office, { action: 'file' });
    await move(internal, '2025-09-23T03:00:00Z', staff, { action: 'progress', note: `内部进展${SECRET}` });

    // P1: the whole journey, with an internal note and internal evidence beside the public ones.
    ids.p1 = await draftOf(ids.unitA, '窗口排队时间长', '2025-09-22T01:00:00Z', { ...ready, type_id: type.id });
    await move(ids.p1, '2025-09-22T01:30:00Z', staff, { action: 'submit' });
    await move(ids.p1, '2025-09-22T02:00:00Z', office, { action: 'file' });
    await move(ids.p1, '2025-09-23T02:00:00Z', staff, { action: 'start' });
    await move(ids.p1, '2025-09-24T02:00:00Z', staff, { action: 'progress', note: '已增开两个窗口' });
    await move(ids.p1, '2025-09-24T03:00:00Z', staff, {
      action: 'progress',
      note: `内部备注${SECRET}`,
      public: false,
    });
    await move(ids.p1, '2025-09-25T02:00:00Z', staff, {
      action: 'evidence',
      within: async (trx, problem, eventId) => {
        await trx
          .insertInto('problem_evidence')
          .values(evidenceRow('evpublic', problem.id, eventId, EVIDENCE_NAME))
          .execute();
      },
    });
    await move(ids.p1, '2025-09-25T03:00:00Z', staff, {
      action: 'evidence',
      public: false,
      within: async (trx, problem, eventId) => {
        await trx
          .insertInto('problem_evidence')
          .values(evidenceRow('evinternal', problem.id, eventId, 'x.png'))
          .execute();
      },
    });
    // Sunday 28 September, 23:30 in China: still week 1.
    await move(ids.p1, '2025-09-28T15:30:00Z', staff, { action: 'claim', note: '窗口已全部开放' });
    // Monday 29 September, 00:30 in China: week 2.
    await move(ids.p1, '2025-09-28T16:30:00Z', office, { action: 'close' });

    // P2: filed straight away by the office (督查), extended, still open past its deadline: overdue.
    ids.p2 = (
      await createProblem(
        db,
        { unit_id: ids.unitA, title: TRICKY_TITLE, detail: '督查发现', source: 'inspection', deadline: '2025-09-26' },
        office,
        at('2025-09-23T02:00:00Z'),
        'filed',
      )
    ).id;
    await move(ids.p2, '2025-09-26T02:00:00Z', office, {
      action: 'extend',
      note: '涉及多部门协调',
      set: { deadline: '2025-09-30' },
    });

    // P3: explained (不予受理).
    ids.p3 = await draftOf(ids.unitA, '要求减免全部费用', '2025-09-22T01:00:00Z', ready);
    await move(ids.p3, '2025-09-22T01:30:00Z', staff, { action: 'submit' });
    await move(ids.p3, '2025-09-24T02:00:00Z', office, { action: 'file' });
    await move(ids.p3, '2025-09-25T02:00:00Z', office, {
      action: 'explain',
      note: '不符合收费政策',
      set: { explanation: '不符合收费政策' },
    });

    // B's problem: claimed, reopened by its raiser (不满意), claimed again and closed after its deadline.
    ids.pb = (
      await createProblem(
        db,
        {
          unit_id: ids.unitB,
          title: '办事指南不清楚',
          detail: '…',
          source: 'rating',
          ...ready,
          deadline: '2025-09-25',
        },
        office,
        at('2025-09-22T01:00:00Z'),
        'submitted',
      )
    ).id;
    await db
      .insertInto('problem_followups')
      .values({
        id: 'fu1',
        code_hash: 'h'.repeat(64),
        report_id: null,
        problem_id: ids.pb,
        phone: PHONE,
        anonymous: 1,
        created_on: '2025-09-22',
      })
      .execute();
    await move(ids.pb, '2025-09-25T02:00:00Z', office, { action: 'file' });
    await move(ids.pb, '2025-09-26T02:00:00Z', office, { action: 'claim', note: '已重新印制' });
    await move(ids.pb, '2025-09-27T02:00:00Z', raiser, { action: 'reopen', note: '仍然看不懂' });
    await move(ids.pb, '2025-09-30T02:00:00Z', office, { action: 'claim', note: '已改写并配图' });
    await move(ids.pb, '2025-10-01T02:00:00Z', office, { action: 'close' });
  });

  const everyPublicAnswer = async () => {
    const paths = [
      '/api/public/ledger',
      `/api/public/ledger/units/${ids.unitA}`,
      `/api/public/ledger/units/${ids.unitB}`,
      '/api/public/weekly',
      `/api/public/weekly/${WEEK1}`,
      `/api/public/weekly/${WEEK2}`,
      '/api/public/weekly.atom',
    ];
    return Promise.all(paths.map(async (path) => (await app.request(path)).text()));
  };

  it('never shows drafts, submitted, returned or internal problems, internal notes, accounts, raisers or contacts', async () => {
    for (const text of await everyPublicAnswer()) {
      for (const hidden of [
        SECRET,
        STAFF_NAME,
        OFFICE_NAME,
        'office-li',
        'staff-wang',
        PHONE,
        EVIDENCE_NAME,
        'evinternal',
      ]) {
        expect(text).not.toContain(hidden);
      }
    }
  });

  it('lists the units with public problems in category and tree order, with their figures, cached briefly', async () => {
    const { body, response } = await getJson('/api/public/ledger');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const units = body.units as Array<{ unitId: number; name: string; figures: Record<string, number> }>;
    expect(units.map((u) => u.unitId)).toEqual([ids.unitB, ids.unitA]);
    expect(units[1]!.figures).toEqual({
      listed: 3,
      inProgress: 1,
      closed: 1,
      closedOnTime: 1,
      overdue: 1,
      explained: 1,
    });
    expect(units[0]!.figures).toEqual({
      listed: 1,
      inProgress: 0,
      closed: 1,
      closedOnTime: 0,
      overdue: 0,
      explained: 0,
    });
    expect(body.totals).toEqual({ listed: 4, inProgress: 1, closed: 2, closedOnTime: 1, overdue: 1, explained: 1 });
    expect((body.categories as Array<{ name: string }>).map((c) => c.name)).toEqual(['类别F', '类别S']);
  });

  it("shows a unit's filed public problems with their public history, actors as the unit or the office, and public evidence", async () => {
    const { body } = await getJson(`/api/public/ledger/units/${ids.unitA}`);
    type Entry = {
      action: string;
      actor: string;
      day: string;
      note: string | null;
      evidence: unknown[];
      deadline: unknown;
    };
    const problems = body.problems as Array<Record<string, unknown> & { history: Entry[] }>;
    expect(problems.map((p) => p.id)).toEqual([ids.p1, ids.p2, ids.p3]);
    const [p1, p2, p3] = problems;
    expect(p1).toMatchObject({
      title: '窗口排队时间长',
      source: 'self',
      type: { name: '形式主义', nameEn: 'Formalism' },
      measures: '整改措施',
      leader: '钱领导',
      owner: '赵责任人',
      deadline: '2025-10-10',
      state: 'closed',
      overdue: false,
      filedOn: '2025-09-22',
      closedOn: '2025-09-29',
    });
    expect(p1!.history.map((e) => [e.action, e.actor, e.day])).toEqual([
      ['file', 'office', '2025-09-22'],
      ['start', 'unit', '2025-09-23'],
      ['progress', 'unit', '2025-09-24'],
      ['evidence', 'unit', '2025-09-25'],
      ['claim', 'unit', '2025-09-28'],
      ['close', 'office', '2025-09-29'],
    ]);
    expect(p1!.history[3]!.evidence).toEqual([{ id: 'evpublic', url: '/api/evidence/evpublic', kind: 'photo' }]);
    expect(p2).toMatchObject({
      title: TRICKY_TITLE,
      source: 'inspection',
      state: 'filed',
      overdue: true,
      deadline: '2025-09-30',
    });
    expect(p2!.history.map((e) => [e.action, e.deadline])).toEqual([
      ['file', null],
      ['extend', { from: '2025-09-26', to: '2025-09-30' }],
    ]);
    expect(p3).toMatchObject({ state: 'explained', explanation: '不符合收费政策', closedOn: null });

    const b = (await getJson(`/api/public/ledger/units/${ids.unitB}`)).body;
    const history = (b.problems as Array<{ history: Entry[] }>)[0]!.history;
    expect(history.map((e) => [e.action, e.actor])).toEqual([
      ['file', 'office'],
      ['claim', 'office'],
      ['reopen', 'raiser'],
      ['claim', 'office'],
      ['close', 'office'],
    ]);
    const empty = (await getJson(`/api/public/ledger/units/${ids.unitEmpty}`)).body;
    expect(empty.problems).toEqual([]);
  });

  it('answers an unknown unit with 404 and a malformed id with 400', async () => {
    expect(((await getJson('/api/public/ledger/units/987654', 404)).body.error as { code: string }).code).toBe(
      'not_found',
    );
    expect(((await getJson('/api/public/ledger/units/abc', 400)).body.error as { code: string }).code).toBe(
      'invalid_request',
    );
  });

  it('groups the digest by China week: a claim at Sunday 23:30 China time is that week, a close at Monday 00:30 the next', async () => {
    type Digest = {
      week: string;
      weekEnd: string;
      complete: boolean;
      previous: string | null;
      next: string | null;
      figures: Record<string, number>;
      units: Array<{
        unitId: number;
        entries: Array<{ problemId: number; action: string; day: string; title: string }>;
      }>;
    };
    const week1 = (await getJson(`/api/public/weekly/${WEEK1}`)).body as unknown as Digest;
    expect(week1).toMatchObject({ week: WEEK1, weekEnd: '2025-09-28', complete: true, previous: null, next: WEEK2 });
    expect(week1.figures).toEqual({
      filed: 4,
      progressed: 3,
      claimed: 2,
      closed: 0,
      reopened: 1,
      explained: 1,
      extended: 1,
      units: 2,
    });
    expect(week1.units.map((u) => u.unitId)).toEqual([ids.unitB, ids.unitA]);
    const p1Week1 = week1.units[1]!.entries.filter((e) => e.problemId === ids.p1);
    expect(p1Week1.map((e) => [e.action, e.day])).toEqual([
      ['file', '2025-09-22'],
      ['start', '2025-09-23'],
      ['progress', '2025-09-24'],
      ['evidence', '2025-09-25'],
      ['claim', '2025-09-28'],
    ]);

    const week2 = (await getJson(`/api/public/weekly/${WEEK2}`)).body as unknown as Digest;
    expect(week2).toMatchObject({ previous: WEEK1, complete: true });
    expect(week2.figures).toMatchObject({ filed: 0, claimed: 1, closed: 2, units: 2 });
    expect(week2.units[1]!.entries.map((e) => [e.problemId, e.action, e.day])).toEqual([
      [ids.p1, 'close', '2025-09-29'],
    ]);

    // A week before anything happened is an empty digest, not an error.
    const before = (await getJson('/api/public/weekly/2025-09-15')).body as unknown as Digest;
    expect(before).toMatchObject({ units: [], previous: null, next: WEEK1 });
  });

  it('lists the weeks with public changes, newest first', async () => {
    const { body } = await getJson('/api/public/weekly');
    expect((body.weeks as Array<{ week: string; changes: number }>).map((w) => [w.week, w.changes])).toEqual([
      [WEEK2, 3],
      [WEEK1, 12],
    ]);
  });

  it('refuses a malformed week with 400 and a week not begun with 422 week_in_future', async () => {
    for (const week of ['2025-9-22', '2025-13-01', '2025-09-23', 'latest', '2025-02-31']) {
      const { body } = await getJson(`/api/public/weekly/${week}`, 400);
      expect((body.error as { code: string }).code).toBe('invalid_request');
    }
    const future = mondayOf(addDays(new Date().toISOString().slice(0, 10), 400));
    const { body } = await getJson(`/api/public/weekly/${future}`, 422);
    expect((body.error as { code: string }).code).toBe('week_in_future');
  });

  it('serves an Atom feed that parses, with one entry per week, stable ids, correct updated and escaped html', async () => {
    const response = await app.request('/api/public/weekly.atom');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const feed = parseXml(await response.text());
    expect(feed.name).toBe('feed');
    expect(feed.attrs['xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const name of ['id', 'title', 'updated', 'author']) expect(child(feed, name), name).toBeDefined();
    expect(child(feed, 'updated')!.text).toBe('2025-10-01T02:00:00.000Z');
    expect(childrenNamed(feed, 'link').map((l) => [l.attrs['rel'], l.attrs['href']])).toEqual([
      ['self', '/api/public/weekly.atom'],
      ['alternate', '/weekly'],
    ]);
    const entries = childrenNamed(feed, 'entry');
    expect(entries.map((e) => child(e, 'link')!.attrs['href'])).toEqual([`/weekly/${WEEK2}`, `/weekly/${WEEK1}`]);
    expect(entries.map((e) => child(e, 'updated')!.text)).toEqual([
      '2025-10-01T02:00:00.000Z',
      '2025-09-28T15:30:00.000Z',
    ]);
    const entryIds = entries.map((e) => child(e, 'id')!.text);
    expect(entryIds).toEqual([
      `tag:localhost,2026:pingyi/weekly/${WEEK2}`,
      `tag:localhost,2026:pingyi/weekly/${WEEK1}`,
    ]);
    expect(child(feed, 'id')!.text).not.toBe(entryIds[0]);
    for (const entry of entries) {
      expect(child(entry, 'updated')!.text).toMatch(RFC3339);
      expect(child(entry, 'title')!.text).toMatch(/^整改周周见/);
      expect(child(entry, 'content')!.attrs['type']).toBe('html');
    }
    // The content is HTML, escaped once for XML: the title's markup stays text inside that HTML.
    const html = child(entries[1]!, 'content')!.text;
    expect(html).toContain('A&amp;B &lt;b&gt;粗&lt;/b&gt; &quot;引号&quot;');
    expect(html).not.toContain('<b>粗');
    expect(html).toContain('<a href="/api/evidence/evpublic">照片1</a>');
  });

  it('writes absolute links and a tag id of PUBLIC_URL when it is set', async () => {
    const { loadConfig } = await import('../../server/config.ts');
    const config = loadConfig({ DATABASE_URL: database().url, PUBLIC_URL: 'https://pingyi.example.gov.cn/' });
    const withUrl = createTestApp(database(), { config }).app;
    const feed = parseXml(await (await withUrl.request('/api/public/weekly.atom')).text());
    expect(child(feed, 'id')!.text).toBe('tag:pingyi.example.gov.cn,2026:pingyi/weekly');
    expect(child(childrenNamed(feed, 'entry')[0]!, 'link')!.attrs['href']).toBe(
      `https://pingyi.example.gov.cn/weekly/${WEEK2}`,
    );
  });
});
