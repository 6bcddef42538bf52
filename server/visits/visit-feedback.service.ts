import type { AppDeps } from '../app-deps.ts';
import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { writeNamedFollowup, type NamedFollowup } from '../followups/followups.service.ts';
import type { SessionUser } from '../http/app-env.ts';
import { calendarOf, loadRectificationSettings } from '../problems/rectification-settings.ts';
import { chinaDay, workingDaysBetween } from '../problems/working-days.ts';
import { assertNotFuture } from './visit-checks.ts';
import { problemView } from './visit-view.ts';
import { feedbackDuePage } from './visit-feedback.repository.ts';
import { findProblem, isTeamMember, problemsOf } from './visits.repository.ts';
import { visibleTeams } from './visits.service.ts';
import type { FeedbackDueFilter, FeedbackInput } from './visits.schemas.ts';

// Feedback within the limit (反馈时限): a problem transferred to a unit or handed to 12345 must be answered
// to the person who raised it by its feedback day; the team records when and how they were told and how
// satisfied they were. Overdue: not yet told and today (China) is later than the feedback day.

/** The problem, for a member of its visit's team or the office; 404 to anyone else. */
async function problemForTeam(db: Db, viewer: SessionUser, id: number) {
  const found = await findProblem(db, id);
  const member = found !== undefined && found.team_id !== null && (await isTeamMember(db, found.team_id, viewer.id));
  if (!found || (viewer.role !== 'admin' && !member)) throw notFound(`Visit problem ${id}`);
  return found;
}

async function problemViewOf(db: Db, visitId: number, id: number) {
  const rows = await problemsOf(db, [visitId]);
  return problemView(rows.find((row) => row.id === id)!);
}

export async function recordFeedback(
  deps: Pick<AppDeps, 'db'>,
  viewer: SessionUser,
  id: number,
  input: FeedbackInput,
  now: Date,
) {
  const { db } = deps;
  const problem = await problemForTeam(db, viewer, id);
  if (problem.outcome !== 'transferred' && problem.outcome !== 'hotline') {
    throw new AppError(
      422,
      'feedback_not_expected',
      'Only a problem transferred to a unit or handed to 12345 takes feedback: the others were settled on the spot.',
    );
  }
  assertNotFuture(input.fedBackOn, now, 'The feedback day');
  if (input.fedBackOn < problem.visited_on) {
    throw new AppError(
      422,
      'feedback_not_expected',
      `The person cannot have been told before the visit (${problem.visited_on}).`,
    );
  }
  await db
    .updateTable('visit_problems')
    .set({
      fed_back_on: input.fedBackOn,
      feedback_channel: input.channel,
      feedback_satisfaction: input.satisfaction,
      updated_at: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
  return problemViewOf(db, problem.visit_id, id);
}

export async function listFeedbackDue(
  deps: Pick<AppDeps, 'db'>,
  viewer: SessionUser,
  filter: FeedbackDueFilter,
  now: Date,
) {
  const { db } = deps;
  const today = chinaDay(now);
  const calendar = calendarOf(await loadRectificationSettings(db));
  const { rows, total } = await feedbackDuePage(db, filter, await visibleTeams(db, viewer), today);
  return {
    today,
    items: rows.map((row) => {
      const overdue = row.fed_back_on === null && today > row.feedback_due_on;
      const until = row.fed_back_on ?? today;
      return {
        id: row.id,
        visitId: row.visit_id,
        seq: row.seq,
        team: row.team_id !== null && row.team_name !== null ? { id: row.team_id, name: row.team_name } : null,
        visitedOn: row.visited_on,
        description: row.description,
        outcome: row.outcome as 'transferred' | 'hotline',
        unit: row.unit_id !== null && row.unit_name !== null ? { id: row.unit_id, name: row.unit_name } : null,
        raiserName: row.raiser_name,
        feedbackDueOn: row.feedback_due_on,
        fedBackOn: row.fed_back_on,
        overdue,
        daysOverdue: Math.max(0, workingDaysBetween(row.feedback_due_on, until, calendar)),
      };
    }),
    total,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

/**
 * The rate-the-fix link for the person who raised a transferred problem, once the unit has taken it into
 * its ledger (accepted or merged). They are known by name, so the rating is not anonymous and the page says
 * so. Before the unit has taken it: 409 visit_problem_not_accepted.
 */
export async function sendVisitFollowup(
  deps: Pick<AppDeps, 'db' | 'sms' | 'config' | 'secret'>,
  viewer: SessionUser,
  id: number,
  phone: string | undefined,
  baseUrl: string | null,
  now: Date,
): Promise<NamedFollowup> {
  const { db } = deps;
  const problem = await problemForTeam(db, viewer, id);
  const ledgerProblem = problem.outcome === 'transferred' ? problem.report_problem_id : null;
  if (ledgerProblem === null) {
    throw new AppError(
      409,
      'visit_problem_not_accepted',
      'The unit has not yet taken this problem into its ledger: the person can rate the fix once it has.',
    );
  }
  const to = phone ?? problem.raiser_phone;
  if (!to) {
    throw new AppError(422, 'invalid_phone', 'No phone of the person is on the record: give the number to send to.');
  }
  // The team's right to this problem was checked above (a cadre of another unit on the team may send it).
  const { followupId, ...made } = await writeNamedFollowup(deps, ledgerProblem, to, baseUrl, now);
  await db
    .updateTable('visit_problems')
    .set({ followup_id: followupId, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
  return made;
}
