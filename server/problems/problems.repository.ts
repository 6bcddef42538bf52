import { sql } from 'kysely';
import type { Db, DialectName } from '../db/database.ts';
import { FIX_RATINGS, PROBLEM_STATES, type FixRating, type ProblemSource, type ProblemState } from '../db/schema.ts';
import { OPEN_STATES } from './problem-states.ts';

// The reads of the problems API. Writes go through problem-writes.ts only.

export interface ProblemFilter {
  /** Only this unit's problems (unit staff: always their own). */
  unitId?: number;
  state?: ProblemState;
  source?: ProblemSource;
  typeId?: number;
  /** true: open and past the deadline on `today`; false: not. */
  overdue?: boolean;
  q?: string;
  /** China day, for `overdue`. */
  today: string;
}

function listQuery(db: Db, dialect: DialectName, filter: ProblemFilter) {
  const q = filter.q?.trim();
  return db
    .selectFrom('problems as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('problem_types as t', 't.id', 'p.type_id')
    .$if(filter.unitId !== undefined, (query) => query.where('p.unit_id', '=', filter.unitId!))
    .$if(filter.state !== undefined, (query) => query.where('p.state', '=', filter.state!))
    .$if(filter.source !== undefined, (query) => query.where('p.source', '=', filter.source!))
    .$if(filter.typeId !== undefined, (query) => query.where('p.type_id', '=', filter.typeId!))
    .$if(filter.overdue === true, (query) =>
      query.where('p.state', 'in', [...OPEN_STATES]).where('p.deadline', '<', filter.today),
    )
    .$if(filter.overdue === false, (query) =>
      query.where((eb) =>
        eb.or([
          eb('p.state', 'not in', [...OPEN_STATES]),
          eb('p.deadline', 'is', null),
          eb('p.deadline', '>=', filter.today),
        ]),
      ),
    )
    .$if(q !== undefined && q !== '', (query) =>
      query.where((eb) => {
        const contains = (column: 'p.title' | 'p.detail' | 'p.source_ref') =>
          dialect === 'postgres'
            ? sql<boolean>`strpos(coalesce(${sql.ref(column)}, ''), ${q}) > 0`
            : sql<boolean>`instr(coalesce(${sql.ref(column)}, ''), ${q}) > 0`;
        return eb.or([contains('p.title'), contains('p.detail'), contains('p.source_ref')]);
      }),
    );
}

const ROW_COLUMNS = [
  'p.id',
  'p.unit_id',
  'u.name as unit_name',
  'u.name_en as unit_name_en',
  'p.title',
  'p.detail',
  'p.source',
  'p.source_ref',
  'p.type_id',
  't.name as type_name',
  't.name_en as type_name_en',
  'p.leader',
  'p.owner',
  'p.measures',
  'p.deadline',
  'p.state',
  'p.visibility',
  'p.explanation',
  'p.campaign_id',
  'p.claim_round',
  'p.created_at',
  'p.updated_at',
  'p.filed_at',
  'p.claimed_at',
  'p.closed_at',
] as const;

export async function listProblemRows(
  db: Db,
  dialect: DialectName,
  filter: ProblemFilter,
  page: { offset: number; limit: number },
) {
  const [rows, count, perState] = await Promise.all([
    listQuery(db, dialect, filter)
      .select(ROW_COLUMNS)
      .orderBy('p.updated_at', 'desc')
      .orderBy('p.id', 'desc')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    listQuery(db, dialect, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    // Under every filter but the state: what the ledger's state chips count.
    listQuery(db, dialect, { ...filter, state: undefined })
      .select(['p.state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('p.state')
      .execute(),
  ]);
  const stateCounts = noStateCounts();
  for (const row of perState) stateCounts[row.state] = Number(row.n);
  return { rows, total: Number(count.n), stateCounts };
}

/** A count of zero for every state. */
export function noStateCounts(): Record<ProblemState, number> {
  return Object.fromEntries(PROBLEM_STATES.map((state) => [state, 0])) as Record<ProblemState, number>;
}

export type ProblemRowData = Awaited<ReturnType<typeof listProblemRows>>['rows'][number];

export function findProblemRow(db: Db, id: number) {
  return db
    .selectFrom('problems as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('problem_types as t', 't.id', 'p.type_id')
    .select(ROW_COLUMNS)
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export function problemTimeline(db: Db, problemId: number) {
  return db
    .selectFrom('problem_events as e')
    .leftJoin('users as usr', 'usr.id', 'e.actor_user_id')
    .select([
      'e.id',
      'e.at',
      'e.actor_kind',
      'usr.display_name',
      'e.action',
      'e.from_state',
      'e.to_state',
      'e.changes',
      'e.note',
      'e.public',
    ])
    .where('e.problem_id', '=', problemId)
    .orderBy('e.id')
    .execute();
}

export function problemEvidence(db: Db, problemId: number) {
  return db
    .selectFrom('problem_evidence')
    .select(['id', 'event_id', 'file_name', 'media_type', 'bytes', 'uploaded_at'])
    .where('problem_id', '=', problemId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
}

export type RatingCounts = Record<FixRating, number>;

export function noRatings(): RatingCounts {
  return Object.fromEntries(FIX_RATINGS.map((r) => [r, 0])) as RatingCounts;
}

export async function problemRatings(db: Db, problemId: number): Promise<RatingCounts> {
  const rows = await db
    .selectFrom('fix_ratings')
    .select(['rating', (eb) => eb.fn.countAll<number>().as('n')])
    .where('problem_id', '=', problemId)
    .groupBy('rating')
    .execute();
  const counts = noRatings();
  for (const row of rows) counts[row.rating] = Number(row.n);
  return counts;
}

export function findUnitName(db: Db, id: number) {
  return db.selectFrom('units').select(['id', 'name', 'name_en']).where('id', '=', id).executeTakeFirst();
}

export function findProblemType(db: Db, id: number) {
  return db.selectFrom('problem_types').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findCampaignId(db: Db, id: number) {
  return db.selectFrom('campaigns').select('id').where('id', '=', id).executeTakeFirst();
}

export function listProblemTypes(db: Db) {
  return db.selectFrom('problem_types').selectAll().orderBy('sort_order').orderBy('id').execute();
}
