import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { addDays, chinaDay } from '../problems/working-days.ts';
import {
  findUnit,
  listCategories,
  listPublicEvents,
  listPublicEventTimes,
  listPublicEvidence,
  listPublicProblems,
  listUnits,
  type EventScope,
  type LedgerUnitRow,
  type PublicEventRow,
  type PublicEvidenceRow,
} from './ledger.repository.ts';
import {
  countProblem,
  emptyFigures,
  evidenceByEvent,
  isOverdue,
  ledgerOrder,
  publicEntry,
  type LedgerFigures,
  type PublicAction,
  type PublicEntry,
} from './ledger-view.ts';
import { mondayOf, weekEnd, weekInstants, weekOfInstant } from './ledger-weeks.ts';

// The public ledger (整改台账) per unit and 整改周周见 per week: only public, filed problems and their public
// timeline entries (ledger.repository.ts), worded by ledger-view.ts.

interface UnitName {
  unitId: number;
  name: string;
  nameEn: string;
}

function unitName(unit: LedgerUnitRow): UnitName {
  return { unitId: unit.id, name: unit.name, nameEn: unit.name_en };
}

/** The units that have public, filed problems, in the ledger's order, with their figures. */
export async function ledgerOverview(db: Db, now: Date) {
  const today = chinaDay(now);
  const [units, categories, problems] = await Promise.all([
    listUnits(db),
    listCategories(db),
    listPublicProblems(db, null),
  ]);
  const figures = new Map<number, LedgerFigures>();
  const totals = emptyFigures();
  for (const problem of problems) {
    countProblem(
      figures.get(problem.unit_id) ?? figures.set(problem.unit_id, emptyFigures()).get(problem.unit_id)!,
      problem,
      today,
    );
    countProblem(totals, problem, today);
  }
  const listed = ledgerOrder(units, categories).filter((unit) => figures.has(unit.id));
  const usedCategories = new Set(listed.map((unit) => unit.category_id));
  return {
    today,
    categories: categories
      .filter((category) => usedCategories.has(category.id))
      .map((category) => ({ id: category.id, name: category.name, nameEn: category.name_en })),
    units: listed.map((unit) => ({ ...unitName(unit), categoryId: unit.category_id, figures: figures.get(unit.id)! })),
    totals,
  };
}

/** One unit's public ledger: its public, filed problems, each with its public history. */
export async function unitLedger(db: Db, unitId: number, now: Date) {
  const today = chinaDay(now);
  const unit = await findUnit(db, unitId);
  if (!unit) throw notFound(`Unit ${unitId}`);
  const scope: EventScope = { unitId };
  const [problems, events, evidence, categories] = await Promise.all([
    listPublicProblems(db, unitId),
    listPublicEvents(db, scope),
    listPublicEvidence(db, scope),
    listCategories(db),
  ]);
  const history = historyByProblem(events, evidence);
  const category = categories.find((c) => c.id === unit.category_id);
  const figures = emptyFigures();
  for (const problem of problems) countProblem(figures, problem, today);
  return {
    today,
    unit: {
      ...unitName(unit),
      category: category ? { id: category.id, name: category.name, nameEn: category.name_en } : null,
    },
    figures,
    problems: problems.map((problem) => ({
      id: problem.id,
      title: problem.title,
      detail: problem.detail,
      source: problem.source,
      type:
        problem.type_id === null
          ? null
          : { id: problem.type_id, name: problem.type_name ?? '', nameEn: problem.type_name_en ?? '' },
      measures: problem.measures,
      leader: problem.leader,
      owner: problem.owner,
      deadline: problem.deadline,
      state: problem.state,
      overdue: isOverdue(problem.state, problem.deadline, today),
      explanation: problem.state === 'explained' ? problem.explanation : null,
      filedOn: problem.filed_at === null ? null : chinaDay(new Date(problem.filed_at)),
      closedOn: problem.state === 'closed' && problem.closed_at !== null ? chinaDay(new Date(problem.closed_at)) : null,
      history: history.get(problem.id) ?? [],
    })),
  };
}

function historyByProblem(events: readonly PublicEventRow[], evidence: readonly PublicEvidenceRow[]) {
  const files = evidenceByEvent(evidence);
  const history = new Map<number, PublicEntry[]>();
  for (const event of events) {
    const entry = publicEntry(event, files);
    if (!entry) continue;
    const list = history.get(event.problem_id) ?? [];
    list.push(entry);
    history.set(event.problem_id, list);
  }
  return history;
}

