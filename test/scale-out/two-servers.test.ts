import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '../../server/auth/password.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/database.ts';
import { seededRandom } from '../../server/seed/demo-answers.ts';
import {
  codeBallot,
  keyClassOf,
  loadCounts,
  loadDemoCampaign,
  openBallot,
  type LoadCampaign,
  type LoadCode,
} from '../support/ballot-load.ts';
import type { BallotToken, CodeSession } from '../support/code-token.ts';
import { fastBlind } from '../support/fast-blind.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/**
 * Two app processes on different ports share one PostgreSQL database, as behind a load balancer
 * (docs/deploy.md). Everything that must hold across processes lives in the database: code spending,
 * idempotent submission, sessions and rate limits.
 */

const postgresUrl = inject('postgresUrl');
const skip = postgresUrl === '';
if (skip) process.stderr.write('!! SKIPPED (no PostgreSQL cluster): scale-out with two app servers\n');

const LABEL = 'scale-out-load';
const ADMIN = { username: 'scaleout-admin', password: 'scale-out test password 1' };
const WORKERS = 16;

interface Answer {
  status: number;
  body: { receipt?: string; replayed?: boolean; error?: { code: string } };
}

(skip ? describe.skip : describe)('scale-out: two app servers on one PostgreSQL database', () => {
  let url: string;
  let a: ServerProcess;
  let b: ServerProcess;
  let database: DatabaseHandle;
  let campaign: LoadCampaign;
  let cookie: string;

  beforeAll(async () => {
    const name = `pingyi_scaleout_${randomUUID().slice(0, 8)}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
    url = postgresUrl.replace(/\/[^/]*$/, `/${name}`);
    // A migrates the empty database and seeds the demo; B then starts beside the running A (its
    // migrator finds nothing to do). Starting both on an *empty* database at the same instant is not
    // safe yet: both try to create the first administrator (see docs/deploy.md).
    // Every app server of one database shares its server key (decision 011; docs/deploy.md).
    const key = `scale-out-${randomUUID()}-${randomUUID()}`;
    a = await startServerProcess({ DATABASE_URL: url, SERVER_KEY: key });
    b = await startServerProcess({ DATABASE_URL: url, SERVER_KEY: key });
    database = openDatabase(url);
    campaign = await loadDemoCampaign(database.db);
    await database.db
      .insertInto('users')
      .values({
        username: ADMIN.username,
        display_name: 'Scale-out admin',
        role: 'admin',
        unit_id: null,
        password_hash: await hashPassword(ADMIN.password),
        must_change_password: 0,
        disabled: 0,
        created_at: new Date().toISOString(),
      })
      .execute();
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.close();
  });

  const call = async (
    server: ServerProcess,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> => {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };

  it('accepts a session made on one server on the other', async () => {
    const response = await fetch(`${a.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(response.status).toBe(200);
    cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = await call(b, 'GET', '/api/auth/me', undefined, { cookie });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: ADMIN.username, role: 'admin' });
  });

  it(
    'spends each code once and stores each acknowledged ballot once when both servers get every code at the same time',
    { timeout: 90_000 },
    async () => {
      // Codes issued through both servers' API with the session made on A.
      const issue = async (
        server: ServerProcess,
        request: Record<string, unknown>,
        loadCode: Omit<LoadCode, 'code'>,
      ) => {
        const issued = await call(
          server,
          'POST',
          `/api/campaigns/${campaign.campaignId}/code-batches`,
          { ...request, label: LABEL },
          { cookie },
        );
        expect(issued.status).toBe(201);
        return (issued.body as unknown as { codes: string[] }).codes.map((code) => ({ code, ...loadCode }));
      };
      const units = campaign.unitIds;
      const codes: LoadCode[] = [
        ...(await issue(
          a,
          { raterType: 'superior', count: 40 },
          { raterType: 'superior', raterUnitId: null, targetUnitId: null },
        )),
        ...(await issue(
          b,
          { raterType: 'peer', raterUnitId: units[0], count: 30 },
          { raterType: 'peer', raterUnitId: units[0]!, targetUnitId: null },
        )),
        ...(await issue(
          a,
          { raterType: 'peer', raterUnitId: units[1], count: 30 },
          { raterType: 'peer', raterUnitId: units[1]!, targetUnitId: null },
        )),
      ];
      for (const [index, unitId] of units.slice(0, 10).entries()) {
        codes.push(
          ...(await issue(
            index % 2 ? a : b,
            { raterType: 'recipient', targetUnitId: unitId, count: 25 },
            { raterType: 'recipient', raterUnitId: null, targetUnitId: unitId },
          )),
        );
      }
      const before = await loadCounts(database.db, campaign.campaignId, LABEL);
      expect(before).toMatchObject({ codes: codes.length, spent: 0 });

      // Each code is exchanged on A and B at once, with two different blinded tokens: one exchange may win.
      const publicKeys = new Map<string, string>();
      for (const code of codes) {
        const keyClass = keyClassOf(code);
        if (!publicKeys.has(keyClass)) {
          const opened = await call(a, 'POST', '/api/respond/code', { code: code.code });
          publicKeys.set(keyClass, (opened.body as unknown as CodeSession).token.publicKey);
        }
      }
      const tokens = new Map<string, BallotToken>();
      const wrong: string[] = [];
      let nextExchange = 0;
      const exchanger = async () => {
        while (nextExchange < codes.length) {
          const code = codes[nextExchange++]!;
          const requests = [fastBlind(publicKeys.get(keyClassOf(code))!), fastBlind(publicKeys.get(keyClassOf(code))!)];
          const answers = await Promise.all([
            call(a, 'POST', '/api/tokens', { code: code.code, blindedMessage: requests[0]!.blindedMessage }),
            call(b, 'POST', '/api/tokens', { code: code.code, blindedMessage: requests[1]!.blindedMessage }),
          ]);
          const won = answers.map((x) => x.status === 200);
          const lost = answers.filter((x) => x.status === 409 && x.body.error?.code === 'code_spent').length;
          if (won.filter(Boolean).length !== 1 || lost !== 1) {
            wrong.push(`exchange of one code on both servers: ${JSON.stringify(answers)}`);
            continue;
          }
          const index = won.indexOf(true);
          const issued = answers[index]!.body as unknown as { keyClass: string; blindSignature: string };
          tokens.set(code.code, {
            keyClass: issued.keyClass,
            message: Buffer.from(requests[index]!.prepared).toString('base64url'),
            signature: Buffer.from(requests[index]!.finalize(issued.blindSignature)).toString('base64url'),
          });
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, exchanger));
      expect(wrong).toEqual([]);

      // Each token goes to A and B at once: half as one submission retried through the other server
      // (same submission id), half as two different ballots competing for the same token.
      const random = seededRandom(11);
      const outcomes: Array<{ sameSubmission: boolean; answers: [Answer, Answer] }> = [];
      let next = 0;
      const worker = async () => {
        while (next < codes.length) {
          const index = next++;
          const first = codeBallot(campaign, codes[index]!, tokens.get(codes[index]!.code)!, random);
          const sameSubmission = index % 2 === 0;
          const second = sameSubmission ? first : { ...first, submissionId: randomUUID() };
          const answers = await Promise.all([
            call(a, 'POST', '/api/ballots', first),
            call(b, 'POST', '/api/ballots', second),
          ]);
          outcomes.push({ sameSubmission, answers });
        }
      };
      await Promise.all(Array.from({ length: WORKERS }, worker));

      const receipts: string[] = [];
      const retries = { replayed: 0 };
      for (const { sameSubmission, answers } of outcomes) {
        const accepted = answers.filter((x) => x.status === 201);
        if (accepted.length !== 1) {
          wrong.push(`${accepted.length} acknowledgements for one token: ${JSON.stringify(answers)}`);
          continue;
        }
        receipts.push(accepted[0]!.body.receipt!);
        const other = answers.find((x) => x.status !== 201)!;
        const refusedAsSpent = other.status === 409 && other.body.error?.code === 'code_spent';
        if (!sameSubmission) {
          if (!refusedAsSpent) wrong.push(`competing ballots: ${JSON.stringify(answers)}`);
        } else if (other.status === 200 && other.body.receipt === accepted[0]!.body.receipt) {
          retries.replayed += 1; // the retry through the other server answers with the first receipt
        } else {
          wrong.push(`same submission: ${JSON.stringify(answers)}`);
        }
      }
      process.stdout.write(
        `scale-out: ${codes.length} codes, each exchanged and its ballot sent on both servers at once; same-submission retries: ${retries.replayed} answered with the first receipt\n`,
      );
      expect(wrong).toEqual([]);

      const after = await loadCounts(database.db, campaign.campaignId, LABEL);
      expect(after.spent).toBe(codes.length);
      expect(after.ballots - before.ballots).toBe(codes.length);
      const stored = [
        ...(await database.db.selectFrom('ballots').select(['receipt']).where('receipt', 'in', receipts).execute()),
        ...(await database.db.selectFrom('receipts').select(['receipt']).where('receipt', 'in', receipts).execute()),
      ];
      expect(stored.map((row) => row.receipt).sort()).toEqual([...receipts].sort());
    },
  );

  it('applies a device limit counted on one server on the other', async () => {
    // The campaign allows two ballots per device and unit (campaign settings, default); one on each server.
    const random = seededRandom(12);
    const unitId = campaign.unitIds[5]!;
    const ballot = openBallot(campaign, unitId, random);
    const again = () => ({ ...openBallot(campaign, unitId, random), deviceId: ballot.deviceId });
    expect((await call(a, 'POST', '/api/ballots', ballot)).status).toBe(201);
    expect((await call(b, 'POST', '/api/ballots', again())).status).toBe(201);
    const third = await call(a, 'POST', '/api/ballots', again());
    const fourth = await call(b, 'POST', '/api/ballots', again());
    expect([third.status, third.body.error?.code]).toEqual([429, 'rating_limit_reached']);
    expect([fourth.status, fourth.body.error?.code]).toEqual([429, 'rating_limit_reached']);
  });

  it('applies a sign-in limit counted on one server on the other', async () => {
    // Five wrong passwords per user name per fixed 15-minute window on A; B then asks for proof of work.
    // Should the window turn over mid-way, the count restarts; then try once more with a new name.
    const windowOf = () => Math.floor(Date.now() / (15 * 60 * 1000));
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const window = windowOf();
      const wrong = { username: `nobody-${randomUUID().slice(0, 8)}`, password: 'wrong password' };
      for (let i = 0; i < 5; i += 1) expect((await call(a, 'POST', '/api/auth/login', wrong)).status).toBe(401);
      const sixth = await call(b, 'POST', '/api/auth/login', wrong);
      if (windowOf() !== window) continue;
      expect([sixth.status, sixth.body.error?.code]).toEqual([429, 'proof_of_work_required']);
      return;
    }
    throw new Error('the rate-limit window turned over twice during the test');
  });

  it('ends a session everywhere when it is signed out on the other server', async () => {
    expect((await call(b, 'POST', '/api/auth/logout', {}, { cookie })).status).toBe(200);
    expect((await call(a, 'GET', '/api/auth/me', undefined, { cookie })).status).toBe(401);
  });
});
