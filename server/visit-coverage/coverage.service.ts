import type { Db } from '../db/database.ts';
import type { SessionUser } from '../http/app-env.ts';
import { chinaDay } from '../problems/working-days.ts';
import {
  coverageFigures,
  visitPlace,
  visitsIn,
  type CoverageArea,
  type CoverageFigures,
  type CoverageScope,
  type CoverageVisit,
  type CoverageWorld,
  type VisitPlace,
} from './coverage-count.ts';
import * as repo from './coverage.repository.ts';
import type { Named, Period, TeamRow, TownshipRow, VillageRow } from './coverage.repository.ts';

// Coverage per township, village, team or unit (走访覆盖). Who sees which rows:
// - the office (admin) and leaders: every row;
// - unit staff: by unit, their own unit's row (the visits in which one of its members took part); by team,
//   the teams they are a member of; by township, the townships one of their teams covers as a whole; by
//   village, the villages inside their teams' areas. Staff in no team see no rows by team, township or village.
// The total counts every target and every visit of the rows shown once: by township and by village it is
// the sum of the rows; by team and by unit a target two teams reached counts once.

export const COVERAGE_GROUPINGS = ['township', 'village', 'team', 'unit'] as const;
export type CoverageGrouping = (typeof COVERAGE_GROUPINGS)[number];

export interface CoverageRow extends CoverageFigures {
  readonly id: number;
  readonly name: string;
  /** By village: the village's township; otherwise null. */
  readonly township: Named | null;
  /** By township and by village: the township's parent (the county), for the roll-up; otherwise null. */
  readonly county: Named | null;
}

export interface CoverageReport {
  readonly by: CoverageGrouping;
  readonly from: string | null;
  readonly to: string | null;
  /** Feedback is overdue when not given and this China day is past its deadline. */
  readonly today: string;
  readonly rows: CoverageRow[];
  /** By township: each county's subtotal of its township rows, in the rows' order; otherwise empty. */
  readonly counties: (CoverageFigures & Named)[];
  readonly total: CoverageFigures;
}

interface Scoped {
  readonly row: Omit<CoverageRow, keyof CoverageFigures>;
  readonly scope: CoverageScope;
}

export interface CoverageData {
  readonly world: CoverageWorld;
  readonly townships: TownshipRow[];
  readonly villageRows: VillageRow[];
  readonly enterpriseRows: repo.EnterpriseRow[];
  readonly teams: TeamRow[];
  readonly place: VisitPlace;
}

export async function loadCoverageData(db: Db, period: Period): Promise<CoverageData> {
  const [townships, villageRows, enterpriseRows, householdVillage, teams, visits, problems] = await Promise.all([
    repo.townships(db),
    repo.villages(db),
    repo.enterprises(db),
    repo.householdVillages(db),
    repo.teams(db),
    repo.visitsOf(db, period),
    repo.problemsOf(db, period),
  ]);
  townships.sort(
    (a, b) =>
      a.countySort - b.countySort ||
      (a.county?.id ?? 0) - (b.county?.id ?? 0) ||
      a.sortOrder - b.sortOrder ||
      a.id - b.id,
  );
  const rank = new Map(townships.map((t, index) => [t.id, index]));
  villageRows.sort(
    (a, b) =>
      (rank.get(a.townshipId) ?? Infinity) - (rank.get(b.townshipId) ?? Infinity) ||
      a.sortOrder - b.sortOrder ||
      a.id - b.id,
  );
  const world = { villages: villageRows, enterprises: enterpriseRows, householdVillage, visits, problems };
  return {
    world,
    place: visitPlace(world),
    townships,
    villageRows,
    enterpriseRows,
    teams,
  };
}

const area = (townships: Iterable<number>, villages: Iterable<number>): CoverageArea => ({
  townships: new Set(townships),
  villages: new Set(villages),
});

/** The teams the user is a member of (every team for the office and leaders: null). */
export function teamsOf(user: Pick<SessionUser, 'id' | 'role'>, teams: readonly TeamRow[]): TeamRow[] | null {
  if (user.role !== 'unit_staff') return null;
  return teams.filter((team) => team.members.some((m) => m.userId === user.id));
}

/** Whether a village (with its township) lies inside one of the teams' areas. */
export function insideTeams(teams: readonly TeamRow[], townshipId: number, villageId: number | null): boolean {
  return teams.some(
    (team) => team.areas.townships.has(townshipId) || (villageId !== null && team.areas.villages.has(villageId)),
  );
}

