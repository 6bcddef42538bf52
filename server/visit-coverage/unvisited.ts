import type { Db } from '../db/database.ts';
import type { EnterpriseSize, VillageKind } from '../db/schema-visits.ts';
import { notFound } from '../errors.ts';
import type { SessionUser } from '../http/app-env.ts';
import type { Named, Period } from './coverage.repository.ts';
import { insideTeams, loadCoverageData, teamsOf } from './coverage.service.ts';

// The targets nobody visited in the period (未走访名单): active enterprises without an enterprise visit, or
// active villages and communities without a village visit, by anyone. The office and leaders see every
// township; unit staff only the targets inside their teams' areas (none when they are in no team).

export const UNVISITED_KINDS = ['enterprise', 'village'] as const;
export type UnvisitedKind = (typeof UNVISITED_KINDS)[number];

export interface UnvisitedTarget {
  readonly id: number;
  readonly county: Named | null;
  readonly township: Named;
  /** The enterprise's village, or the village itself. */
  readonly village: Named | null;
  readonly name: string;
  readonly creditCode: string | null;
  /** Enterprises: 大型 / 中型 / 小型 / 微型 as large … micro. */
  readonly size: EnterpriseSize | null;
  readonly industry: string | null;
  readonly address: string | null;
  /** Villages: 村 or 社区. */
  readonly villageKind: VillageKind | null;
  /** Villages: their households. */
  readonly households: number | null;
}

export interface UnvisitedList {
  readonly kind: UnvisitedKind;
  readonly from: string | null;
  readonly to: string | null;
  /** The township asked for, or null for every township. */
  readonly township: Named | null;
  readonly rows: UnvisitedTarget[];
}

export interface UnvisitedQuery {
  readonly kind: UnvisitedKind;
  readonly townshipId: number | null;
  readonly period: Period;
}

export async function unvisitedTargets(db: Db, user: SessionUser, query: UnvisitedQuery): Promise<UnvisitedList> {
  const data = await loadCoverageData(db, query.period);
  const townships = new Map(data.townships.map((t) => [t.id, t]));
  const asked = query.townshipId === null ? null : townships.get(query.townshipId);
  if (asked === undefined) throw notFound('The township');
  const mine = teamsOf(user, data.teams);
  const villages = new Map(data.villageRows.map((v) => [v.id, v]));
  const rank = new Map(data.townships.map((t, index) => [t.id, index]));
  const villageRank = new Map(data.villageRows.map((v, index) => [v.id, index]));
  const shown = (townshipId: number, villageId: number | null) =>
    (asked === null || townshipId === asked.id) && (mine === null || insideTeams(mine, townshipId, villageId));
  const placeOf = (townshipId: number) => {
    const township = townships.get(townshipId);
    return {
      county: township?.county ?? null,
      township: { id: townshipId, name: township?.name ?? '' },
    };
  };

  const rows: UnvisitedTarget[] = [];
  if (query.kind === 'enterprise') {
    const visited = new Set(data.world.visits.flatMap((v) => (v.targetKind === 'enterprise' ? [v.enterpriseId] : [])));
    const list = data.enterpriseRows
      .filter((e) => e.active && !visited.has(e.id) && shown(e.townshipId, e.villageId))
      .sort(
        (a, b) =>
          (rank.get(a.townshipId) ?? Infinity) - (rank.get(b.townshipId) ?? Infinity) ||
          (a.villageId === null ? Infinity : (villageRank.get(a.villageId) ?? Infinity)) -
            (b.villageId === null ? Infinity : (villageRank.get(b.villageId) ?? Infinity)) ||
          a.id - b.id,
      );
    for (const e of list) {
      const village = e.villageId === null ? undefined : villages.get(e.villageId);
      rows.push({
        id: e.id,
        ...placeOf(e.townshipId),
        village: village ? { id: village.id, name: village.name } : null,
        name: e.name,
        creditCode: e.creditCode,
        size: e.size,
        industry: e.industry,
        address: e.address,
        villageKind: null,
        households: null,
      });
    }
  } else {
    const visited = new Set(data.world.visits.flatMap((v) => (v.targetKind === 'village' ? [v.villageId] : [])));
    // loadCoverageData sorts the villages by township, then their own order.
    for (const v of data.villageRows) {
      if (!v.active || visited.has(v.id) || !shown(v.townshipId, v.id)) continue;
      rows.push({
        id: v.id,
        ...placeOf(v.townshipId),
        village: { id: v.id, name: v.name },
        name: v.name,
        creditCode: null,
        size: null,
        industry: null,
        address: null,
        villageKind: v.kind,
        households: v.households,
      });
    }
  }
  return {
    kind: query.kind,
    from: query.period.from,
    to: query.period.to,
    township: asked === null ? null : { id: asked.id, name: asked.name },
    rows,
  };
}
