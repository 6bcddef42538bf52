import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { sqlitePath } from '../../server/db/database.ts';
import { deriveFollowupCode, followupCodeHash, unsealFollowupCode } from '../../server/followups/followup-code.ts';
import { moveProblem, createProblem } from '../../server/problems/problem-writes.ts';
import { TEST_SECRET } from '../support/test-app.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { createAnonymityCampaign, type AnonymityCampaign } from './anonymity-campaign.ts';
import { offsetsOf, rankMatchHits } from './attacks.ts';

/**
 * A recipient who leaves a problem report and takes a follow-up code is as unlinkable as one who does not
 * (decisions 011 and 017). The attacker here holds the database files AND the server key, and knows the
 * order the ballots arrived in (their rows' order, before close); the test knows the truth (which receipt
 * carried which code) and checks every way it tries to tie a follow-up row or a fix rating to its ballot:
 * computing the code from anything stored, a value the two share, a day or an hour, the order of rows.
 * Every ballot here carries a report, the attacker's best case: no ballots without one to hide among.
 */
const REPORTS = 48;
const BATCH = 6;

interface Truth {
  submissionId: string;
  receipt: string;
  code: string;
}

describeEachDialect('anonymity: a follow-up code and its rating do not lead back to the ballot', (database) => {
  let campaign: AnonymityCampaign;
  const truth: Truth[] = [];

  beforeAll(async () => {
    campaign = await createAnonymityCampaign(database(), { superior: 1, peer: 1, recipient: 1 });
    const unitId = campaign.unitIds[0]!;
    const session = (await (
      await campaign.app.request(`/api/respond/open/${campaign.slug}/${campaign.unitCodes.get(unitId)!}`)
    ).json()) as { questionnaire: { id: number } };
    for (let i = 0; i < REPORTS; i++) {
      const submissionId = randomUUID();
      const response = await campaign.app.request('/api/ballots', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          campaignId: campaign.id,
          unitId,
          questionnaireId: session.questionnaire.id,
          submissionId,
          deviceId: randomUUID(),
          fillSeconds: 40,
          answers: {
            attitude: 1 + (i % 5),
            efficiency: 3,
            serviceRules: 'all',
            overall: 4,
            reportProblem: true,
            problemDescription: `问题反映第${i}号：窗口服务需要改进`,
            ...(i % 2 === 0 ? { problemContact: `1380000${String(i).padStart(4, '0')}` } : {}),
          },
        }),
      });
      expect(response.status).toBe(201);
      const body = (await response.json()) as { receipt: string; followup: { code: string } };
      truth.push({ submissionId, receipt: body.receipt, code: body.followup.code.replace(/-/g, '') });
      // The mixer writes a batch every few ballots, as it does a little after they arrive.
      if ((i + 1) % BATCH === 0) await campaign.deps.mixer.flush();
    }
    await campaign.deps.mixer.flush();
    // A few raisers rate: some reports accepted, claimed and rated through their codes.
    const { db } = database();
    const reports = await db
      .selectFrom('problem_reports')
      .select(['id', 'description'])
      .where('campaign_id', '=', campaign.id)
      .execute();
    for (const report of reports.slice(0, 6)) {
      const problem = await createProblem(
        db,
        { unit_id: unitId, title: report.description, detail: report.description, source: 'rating' },
        { kind: 'unit', userId: null },
        new Date(),
        'submitted',
      );
      await db
        .updateTable('problem_reports')
        .set({ status: 'accepted', problem_id: problem.id })
        .where('id', '=', report.id)
        .execute();
      await moveProblem(db, problem.id, { action: 'file' }, { kind: 'office', userId: null }, new Date());
      await moveProblem(
        db,
        problem.id,
        { action: 'claim', note: '已整改' },
        { kind: 'unit', userId: null },
        new Date(),
      );
    }
    let rated = 0;
    for (const t of truth) {
      const response = await campaign.app.request(`/api/followups/${t.code}/rating`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rating: rated % 2 === 0 ? 'satisfied' : 'unsatisfied' }),
      });
      if (response.status === 200) rated += 1;
    }
    expect(rated).toBe(6);
  }, 180_000);

  /** This campaign's follow-up rows (the demo city has follow-ups of its own). */
  async function campaignFollowups() {
    return database()
      .db.selectFrom('problem_followups')
      .selectAll()
      .where('report_id', 'in', (eb) =>
        eb.selectFrom('problem_reports').select('id').where('campaign_id', '=', campaign.id),
      )
      .execute();
  }

  /** Every value stored on the ballot's side (its row, its receipt, its ratings, its spent token, its counts). */
  async function ballotSideValues(): Promise<string[]> {
    const { db } = database();
    const values: string[] = [];
    for (const table of [
      'ballots',
      'receipts',
      'ratings',
      'spent_tokens',
      'recipient_counts',
      'ballot_inbox',
    ] as const) {
      for (const row of await db.selectFrom(table).selectAll().execute()) {
        for (const value of Object.values(row as Record<string, unknown>)) {
          if (value === null || value === undefined) continue;
          values.push(value instanceof Uint8Array ? Buffer.from(value).toString('hex') : String(value));
        }
      }
    }
    return values;
  }

  it('cannot compute any follow-up code from what the ballot side stores, even with the server key', async () => {
    const hashes = new Set((await campaignFollowups()).map((r) => r.code_hash));
    expect(hashes.size).toBe(REPORTS);
    // Control: with the submission ids — which only the phones knew — every code is found.
    expect(
      truth.filter((t) => hashes.has(followupCodeHash(deriveFollowupCode(TEST_SECRET, t.submissionId)))),
    ).toHaveLength(REPORTS);
    // The attack: every stored value of every ballot, receipt and rating, as if it were the submission id.
    const values = await ballotSideValues();
    expect(values.length).toBeGreaterThan(REPORTS * 5);
    const found = values.filter((value) => hashes.has(followupCodeHash(deriveFollowupCode(TEST_SECRET, value))));
    expect(found).toEqual([]);
    // Nor is a code, or its hash, stored on the ballot's side.
    const joined = values.join('\n');
    for (const t of truth) {
      expect(joined).not.toContain(t.code);
      expect(joined).not.toContain(followupCodeHash(t.code));
    }
  });

  it('finds no value a follow-up row or a fix rating shares with a ballot, and no time finer than the batch day', async () => {
    const { db } = database();
    const followups = await campaignFollowups();
    const ratings = await db
      .selectFrom('fix_ratings')
      .selectAll()
      .where(
        'followup_id',
        'in',
        followups.map((row) => row.id),
      )
      .execute();
    expect(ratings.length).toBe(6);
    const ballotValues = new Set(await ballotSideValues());
    for (const row of [...followups, ...ratings] as Record<string, unknown>[]) {
      for (const [column, value] of Object.entries(row)) {
        if (typeof value !== 'string' || value.length < 8) continue;
        // The day is shared by every ballot and follow-up of the batch's day: it narrows nothing further.
        if (/^\d{4}-\d{2}-\d{2}$/.test(value)) continue;
        expect(ballotValues.has(value), `${column} = ${value}`).toBe(false);
      }
    }
    // Times: a follow-up keeps the batch's day, a rating the day it was given; nothing keeps an hour or an instant.
    for (const row of followups) expect(row.created_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const row of ratings) expect(row.rated_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The sealed code kept for an SMS opens, with the key, to the code: which names no ballot (see above).
    const sealed = followups.find((row) => row.code_sealed !== null)!;
    expect(truth.map((t) => t.code)).toContain(unsealFollowupCode(TEST_SECRET, sealed.code_sealed!));
  });

  async function fileOffsets(table: 'ballots' | 'problem_followups', key: string) {
    const { db } = database();
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    const keys = (await sql<{ key: string }>`select ${sql.ref(key)} as key from ${sql.table(table)}`.execute(db)).rows;
    const file = readFileSync(sqlitePath(database().url));
    return keys.map((r) => [r.key, offsetsOf(file, Buffer.from(r.key))[0] ?? -1] as const);
  }

  it('cannot pair follow-ups with ballots by the order of their rows better than chance within a batch', async () => {
    const { db, dialect } = database();
    const position = async (table: 'ballots' | 'problem_followups', key: string) => {
      const rows =
        dialect === 'postgres'
          ? (
              await sql<{
                key: string;
                pos: string;
              }>`select ${sql.ref(key)} as key, ctid::text as pos from ${sql.table(table)}`.execute(db)
            ).rows.map((r) => {
              const [page, item] = r.pos.slice(1, -1).split(',').map(Number);
              return [r.key, page! * 100_000 + item!] as const;
            })
          : // SQLite keeps these tables without rowids: the order is where each key lies in the file.
            await fileOffsets(table, key);
      return new Map(rows);
    };
    const ballotRows = await db
      .selectFrom('ballots')
      .select(['receipt', 'id'])
      .where('campaign_id', '=', campaign.id)
      .execute();
    const ballotByReceipt = new Map(ballotRows.map((row) => [row.receipt, row.id]));
    const followups = await campaignFollowups();
    const followupByHash = new Map(followups.map((row) => [row.code_hash, row.id]));
    // The truth: which ballot's receipt carried which follow-up's code.
    const pairs = new Map(
      truth.map((t) => [ballotByReceipt.get(t.receipt)!, followupByHash.get(followupCodeHash(t.code))!] as const),
    );
    const ballotOrder = await position('ballots', 'id');
    const followupOrder = await position('problem_followups', 'id');
    const ours = (order: Map<string, number>, ids: Iterable<string>) =>
      new Map([...ids].map((id) => [id, order.get(id)!] as const));
    const hits = rankMatchHits(ours(ballotOrder, pairs.keys()), ours(followupOrder, pairs.values()), pairs);
    process.stdout.write(`follow-up ↔ ballot by row order [${dialect}]: ${hits} of ${REPORTS} pairs right\n`);
    // Batches are written in the order they fill, so the attacker knows each ballot's batch of BATCH; inside
    // it the rows are shuffled: chance is about one right pair per batch, an unshuffled write would give all.
    expect(hits).toBeLessThan(REPORTS / 2);
  });

  it('leaves no copy of a code anywhere in the SQLite file once its batch is written', async () => {
    const { db, dialect } = database();
    if (dialect !== 'sqlite') return;
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    const file = readFileSync(sqlitePath(database().url));
    for (const t of truth) expect(file.includes(Buffer.from(t.code)), t.code).toBe(false);
  });
});
