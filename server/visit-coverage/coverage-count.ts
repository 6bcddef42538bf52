import type { VisitOutcome, VisitTargetKind } from '../db/schema-visits.ts';

// The arithmetic of visit coverage (走访覆盖), pure: plain rows in, figures out, so a hand count can check
// it. The repository loads the rows (coverage.repository.ts); the service picks the rows' scopes and who
// may see them (coverage.service.ts). Decision 018 states the rules; in short:
// - the targets are the active enterprises and villages of an area; a target is visited when at least one
//   visit of the scope in the period went to it (an enterprise visit, or a village visit for a village:
//   visiting households is not visiting the village or community as such);
// - households: per village, the households of the scope's household visits — each unlisted visit's
//   households_count (1 when left empty), plus each listed household once however often it was visited —
//   capped at the village's total (visit_villages.households); areas sum their villages' capped figures;
// - problems and feedback are those of the scope's visits; feedback is due on the problems with a feedback
//   deadline, done when the person was told, overdue when not told and `today` is past the deadline.

export interface CoverageVillage {
  readonly id: number;
  readonly townshipId: number;
  readonly households: number;
  /** Inactive targets are not counted, but visits to them still took place where they are. */
  readonly active: boolean;
}

export interface CoverageEnterprise {
  readonly id: number;
  readonly townshipId: number;
  readonly villageId: number | null;
  readonly active: boolean;
}

export interface CoverageVisit {
  readonly id: number;
  readonly teamId: number | null;
  /** The units of the cadres with an account who took part (see coverage.repository.ts). */
  readonly cadreUnitIds: readonly number[];
  readonly targetKind: VisitTargetKind;
  readonly enterpriseId: number | null;
  /** The village visited, or the village of the households visited. */
  readonly villageId: number | null;
  readonly householdId: number | null;
  readonly householdsCount: number | null;
}

export interface CoverageProblem {
  readonly visitId: number;
  readonly outcome: VisitOutcome;
  readonly feedbackDueOn: string | null;
  readonly fedBackOn: string | null;
}

/** Everything counted: the targets (active or not), the period's visits and the problems heard on them. */
export interface CoverageWorld {
  readonly villages: readonly CoverageVillage[];
  readonly enterprises: readonly CoverageEnterprise[];
  /** The village of each listed household (visit_households). */
  readonly householdVillage: ReadonlyMap<number, number>;
  readonly visits: readonly CoverageVisit[];
  readonly problems: readonly CoverageProblem[];
}

/** An area: whole townships and single villages (a team's areas have both kinds); `all` is everywhere. */
export type CoverageArea = 'all' | { readonly townships: ReadonlySet<number>; readonly villages: ReadonlySet<number> };

/** One row's scope: the targets of an area, and which visits count for it. */
export interface CoverageScope {
  readonly area: CoverageArea;
  readonly visit: (visit: CoverageVisit) => boolean;
}

export interface CoverageFigures {
  enterprises: { total: number; visited: number; share: number | null };
  villages: { total: number; visited: number; share: number | null };
  households: { total: number; visited: number; share: number | null };
  visits: number;
  problems: { heard: number; solved: number; explained: number; transferred: number; hotline: number };
  feedback: { due: number; done: number; overdue: number };
}

/** visited ÷ total to four decimal places (0.6667), or null when there is nothing to visit. */
export function shareOf(visited: number, total: number): number | null {
  return total === 0 ? null : Math.round((visited / total) * 10_000) / 10_000;
}

function inArea(area: CoverageArea, townshipId: number, villageId: number | null): boolean {
  if (area === 'all') return true;
  return area.townships.has(townshipId) || (villageId !== null && area.villages.has(villageId));
}

