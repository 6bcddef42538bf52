import type { Db } from '../db/database.ts';
import type { FeedbackDueFilter } from './visits.schemas.ts';

// The SQL of feedback within the limit: problems transferred or handed to 12345, with their feedback day.

function dueQuery(db: Db, filter: FeedbackDueFilter, teamIds: readonly number[] | null, today: string) {
  let query = db
    .selectFrom('visit_problems as vp')
    .innerJoin('visits as v', 'v.id', 'vp.visit_id')
    .where('vp.outcome', 'in', ['transferred', 'hotline'])
    .where('vp.feedback_due_on', 'is not', null);
  if (teamIds !== null) {
    query = teamIds.length === 0 ? query.where('v.id', '<', 0) : query.where('v.team_id', 'in', [...teamIds]);
  }
  if (filter.teamId !== undefined) query = query.where('v.team_id', '=', filter.teamId);
  if (filter.state === 'done') query = query.where('vp.fed_back_on', 'is not', null);
  else query = query.where('vp.fed_back_on', 'is', null);
  if (filter.state === 'overdue') query = query.where('vp.feedback_due_on', '<', today);
  if (filter.state === 'due') query = query.where('vp.feedback_due_on', '>=', today);
  return query;
}

/** A page of problems by feedback day (earliest first). */
export async function feedbackDuePage(
  db: Db,
  filter: FeedbackDueFilter,
  teamIds: readonly number[] | null,
  today: string,
) {
  const [rows, count] = await Promise.all([
    dueQuery(db, filter, teamIds, today)
      .leftJoin('visit_teams as t', 't.id', 'v.team_id')
      .leftJoin('units as u', 'u.id', 'vp.unit_id')
      .select([
        'vp.id',
        'vp.visit_id',
        'vp.seq',
        'v.team_id',
        't.name as team_name',
        'v.visited_on',
        'vp.description',
        'vp.outcome',
        'vp.unit_id',
        'u.name as unit_name',
        'vp.raiser_name',
        'vp.feedback_due_on',
        'vp.fed_back_on',
      ])
      .orderBy('vp.feedback_due_on')
      .orderBy('vp.id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    dueQuery(db, filter, teamIds, today)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map((row) => ({ ...row, feedback_due_on: row.feedback_due_on! })), total: Number(count.n) };
}
