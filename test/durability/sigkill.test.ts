import { evidenceStoreFromConfig } from '../../server/evidence/evidence-store.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { seededRandom } from '../../server/seed/demo-answers.ts';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { defaultKeyFile, loadServerKey } from '../../server/startup/server-key.ts';
import {
  codeBallot,
  exchangeTokens,
  issueLoadCodes,
  loadCounts,
  loadDemoCampaign,
  type BallotBody,
  type LoadCampaign,
  type LoadCode,
} from '../support/ballot-load.ts';
import type { BallotToken } from '../support/code-token.ts';
import { startServerProcess, type ServerProcess } from '../support/server-process.ts';

/**
 * Kills the real server with SIGKILL in the middle of a submission load, several times, restarting it
 * on the same SQLite file each time, and checks what decision 009 promises: an acknowledged ballot is
 * stored exactly once, a token is spent if and only if its ballot is stored, and a retry of a ballot
 * whose answer was lost in the crash is safe. The codes are exchanged for tokens first (decision 011),
 * as the respondent pages do before they send a ballot. SIGKILL tests a process crash; a power cut is covered by
 * synchronous=FULL, which no test here can simulate (docs/decisions/009-durability.md).
 */

const LABEL = 'durability-load';
const ROUNDS = 3;
const WORKERS = 12;
/** Acknowledged ballots per round before the kill: enough that many commits are in flight. */
const ACKS_BEFORE_KILL = [150, 220, 290];

interface Acked {
  receipt: string;
  body: BallotBody;
}

describe('durability: the server is killed with SIGKILL during a submission load', () => {
  let dir: string;
  let url: string;
  let campaign: LoadCampaign;
  let codes: LoadCode[];
  let ballotsBefore: number;
  let tokens: Map<string, BallotToken> | null = null;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pingyi-durability-'));
    url = `file:${join(dir, 'durability.sqlite')}`;
    const { db, close } = openDatabase(url);
    try {
      await migrateToLatest(db);
      const { key: secret } = await loadServerKey(db, { configured: undefined, keyFile: defaultKeyFile(url) });
      await seedDemoIfEmpty(db, new Date(), secret, evidenceStoreFromConfig({ DATABASE_URL: url }));
      campaign = await loadDemoCampaign(db);
      codes = await issueLoadCodes(db, secret, campaign, { superior: 90, peer: 150, recipient: 1260 }, LABEL);
      ballotsBefore = (await loadCounts(db, campaign.campaignId, LABEL)).ballots;
    } finally {
      await close();
    }
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (base: string, body: unknown) =>
    fetch(`${base}/api/ballots`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const counts = async () => {
    const { db, close } = openDatabase(url);
    try {
      const found = await loadCounts(db, campaign.campaignId, LABEL);
      return { stored: found.ballots - ballotsBefore, spent: found.tokens };
    } finally {
      await close();
    }
  };

  it('keeps every acknowledged ballot exactly once and every token spent if and only if its ballot is stored', async () => {
    const random = seededRandom(8);
    const acked: Acked[] = [];
    const unexpected: string[] = [];
    let inFlight: BallotBody[] = [];
    let next = 0;

    for (let round = 0; round <= ROUNDS; round += 1) {
      server = await startServerProcess({ DATABASE_URL: url, DEMO: 'off' });
      const base = server.baseUrl;
      const exchanged = (tokens ??= await exchangeTokens(base, codes));

      // Straight after recovery, before anything is retried: the token/ballot pairing held through the crash.
      const recovered = await counts();
      expect(recovered.stored).toBe(recovered.spent);
      expect(recovered.stored).toBeGreaterThanOrEqual(acked.length);
      expect(recovered.stored).toBeLessThanOrEqual(acked.length + inFlight.length);

      // Requests whose answer the crash swallowed: the page retries them with the same submission id.
      const outcomes = { stored: 0, notStored: 0 };
      for (const body of inFlight) {
        const response = await post(base, body);
        const answer = (await response.json()) as { receipt?: string };
        if (response.status === 200) outcomes.stored += 1;
        else if (response.status === 201) outcomes.notStored += 1;
        else unexpected.push(`retry after crash: ${response.status} ${JSON.stringify(answer)}`);
        if (answer.receipt) acked.push({ receipt: answer.receipt, body });
      }
      if (round > 0)
        process.stdout.write(
          `durability round ${round}: ${inFlight.length} requests in flight at SIGKILL; on retry ${outcomes.stored} were already stored, ${outcomes.notStored} were not\n`,
        );
      inFlight = [];
      if (round === ROUNDS) break;

      const threshold = acked.length + (ACKS_BEFORE_KILL[round] ?? 200);
      let killed = false;
      const worker = async () => {
        while (!killed && next < codes.length) {
          const code = codes[next++]!;
          const body = codeBallot(campaign, code, exchanged.get(code.code)!, random);
          try {
            const response = await post(base, body);
            const answer = (await response.json()) as { receipt?: string };
            if (response.status === 201 && answer.receipt) acked.push({ receipt: answer.receipt, body });
            else unexpected.push(`${response.status} ${JSON.stringify(answer)}`);
          } catch {
            // No answer: the server died with this request in flight. Stored or not, nobody was told.
            if (killed) inFlight.push(body);
            else unexpected.push('connection failed before the kill');
          }
          if (!killed && acked.length >= threshold) {
            killed = true;
            server?.child.kill('SIGKILL');
          }
        }
      };
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        server?.child.once('exit', (_code, signal) => resolve(signal)),
      );
      await Promise.all(Array.from({ length: WORKERS }, worker));
      expect(killed, 'the load ran out of codes before the kill').toBe(true);
      expect(await exited).toBe('SIGKILL');
      server = null;
    }

    expect(unexpected).toEqual([]);
    const final = await counts();
    // Every token the load used (acknowledged, or retried after a crash) has exactly one ballot.
    expect(final.spent).toBe(next);
    expect(final.stored).toBe(next);
    expect(acked).toHaveLength(next);

    const sqlite = new SQLite(url.replace(/^file:/, ''), { readonly: true });
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const receipts = acked.map((a) => a.receipt);
      const found = new Map<string, number>();
      for (let start = 0; start < receipts.length; start += 500) {
        const chunk = receipts.slice(start, start + 500);
        const rows = sqlite
          .prepare(
            `select receipt, count(*) as n from (select receipt from ballots union all select receipt from receipts) ` +
              `where receipt in (${chunk.map(() => '?').join(',')}) group by receipt`,
          )
          .all(...chunk) as Array<{ receipt: string; n: number }>;
        for (const row of rows) found.set(row.receipt, row.n);
      }
      expect(receipts.filter((r) => found.get(r) !== 1)).toEqual([]);
    } finally {
      sqlite.close();
    }

    // An acknowledged ballot's token stays spent; a retry of it returns the first receipt and stores nothing.
    const base = server!.baseUrl;
    for (const { receipt, body } of acked.slice(0, 10)) {
      const again = await post(base, body);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ receipt, replayed: true });
      const reused = await post(base, { ...body, submissionId: crypto.randomUUID() });
      expect(reused.status).toBe(409);
      expect(await reused.json()).toMatchObject({ error: { code: 'code_spent' } });
    }
    expect((await counts()).stored).toBe(next);
    // About 50 s alone; up to twice that while the rest of the suite shares the machine's two cores.
  }, 300_000);
});
