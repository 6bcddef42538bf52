import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { emitWebhookEvent, subscribedTypes, type WebhookEventType } from './webhook-events.ts';

// The events no request announces (decision 019), found by scans each app server runs every minute:
// problems past their deadline, visit feedback past its limit, visits recorded, and each open campaign's
// ballot count after each hour. Each thing is announced once: the scan writes a mark in the same
// transaction as the event, and a mark another server wrote first makes the second write nothing.
// A scan runs only while some active endpoint takes its event type.

/** Open problems: filed and not closed (problems/problem-states.ts OPEN_STATES; not imported, no cycle). */
const OPEN_PROBLEM_STATES = ['filed', 'in_progress', 'claimed'] as const;
/** Visit problems whose person is owed feedback within a limit. */
const FEEDBACK_OUTCOMES = ['transferred', 'hotline'] as const;
/** How far back the visit scan looks for visits not yet announced. */
const VISIT_LOOKBACK_MS = 2 * 24 * 3600_000;
const CHINA_OFFSET_MS = 8 * 3600_000;

function chinaDay(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

async function markedSubjects(db: Db, scan: string): Promise<Set<string>> {
  const rows = await db.selectFrom('webhook_scan_marks').select('subject').where('scan', '=', scan).execute();
  return new Set(rows.map((row) => row.subject));
}

/** Writes the mark and the event together; false when another server marked it first. */
async function announceOnce(
  db: Db,
  type: WebhookEventType,
  subject: string,
  data: Record<string, unknown>,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('webhook_scan_marks')
      .values({ scan: type, subject, value: '1', updated_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['scan', 'subject']).doNothing())
      .returning('scan')
      .executeTakeFirst();
    if (!inserted) return false;
    await emitWebhookEvent(trx, type, data, now);
    return true;
  });
}

/** Announces each row not yet marked for `type`, once; how many this server announced. */
async function announceNew<Row extends { id: number }>(
  db: Db,
  type: WebhookEventType,
  rows: readonly Row[],
  dataOf: (row: Row) => Record<string, unknown> | Promise<Record<string, unknown>>,
  now: Date,
): Promise<number> {
  const marked = await markedSubjects(db, type);
  let count = 0;
  for (const row of rows) {
    if (marked.has(String(row.id))) continue;
    if (await announceOnce(db, type, String(row.id), await dataOf(row), now)) count += 1;
  }
  return count;
}

async function overdueProblems(db: Db, now: Date): Promise<number> {
  const rows = await db
    .selectFrom('problems as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.unit_id', 'u.name as unit_name', 'p.campaign_id', 'p.source', 'p.state', 'p.deadline'])
    .where('p.state', 'in', OPEN_PROBLEM_STATES)
    .where('p.deadline', 'is not', null)
    .where('p.deadline', '<', chinaDay(now))
    .execute();
  return announceNew(
    db,
    'problem.overdue',
    rows,
    (row) => ({
      problemId: row.id,
      unitId: row.unit_id,
      unitName: row.unit_name,
      campaignId: row.campaign_id,
      source: row.source,
      state: row.state,
      deadline: row.deadline,
    }),
    now,
  );
}

async function overdueFeedback(db: Db, now: Date): Promise<number> {
  const rows = await db
    .selectFrom('visit_problems as p')
    .innerJoin('visits as v', 'v.id', 'p.visit_id')
    .select(['p.id', 'p.visit_id', 'v.team_id', 'p.outcome', 'p.unit_id', 'p.hotline_ticket', 'p.feedback_due_on'])
    .where('p.outcome', 'in', FEEDBACK_OUTCOMES)
    .where('p.fed_back_on', 'is', null)
    .where('p.feedback_due_on', 'is not', null)
    .where('p.feedback_due_on', '<', chinaDay(now))
    .execute();
  return announceNew(
    db,
    'visit.feedback_overdue',
    rows,
    (row) => ({
      visitProblemId: row.id,
      visitId: row.visit_id,
      teamId: row.team_id,
      outcome: row.outcome,
      unitId: row.unit_id,
      hotlineTicket: row.hotline_ticket,
      feedbackDueOn: row.feedback_due_on,
    }),
    now,
  );
}

async function recordedVisits(db: Db, now: Date): Promise<number> {
  const rows = await db
    .selectFrom('visits as v')
    .leftJoin('visit_teams as t', 't.id', 'v.team_id')
    .leftJoin('visit_enterprises as e', 'e.id', 'v.enterprise_id')
    .leftJoin('visit_villages as g', 'g.id', 'v.village_id')
    .select([
      'v.id',
      'v.team_id',
      't.name as team_name',
      'v.visited_on',
      'v.target_kind',
      'v.enterprise_id',
      'e.name as enterprise_name',
      'v.village_id',
      'g.name as village_name',
      'v.households_count',
      'v.created_at',
    ])
    .where('v.created_at', '>=', new Date(now.getTime() - VISIT_LOOKBACK_MS).toISOString())
    .where('v.created_at', '<=', now.toISOString())
    .orderBy('v.id')
    .execute();
  return announceNew(
    db,
    'visit.recorded',
    rows,
    async (row) => {
      const outcomes = await db
        .selectFrom('visit_problems')
        .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
        .where('visit_id', '=', row.id)
        .groupBy('outcome')
        .execute();
      return {
        visitId: row.id,
        teamId: row.team_id,
        teamName: row.team_name,
        visitedOn: row.visited_on,
        targetKind: row.target_kind,
        enterpriseId: row.enterprise_id,
        enterpriseName: row.enterprise_name,
        villageId: row.village_id,
        villageName: row.village_name,
        households: row.households_count,
        problems: Object.fromEntries(outcomes.map((o) => [o.outcome, Number(o.n)])),
        recordedAt: row.created_at,
      };
    },
    now,
  );
}