/** The weeks that have public changes, newest first, with how many changes each. */
export async function weekList(db: Db, now: Date) {
  const counts = new Map<string, number>();
  for (const at of await listPublicEventTimes(db)) {
    const week = weekOfInstant(at);
    counts.set(week, (counts.get(week) ?? 0) + 1);
  }
  const weeks = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([week, changes]) => ({ week, weekEnd: weekEnd(week), changes }));
  return { current: mondayOf(chinaDay(now)), weeks };
}

/** 整改周周见 of one week (its Monday): every public change of the week, per unit, with the week's figures. */
export async function weeklyDigest(db: Db, week: string, now: Date) {
  const current = mondayOf(chinaDay(now));
  if (week > current) {
    throw new AppError(422, 'week_in_future', `The week of ${week} has not begun yet; the latest is ${current}.`);
  }
  const scope: EventScope = weekInstants(week);
  const [units, categories, events, evidence, times] = await Promise.all([
    listUnits(db),
    listCategories(db),
    listPublicEvents(db, scope),
    listPublicEvidence(db, scope),
    listPublicEventTimes(db),
  ]);
  const first = times.length > 0 ? weekOfInstant(times[0]!) : null;
  const previous = addDays(week, -7);
  const next = addDays(week, 7);
  return {
    ...digestOf(week, events, evidence, ledgerOrder(units, categories)),
    complete: week < current,
    previous: first !== null && previous >= first ? previous : null,
    next: next <= current ? next : null,
  };
}

export interface WeekDigest {
  week: string;
  weekEnd: string;
  figures: DigestFigures;
  units: Array<UnitName & { entries: Array<PublicEntry & { problemId: number; title: string }> }>;
}

export interface DigestFigures {
  /** Problems filed (备案) this week. */
  filed: number;
  /** Started, progress reported or evidence added. */
  progressed: number;
  claimed: number;
  closed: number;
  reopened: number;
  explained: number;
  extended: number;
  /** Units with any public change this week. */
  units: number;
}

const FIGURE_OF: Record<PublicAction, Exclude<keyof DigestFigures, 'units'>> = {
  file: 'filed',
  start: 'progressed',
  progress: 'progressed',
  evidence: 'progressed',
  claim: 'claimed',
  close: 'closed',
  reopen: 'reopened',
  explain: 'explained',
  extend: 'extended',
};

/** One week's digest from its public entries (already limited to the week), units in the ledger's order. */
export function digestOf(
  week: string,
  events: readonly PublicEventRow[],
  evidence: readonly PublicEvidenceRow[],
  orderedUnits: readonly LedgerUnitRow[],
): WeekDigest {
  const files = evidenceByEvent(evidence);
  const figures: DigestFigures = {
    filed: 0,
    progressed: 0,
    claimed: 0,
    closed: 0,
    reopened: 0,
    explained: 0,
    extended: 0,
    units: 0,
  };
  const byUnit = new Map<number, WeekDigest['units'][number]['entries']>();
  for (const event of events) {
    const entry = publicEntry(event, files);
    if (!entry) continue;
    figures[FIGURE_OF[entry.action]] += 1;
    const list = byUnit.get(event.unit_id) ?? [];
    list.push({ ...entry, problemId: event.problem_id, title: event.title });
    byUnit.set(event.unit_id, list);
  }
  figures.units = byUnit.size;
  return {
    week,
    weekEnd: weekEnd(week),
    figures,
    units: orderedUnits
      .filter((unit) => byUnit.has(unit.id))
      .map((unit) => ({ ...unitName(unit), entries: byUnit.get(unit.id)! })),
  };
}

/** The digests of the latest `limit` weeks with public changes, newest first (for the Atom feed). */
export async function latestDigests(db: Db, limit: number): Promise<Array<WeekDigest & { updated: string }>> {
  const times = await listPublicEventTimes(db);
  const weeks = [...new Set(times.map((at) => weekOfInstant(at)))].sort().reverse().slice(0, limit);
  if (weeks.length === 0) return [];
  const oldest = weeks[weeks.length - 1]!;
  const scope: EventScope = { from: weekInstants(oldest).from };
  const [units, categories, events, evidence] = await Promise.all([
    listUnits(db),
    listCategories(db),
    listPublicEvents(db, scope),
    listPublicEvidence(db, scope),
  ]);
  const ordered = ledgerOrder(units, categories);
  return weeks.map((week) => {
    const { from, to } = weekInstants(week);
    const inWeek = events.filter((event) => event.at >= from && event.at < to);
    const ids = new Set(inWeek.map((event) => event.id));
    return {
      ...digestOf(
        week,
        inWeek,
        evidence.filter((row) => ids.has(row.event_id)),
        ordered,
      ),
      updated: inWeek[inWeek.length - 1]!.at,
    };
  });
}