function townshipRows(data: CoverageData, mine: TeamRow[] | null): Scoped[] {
  return data.townships
    .filter((t) => mine === null || mine.some((team) => team.areas.townships.has(t.id)))
    .map((t) => {
      const where = area([t.id], []);
      return {
        row: { id: t.id, name: t.name, township: null, county: t.county },
        scope: { area: where, visit: visitsIn(data.place, where) },
      };
    });
}

function villageRows(data: CoverageData, mine: TeamRow[] | null): Scoped[] {
  const townships = new Map(data.townships.map((t) => [t.id, t]));
  return data.villageRows
    .filter((v) => v.active && (mine === null || insideTeams(mine, v.townshipId, v.id)))
    .map((v) => {
      const where = area([], [v.id]);
      const township = townships.get(v.townshipId);
      return {
        row: {
          id: v.id,
          name: v.name,
          township: township ? { id: township.id, name: township.name } : null,
          county: township?.county ?? null,
        },
        scope: { area: where, visit: visitsIn(data.place, where) },
      };
    });
}

function teamRows(data: CoverageData, mine: TeamRow[] | null): Scoped[] {
  return (mine ?? data.teams)
    .slice()
    .sort((a, b) => a.id - b.id)
    .map((team) => ({
      row: { id: team.id, name: team.name, township: null, county: null },
      scope: { area: team.areas, visit: (visit: CoverageVisit) => visit.teamId === team.id },
    }));
}

async function unitRows(db: Db, data: CoverageData, user: SessionUser): Promise<Scoped[]> {
  const ids = new Set<number>();
  for (const team of data.teams) for (const member of team.members) if (member.unitId !== null) ids.add(member.unitId);
  for (const visit of data.world.visits) for (const unit of visit.cadreUnitIds) ids.add(unit);
  if (user.role === 'unit_staff') {
    ids.clear();
    if (user.unitId !== null) ids.add(user.unitId);
  }
  const units = await repo.unitsById(db, [...ids]);
  units.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  return units.map((unit) => {
    // The unit's area: the areas of the teams it sends members to.
    const teams = data.teams.filter((team) => team.members.some((m) => m.unitId === unit.id));
    return {
      row: { id: unit.id, name: unit.name, township: null, county: null },
      scope: {
        area: area(
          teams.flatMap((t) => [...t.areas.townships]),
          teams.flatMap((t) => [...t.areas.villages]),
        ),
        visit: (visit: CoverageVisit) => visit.cadreUnitIds.includes(unit.id),
      },
    };
  });
}

/** One scope made of several: their areas joined, a visit counted when any of them counts it. */
function unionScope(scopes: readonly CoverageScope[]): CoverageScope {
  const townships = new Set<number>();
  const villages = new Set<number>();
  for (const scope of scopes) {
    if (scope.area === 'all') return { area: 'all', visit: (v) => scopes.some((s) => s.visit(v)) };
    for (const id of scope.area.townships) townships.add(id);
    for (const id of scope.area.villages) villages.add(id);
  }
  return { area: { townships, villages }, visit: (v) => scopes.some((s) => s.visit(v)) };
}

export async function visitCoverage(
  db: Db,
  user: SessionUser,
  by: CoverageGrouping,
  period: Period,
  now: Date,
): Promise<CoverageReport> {
  const today = chinaDay(now);
  const data = await loadCoverageData(db, period);
  const mine = teamsOf(user, data.teams);
  const scoped =
    by === 'township'
      ? townshipRows(data, mine)
      : by === 'village'
        ? villageRows(data, mine)
        : by === 'team'
          ? teamRows(data, mine)
          : await unitRows(db, data, user);
  const rows = scoped.map(({ row, scope }) => ({ ...row, ...coverageFigures(data.world, scope, today) }));
  const counties: (CoverageFigures & Named)[] = [];
  if (by === 'township') {
    const groups = new Map<number, { county: Named; scopes: CoverageScope[] }>();
    for (const { row, scope } of scoped) {
      if (row.county === null) continue;
      const group = groups.get(row.county.id) ?? { county: row.county, scopes: [] };
      group.scopes.push(scope);
      groups.set(row.county.id, group);
    }
    for (const { county, scopes } of groups.values())
      counties.push({ ...county, ...coverageFigures(data.world, unionScope(scopes), today) });
  }
  const total = coverageFigures(data.world, unionScope(scoped.map((s) => s.scope)), today);
  return { by, from: period.from, to: period.to, today, rows, counties, total };
}
