import { randomUUID } from 'node:crypto';
import { Migrator, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { DatabaseHandle } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { migrations } from '../../server/db/migrations/index.ts';
import { createTestDatabase, describeEachDialect } from '../support/test-db.ts';

/**
 * Migration 0006 turns ballots stored the old way (every rating under its ballot's id, problem reports in
 * the answers) into unlinked cards (decision 011), on a database that was at 0005.
 */
describeEachDialect('migration 0006: existing ballots become unlinked cards', (test) => {
  const peerBallot = randomUUID();
  const recipientBallot = randomUUID();

  it('splits a peer ballot into cards that share nothing, moves a problem report out, and keeps the results', async () => {
    // The suite's database is at the latest version already: this needs one that stopped at 0005.
    const fresh = await freshAt0005(test().dialect);
    try {
      const old = fresh.db as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const now = new Date().toISOString();
      await old
        .insertInto('categories')
        .values({ code: 'c', name: 'c', name_en: 'c', ranked: 1, sort_order: 0 })
        .execute();
      const units = [];
      for (const code of ['A', 'B', 'C']) {
        const row = await old
          .insertInto('units')
          .values({
            code,
            name: code,
            name_en: code,
            level: 'department',
            parent_id: null,
            category_id: null,
            sort_order: 0,
            active: 1,
            created_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        units.push(row.id as number);
      }
      const q = await old
        .insertInto('questionnaires')
        .values({ family: 'f', version: 1, rater_type: 'peer', title: 't', definition: '{}', created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const campaign = await old
        .insertInto('campaigns')
        .values({
          slug: 's',
          name: 's',
          name_en: 's',
          status: 'open',
          starts_at: now,
          ends_at: now,
          settings: '{}',
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const ballot = (id: string, raterType: string, target: number | null, answers: object, flags: string | null) => ({
        id,
        campaign_id: campaign.id,
        rater_type: raterType,
        questionnaire_id: q.id,
        target_unit_id: target,
        receipt: id.slice(0, 10),
        submission_hash: id,
        submitted_hour: now,
        answers: JSON.stringify(answers),
        flags,
      });
      await old
        .insertInto('ballots')
        .values(ballot(peerBallot, 'peer', null, { comment: '同级意见' }, '["too_fast"]'))
        .execute();
      await old
        .insertInto('ballots')
        .values(
          ballot(
            recipientBallot,
            'recipient',
            units[0]!,
            { overall: 5, problemDescription: '排队太久', problemContact: '13800138000' },
            null,
          ),
        )
        .execute();
      const rating = (ballotId: string, raterType: string, unitId: number, item: string, points: number) => ({
        ballot_id: ballotId,
        campaign_id: campaign.id,
        rater_type: raterType,
        unit_id: unitId,
        item,
        points,
      });
      await old
        .insertInto('ratings')
        .values([
          rating(peerBallot, 'peer', units[1]!, 'cooperation', 80),
          rating(peerBallot, 'peer', units[1]!, 'bigPicture', 60),
          rating(peerBallot, 'peer', units[2]!, 'cooperation', 100),
          rating(recipientBallot, 'recipient', units[0]!, 'overall', 100),
        ])
        .execute();

      await migrateToLatest(fresh.db);

      const cards = await old.selectFrom('ratings').selectAll().where('rater_type', '=', 'peer').execute();
      expect(cards).toHaveLength(3);
      const byUnit = new Map<number, Set<string>>();
      for (const card of cards) byUnit.set(card.unit_id, (byUnit.get(card.unit_id) ?? new Set()).add(card.card_id));
      const [b, c] = [byUnit.get(units[1]!)!, byUnit.get(units[2]!)!];
      expect(b.size).toBe(1);
      expect([...b][0]).not.toBe([...c][0]);
      expect(JSON.stringify(cards)).not.toContain(peerBallot);
      expect(await old.selectFrom('ballots').select('id').where('rater_type', '=', 'peer').execute()).toEqual([]);
      expect(await old.selectFrom('ballot_counts').select(['rater_type', 'received', 'rated']).execute()).toEqual([
        { rater_type: 'peer', received: 1, rated: 1 },
      ]);
      expect(await old.selectFrom('quality_counts').select(['flag', 'ballots']).execute()).toEqual([
        { flag: 'too_fast', ballots: 1 },
      ]);
      expect(await old.selectFrom('rater_comments').select('text').execute()).toEqual([{ text: '同级意见' }]);
      expect((await old.selectFrom('receipts').select('receipt').execute()).map((r) => r.receipt)).toEqual([
        peerBallot.slice(0, 10),
      ]);

      const recipient = await old
        .selectFrom('ballots')
        .select('answers')
        .where('id', '=', recipientBallot)
        .executeTakeFirstOrThrow();
      expect(JSON.parse(recipient.answers)).toEqual({ overall: 5 });
      expect(await old.selectFrom('problem_reports').select(['unit_id', 'description', 'contact']).execute()).toEqual([
        { unit_id: units[0], description: '排队太久', contact: '13800138000' },
      ]);
      // Card scores became card tallies (0008): one card of each shape per unit.
      const shapes = await old
        .selectFrom('card_tallies')
        .select(['unit_id', 'points', 'answers', 'n'])
        .orderBy('unit_id')
        .execute();
      expect(shapes.map((s) => [s.unit_id, Number(s.points), Number(s.answers), Number(s.n)])).toEqual([
        [units[0], 100, 1, 1],
        [units[1], 140, 2, 1],
        [units[2], 100, 1, 1],
      ]);
    } finally {
      await fresh.close();
    }
  });
});

/** A new database of the dialect, migrated to 0005 only. */
async function freshAt0005(dialect: 'sqlite' | 'postgres'): Promise<DatabaseHandle> {
  const handle = await createTestDatabase(dialect, false);
  const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo('0005_publications');
  if (error) throw error;
  return handle;
}
