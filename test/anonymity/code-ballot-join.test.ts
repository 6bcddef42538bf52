import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { sqlitePath } from '../../server/db/database.ts';
import { seededRandom } from '../../server/seed/demo-answers.ts';
import { tokenForCode } from '../support/code-token.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { createAnonymityCampaign, type AnonymityCampaign } from './anonymity-campaign.ts';
import { offsetsOf, rankMatchHits } from './attacks.ts';

/**
 * During voting, a copy of the database and its log cannot join a ballot to the code it was cast with
 * (decision 011, threat 4). Twenty raters open their rating with a code at about the same time (the page
 * exchanges the code for a token then), fill it in for different lengths of time and send their ballots
 * in an order of their own. The test then reads what a backup taken now would hold — on SQLite the main
 * file and its write-ahead log, frame by frame; on PostgreSQL each row's xmin — and pairs codes with
 * ballots by the only thing left, the order in which they were written.
 */
const RATERS = 20;

describeEachDialect('anonymity: a copy taken during voting joins no ballot to its code', (database) => {
  let campaign: AnonymityCampaign;
  /** code hash → ballot id: what the attacker wants. */
  const truth = new Map<string, string>();

  beforeAll(async () => {
    campaign = await createAnonymityCampaign(database());
    const codes = [];
    for (let i = 0; i < RATERS; i++) {
      const unitId = campaign.unitIds[i % campaign.unitIds.length]!;
      const [code] = await campaign.issue({ raterType: 'recipient', targetUnitId: unitId, count: 1 });
      codes.push(code!);
    }
    // Everyone opens the rating at once: the codes are exchanged together.
    const tokens = await Promise.all(codes.map((code) => tokenForCode(campaign.app, code)));
    // Then each sends when they have finished, in an order unrelated to when they started.
    const random = seededRandom(2027);
    const order = codes.map((_, i) => i).sort(() => random() - 0.5);
    const receipts = new Map<number, string>();
    for (const i of order) {
      const response = await campaign.app.request('/api/ballots', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          campaignId: campaign.id,
          questionnaireId: tokens[i]!.session.questionnaire.id,
          submissionId: randomUUID(),
          token: tokens[i]!.token,
          answers: { attitude: 1 + (i % 5), efficiency: 3, serviceRules: 'some', overall: 1 + ((i * 3) % 5) },
          fillSeconds: 60 + i,
        }),
      });
      expect(response.status).toBe(201);
      receipts.set(i, ((await response.json()) as { receipt: string }).receipt);
    }
    const { db } = database();
    const codeRows = await db
      .selectFrom('access_codes')
      .select(['code_hash', 'blinded_hash'])
      .where('spent', '=', 1)
      .execute();
    const ballots = await db
      .selectFrom('ballots')
      .select(['id', 'receipt'])
      .where('campaign_id', '=', campaign.id)
      .execute();
    const ballotByReceipt = new Map(ballots.map((b) => [b.receipt, b.id]));
    // The test knows which code each rater held; it matches the code's row by the request it was exchanged for.
    for (const [i, receipt] of receipts) {
      const exchanged = codeRows.filter((row) => row.blinded_hash !== null);
      const row = exchanged.find((r) => r.blinded_hash === tokens[i]!.blindedHash);
      if (row) truth.set(row.code_hash, ballotByReceipt.get(receipt)!);
    }
    expect(truth.size).toBe(RATERS);
  });

  it(`pairs the ${RATERS} codes with their ballots no better than chance`, async () => {
    const { db, dialect } = database();
    const codeOrder = new Map<string, number>();
    const ballotOrder = new Map<string, number>();
    if (dialect === 'postgres') {
      const codes = await sql<{ code_hash: string; xmin: string }>`
        select code_hash, xmin::text as xmin from access_codes where campaign_id = ${campaign.id} and spent = 1`.execute(
        db,
      );
      for (const row of codes.rows) if (truth.has(row.code_hash)) codeOrder.set(row.code_hash, Number(row.xmin));
      const ballots = await sql<{ id: string; xmin: string }>`
        select id, xmin::text as xmin from ballots where campaign_id = ${campaign.id}`.execute(db);
      for (const row of ballots.rows) ballotOrder.set(row.id, Number(row.xmin));
    } else {
      // A file-level copy: the main file and the write-ahead log, whose frames are in commit order.
      const path = sqlitePath(database().url);
      const wal = readFileSync(`${path}-wal`);
      const pageSize = wal.readUInt32BE(8);
      const frames: Buffer[] = [];
      for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
        frames.push(wal.subarray(at + 24, at + 24 + pageSize));
      }
      const firstFrame = (needle: string) =>
        frames.findIndex((frame) => offsetsOf(frame, Buffer.from(needle)).length > 0);
      const codes = await db.selectFrom('access_codes').select(['code_hash', 'blinded_hash']).execute();
      for (const row of codes) {
        if (!truth.has(row.code_hash) || row.blinded_hash === null) continue;
        const frame = firstFrame(row.blinded_hash);
        if (frame >= 0) codeOrder.set(row.code_hash, frame);
      }
      for (const ballotId of truth.values()) {
        const frame = firstFrame(ballotId);
        if (frame >= 0) ballotOrder.set(ballotId, frame);
      }
      expect(codeOrder.size, 'the log holds the exchanges').toBe(RATERS);
      expect(ballotOrder.size, 'the log holds the ballots').toBe(RATERS);
    }
    const hits = rankMatchHits(codeOrder, ballotOrder, truth);
    process.stdout.write(
      `code–ballot join by write order [${dialect}]: ${hits} of ${RATERS} right (chance: 1; ${RATERS} raters at once)\n`,
    );
    // By chance the order pairs about one of twenty; five or more would mean the order says something.
    expect(hits).toBeLessThanOrEqual(4);
  });

  it('keeps no column, in the code row or the ballot, that names the other', async () => {
    const { db } = database();
    const ballots = JSON.stringify(
      await db.selectFrom('ballots').selectAll().where('campaign_id', '=', campaign.id).execute(),
    );
    const tokensSpent = JSON.stringify(await db.selectFrom('spent_tokens').selectAll().execute());
    for (const [codeHash] of truth) {
      const row = await db
        .selectFrom('access_codes')
        .selectAll()
        .where('code_hash', '=', codeHash)
        .executeTakeFirstOrThrow();
      for (const value of [row.code_hash, row.blinded_hash, row.blind_signature]) {
        expect(ballots).not.toContain(value!.slice(0, 32));
        expect(tokensSpent).not.toContain(value!.slice(0, 32));
      }
    }
  });
});
