import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { canonicalJson } from '../../formats/canonical-json.ts';
import { sha256Hex } from '../../server/crypto/hashing.ts';
import { XLSX_TYPE } from '../../server/sheets/xlsx-write.ts';
import { createTestApp } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import {
  addTinyBallots,
  createTinyCampaign,
  excludeBallot,
  postJson,
  signInAdminAndLeader,
  type TinyCampaign,
} from './results-factory.ts';

const METADATA = ['version', 'versions', 'publishedAt', 'contentHash'];

/** The published content: everything but the four metadata fields, which the hash does not cover. */
function contentOf(publication: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(publication).filter(([key]) => !METADATA.includes(key)));
}

describeEachDialect('publication', (database) => {
  let app: ReturnType<typeof createTestApp>['app'];
  let cookies: { admin: string; leader: string };
  let campaign: TinyCampaign;
  let firstVersion: Record<string, unknown>;

  const publish = (id: number, cookie: string | null = cookies.admin) =>
    postJson(app, `/api/campaigns/${id}/publish`, cookie);
  const getJson = async (path: string) => {
    const response = await app.request(path);
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, unknown> & {
      units: { unitId: number; groups: { raterType: string; score: number | null; items: unknown[] }[] }[];
    };
  };

  beforeAll(async () => {
    app = createTestApp(database()).app;
    cookies = await signInAdminAndLeader(database().db, app);
    campaign = await createTinyCampaign(database().db);
    await addTinyBallots(database().db, campaign);
  });

  it('publishes only a closed campaign, and only for administrators', async () => {
    const refused = await publish(campaign.id);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe('campaign_not_closed');
    await database()
      .db.updateTable('campaigns')
      .set({ status: 'closed', closed_at: new Date().toISOString() })
      .where('id', '=', campaign.id)
      .execute();
    expect((await publish(campaign.id, null)).status).toBe(401);
    expect((await publish(campaign.id, cookies.leader)).status).toBe(403);
    expect((await publish(987_654)).status).toBe(404);
    expect((await app.request(`/api/publications/${campaign.slug}`)).status).toBe(404);
  });

  it('publishes over flagged ballots nobody has decided only when told to, and says how many', async () => {
    const flagged = await database()
      .db.selectFrom('ballots')
      .select('id')
      .where('campaign_id', '=', campaign.id)
      .orderBy('id')
      .limit(2)
      .execute();
    const flag = (ids: string[], reviewStatus: 'accepted' | null) =>
      database()
        .db.updateTable('ballots')
        .set({ flags: JSON.stringify(['too_fast']), review_status: reviewStatus })
        .where('id', 'in', ids)
        .execute();
    await flag(
      flagged.map((b) => b.id),
      null,
    );
    const refused = await publish(campaign.id);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatchObject({ code: 'flagged_unreviewed', count: 2 });
    expect((await app.request(`/api/publications/${campaign.slug}`)).status).toBe(404);
    const malformed = await postJson(app, `/api/campaigns/${campaign.id}/publish`, cookies.admin, {
      acceptUnreviewed: 'yes',
    });
    expect(malformed.status).toBe(400);
    // Decided (accepted: they still count), they no longer stand in the way.
    await flag(
      flagged.map((b) => b.id),
      'accepted',
    );
  });

  it('freezes a snapshot with the settings used and a SHA-256 of its canonical JSON', async () => {
    const response = await publish(campaign.id);
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created).toMatchObject({
      version: 1,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      url: `/api/publications/${campaign.slug}/versions/1`,
    });

    firstVersion = await getJson(`/api/publications/${campaign.slug}`);
    expect(firstVersion).toMatchObject({
      version: 1,
      versions: 1,
      contentHash: created.contentHash,
      campaign: { slug: campaign.slug },
    });
    expect(sha256Hex(canonicalJson(contentOf(firstVersion)))).toBe(created.contentHash);
    // The exact settings: weights, the thresholds of the rater types taking part, bands, scales.
    expect(firstVersion['settings']).toMatchObject({
      weights: { superior: 0.4, peer: 0, recipient: 0.6 },
      raterTypes: [
        {
          raterType: 'superior',
          minimumBallots: 2,
          scale: [{ points: 100 }, { points: 80 }, { points: 60 }, { points: 40 }],
        },
        { raterType: 'recipient', minimumBallots: 3 },
      ],
      grading: {
        bands: [
          { grade: '满意', minScore: 85 },
          { grade: '比较满意', minScore: 75 },
          { grade: '基本满意', minScore: 60 },
          { grade: '不满意', minScore: 0 },
        ],
      },
    });
    // Hand-counted in results.test.ts: U1 = 0.4 × 90 + 0.6 × 88 = 88.8, rank 1.
    expect(firstVersion['units']).toContainEqual(
      expect.objectContaining({ unitId: campaign.units.U1, composite: 88.8, rank: 1, grade: '满意' }),
    );
    const campaignRow = await database()
      .db.selectFrom('campaigns')
      .select('status')
      .where('id', '=', campaign.id)
      .executeTakeFirstOrThrow();
    expect(campaignRow.status).toBe('published');
  });

  it('shows no figure of a group below its minimum and no comments', async () => {
    const u3 = firstVersion['units'] as { unitId: number; groups: Record<string, unknown>[] }[];
    const recipients = u3
      .find((u) => u.unitId === campaign.units.U3)!
      .groups.find((g) => g['raterType'] === 'recipient')!;
    expect(recipients).toEqual({
      raterType: 'recipient',
      status: 'suppressed',
      ballots: 2,
      // Below the minimum: the counted ballots only, no breakdown of the others.
      counts: { received: null, excluded: null, onlyDontKnow: null, counted: 2 },
      minCount: 3,
      suppressed: true,
      score: null,
      mean: null,
      ci: null,
      items: [],
    });
    const text = JSON.stringify(firstVersion);
    for (const comment of ['窗口人员王某', '张三', '刷票']) expect(text).not.toContain(comment);
    expect(text).not.toContain('"comment"');
  });

  it('exports a version as an Excel workbook with the same figures and no suppressed score', async () => {
    const response = await app.request(`/api/publications/${campaign.slug}/versions/1/export.xlsx`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['通报', '单位明细', '计算方法', '设置']);
    const rows: unknown[][] = [];
    workbook.getWorksheet('通报')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    // Columns: rank, code, name, composite, grade, then per rater type score, counted ballots and the
    // weight used, then rank range and notes.
    const u1 = rows.find((row) => row[2] === '单位U1')!;
    expect(u1.slice(0, 11)).toEqual([1, expect.any(String), '单位U1', 88.8, '满意', 90, 2, 0.4, 88, 3, 0.6]);
    const u3 = rows.find((row) => row[2] === '单位U3')!;
    // Below the minimum: words, the count, and no weight (it went to the superiors).
    expect(u3.slice(5, 11)).toEqual([50, 2, 1, '不足3份', 2, 0]);
    const settings: unknown[][] = [];
    workbook.getWorksheet('设置')!.eachRow((row) => settings.push((row.values as unknown[]).slice(1)));
    expect(settings).toContainEqual(['内容校验码（SHA-256）', firstVersion['contentHash']]);
    expect((await app.request(`/api/publications/${campaign.slug}/versions/9/export.xlsx`)).status).toBe(404);
  });

  it('publishes again as a new version and never changes the old one', async () => {
    // An appeal upheld after the first publication: one more ballot stops counting.
    const appealed = await database()
      .db.selectFrom('ballots')
      .select('id')
      .where('campaign_id', '=', campaign.id)
      .where('rater_type', '=', 'recipient')
      .where('target_unit_id', '=', campaign.units.U4)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await excludeBallot(database().db, appealed.id);
    // A ballot flagged since and left undecided: the office publishes anyway, knowingly.
    await database()
      .db.updateTable('ballots')
      .set({ flags: JSON.stringify(['too_fast']), review_status: null })
      .where('campaign_id', '=', campaign.id)
      .where('review_status', 'is', null)
      .where('id', '!=', appealed.id)
      .where('target_unit_id', '=', campaign.units.U4)
      .execute();
    expect((await publish(campaign.id)).status).toBe(409);
    const second = await (
      await postJson(app, `/api/campaigns/${campaign.id}/publish`, cookies.admin, { acceptUnreviewed: true })
    ).json();
    expect(second.version).toBe(2);
    await database()
      .db.updateTable('ballots')
      .set({ review_status: 'accepted' })
      .where('campaign_id', '=', campaign.id)
      .where('flags', 'is not', null)
      .where('review_status', 'is', null)
      .execute();
    expect(second.contentHash).not.toBe(firstVersion['contentHash']);

    expect(await getJson(`/api/publications/${campaign.slug}/versions/1`)).toEqual({ ...firstVersion, versions: 2 });
    const latest = await getJson(`/api/publications/${campaign.slug}`);
    expect(latest).toMatchObject({ version: 2, versions: 2, contentHash: second.contentHash });
    expect(sha256Hex(canonicalJson(contentOf(latest)))).toBe(second.contentHash);
    expect((await app.request(`/api/publications/${campaign.slug}/versions/3`)).status).toBe(404);

    const list = await app.request(`/api/campaigns/${campaign.id}/publications`, {
      headers: { cookie: cookies.admin },
    });
    expect(
      (await list.json()).versions.map((v: { version: number; contentHash: string }) => [v.version, v.contentHash]),
    ).toEqual([
      [1, firstVersion['contentHash']],
      [2, second.contentHash],
    ]);
    expect(
      (await app.request(`/api/campaigns/${campaign.id}/publications`, { headers: { cookie: cookies.leader } })).status,
    ).toBe(403);
  });

  it('refuses to review a ballot once the results are published, with its own code', async () => {
    const ballot = await database()
      .db.selectFrom('ballots')
      .select('id')
      .where('campaign_id', '=', campaign.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const refused = await postJson(app, `/api/ballots/${ballot.id}/review`, cookies.admin, { decision: 'excluded' });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe('results_published');
  });

  it('refuses any change to a stored version, even by hand-written SQL', async () => {
    const { db } = database();
    await expect(
      sql`update publications set content = '{}' where campaign_id = ${campaign.id} and version = 1`.execute(db),
    ).rejects.toThrow(/never changes/);
    await expect(sql`delete from publications where campaign_id = ${campaign.id}`.execute(db)).rejects.toThrow(
      /never changes/,
    );
    const again = await getJson(`/api/publications/${campaign.slug}/versions/1`);
    expect(sha256Hex(canonicalJson(contentOf(again)))).toBe(firstVersion['contentHash']);
  });

  it('gives the same content and hash when nothing changed', async () => {
    const third = await (await publish(campaign.id)).json();
    const second = await getJson(`/api/publications/${campaign.slug}/versions/2`);
    expect(third).toMatchObject({ version: 3, contentHash: second['contentHash'] });
  });
});
