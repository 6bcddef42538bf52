import type { Db } from '../db/database.ts';
import type { ProblemSource, ProblemState, UserRole } from '../db/schema.ts';
import { FILED_STATES } from '../problems/problem-states.ts';

// The reads of the public ledger and of 整改周周见 (decision 017, "Visibility"): every query here keeps to
// problems that are public and filed, and to their timeline entries marked public. Nothing here selects a
// user's name, a raiser, a follow-up code, a contact or an internal note.

/** Which public timeline entries to read: one unit's, one week's (ISO UTC bounds, `to` excluded), or all. */
export interface EventScope {
  readonly unitId?: number;
  readonly from?: string;
  readonly to?: string;
}

export interface LedgerUnitRow {
  id: number;
  name: string;
  name_en: string;
  parent_id: number | null;
  sort_order: number;
  category_id: number | null;
}

export interface LedgerCategoryRow {
  id: number;
  name: string;
  name_en: string;
  sort_order: number;
}

export interface PublicProblemRow {
  id: number;
  unit_id: number;
  title: string;
  detail: string;
  source: ProblemSource;
  type_id: number | null;
  type_name: string | null;
  type_name_en: string | null;
  leader: string | null;
  owner: string | null;
  measures: string | null;
  deadline: string | null;
  state: ProblemState;
  explanation: string | null;
  filed_at: string | null;
  closed_at: string | null;
}

export interface PublicEventRow {
  id: number;
  problem_id: number;
  unit_id: number;
  title: string;
  at: string;
  action: string;
  actor_kind: 'user' | 'raiser' | 'system';
  /** The acting user's role only (never who): it says whether the unit or the office acted. */
  actor_role: UserRole | null;
  to_state: ProblemState | null;
  changes: string | null;
  note: string | null;
  deadline: string | null;
}

export interface PublicEvidenceRow {
  id: string;
  event_id: number;
  media_type: string;
}

export function listUnits(db: Db): Promise<LedgerUnitRow[]> {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'name_en', 'parent_id', 'sort_order', 'category_id'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export function listCategories(db: Db): Promise<LedgerCategoryRow[]> {
  return db
    .selectFrom('categories')
    .select(['id', 'name', 'name_en', 'sort_order'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export function findUnit(db: Db, id: number): Promise<LedgerUnitRow | undefined> {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'name_en', 'parent_id', 'sort_order', 'category_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Public, filed problems, of one unit or of all, in filing order (the ledger's 序号). */
export function listPublicProblems(db: Db, unitId: number | null): Promise<PublicProblemRow[]> {
  return db
    .selectFrom('problems as p')
    .leftJoin('problem_types as t', 't.id', 'p.type_id')
    .select([
      'p.id',
      'p.unit_id',
      'p.title',
      'p.detail',
      'p.source',
      'p.type_id',
      't.name as type_name',
      't.name_en as type_name_en',
      'p.leader',
      'p.owner',
      'p.measures',
      'p.deadline',
      'p.state',
      'p.explanation',
      'p.filed_at',
      'p.closed_at',
    ])
    .where('p.visibility', '=', 'public')
    .where('p.state', 'in', FILED_STATES)
    .$if(unitId !== null, (q) => q.where('p.unit_id', '=', unitId!))
    .orderBy('p.filed_at')
    .orderBy('p.id')
    .execute();
}

/** Public timeline entries of public, filed problems, oldest first. */
export function listPublicEvents(db: Db, scope: EventScope): Promise<PublicEventRow[]> {
  return db
    .selectFrom('problem_events as e')
    .innerJoin('problems as p', 'p.id', 'e.problem_id')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .select([
      'e.id',
      'e.problem_id',
      'p.unit_id',
      'p.title',
      'e.at',
      'e.action',
      'e.actor_kind',
      'u.role as actor_role',
      'e.to_state',
      'e.changes',
      'e.note',
      'p.deadline',
    ])
    .where('e.public', '=', 1)
    .where('p.visibility', '=', 'public')
    .where('p.state', 'in', FILED_STATES)
    .$if(scope.unitId !== undefined, (q) => q.where('p.unit_id', '=', scope.unitId!))
    .$if(scope.from !== undefined, (q) => q.where('e.at', '>=', scope.from!))
    .$if(scope.to !== undefined, (q) => q.where('e.at', '<', scope.to!))
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}

/** The evidence attached to those same public entries (the public may open exactly these files). */
export function listPublicEvidence(db: Db, scope: EventScope): Promise<PublicEvidenceRow[]> {
  return db
    .selectFrom('problem_evidence as v')
    .innerJoin('problem_events as e', 'e.id', 'v.event_id')
    .innerJoin('problems as p', 'p.id', 'e.problem_id')
    .select(['v.id', 'e.id as event_id', 'v.media_type'])
    .where('e.public', '=', 1)
    .where('p.visibility', '=', 'public')
    .where('p.state', 'in', FILED_STATES)
    .$if(scope.unitId !== undefined, (q) => q.where('p.unit_id', '=', scope.unitId!))
    .$if(scope.from !== undefined, (q) => q.where('e.at', '>=', scope.from!))
    .$if(scope.to !== undefined, (q) => q.where('e.at', '<', scope.to!))
    .orderBy('v.uploaded_at')
    .orderBy('v.id')
    .execute();
}

/** When every public change happened (for the list of weeks): the instants only. */
export async function listPublicEventTimes(db: Db, from?: string): Promise<string[]> {
  const rows = await db
    .selectFrom('problem_events as e')
    .innerJoin('problems as p', 'p.id', 'e.problem_id')
    .select('e.at')
    .where('e.public', '=', 1)
    .where('p.visibility', '=', 'public')
    .where('p.state', 'in', FILED_STATES)
    .$if(from !== undefined, (q) => q.where('e.at', '>=', from!))
    .orderBy('e.at')
    .execute();
  return rows.map((row) => row.at);
}
