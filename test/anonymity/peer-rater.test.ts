import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { sqlitePath } from '../../server/db/database.ts';
import { describeEachDialect } from '../support/test-db.ts';
import { createAnonymityCampaign, type AnonymityCampaign } from './anonymity-campaign.ts';
import { offsetsOf } from './attacks.ts';

/**
 * A peer rates every unit but its own, so whatever groups a peer ballot's ratings names its rater: the
 * one unit missing (decision 011, threat 1). Six peers of six known units vote; the test then tries every
 * grouping it can find in what is stored (every column, the physical order of the rows) and in what the
 * API answers (review, participation, results, publication, exports), and counts how often the unit left
 * out of a group is a true rater.
 */
describeEachDialect('anonymity: a peer ballot does not name its rater unit', (database) => {
  let campaign: AnonymityCampaign;
  let raters: number[];
  let peerCount: number;

  /** A group of a peer's cards names its rater when it covers every unit in scope but exactly one. */
  const leftOut = (unitSet: ReadonlySet<number>): number | null => {
    if (unitSet.size !== campaign.unitIds.length - 1) return null;
    return campaign.unitIds.find((id) => !unitSet.has(id)) ?? null;
  };

  beforeAll(async () => {
    campaign = await createAnonymityCampaign(database());
    raters = campaign.unitIds.slice(0, 6);
    for (const [index, unitId] of raters.entries()) {
      const [code] = await campaign.issue({ raterType: 'peer', raterUnitId: unitId, count: 1, label: `同级 ${index}` });
      const grades = ['A', 'B', 'C', 'D'] as const;
      await campaign.voteWithCode(code!, (rated, item) => grades[(rated * 7 + index + item.length) % 4]!);
    }
    peerCount = raters.length;
  });

  it('keeps every peer ballot sealed until the campaign closes, then writes all their cards at once', async () => {
    const { db } = database();
    await campaign.deps.mixer.flush();
    // While voting runs nothing of a peer ballot is readable: it waits sealed.
    const waiting = await db
      .selectFrom('ballot_inbox')
      .select(['rater_type', 'sealed'])
      .where('campaign_id', '=', campaign.id)
      .execute();
    for (const row of waiting) {
      const bytes = Buffer.from(row.sealed);
      for (const unitId of campaign.unitIds) expect(bytes.includes(Buffer.from(`"unitId":${unitId}`))).toBe(false);
    }
    const cards = await db
      .selectFrom('ratings')
      .select((eb) => eb.fn.count<number>('card_id').distinct().as('n'))
      .where('campaign_id', '=', campaign.id)
      .where('rater_type', '=', 'peer')
      .executeTakeFirstOrThrow();
    const mixed = await db.selectFrom('ballot_counts').selectAll().where('campaign_id', '=', campaign.id).execute();
    const mixedPeers = Number(mixed.find((m) => m.rater_type === 'peer')?.received ?? 0);
    expect(mixedPeers).toBe(0);
    expect(Number(cards.n)).toBe(0);
    expect(waiting.filter((row) => row.rater_type === 'peer')).toHaveLength(peerCount);
  });

  it('stores nothing after close from which the unit left out of a peer ballot can be read', async () => {
    await campaign.close();
    const { db, dialect } = database();
    expect(await db.selectFrom('ballot_inbox').selectAll().where('campaign_id', '=', campaign.id).execute()).toEqual(
      [],
    );
    const cards = await db
      .selectFrom('ratings')
      .select(['card_id', 'unit_id', 'item', 'points', 'counted'])
      .where('campaign_id', '=', campaign.id)
      .where('rater_type', '=', 'peer')
      .execute();
    expect(new Set(cards.map((c) => c.card_id)).size).toBe(peerCount * (campaign.unitIds.length - 1));
    const guesses: (number | null)[] = [];
    // Every stored column: cards that share a value form a group.
    for (const column of ['card_id', 'item', 'points', 'counted'] as const) {
      const groups = new Map<string, Set<number>>();
      for (const card of cards) {
        const key = String(card[column]);
        groups.set(key, (groups.get(key) ?? new Set()).add(card.unit_id));
      }
      for (const units of groups.values()) guesses.push(leftOut(units));
    }
    // The physical order: windows of consecutive cards, as a reader of the file or of ctid would take them.
    const order = await physicalOrder(dialect, [...new Set(cards.map((c) => c.card_id))]);
    const unitOf = new Map(cards.map((c) => [c.card_id, c.unit_id]));
    const window = campaign.unitIds.length - 1;
    for (let start = 0; start + window <= order.length; start++) {
      guesses.push(leftOut(new Set(order.slice(start, start + window).map((id) => unitOf.get(id)!))));
    }
    const named = guesses.filter((unit): unit is number => unit !== null);
    const hits = named.filter((unit) => raters.includes(unit)).length;
    process.stdout.write(
      `peer rater inference [${dialect}]: ${guesses.length} groupings tried, ${named.length} left out one unit, ${hits} of them a true rater (chance ${((named.length * raters.length) / campaign.unitIds.length).toFixed(1)})\n`,
    );
    // A group that leaves out one unit by chance names a rater with probability 6/30: allow chance, not more.
    expect(hits).toBeLessThanOrEqual(
      Math.max(1, Math.ceil((named.length * raters.length * 3) / campaign.unitIds.length)),
    );
  });

  it('answers nothing in review, participation, results, publication or exports that names a peer', async () => {
    const { admin, id, slug } = campaign;
    const published = await admin.post(`/api/campaigns/${id}/publish`);
    expect(published.status).toBe(201);
    const answers: unknown[] = [];
    for (const path of [
      `/api/campaigns/${id}/flagged-ballots`,
      `/api/campaigns/${id}/participation`,
      `/api/campaigns/${id}/results`,
      `/api/publications/${slug}`,
      `/api/reports/${slug}/units/${raters[0]}`,
    ]) {
      const response = await admin.get(path);
      expect(response.status, path).toBe(200);
      answers.push(await response.json());
    }
    const flagged = answers[0] as { ballots: { raterType: string }[] };
    expect(flagged.ballots.filter((b) => b.raterType !== 'recipient')).toEqual([]);
    // Any list in any answer whose unit references cover all units but one names that unit.
    const named: number[] = [];
    const visit = (value: unknown) => {
      if (Array.isArray(value)) {
        const units = new Set(
          value.flatMap((entry) => {
            if (typeof entry === 'number' && campaign.unitIds.includes(entry)) return [entry];
            if (entry && typeof entry === 'object' && typeof (entry as { unitId?: unknown }).unitId === 'number')
              return [(entry as { unitId: number }).unitId];
            return [];
          }),
        );
        const unit = leftOut(units);
        if (unit !== null) named.push(unit);
        value.forEach(visit);
      } else if (value && typeof value === 'object') Object.values(value).forEach(visit);
    };
    answers.forEach(visit);
    expect(named.filter((unit) => raters.includes(unit))).toEqual([]);
    const workbook = await admin.get(`/api/publications/${slug}/versions/1/export.xlsx`);
    expect(workbook.status).toBe(200);
  });

  /** Card ids in the order the storage holds them: file offset on SQLite, ctid on PostgreSQL. */
  async function physicalOrder(dialect: 'sqlite' | 'postgres', cardIds: string[]): Promise<string[]> {
    const { db, url } = database();
    if (dialect === 'postgres') {
      const rows = await sql<{ card_id: string; ctid: string }>`
        select card_id, min(ctid::text) as ctid from ratings where campaign_id = ${campaign.id} and rater_type = 'peer'
        group by card_id`.execute(db);
      const position = (ctid: string) => {
        const [page, item] = ctid.slice(1, -1).split(',').map(Number);
        return page! * 10_000 + item!;
      };
      return rows.rows.sort((a, b) => position(a.ctid) - position(b.ctid)).map((row) => row.card_id);
    }
    const file = readFileSync(sqlitePath(url));
    const first = new Map(cardIds.map((id) => [id, offsetsOf(file, Buffer.from(id))[0] ?? Infinity]));
    return [...first].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }
});
