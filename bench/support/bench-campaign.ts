import type { BallotToken } from '../../test/support/code-token.ts';
import { openDatabase } from '../../server/db/database.ts';
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
 * Prepared before the server starts; the server then finds its secret in the database as usual.
 */
export async function prepareBenchDatabase(
  url: string,
  counts: CodeCounts,
): Promise<{ campaign: LoadCampaign; codes: LoadCode[] }> {
  const { db, close } = openDatabase(url);
  try {
    await migrateToLatest(db);
    const { key: secret } = await loadServerKey(db, { configured: undefined, keyFile: defaultKeyFile(url) });
    await seedDemoIfEmpty(db, new Date(), secret);
    const campaign = await loadDemoCampaign(db);
    await allowOpenRatingLoad(db, campaign.campaignId);
    const codes = await issueLoadCodes(db, secret, campaign, counts, BENCH_LABEL);
    return { campaign, codes };
  } finally {
    await close();
  }
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
