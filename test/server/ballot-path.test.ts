import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { rebuildTallies } from '../../server/ballots/ballot-tallies.ts';
import { PreparedQuestionnaireCache } from '../../server/questionnaires/prepared-cache.ts';
import { ITEM_COMBINATIONS } from '../../scoring/settings.ts';
import { computeBothWays, computeCampaignResults } from '../../server/results/results-compute.ts';
import { countsOnly, liveResultsView } from '../../server/results/results-view.ts';
import { hmacHex } from '../../server/crypto/hashing.ts';
import { campaignHashKey } from '../../server/crypto/keys.ts';
import { TEST_SECRET } from '../support/test-app.ts';
import { createAnonymityCampaign, type AnonymityCampaign } from '../anonymity/anonymity-campaign.ts';
import { describeEachDialect } from '../support/test-db.ts';

// The ballot path of issue 14: ballots that arrive together share one commit on SQLite, each under its
// own savepoint; live figures come from running tallies that always equal a recount of the stored
// ratings; long reads run on their own connection and never hold up a ballot.

const GRADES = ['A', 'B', 'C', 'D', 'unknown'] as const;

describeEachDialect('the ballot path: group commit, tallies and the read connection', (database) => {
  let campaign: AnonymityCampaign;
  let unitIds: number[];

  beforeAll(async () => {
    campaign = await createAnonymityCampaign(database(), { superior: 1, peer: 1, recipient: 1 });
    unitIds = campaign.unitIds;
  });

  const post = (body: unknown) =>
    campaign.app.request('/api/ballots', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  /** A recipient ballot as the QR page sends it; `seed` varies the answers. */
  const openBallot = async (unitCode: string, seed: number, submissionId = randomUUID()) => {
    const session = (await (await campaign.app.request(`/api/respond/open/${campaign.slug}/${unitCode}`)).json()) as {
      unit: { id: number };
      questionnaire: { id: number };
    };
    const star = (k: number) => 1 + ((seed * 7 + k * 3) % 5);
    return {
      campaignId: campaign.id,
      unitId: session.unit.id,
      questionnaireId: session.questionnaire.id,
      submissionId,
      deviceId: randomUUID(),
      answers: { attitude: star(1), efficiency: star(2), serviceRules: 'all', overall: star(3) },
      fillSeconds: 40,
    };
  };

  /** The campaign's tallies as sorted plain rows (rows that fell back to zero say nothing and are left out). */
  const tallies = async () => {
    const { db } = database();
    const where = <T extends { n?: number; received?: number }>(rows: T[]) =>
      rows.filter((row) => (row.n ?? row.received ?? 0) !== 0).map((row) => JSON.stringify(row));
    const id = campaign.id;
    const ratings = await db.selectFrom('rating_tallies').selectAll().where('campaign_id', '=', id).execute();
    const cards = await db.selectFrom('card_tallies').selectAll().where('campaign_id', '=', id).execute();
    const counts = await db.selectFrom('recipient_counts').selectAll().where('campaign_id', '=', id).execute();
    const plain = <T extends Record<string, unknown>>(rows: T[]) =>
      rows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' ? v : Number(v)])),
      );
    return {
      ratings: where(plain(ratings)).sort(),
      cards: where(plain(cards)).sort(),
      counts: where(plain(counts)).sort(),
    };
  };

  /** The tallies as they stand, and as a rebuild from the stored ratings and ballots makes them. */
  const talliesAndRebuild = async () => {
    const kept = await tallies();
    await rebuildTallies(database().db, campaign.id);
    return { kept, rebuilt: await tallies() };
  };

  const review = (ballotId: string, decision: 'accepted' | 'excluded') =>
    campaign.admin.post(`/api/ballots/${ballotId}/review`, { decision });

  it('answers twins and bad ballots alone when they arrive together, and stores every good one once', async () => {
    const codes = [...campaign.unitCodes.values()];
    const bodies = await Promise.all(Array.from({ length: 24 }, (_, i) => openBallot(codes[i % 6]!, i)));
    // Eight twins (the same submission, sent twice at once) and four ballots for a unit outside the scope.
    const twins = bodies.slice(0, 8).map((body) => ({ ...body, deviceId: randomUUID() }));
    const strangers = bodies.slice(8, 12).map((body) => ({ ...body, submissionId: randomUUID(), unitId: 999_999 }));
    const answers = await Promise.all([...bodies, ...twins, ...strangers].map((body) => post(body)));
    const statuses = answers.map((answer) => answer.status);
    const receipts = await Promise.all(
      answers.map(async (answer) => ((await answer.json()) as { receipt?: string }).receipt),
    );
    expect(statuses.slice(0, 24).filter((s) => s === 201 || s === 200)).toHaveLength(24);
    // Each twin pair: one stored (201), the other answered with the same receipt (200).
    for (let i = 0; i < 8; i++) {
      expect([statuses[i], statuses[24 + i]].sort()).toEqual([200, 201]);
      expect(receipts[24 + i]).toBe(receipts[i]);
    }
    expect(statuses.slice(32)).toEqual([404, 404, 404, 404]);
    const stored = await database()
      .db.selectFrom('ballots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('campaign_id', '=', campaign.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(24);
  });

  it("uses up none of a device's or an address's ratings with a ballot that is not stored", async () => {
    const body = await openBallot([...campaign.unitCodes.values()][1]!, 7);
    expect((await post(body)).status).toBe(201);
    // The retry comes from another device: it is answered with the first receipt and counts nothing.
    const otherDevice = randomUUID();
    expect((await post({ ...body, deviceId: otherDevice })).status).toBe(200);
    const key = campaignHashKey(TEST_SECRET, campaign.id);
    const counter = await database()
      .db.selectFrom('rate_counters')
      .select('count')
      .where('scope', '=', `campaign:${campaign.id}:device`)
      .where('key_hash', '=', hmacHex(key, `${otherDevice}|${body.unitId}`))
      .executeTakeFirst();
    expect(Number(counter?.count ?? 0)).toBe(0);
  });

  it('groups the work that arrives together into one commit on SQLite, and rolls back only the piece that fails', async () => {
    const { writes, readDb, dialect } = database();
    const seenOutside: number[] = [];
    const keys = Array.from({ length: 10 }, (_, i) => `group-commit-${randomUUID()}-${i}`);
    const outcomes = await Promise.allSettled(
      keys.map((key, i) =>
        writes.run(async (trx) => {
          await trx
            .insertInto('app_settings')
            .values({ key, value: String(i) })
            .execute();
          if (i === 3) throw new Error('this piece fails');
          const visible = await readDb.selectFrom('app_settings').select('key').where('key', 'in', keys).execute();
          seenOutside.push(visible.length);
          return i;
        }),
      ),
    );
    expect(outcomes.map((o) => o.status)).toEqual(keys.map((_, i) => (i === 3 ? 'rejected' : 'fulfilled')));
    const stored = await readDb.selectFrom('app_settings').select('key').where('key', 'in', keys).execute();
    expect(stored.map((row) => row.key).sort()).toEqual(keys.filter((_, i) => i !== 3).sort());
    // On SQLite nothing of the batch is visible to another connection before its one commit; on
    // PostgreSQL each piece is a transaction of its own and commits as it ends.
    if (dialect === 'sqlite') expect(seenOutside).toEqual(seenOutside.map(() => 0));
    else expect(Math.max(...seenOutside)).toBeGreaterThan(0);
  });

  it('never holds up a ballot behind a long read on the read connection', async () => {
    const { readDb } = database();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reading!: () => void;
    const started = new Promise<void>((resolve) => (reading = resolve));
    const longRead = readDb.transaction().execute(async (trx) => {
      await trx.selectFrom('ratings').select('card_id').where('campaign_id', '=', campaign.id).limit(1).execute();
      reading();
      await held;
    });
    await started;
    try {
      const answer = await post(await openBallot([...campaign.unitCodes.values()][0]!, 99));
      expect(answer.status).toBe(201);
    } finally {
      release();
      await longRead;
    }
  });

  it('keeps the tallies equal to the stored ratings through ballots, reviews, mixing and close', async () => {
    const codes = [...campaign.unitCodes.values()];
    await Promise.all(Array.from({ length: 30 }, async (_, i) => post(await openBallot(codes[i % 9]!, i + 100))));
    const superiors = await campaign.issue({ raterType: 'superior', count: 3 });
    for (const [k, code] of superiors.entries()) {
      await campaign.voteWithCode(code, (unitId, item) => GRADES[(unitId + item.length + k) % GRADES.length]!);
    }
    for (const [k, unitId] of unitIds.slice(0, 3).entries()) {
      const [code] = await campaign.issue({ raterType: 'peer', raterUnitId: unitId, count: 1 });
      await campaign.voteWithCode(code!, (rated, item) => GRADES[(rated * 3 + item.length + k) % 4]!);
    }
    const ballots = await database()
      .db.selectFrom('ballots')
      .select('id')
      .where('campaign_id', '=', campaign.id)
      .orderBy('id')
      .execute();
    // Exclude three, one of them twice; restore one; accept one that was never excluded.
    for (const [id, decision] of [
      [ballots[0]!.id, 'excluded'],
      [ballots[1]!.id, 'excluded'],
      [ballots[1]!.id, 'excluded'],
      [ballots[2]!.id, 'excluded'],
      [ballots[2]!.id, 'accepted'],
      [ballots[3]!.id, 'accepted'],
    ] as const) {
      expect((await review(id, decision)).status).toBe(200);
    }
    const open = await talliesAndRebuild();
    expect(open.kept).toEqual(open.rebuilt);
    expect(open.kept.counts.length).toBeGreaterThan(0);
    // While voting runs the live results are computed from the counts alone, and show exactly what
    // the full computation would have shown with its figures hidden.
    const shown = await campaign.admin.get(`/api/campaigns/${campaign.id}/results`);
    expect(shown.status).toBe(200);
    const { computedAt: _at, ...counts } = (await shown.json()) as { computedAt: string };
    const stored = await database()
      .db.selectFrom('campaigns')
      .selectAll()
      .where('id', '=', campaign.id)
      .executeTakeFirstOrThrow();
    const full = await computeCampaignResults(database().db, new PreparedQuestionnaireCache(), stored, 'live');
    const { computedAt: _fullAt, ...hidden } = countsOnly(liveResultsView(full, new Date()));
    expect(counts).toEqual(hidden);
    expect(hidden.totalBallots).toBeGreaterThan(30);

    await campaign.close();
    const closed = await talliesAndRebuild();
    expect(closed.kept).toEqual(closed.rebuilt);
    // The leaders' and peers' cards entered the tallies at close, all at once.
    expect(closed.kept.ratings.some((row) => row.includes('"rater_type":"superior"'))).toBe(true);
    expect(closed.kept.ratings.some((row) => row.includes('"rater_type":"peer"'))).toBe(true);

    const verify = await campaign.admin.post(`/api/campaigns/${campaign.id}/results/verify`);
    expect(verify.status).toBe(200);
    expect(((await verify.json()) as { equal: boolean }).equal).toBe(true);

    // Every way of combining a rater type's items reads the same from the tallies as from the ratings:
    // card_tallies keep each card's K answers and P points, all that 'raterMean' needs (decision 003).
    const row = await database()
      .db.selectFrom('campaigns')
      .selectAll()
      .where('id', '=', campaign.id)
      .executeTakeFirstOrThrow();
    const settings = JSON.parse(row.settings) as { scoring: object };
    const superiorScores = new Set<string>();
    for (const itemCombination of ITEM_COMBINATIONS) {
      const combined = {
        ...row,
        settings: JSON.stringify({ ...settings, scoring: { ...settings.scoring, itemCombination } }),
      };
      const both = await computeBothWays(database().db, new PreparedQuestionnaireCache(), combined);
      expect(both.live.results.method.itemCombination).toBe(itemCombination);
      expect(JSON.stringify(both.live.results)).toBe(JSON.stringify(both.recount.results));
      superiorScores.add(JSON.stringify(both.live.results.units.map((unit) => unit.raterGroups.superior.score)));
    }
    // The leaders answered 不了解 on some items, so the three choices give three sets of scores.
    expect(superiorScores.size).toBe(ITEM_COMBINATIONS.length);
  });

  it('reads live figures from the tallies alone, whatever the number of stored ratings', async () => {
    const read = async () => {
      const response = await campaign.app.request(`/api/campaigns/${campaign.id}/results`, {
        headers: { cookie: campaign.admin.cookie },
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { units: unknown[]; totalBallots: number };
      return JSON.stringify(body.units);
    };
    const before = await read();
    // With the ratings gone the live figures stand unchanged (the recount would now find nothing).
    await database().db.deleteFrom('ratings').where('campaign_id', '=', campaign.id).execute();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await read()).toBe(before);
    const verify = await campaign.admin.post(`/api/campaigns/${campaign.id}/results/verify`);
    expect(((await verify.json()) as { equal: boolean }).equal).toBe(false);
  });
});
