import type { RaterType } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import { shuffleInPlace } from '../crypto/shuffle.ts';
import type { Db } from '../db/database.ts';
import { inboxDays } from '../problem-inbox/inbox-days.ts';
import { insertReportFollowups } from '../followups/followups.repository.ts';
import { insertCards } from './ballot-cards.ts';
import { openInboxRecord, type SealedBallot, type SealedProblem } from './ballot-inbox.ts';
import {
  addBallotCounts,
  addQualityCounts,
  campaignsWithWaitingRecords,
  insertProblemReports,
  insertRaterComments,
} from './ballots.repository.ts';

// The mixer opens a campaign's inbox and writes what it holds in random order, in one transaction:
// - leaders' and peers' ballots only when the campaign closes (`force`), all of a rater type at once: so
//   neither the stored rows nor the database's log ever holds a smaller set of their cards than the whole
//   campaign's, and no batch shows which units' peers it came from. Nobody sees a figure before close
//   (decision 011), so nothing waits for them;
// - recipients' problem reports in batches of at least three, dropping the sealed nothings: every
//   recipient ballot since the last run wrote one record, so a report hides among all of them.
// Closing runs it with `force` inside the close-time work (ballot-seal.ts).

export const PROBLEMS_PER_BATCH = 3;

type MixDeps = Pick<AppDeps, 'dialect' | 'secret'>;

/** Mixes what is ready (everything that waits when `force`); returns how many records it opened and removed. */
export async function mixInbox(deps: MixDeps, db: Db, campaignId: number, force: boolean): Promise<number> {
  const run = async (trx: Db) => {
    const rows = await trx
      .selectFrom('ballot_inbox')
      .select(['id', 'rater_type', 'sealed'])
      .where('campaign_id', '=', campaignId)
      // Before close only the recipients' records are opened: leaders' and peers' ballots wait sealed.
      .$if(!force, (q) => q.where('rater_type', '=', 'recipient'))
      .$if(deps.dialect === 'postgres', (q) => q.forUpdate().skipLocked())
      .execute();
    const ballots = new Map<RaterType, { ids: string[]; contents: SealedBallot[] }>();
    const problems: { ids: string[]; contents: SealedProblem[] } = { ids: [], contents: [] };
    const nothings: string[] = [];
    for (const row of rows) {
      const content = openInboxRecord(deps.secret, row.sealed);
      if (content.kind === 'none') nothings.push(row.id);
      else if (content.kind === 'problem') {
        problems.ids.push(row.id);
        problems.contents.push(content);
      } else {
        const group = ballots.get(row.rater_type) ?? { ids: [], contents: [] };
        group.ids.push(row.id);
        group.contents.push(content);
        ballots.set(row.rater_type, group);
      }
    }
    const done = [...nothings];
    for (const [raterType, group] of ballots) {
      await writeBallots(trx, campaignId, raterType, group.contents);
      done.push(...group.ids);
    }
    if (force || problems.contents.length >= PROBLEMS_PER_BATCH) {
      const days = await inboxDays(trx, new Date());
      const reports = shuffleInPlace(problems.contents);
      const reportIds = await insertProblemReports(trx, campaignId, reports, days);
      // Their follow-up codes' hashes, with the batch: the SMS with a code goes out after it commits.
      await insertReportFollowups(trx, deps.secret, reports, reportIds, days.receivedOn);
      done.push(...problems.ids);
    }
    for (let start = 0; start < done.length; start += 500) {
      await trx
        .deleteFrom('ballot_inbox')
        .where('id', 'in', done.slice(start, start + 500))
        .execute();
    }
    return done.length;
  };
  // Inside a caller's transaction (the close-time rewrite) it joins it; otherwise it is its own.
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

async function writeBallots(trx: Db, campaignId: number, raterType: RaterType, ballots: SealedBallot[]) {
  await insertCards(trx, campaignId, raterType, shuffleInPlace(ballots.flatMap((ballot) => ballot.cards)));
  const comments = ballots.flatMap((ballot) => ballot.comments);
  await insertRaterComments(trx, campaignId, raterType, shuffleInPlace(comments));
  const rated = ballots.filter((ballot) => ballot.cards.length > 0).length;
  await addBallotCounts(trx, campaignId, raterType, ballots.length, rated);
  const flags = new Map<string, number>();
  for (const ballot of ballots) for (const flag of ballot.flags) flags.set(flag, (flags.get(flag) ?? 0) + 1);
  await addQualityCounts(trx, campaignId, raterType, flags);
}

/** How soon after a ballot goes into the inbox the mixer looks at it: often enough that batches fill promptly. */
const MIX_DELAY_MS = 2_000;

/**
 * Runs the mixer a little after ballots go into the inbox, off the request's path, one run at a time per
 * process (several app servers on PostgreSQL skip each other's locked rows). A failure is logged; the
 * records wait for the next run, the next start or the close.
 */
export class InboxMixer {
  private readonly dirty = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly deps: MixDeps & Pick<AppDeps, 'db' | 'logger'>) {}

  /** After a restart: look at every campaign that has records waiting. */
  async resume(): Promise<void> {
    for (const campaignId of await campaignsWithWaitingRecords(this.deps.db)) this.nudge(campaignId);
  }

  nudge(campaignId: number): void {
    this.dirty.add(campaignId);
    if (this.timer === null) {
      this.timer = setTimeout(() => void this.flush(), MIX_DELAY_MS);
      this.timer.unref();
    }
  }

  /** Mixes every campaign nudged so far, now; resolves when done (tests and shutdown wait on it). */
  flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const campaigns = [...this.dirty];
    this.dirty.clear();
    this.running = this.running.then(async () => {
      for (const campaignId of campaigns) {
        try {
          await mixInbox(this.deps, this.deps.db, campaignId, false);
        } catch (error) {
          this.deps.logger.error('mixing the ballot inbox failed', {
            campaignId,
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
    });
    return this.running;
  }
}
