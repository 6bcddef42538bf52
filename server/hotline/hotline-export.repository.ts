import type { Db } from '../db/database.ts';

// The SQL of the 12345 export: every problem handed to 12345 with what its row needs (the visit, its
// target, township, suggested unit and team), and the record of first exports.

export type ExportScope =
  | { kind: 'range'; from: string; to: string }
  /** Never exported and without a ticket yet. */
  | { kind: 'new' }
  /** Not yet 已办结 on the platform. */
  | { kind: 'open' };

export async function handedOffProblems(db: Db, scope: ExportScope) {
  let query = db
    .selectFrom('visit_problems as p')
    .innerJoin('visits as v', 'v.id', 'p.visit_id')
    .leftJoin('visit_enterprises as e', 'e.id', 'v.enterprise_id')
    .leftJoin('visit_villages as vv', 'vv.id', 'v.village_id')
    .leftJoin('visit_households as h', 'h.id', 'v.household_id')
    .leftJoin('units as et', 'et.id', 'e.township_id')
    .leftJoin('units as vt', 'vt.id', 'vv.township_id')
    .leftJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('visit_teams as t', 't.id', 'v.team_id')
    .leftJoin('hotline_exports as x', 'x.visit_problem_id', 'p.id')
    .select([
      'p.id',
      'p.visit_id',
      'p.seq',
      'p.description',
      'p.raiser_name',
      'p.raiser_phone',
      'p.share_contact',
      'p.feedback_due_on',
      'p.hotline_ticket',
      'p.hotline_status',
      'v.visited_on',
      'v.target_kind',
      'v.place',
      'v.cadres',
      'e.name as enterprise_name',
      'e.address as enterprise_address',
      'vv.name as village_name',
      'h.address as household_address',
      'et.name as enterprise_township',
      'vt.name as village_township',
      'u.name as unit_name',
      't.name as team_name',
      'x.exported_at',
    ])
    .where('p.outcome', '=', 'hotline');
  if (scope.kind === 'range')
    query = query.where('v.visited_on', '>=', scope.from).where('v.visited_on', '<=', scope.to);
  if (scope.kind === 'new') query = query.where('x.visit_problem_id', 'is', null).where('p.hotline_ticket', 'is', null);
  if (scope.kind === 'open')
    query = query.where((eb) => eb.or([eb('p.hotline_status', 'is', null), eb('p.hotline_status', '!=', 'done')]));
  return query.orderBy('v.visited_on').orderBy('p.visit_id').orderBy('p.seq').execute();
}

export type HandedOffRow = Awaited<ReturnType<typeof handedOffProblems>>[number];

export async function displayNames(db: Db, userIds: readonly number[]): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', userIds).execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}

/** Records the first export of each problem (a later export keeps the first time). */
export async function recordExports(db: Db, ids: readonly number[], by: number, now: string): Promise<void> {
  for (let start = 0; start < ids.length; start += 500) {
    const values = ids
      .slice(start, start + 500)
      .map((id) => ({ visit_problem_id: id, exported_at: now, exported_by: by }));
    await db
      .insertInto('hotline_exports')
      .values(values)
      .onConflict((oc) => oc.column('visit_problem_id').doNothing())
      .execute();
  }
}
