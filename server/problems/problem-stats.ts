import type { AppDeps } from '../app-deps.ts';
import type { Db } from '../db/database.ts';
import type { Problem } from '../db/schema.ts';
import type { SessionUser } from '../http/app-env.ts';
import { FILED_STATES, OPEN_STATES, type StatsGrouping } from './problem-states.ts';
import { noRatings, type RatingCounts } from './problems.repository.ts';
import { chinaDay } from './working-days.ts';

// Ledger figures per unit or per problem type (the dashboards, the unit's evaluation report): counted in
// one pass over the problems' current rows, their fix ratings and the inbox. Overdue is derived on `today`.

export interface LedgerFigures {
  listed: number;
  filed: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  explained: number;
  ratings: RatingCounts;
  inboxOpen: number;
  inboxOverdue: number;
}

export function emptyFigures(): LedgerFigures {
  return {
    listed: 0,
    filed: 0,
    closed: 0,
    closedOnTime: 0,
    overdue: 0,
    explained: 0,
    ratings: noRatings(),
    inboxOpen: 0,
    inboxOverdue: 0,
  };
}

type Counted = Pick<Problem, 'id' | 'unit_id' | 'type_id' | 'state' | 'deadline' | 'filed_at' | 'closed_at'>;

function addProblem(figures: LedgerFigures, problem: Counted, today: string): void {
  if (problem.state === 'draft') return;
  figures.listed += 1;
  if (problem.filed_at !== null || FILED_STATES.includes(problem.state)) figures.filed += 1;
  if (problem.state === 'closed') {
    figures.closed += 1;
    // Without a deadline nothing was late.
    if (
      problem.deadline === null ||
      (problem.closed_at !== null && chinaDay(new Date(problem.closed_at)) <= problem.deadline)
    )
      figures.closedOnTime += 1;
  }
  if (problem.state === 'explained') figures.explained += 1;
  if (OPEN_STATES.includes(problem.state) && problem.deadline !== null && today > problem.deadline)
    figures.overdue += 1;
}

function sumInto(total: LedgerFigures, row: LedgerFigures): void {
  for (const key of [
    'listed',
    'filed',
    'closed',
    'closedOnTime',
    'overdue',
    'explained',
    'inboxOpen',
    'inboxOverdue',
  ] as const)
    total[key] += row[key];
  for (const key of Object.keys(total.ratings) as (keyof RatingCounts)[]) total.ratings[key] += row.ratings[key];
}

interface Scope {
  /** Only this unit (unit staff, a unit's report). */
  unitId?: number;
}

async function loadCounted(db: Db, scope: Scope) {
  const problems = await db
    .selectFrom('problems')
    .select(['id', 'unit_id', 'type_id', 'state', 'deadline', 'filed_at', 'closed_at'])
    .$if(scope.unitId !== undefined, (q) => q.where('unit_id', '=', scope.unitId!))
    .execute();
  const ratings = await db
    .selectFrom('fix_ratings as r')
    .innerJoin('problems as p', 'p.id', 'r.problem_id')
    .select(['r.problem_id', 'r.rating', (eb) => eb.fn.countAll<number>().as('n')])
    .$if(scope.unitId !== undefined, (q) => q.where('p.unit_id', '=', scope.unitId!))
    .groupBy(['r.problem_id', 'r.rating'])
    .execute();
  return { problems, ratings };
}

async function inboxCounts(db: Db, scope: Scope, today: string) {
  const rows = await db
    .selectFrom('problem_reports')
    .select(['unit_id', 'due_on'])
    .where('status', '=', 'open')
    .$if(scope.unitId !== undefined, (q) => q.where('unit_id', '=', scope.unitId!))
    .execute();
  const byUnit = new Map<number, { open: number; overdue: number }>();
  for (const row of rows) {
    const counts = byUnit.get(row.unit_id) ?? { open: 0, overdue: 0 };
    counts.open += 1;
    if (row.due_on !== null && row.due_on < today) counts.overdue += 1;
    byUnit.set(row.unit_id, counts);
  }
  return byUnit;
}

/** One unit's ledger figures, for its evaluation report. */
export async function unitLedgerFigures(db: Db, unitId: number, now: Date): Promise<LedgerFigures> {
  const today = chinaDay(now);
  const { problems, ratings } = await loadCounted(db, { unitId });
  const figures = emptyFigures();
  for (const problem of problems) addProblem(figures, problem, today);
  for (const rating of ratings) figures.ratings[rating.rating] += Number(rating.n);
  const inbox = (await inboxCounts(db, { unitId }, today)).get(unitId);
  figures.inboxOpen = inbox?.open ?? 0;
  figures.inboxOverdue = inbox?.overdue ?? 0;
  return figures;
}

