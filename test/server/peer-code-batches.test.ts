import { tempEvidenceStore } from '../support/test-evidence.ts';
import { beforeAll, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { signInAsAdmin } from '../support/sign-in.ts';
import { createTestApp, TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { createTinyCampaign } from './results-factory.ts';

type App = ReturnType<typeof createTestApp>['app'];
interface IssuedPeerBatches {
  label: string;
  batches: Array<{
    batchId: number;
    raterUnitId: number;
    raterUnitCode: string;
    raterUnitName: string;
    codes: string[];
  }>;
}

const CODE = /^[A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4}$/;

/** Parses the CSV this server writes (BOM, CRLF, no quoted cell in these rows). */
async function csvRows(response: Response): Promise<string[][]> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder()
    .decode(bytes)
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(','));
}

/** One action issues peer codes for every unit in scope, each code bound to (and labelled with) its rater unit. */
describeEachDialect('one peer-code batch for every unit', (database) => {
  let app: App;
  let admin: Awaited<ReturnType<typeof signInAsAdmin>>;
  let campaignId: number;
  let scope: Array<{ id: number; code: string; name: string }>;

  const issueAll = (body: unknown, query = '', id = campaignId) =>
    admin.post(`/api/campaigns/${id}/peer-code-batches${query}`, body);
  const countRows = async (table: 'code_batches' | 'access_codes') =>
    Number(
      (
        await database()
          .db.selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const { db } = database();
    await seedDemoIfEmpty(db, new Date(), TEST_SECRET, tempEvidenceStore());
    ({ app } = createTestApp(database()));
    admin = await signInAsAdmin(app, db);
    campaignId = (
      await db.selectFrom('campaigns').select('id').where('slug', '=', 'demo-2026').executeTakeFirstOrThrow()
    ).id;
    scope = await db
      .selectFrom('campaign_units as cu')
      .innerJoin('units as u', 'u.id', 'cu.unit_id')
      .select(['u.id', 'u.code', 'u.name'])
      .where('cu.campaign_id', '=', campaignId)
      .orderBy('u.sort_order')
      .execute();
  });

  it('issues N codes for each unit in scope in one request, one batch per unit, each audited', async () => {
    const before = { batches: await countRows('code_batches'), codes: await countRows('access_codes') };
    const response = await issueAll({ countPerUnit: 2, label: '同级互评第一批' });
    expect(response.status).toBe(201);
    const issued = (await response.json()) as IssuedPeerBatches;
    expect(issued.label).toBe('同级互评第一批');
    expect(issued.batches).toHaveLength(scope.length);
    expect(issued.batches.map((b) => b.raterUnitCode)).toEqual(scope.map((u) => u.code));
    for (const batch of issued.batches) {
      // The answer says which unit each code is for, and nothing else about it.
      expect(Object.keys(batch).sort()).toEqual(['batchId', 'codes', 'raterUnitCode', 'raterUnitId', 'raterUnitName']);
      expect(batch.codes).toHaveLength(2);
      for (const code of batch.codes) expect(code).toMatch(CODE);
    }
    expect(new Set(issued.batches.flatMap((b) => b.codes)).size).toBe(scope.length * 2);
    expect(await countRows('code_batches')).toBe(before.batches + scope.length);
    expect(await countRows('access_codes')).toBe(before.codes + scope.length * 2);

    const rows = await database()
      .db.selectFrom('code_batches')
      .select(['id', 'rater_type', 'rater_unit_id', 'target_unit_id', 'size', 'label'])
      .where(
        'id',
        'in',
        issued.batches.map((b) => b.batchId),
      )
      .execute();
    for (const batch of issued.batches)
      expect(rows.find((r) => r.id === batch.batchId)).toEqual({
        id: batch.batchId,
        rater_type: 'peer',
        rater_unit_id: batch.raterUnitId,
        target_unit_id: null,
        size: 2,
        label: '同级互评第一批',
      });
    const audits = await database()
      .db.selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'issue_codes')
      .where(
        'entity_id',
        'in',
        issued.batches.map((b) => String(b.batchId)),
      )
      .execute();
    expect(audits).toHaveLength(scope.length);

    // A code opens the rating as its own unit, which it does not rate.
    const sample = issued.batches[3]!;
    const opened = await app.request('/api/respond/code', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: sample.codes[0] }),
    });
    expect(opened.status).toBe(200);
    expect(await opened.json()).toMatchObject({ raterType: 'peer', raterUnit: { name: sample.raterUnitName } });
  });

  it("writes one CSV whose every row names the code's rater unit, code and name", async () => {
    const response = await issueAll({ countPerUnit: 3 }, '?format=csv');
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="peer-codes-\d+-\d+\.csv"/);
    const [header, ...rows] = await csvRows(response);
    expect(header).toEqual([
      '序号 No.',
      '评议码 Code',
      '评议单位编码 Rater unit code',
      '评议单位 Rater unit',
      '评议活动 Campaign',
      '批次 Batch',
    ]);
    expect(rows).toHaveLength(scope.length * 3);
    rows.forEach((row, i) => {
      const unit = scope[Math.floor(i / 3)]!;
      expect(row).toEqual([
        String(i + 1),
        expect.stringMatching(CODE),
        unit.code,
        unit.name,
        '2026年度青溪市机关作风三评议（演示）',
        expect.stringMatching(/^peer \d{4}-\d{2}-\d{2}$/),
      ]);
    });
  });

  it('names the rater unit on every row of a single peer batch too, and none on a leaders batch', async () => {
    const unit = scope[1]!;
    const peer = await admin.post(`/api/campaigns/${campaignId}/code-batches?format=csv`, {
      raterType: 'peer',
      raterUnitId: unit.id,
      count: 2,
    });
    const [header, ...rows] = await csvRows(peer);
    expect(header).toContain('评议单位 Rater unit');
    expect(rows.map((r) => [r[2], r[3]])).toEqual([
      [unit.code, unit.name],
      [unit.code, unit.name],
    ]);
    const leaders = await admin.post(`/api/campaigns/${campaignId}/code-batches?format=csv`, {
      raterType: 'superior',
      count: 1,
    });
    expect((await csvRows(leaders))[0]).toEqual(['序号 No.', '评议码 Code', '评议活动 Campaign', '批次 Batch']);
  });

  it('refuses bad counts, too many codes at once, campaigns without peers and closed ones, issuing nothing', async () => {
    const before = await countRows('access_codes');
    for (const body of [
      {},
      { countPerUnit: 0 },
      { countPerUnit: 501 },
      { countPerUnit: 1.5 },
      { countPerUnit: 2, x: 1 },
    ]) {
      const response = await issueAll(body);
      expect(response.status).toBe(400);
      expect((await response.json()).error.code).toBe('invalid_request');
    }
    // 30 units × 400 codes is over the 10,000 one batch may hold.
    const tooMany = await issueAll({ countPerUnit: 400 });
    expect(tooMany.status).toBe(422);
    expect((await tooMany.json()).error).toMatchObject({ code: 'too_many_codes', count: 10_000 });

    const tiny = await createTinyCampaign(database().db);
    const noPeers = await issueAll({ countPerUnit: 1 }, '', tiny.id);
    expect(noPeers.status).toBe(409);
    expect((await noPeers.json()).error.code).toBe('rater_type_not_in_campaign');
    expect((await issueAll({ countPerUnit: 1 }, '', 987654)).status).toBe(404);

    await database().db.updateTable('campaigns').set({ status: 'closed' }).where('id', '=', campaignId).execute();
    try {
      const closed = await issueAll({ countPerUnit: 1 });
      expect(closed.status).toBe(409);
      expect((await closed.json()).error.code).toBe('campaign_not_active');
    } finally {
      await database().db.updateTable('campaigns').set({ status: 'open' }).where('id', '=', campaignId).execute();
    }
    expect(await countRows('access_codes')).toBe(before);
    expect((await app.request(`/api/campaigns/${campaignId}/peer-code-batches`, { method: 'POST' })).status).toBe(401);
  });
});