/** What the hourly scan remembers of a campaign: counted through `through`, `reported` announced so far. */
interface HourlyMark {
  through: string;
  reported: number;
  since: string;
}

function hourOf(instant: Date | string): string {
  const at = new Date(instant);
  at.setUTCMinutes(0, 0, 0);
  return at.toISOString();
}

/** Ballots accepted so far: recipients' ballot rows, mixed many-unit ballots, and those still sealed. */
async function acceptedTotal(db: Db, campaignId: number): Promise<number> {
  const row = await sql<{ n: number | string }>`select
      (select count(*) from ballots where campaign_id = ${campaignId})
    + (select coalesce(sum(received), 0) from ballot_counts where campaign_id = ${campaignId})
    + (select count(*) from ballot_inbox where campaign_id = ${campaignId} and rater_type <> 'recipient') as n`.execute(
    db,
  );
  return Number(row.rows[0]?.n ?? 0);
}

/**
 * After each hour, per open campaign: the ballots accepted since the last announcement and in all —
 * campaign totals only. An hour with fewer than the campaign's smallest rater-type minimum is not
 * announced but folded into the next, so no announcement times a handful of raters (decision 019).
 */
async function hourlyBallots(db: Db, now: Date): Promise<number> {
  const campaigns = await db
    .selectFrom('campaigns as c')
    .leftJoin('campaign_rater_types as r', 'r.campaign_id', 'c.id')
    .select(['c.id', 'c.slug', 'c.name', 'c.opened_at', (eb) => eb.fn.min('r.min_count').as('minimum')])
    .where('c.status', '=', 'open')
    .groupBy(['c.id', 'c.slug', 'c.name', 'c.opened_at'])
    .execute();
  const hour = hourOf(now);
  let count = 0;
  for (const campaign of campaigns) {
    const stored = await db
      .selectFrom('webhook_scan_marks')
      .select('value')
      .where('scan', '=', 'ballots.hourly')
      .where('subject', '=', String(campaign.id))
      .executeTakeFirst();
    const opened = hourOf(campaign.opened_at ?? now);
    const mark: HourlyMark = stored ? JSON.parse(stored.value) : { through: opened, reported: 0, since: opened };
    if (mark.through >= hour) continue;
    const total = await acceptedTotal(db, campaign.id);
    const accepted = total - mark.reported;
    const minimum = Math.max(1, Number(campaign.minimum ?? 1));
    const announce = accepted >= minimum;
    const next: HourlyMark = announce
      ? { through: hour, reported: total, since: hour }
      : { through: hour, reported: mark.reported, since: mark.since };
    const done = await db.transaction().execute(async (trx) => {
      const value = JSON.stringify(next);
      const at = now.toISOString();
      const written = stored
        ? await trx
            .updateTable('webhook_scan_marks')
            .set({ value, updated_at: at })
            .where('scan', '=', 'ballots.hourly')
            .where('subject', '=', String(campaign.id))
            .where('value', '=', stored.value)
            .executeTakeFirst()
            .then((r) => Number(r.numUpdatedRows))
        : await trx
            .insertInto('webhook_scan_marks')
            .values({ scan: 'ballots.hourly', subject: String(campaign.id), value, updated_at: at })
            .onConflict((oc) => oc.columns(['scan', 'subject']).doNothing())
            .returning('scan')
            .executeTakeFirst()
            .then((r) => (r ? 1 : 0));
      if (written !== 1 || !announce) return false;
      await emitWebhookEvent(
        trx,
        'ballots.hourly',
        {
          campaignId: campaign.id,
          campaignSlug: campaign.slug,
          campaignName: campaign.name,
          from: mark.since,
          to: hour,
          accepted,
          acceptedTotal: total,
        },
        now,
      );
      return true;
    });
    if (done) count += 1;
  }
  return count;
}

export interface ScanCounts {
  problemsOverdue: number;
  feedbackOverdue: number;
  visitsRecorded: number;
  ballotHours: number;
}

/** Every scan whose event type some active endpoint takes. */
export async function runWebhookScans(db: Db, now: Date): Promise<ScanCounts> {
  const types = await subscribedTypes(db);
  return {
    problemsOverdue: types.has('problem.overdue') ? await overdueProblems(db, now) : 0,
    feedbackOverdue: types.has('visit.feedback_overdue') ? await overdueFeedback(db, now) : 0,
    visitsRecorded: types.has('visit.recorded') ? await recordedVisits(db, now) : 0,
    ballotHours: types.has('ballots.hourly') ? await hourlyBallots(db, now) : 0,
  };
}