const UNGROUPED: Record<StatsGrouping, [string, string]> = {
  unit: ['未知单位', 'Unknown unit'],
  type: ['未分类', 'Untyped'],
  unitCategory: ['未分类单位', 'Uncategorised units'],
};

/** The display name and order of each group key. */
async function groupNames(db: Db, by: StatsGrouping, ids: number[]) {
  const names = new Map<number, { name: string; name_en: string; sort: number }>();
  if (ids.length === 0) return names;
  const table = by === 'unit' ? 'units' : by === 'type' ? 'problem_types' : 'categories';
  const named = await db
    .selectFrom(table)
    .select(['id', 'name', 'name_en', 'sort_order'])
    .where('id', 'in', ids)
    .execute();
  for (const row of named) names.set(row.id, { name: row.name, name_en: row.name_en, sort: row.sort_order });
  return names;
}

/**
 * The figures by unit (every unit with a problem or an inbox item; unit staff: their own unit, always), by
 * problem type (every type, and an "untyped" row with id null when some problems have none) or by the
 * units' category (单位类别: every category, and a row with id null for units without one). The inbox is
 * counted by unit and by unit category; a problem type has no inbox.
 */
export async function problemStats(deps: AppDeps, user: SessionUser, by: StatsGrouping, now: Date) {
  const today = chinaDay(now);
  const scope: Scope = user.role === 'unit_staff' ? { unitId: user.unitId ?? -1 } : {};
  const { problems, ratings } = await loadCounted(deps.db, scope);
  const inbox =
    by === 'type' ? new Map<number, { open: number; overdue: number }>() : await inboxCounts(deps.db, scope, today);
  const categoryOf = new Map<number, number | null>();
  if (by === 'unitCategory')
    for (const unit of await deps.db.selectFrom('units').select(['id', 'category_id']).execute())
      categoryOf.set(unit.id, unit.category_id);
  const keyOfUnit = (unitId: number) => (by === 'unit' ? unitId : (categoryOf.get(unitId) ?? null));
  const keyOf = (problem: Counted) => (by === 'type' ? problem.type_id : keyOfUnit(problem.unit_id));
  const rows = new Map<number | null, LedgerFigures>();
  const figuresOf = (key: number | null) => {
    let figures = rows.get(key);
    if (!figures) rows.set(key, (figures = emptyFigures()));
    return figures;
  };
  const keyOfProblem = new Map<number, number | null>();
  for (const problem of problems) {
    keyOfProblem.set(problem.id, keyOf(problem));
    addProblem(figuresOf(keyOf(problem)), problem, today);
  }
  for (const rating of ratings) {
    const key = keyOfProblem.get(rating.problem_id);
    if (key !== undefined) figuresOf(key).ratings[rating.rating] += Number(rating.n);
  }
  for (const [unitId, counts] of inbox) {
    const figures = figuresOf(keyOfUnit(unitId));
    figures.inboxOpen += counts.open;
    figures.inboxOverdue += counts.overdue;
  }
  if (scope.unitId !== undefined && scope.unitId > 0 && by !== 'type') figuresOf(keyOfUnit(scope.unitId));
  if (by === 'type')
    for (const type of await deps.db.selectFrom('problem_types').select('id').execute()) figuresOf(type.id);
  if (by === 'unitCategory' && scope.unitId === undefined)
    for (const category of await deps.db.selectFrom('categories').select('id').execute()) figuresOf(category.id);

  const names = await groupNames(
    deps.db,
    by,
    [...rows.keys()].filter((key): key is number => key !== null),
  );
  const [ungrouped, ungroupedEn] = UNGROUPED[by];
  const total = emptyFigures();
  const list = [...rows.entries()]
    .map(([id, figures]) => {
      sumInto(total, figures);
      const named = id === null ? undefined : names.get(id);
      return {
        key: {
          id,
          name: id === null ? ungrouped : (named?.name ?? String(id)),
          nameEn: id === null ? ungroupedEn : (named?.name_en ?? String(id)),
        },
        sort: named?.sort ?? Number.MAX_SAFE_INTEGER,
        ...figures,
      };
    })
    .sort((a, b) => a.sort - b.sort || (a.key.id ?? Number.MAX_SAFE_INTEGER) - (b.key.id ?? Number.MAX_SAFE_INTEGER))
    .map(({ sort: _sort, ...row }) => row);
  return { by, today, rows: list, total };
}
