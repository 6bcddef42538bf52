import pg from 'pg';
import { expect, it } from 'vitest';
import { pruneExpired, startPruning } from '../../server/housekeeping/pruning.ts';
import { createLogger } from '../../server/logger.ts';
import { describeEachDialect } from '../support/test-db.ts';

describeEachDialect('scheduled pruning', (database) => {
  const now = new Date();
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

  const seed = async () => {
    const { db } = database();
    await db.deleteFrom('sessions').execute();
    await db.deleteFrom('rate_counters').execute();
    await db.deleteFrom('spent_challenges').execute();
    const user = await db
      .insertInto('users')
      .values({
        username: `pruned-${Math.random().toString(36).slice(2, 8)}`,
        display_name: 'x',
        role: 'leader',
        unit_id: null,
        password_hash: '!',
        must_change_password: 0,
        disabled: 0,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('sessions')
      .values([
        { id: 'expired-session', user_id: user.id, created_at: at(-800), expires_at: at(-1) },
        { id: 'live-session', user_id: user.id, created_at: at(-10), expires_at: at(700) },
      ])
      .execute();
    const counter = (key: string, start: string, expires: string | null) => ({
      scope: 'login-address',
      key_hash: key,
      window_start: start,
      count: 3,
      expires_at: expires,
    });
    await db
      .insertInto('rate_counters')
      .values([
        counter('ended', at(-30), at(-15)),
        counter('running', at(-5), at(10)),
        counter('legacy-old', at(-91 * 24 * 60), null),
        counter('legacy-recent', at(-60), null),
      ])
      .execute();
    await db
      .insertInto('spent_challenges')
      .values([
        { nonce_hash: 'expired-challenge', uses: 1, expires_at: at(-1) },
        { nonce_hash: 'live-challenge', uses: 1, expires_at: at(9) },
      ])
      .execute();
  };
  const left = async () => {
    const { db } = database();
    return {
      sessions: (await db.selectFrom('sessions').select('id').orderBy('id').execute()).map((r) => r.id),
      counters: (await db.selectFrom('rate_counters').select('key_hash').orderBy('key_hash').execute()).map(
        (r) => r.key_hash,
      ),
      challenges: (await db.selectFrom('spent_challenges').select('nonce_hash').execute()).map((r) => r.nonce_hash),
    };
  };

  it('deletes expired sessions, ended rate counters and expired challenges, and nothing live', async () => {
    await seed();
    const report = await pruneExpired(database().db, database().dialect, now);
    expect(report).toEqual({ ran: true, sessions: 1, rateCounters: 2, challenges: 1 });
    expect(await left()).toEqual({
      sessions: ['live-session'],
      counters: ['legacy-recent', 'running'],
      challenges: ['live-challenge'],
    });
  });

  it('runs on its own schedule until stopped', async () => {
    await seed();
    const pruning = startPruning({ ...database(), logger: createLogger('silent') }, 50);
    try {
      for (let i = 0; i < 100 && (await left()).sessions.length > 1; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await pruning.stop();
    }
    expect((await left()).sessions).toEqual(['live-session']);
  });

  it('prunes on one app server at a time (PostgreSQL advisory lock)', async () => {
    if (database().dialect !== 'postgres') return;
    await seed();
    // Another app server in the middle of its round holds the lock.
    const other = new pg.Client({ connectionString: database().url });
    await other.connect();
    try {
      await other.query(`select pg_advisory_lock(hashtext('pingyi.pruning'))`);
      expect(await pruneExpired(database().db, 'postgres', now)).toEqual({ ran: false });
      expect((await left()).sessions).toHaveLength(2);
      await other.query(`select pg_advisory_unlock(hashtext('pingyi.pruning'))`);
      expect(await pruneExpired(database().db, 'postgres', now)).toMatchObject({ ran: true, sessions: 1 });
    } finally {
      await other.end();
    }
  });
});