/** The figures of one scope. */
export function coverageFigures(world: CoverageWorld, scope: CoverageScope, today: string): CoverageFigures {
  const visits = world.visits.filter(scope.visit);
  const villages = world.villages.filter((v) => v.active && inArea(scope.area, v.townshipId, v.id));
  const enterprises = world.enterprises.filter((e) => e.active && inArea(scope.area, e.townshipId, e.villageId));

  const visitedEnterprises = new Set<number>();
  const visitedVillages = new Set<number>();
  const unlisted = new Map<number, number>();
  const listed = new Map<number, Set<number>>();
  for (const visit of visits) {
    if (visit.targetKind === 'enterprise' && visit.enterpriseId !== null) visitedEnterprises.add(visit.enterpriseId);
    if (visit.targetKind === 'village' && visit.villageId !== null) visitedVillages.add(visit.villageId);
    if (visit.targetKind !== 'household') continue;
    if (visit.householdId !== null) {
      const village = visit.villageId ?? world.householdVillage.get(visit.householdId);
      if (village === undefined) continue;
      const seen = listed.get(village) ?? new Set<number>();
      seen.add(visit.householdId);
      listed.set(village, seen);
    } else if (visit.villageId !== null) {
      const count = Math.max(0, visit.householdsCount ?? 1);
      unlisted.set(visit.villageId, (unlisted.get(visit.villageId) ?? 0) + count);
    }
  }

  let householdsTotal = 0;
  let householdsVisited = 0;
  for (const village of villages) {
    householdsTotal += village.households;
    const reached = (unlisted.get(village.id) ?? 0) + (listed.get(village.id)?.size ?? 0);
    householdsVisited += Math.min(village.households, reached);
  }
  const enterprisesVisited = enterprises.filter((e) => visitedEnterprises.has(e.id)).length;
  const villagesVisited = villages.filter((v) => visitedVillages.has(v.id)).length;

  const ids = new Set(visits.map((v) => v.id));
  const problems = { heard: 0, solved: 0, explained: 0, transferred: 0, hotline: 0 };
  const feedback = { due: 0, done: 0, overdue: 0 };
  for (const problem of world.problems) {
    if (!ids.has(problem.visitId)) continue;
    problems.heard += 1;
    problems[problem.outcome] += 1;
    if (problem.feedbackDueOn === null) continue;
    feedback.due += 1;
    if (problem.fedBackOn !== null) feedback.done += 1;
    else if (today > problem.feedbackDueOn) feedback.overdue += 1;
  }

  return {
    enterprises: {
      total: enterprises.length,
      visited: enterprisesVisited,
      share: shareOf(enterprisesVisited, enterprises.length),
    },
    villages: { total: villages.length, visited: villagesVisited, share: shareOf(villagesVisited, villages.length) },
    households: {
      total: householdsTotal,
      visited: householdsVisited,
      share: shareOf(householdsVisited, householdsTotal),
    },
    visits: visits.length,
    problems,
    feedback,
  };
}

export type VisitPlace = (visit: CoverageVisit) => { townshipId: number; villageId: number | null } | null;

/**
 * Where each visit happened: the township and village of its target (null when the target is unknown),
 * worked out once per visit however many rows ask.
 */
export function visitPlace(world: Pick<CoverageWorld, 'villages' | 'enterprises' | 'householdVillage'>): VisitPlace {
  const villages = new Map(world.villages.map((v) => [v.id, v]));
  const enterprises = new Map(world.enterprises.map((e) => [e.id, e]));
  const known = new Map<number, ReturnType<VisitPlace>>();
  const find: VisitPlace = (visit) => {
    if (visit.targetKind === 'enterprise') {
      const enterprise = visit.enterpriseId === null ? undefined : enterprises.get(visit.enterpriseId);
      return enterprise ? { townshipId: enterprise.townshipId, villageId: enterprise.villageId } : null;
    }
    const villageId =
      visit.villageId ?? (visit.householdId === null ? undefined : world.householdVillage.get(visit.householdId));
    const village = villageId === undefined ? undefined : villages.get(villageId);
    return village ? { townshipId: village.townshipId, villageId: village.id } : null;
  };
  return (visit) => {
    if (!known.has(visit.id)) known.set(visit.id, find(visit));
    return known.get(visit.id)!;
  };
}

/** The visits that took place in an area (their target lies in it). */
export function visitsIn(place: VisitPlace, area: CoverageArea): (visit: CoverageVisit) => boolean {
  return (visit) => {
    const at = place(visit);
    return at !== null && inArea(area, at.townshipId, at.villageId);
  };
}
