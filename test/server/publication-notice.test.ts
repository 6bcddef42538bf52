import JSZip from 'jszip';
import { beforeAll, expect, it } from 'vitest';
import { canonicalJson } from '../../formats/canonical-json.ts';
import { sha256Hex } from '../../server/crypto/hashing.ts';
import { DOCX_TYPE } from '../../server/publications/publication-docx.ts';
import { MARGINS, PAGE } from '../../server/publications/notice-layout.ts';
import { noticeDay } from '../../server/publications/publication-notice.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import {
  addTinyBallots,
  createTinyCampaign,
  postJson,
  signInAdminAndLeader,
  type TinyCampaign,
} from './results-factory.ts';

/** The notice (通报) of a publication: its official fields, its method paragraph and its Word export. */

const METADATA = ['version', 'versions', 'publishedAt', 'contentHash'];

const NOTICE = {
  issuer: '青溪市作风评议办公室',
  documentNumber: '青评议[2026]03号',
  addressee: '各区县、市直各单位',
  signature: '青溪市作风评议办公室',
};

/** A day counted from today in China, where notices are dated. */
function day(offset: number): string {
  const date = new Date(`${noticeDay(new Date())}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

/** The texts of a WordprocessingML part, run by run joined per paragraph. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
}

describeEachDialect('publication notice', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let cookies: { admin: string; leader: string };
  let campaign: TinyCampaign;

  const publish = (body: unknown) => postJson(app, `/api/campaigns/${campaign.id}/publish`, cookies.admin, body);
  const refusal = async (body: unknown) => {
    const response = await publish(body);
    return { status: response.status, error: (await response.json()).error };
  };

  beforeAll(async () => {
    app = createTestApp(database()).app;
    cookies = await signInAdminAndLeader(database().db, app);
    campaign = await createTinyCampaign(database().db);
    await addTinyBallots(database().db, campaign);
    await database()
      .db.updateTable('campaigns')
      .set({ status: 'closed', closed_at: new Date().toISOString() })
      .where('id', '=', campaign.id)
      .execute();
  });

  it('suggests the notice fields to the office only, with no invented 文号', async () => {
    const path = `/api/campaigns/${campaign.id}/notice`;
    expect((await app.request(path)).status).toBe(401);
    expect((await app.request(path, { headers: { cookie: cookies.leader } })).status).toBe(403);
    expect((await app.request('/api/campaigns/987654/notice', { headers: { cookie: cookies.admin } })).status).toBe(
      404,
    );
    const response = await app.request(path, { headers: { cookie: cookies.admin } });
    expect(response.status).toBe(200);
    const suggested = await response.json();
    expect(suggested).toMatchObject({
      issuer: expect.stringMatching(/作风评议办公室$/),
      documentNumber: null,
      title: `关于小型评议${campaign.slug.split('-')[1]}结果的通报`,
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(suggested.signature).toBe(suggested.issuer);
  });

  it('refuses bad notice fields with 4xx and a stable code per field, publishing nothing', async () => {
    const bad = await refusal({
      notice: {
        issuer: '  ',
        documentNumber: '青评议2026-3',
        title: '关'.repeat(121),
        signature: '青溪市\n作风评议办公室',
        date: '2026-02-30',
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.error.code).toBe('invalid_notice');
    expect(bad.error.problems.map((p: { path: string[]; code: string }) => [p.path.join('.'), p.code])).toEqual([
      ['notice.issuer', 'required'],
      ['notice.title', 'too_long'],
      ['notice.signature', 'line_break'],
      ['notice.documentNumber', 'document_number_format'],
      ['notice.date', 'date_format'],
    ]);
    for (const date of ['2000-01-01', day(60)]) {
      const out = await refusal({ notice: { date } });
      expect([out.status, out.error.code, out.error.problems[0].code]).toEqual([
        422,
        'invalid_notice',
        'date_out_of_range',
      ]);
    }
    // Not a string, or a field nobody knows: the schema's own 400.
    for (const notice of [{ issuer: 5 }, { seal: '公章' }]) {
      const wrong = await refusal({ notice });
      expect([wrong.status, wrong.error.code]).toEqual([400, 'invalid_request']);
    }
    expect((await app.request(`/api/publications/${campaign.slug}`)).status).toBe(404);
  });

  it('freezes the notice and a plain-words method into the hashed version', async () => {
    const date = day(0);
    const response = await publish({ notice: { ...NOTICE, date } });
    expect(response.status).toBe(201);
    const created = await response.json();
    const publication = await (await app.request(`/api/publications/${campaign.slug}`)).json();
    expect(publication.format).toBe('pingyi-publication/3');
    expect(publication.notice).toEqual({
      ...NOTICE,
      // Typed with the keyboard's brackets and a leading zero, filed as GB/T 9704 writes it.
      documentNumber: '青评议〔2026〕3号',
      title: `关于小型评议${campaign.slug.split('-')[1]}结果的通报`,
      date,
    });
    const content = Object.fromEntries(Object.entries(publication).filter(([key]) => !METADATA.includes(key)));
    expect(sha256Hex(canonicalJson(content))).toBe(created.contentHash);

    const zh = publication.method.zh;
    expect(zh.intro).toContain('青溪市作风评议办公室组织开展了');
    expect(zh.intro).toMatch(/共收到评价票\d+张，其中计分票\d+张（上级领导评2张、服务对象评\d+张）/);
    const method = zh.method.join('');
    expect(method).toContain('上级领导、服务对象两类评议主体参加');
    expect(method).toContain('上级领导评占40%、服务对象评占60%加权计算');
    expect(method).toContain('少于规定人数（上级领导评2人、服务对象评3人）时，不公布该项得分');
    expect(method).toContain('85分及以上为“满意”，75分（含）至85分为“比较满意”');
    expect(method).toContain('只评不排');
    expect(method).not.toMatch(/n\s*=/);
    expect(zh.rankRange.note).toMatch(/^名次区间：/);
    const en = publication.method.en;
    expect(en.method.join(' ')).toContain('superior leaders 40% and service recipients 60%');
    expect(en.method.join(' ')).toContain('(2 superior leaders and 3 service recipients)');
    expect(en.rankRange.note).toMatch(/^Rank range: /);

    // Publishing again without naming the notice keeps it: nothing changed, same document, same hash.
    const again = await (await publish({})).json();
    expect(again).toMatchObject({ version: 2, contentHash: created.contentHash });
    // And the next campaign's suggestion continues the office's 文号 series.
    const next = await createTinyCampaign(database().db, 'closed');
    const suggested = await (
      await app.request(`/api/campaigns/${next.id}/notice`, { headers: { cookie: cookies.admin } })
    ).json();
    expect(suggested).toMatchObject({
      issuer: NOTICE.issuer,
      addressee: NOTICE.addressee,
      documentNumber: `青评议〔${suggested.date.slice(0, 4)}〕${suggested.date.startsWith('2026') ? 4 : 1}号`,
    });
  });

  it('exports the notice as a Word document in the GB/T 9704 layout', async () => {
    const response = await app.request(`/api/publications/${campaign.slug}/versions/1/export.docx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(DOCX_TYPE);
    expect(response.headers.get('content-disposition')).toContain(`${campaign.slug}-v1.docx`);
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const xml = await zip.file('word/document.xml')!.async('string');
    const texts = paragraphs(xml);

    // A4 and the margins of the text block, in twips: 37 / 35 / 28 / 26 mm.
    expect(PAGE).toEqual({ width: 11906, height: 16838 });
    expect(MARGINS).toEqual({ top: 2098, bottom: 1984, left: 1587, right: 1474 });
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // The red head, the 文号 under it, the title, the addressee.
    expect(xml).toMatch(/<w:color w:val="FF0000"\/>.*?<w:t xml:space="preserve">青溪市作风评议办公室<\/w:t>/s);
    expect(xml).toContain('方正小标宋简体');
    expect(texts.slice(0, 4)).toEqual([
      '青溪市作风评议办公室',
      '青评议〔2026〕3号',
      `关于小型评议${campaign.slug.split('-')[1]}结果的通报`,
      '各区县、市直各单位：',
    ]);
    // The method in words, every unit, the figures of groups above their minimum.
    expect(texts).toContain('一、评议方法');
    expect(texts.join('')).toContain('上级领导评占40%、服务对象评占60%加权计算');
    for (const unit of ['单位U1', '单位U2', '单位U3', '单位U4']) expect(texts).toContain(unit);

    // Every row of every table stays on one page, and each table's header repeats on the next.
    const rows = [...xml.matchAll(/<w:tr>.*?<\/w:tr>/gs)].map((m) => m[0]);
    expect(rows).toHaveLength(2 + 4);
    for (const row of rows) expect(row).toContain('<w:cantSplit/>');
    expect(rows.filter((row) => row.includes('<w:tblHeader/>'))).toHaveLength(2);

    // U3's recipients (2 ballots, minimum 3): the words, never the score (mean 15) nor the count.
    // Cells: rank, unit, composite, grade, superiors' score and raters, recipients' two lines, rank range.
    const u3 = paragraphs(rows.find((row) => row.includes('单位U3'))!);
    expect(u3.slice(4, 8)).toEqual(['50.00', '2人', '不足3人', '不公布']);
    expect(u3.join('|')).not.toContain('15.00');
    // U1's, hand-counted in results.test.ts: composite 88.8, superiors 90 by 2, recipients 88 by 3.
    expect(paragraphs(rows.find((row) => row.includes('单位U1'))!)).toEqual([
      '1',
      '单位U1',
      '88.80',
      '满意',
      '90.00',
      '2人',
      '88.00',
      '3人',
      expect.any(String),
    ]);

    // Signature two characters in from the right, the date under it as 2026年12月1日 (no leading zeros).
    const [year, month, date] = (await (await app.request(`/api/publications/${campaign.slug}`)).json()).notice.date
      .split('-')
      .map(Number);
    // The appendix (附件: how each composite was computed) follows the signature on a page of its own.
    const appendix = texts.indexOf('附件');
    expect(appendix).toBeGreaterThan(0);
    expect(texts.slice(appendix - 2, appendix)).toEqual(['青溪市作风评议办公室', `${year}年${month}月${date}日`]);
    expect(texts[appendix + 1]).toBe('各单位综合得分计算过程');
    expect(texts.slice(appendix).join('')).toMatch(/综合得分 = Σ 权重 × 得分 = .* = 88\.8000，保留2位小数为 88\.80。/);
    // The rank range explained in a footnote, page numbers "— n —" on the outside of odd and even pages.
    expect(await zip.file('word/footnotes.xml')!.async('string')).toContain('名次区间：');
    expect(await zip.file('word/settings.xml')!.async('string')).toContain('<w:evenAndOddHeaders/>');
    const footers = await Promise.all(
      Object.keys(zip.files)
        .filter((name) => /^word\/footer\d+\.xml$/.test(name))
        .map((name) => zip.file(name)!.async('string')),
    );
    expect(footers).toHaveLength(2);
    for (const footer of footers) expect(footer).toMatch(/— .*PAGE.* —/s);
    expect(footers.map((f) => /<w:jc w:val="(\w+)"/.exec(f)![1]).sort()).toEqual(['left', 'right']);
    // Each font names the one Word falls back to.
    expect(await zip.file('word/fontTable.xml')!.async('string')).toContain(
      '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>',
    );

    expect((await app.request(`/api/publications/${campaign.slug}/versions/9/export.docx`)).status).toBe(404);
  });

  it('still reads and exports a version published before notices existed', async () => {
    const current = await (await app.request(`/api/publications/${campaign.slug}/versions/1`)).json();
    const legacyCampaign = await createTinyCampaign(database().db, 'published');
    const legacy = Object.fromEntries(
      Object.entries(current).filter(([key]) => !METADATA.includes(key) && key !== 'notice' && key !== 'method'),
    );
    legacy['format'] = 'pingyi-publication/1';
    legacy['campaign'] = { ...(legacy['campaign'] as object), slug: legacyCampaign.slug };
    const content = canonicalJson(legacy);
    await database()
      .db.insertInto('publications')
      .values({
        campaign_id: legacyCampaign.id,
        version: 1,
        published_at: '2026-11-30T02:00:00.000Z',
        published_by: null,
        content_hash: sha256Hex(content),
        content,
      })
      .execute();
    const read = await (await app.request(`/api/publications/${legacyCampaign.slug}`)).json();
    expect(read.notice).toBeUndefined();
    expect(read.contentHash).toBe(sha256Hex(content));
    const response = await app.request(`/api/publications/${legacyCampaign.slug}/versions/1/export.docx`);
    expect(response.status).toBe(200);
    const zip = await JSZip.loadAsync(await response.arrayBuffer());
    const texts = paragraphs(await zip.file('word/document.xml')!.async('string'));
    expect(texts[0]).toBe(`关于${current.campaign.name}结果的通报`);
    expect(texts.at(texts.includes('附件') ? texts.indexOf('附件') - 1 : -1)).toBe('2026年11月30日');
    expect(texts).toContain('单位U1');
  });
});
