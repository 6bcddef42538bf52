import { evidenceStoreFromConfig } from '../../server/evidence/evidence-store.ts';
import type { BallotToken } from '../../test/support/code-token.ts';
import { openDatabase, type Db } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { seededRandom } from '../../server/seed/demo-answers.ts';
import { seedDemoIfEmpty } from '../../server/seed/demo.ts';
import { defaultKeyFile, loadServerKey } from '../../server/startup/server-key.ts';
import {
  allowOpenRatingLoad,
  codeBallot,
  issueLoadCodes,
  loadDemoCampaign,
  openBallot,
  type CodeCounts,
  type LoadCampaign,
  type LoadCode,
} from '../../test/support/ballot-load.ts';
import type { BallotKind } from './load.ts';

export const BENCH_LABEL = 'bench-load';

/**
 * The database a submission benchmark runs against: the demo city and campaign (30 units, all three
 * rater types, the demo's few hundred ballots), open rating allowed from one address, and fresh codes.
 * Prepared before the server starts; the server then finds its key as usual (the key file beside a
 * SQLite file, or `serverKey` — which every server started on the database must then get as SERVER_KEY,
 * as on PostgreSQL, where there is no file to put beside it).
 */
export async function prepareBenchDatabase(
  url: string,
  counts: CodeCounts,
  options: { serverKey?: string } = {},
): Promise<{ campaign: LoadCampaign; codes: LoadCode[] }> {
  const { db, close } = openDatabase(url);
  try {
    await migrateToLatest(db);
    const { key: secret } = await loadServerKey(db, {
      configured: options.serverKey,
      keyFile: defaultKeyFile(url),
    });
    await seedDemoIfEmpty(db, new Date(), secret, evidenceStoreFromConfig({ DATABASE_URL: url }));
    const campaign = await loadDemoCampaign(db);
    await allowOpenRatingLoad(db, campaign.campaignId);
    await widenOpenRatingWindow(db, campaign.campaignId);
    const codes = await issueLoadCodes(db, secret, campaign, counts, BENCH_LABEL);
    return { campaign, codes };
  } finally {
    await close();
  }
}

/**
 * Every load comes from 127.0.0.1: allowOpenRatingLoad lets one address cast 100,000 ballots an hour (the
 * settings' maximum), which a fast server reaches within one benchmark. The shortest window the settings
 * allow, one minute, makes it 100,000 a minute.
 */
async function widenOpenRatingWindow(db: Db, campaignId: number): Promise<void> {
  const row = await db
    .selectFrom('campaigns')
    .select('settings')
    .where('id', '=', campaignId)
    .executeTakeFirstOrThrow();
  const settings = JSON.parse(row.settings) as {
    access: { openRating: { perAddress: { max: number; windowHours: number } } };
  };
  settings.access.openRating.perAddress.windowHours = 1 / 60;
  await db
    .updateTable('campaigns')
    .set({ settings: JSON.stringify(settings) })
    .where('id', '=', campaignId)
    .execute();
}

/** Ballot bodies built ahead of the run, so the load generator only sends them. */
export class BallotBodies {
  private readonly random = seededRandom(2026);
  private readonly byKind: Record<Exclude<BallotKind, 'recipient-qr'>, LoadCode[]>;
  private qrUnit = 0;

  constructor(
    private readonly campaign: LoadCampaign,
    codes: LoadCode[],
    /** Every code's token, exchanged before the run (as the page does before it sends a ballot). */
    private readonly tokens: ReadonlyMap<string, BallotToken>,
  ) {
    this.byKind = {
      superior: codes.filter((c) => c.raterType === 'superior'),
      peer: codes.filter((c) => c.raterType === 'peer'),
      'recipient-code': codes.filter((c) => c.raterType === 'recipient'),
    };
  }

  /** `count` bodies of one kind, or drawn from a mix by weight. */
  build(count: number, mix: Partial<Record<BallotKind, number>>): Array<{ kind: BallotKind; body: string }> {
    const kinds = Object.entries(mix) as Array<[BallotKind, number]>;
    const total = kinds.reduce((sum, [, weight]) => sum + weight, 0);
    return Array.from({ length: count }, () => {
      let pick = this.random() * total;
      const kind = kinds.find(([, weight]) => (pick -= weight) < 0)?.[0] ?? kinds[0]![0];
      return { kind, body: JSON.stringify(this.body(kind)) };
    });
  }

  /**
   * A feeder that builds each ballot as it is asked for, for as long as asked: for timed runs, of ballots
   * by QR code (they need no code, so there is no stock to run out of).
   */
  endless(kind: 'recipient-qr'): () => { kind: BallotKind; body: string } {
    return () => ({ kind, body: JSON.stringify(this.body(kind)) });
  }

  private body(kind: BallotKind) {
    if (kind === 'recipient-qr') {
      const unitId = this.campaign.unitIds[this.qrUnit++ % this.campaign.unitIds.length]!;
      return openBallot(this.campaign, unitId, this.random);
    }
    const code = this.byKind[kind].pop();
    if (!code) throw new Error(`the benchmark ran out of ${kind} codes: issue more`);
    return codeBallot(this.campaign, code, this.tokens.get(code.code)!, this.random);
  }
}

/** A feeder for ballotRequests(): hands out pre-built bodies in order. */
export function feeder(bodies: Array<{ kind: BallotKind; body: string }>) {
  let next = 0;
  return () => {
    const item = bodies[next++];
    if (!item) throw new Error('the benchmark sent more ballots than it built');
    return item;
  };
}
