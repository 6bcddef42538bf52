// The one entry point: tally + units + settings → everything the evaluation office publishes.
// Deterministic by construction: fixed key order, units sorted by id, no clocks or Math.random.
import { compositeFor } from './composite.ts';
import type { CompositeOutcome } from './composite.ts';
import { gradeCategory } from './grading.ts';
import type { GradeDecision } from './grading.ts';
import { findMappingProblems } from './mapping-check.ts';
import { rankRangesByBootstrap, rankRangesByCiOverlap } from './rank-range.ts';
import { competitionRank, compareIds } from './ranking.ts';
import { RATER_TYPES } from './rater-type.ts';
import type { RaterType } from './rater-type.ts';
import { leniencyRescale, raterGroupResult, raterTypeSummary } from './rater-group.ts';
import type { LeniencyScale } from './rater-group.ts';
import type {
  CategoryResult,
  RaterGroupResult,
  RankRange,
  RaterTypeSummary,
  ScoringResults,
  UnitFlag,
  UnitResult,
} from './result-types.ts';
import { bestPoints, worstPoints } from './scales.ts';
import type { Scale } from './scales.ts';
import { resolveResultSettings, ScoringSettingsError } from './settings.ts';
import type {
  CategorySettings,
  RankRangeSettings,
  RaterWeights,
  ResolvedResultSettings,
  ResultSettings,
  UnitInput,
} from './settings.ts';
import { roundTo } from './statistics.ts';
import type { Bounds } from './statistics.ts';
import type { Tally } from './tally.ts';

interface ScoredUnit {
  readonly input: UnitInput;
  readonly configured: RaterWeights;
  readonly groups: Readonly<Record<RaterType, RaterGroupResult>>;
  readonly outcome: CompositeOutcome;
}

interface Placement {
  readonly rank: number | null;
  readonly rankRange: RankRange | null;
  readonly decision: GradeDecision | null;
}

export function computeResults(tally: Tally, units: readonly UnitInput[], settings: ResultSettings): ScoringResults {
  const resolved = resolveResultSettings(settings);
  const categories = indexCategories(tally, units, resolved);
  const scales = mapRaterTypes((raterType) => tally.groups[raterType].scale);
  const bounds = compositeBounds(scales);
  const rescales = mapRaterTypes((raterType) => leniencyRescale(tally.groups[raterType]));
  const scored = units.map((unit) =>
    scoreUnit(tally, unit, categories.get(unit.categoryId)!, resolved, rescales, bounds),
  );
  const placements = new Map<string, Placement>();
  const categoryResults = resolved.categories.map((category) =>
    placeCategory(
      category,
      scored.filter((unit) => unit.input.categoryId === category.id),
      resolved,
      bounds,
      placements,
    ),
  );
  const unitResults = [...scored]
    .sort((a, b) => compareIds(a.input.id, b.input.id))
    .map((unit) => unitResult(unit, placements.get(unit.input.id)!));
  return {
    method: {
      precision: resolved.precision,
      confidence: resolved.confidence,
      statistic: mapRaterTypes((raterType) => resolved.statistic[raterType]),
      itemCombination: resolved.itemCombination,
      tieBreaks: [...resolved.tieBreaks],
      rankRange: normaliseRankRange(resolved.rankRange),
    },
    raterTypes: mapRaterTypes((raterType): RaterTypeSummary =>
      raterTypeSummary(tally.groups[raterType], rescales[raterType]),
    ),
    mappingProblems:
      resolved.grading === null ? [] : findMappingProblems(weightedScales(scales, resolved), resolved.grading.bands),
    categories: categoryResults,
    units: unitResults,
  };
}

function indexCategories(
  tally: Tally,
  units: readonly UnitInput[],
  resolved: ResolvedResultSettings,
): Map<string, CategorySettings> {
  const categories = new Map(resolved.categories.map((category) => [category.id, category]));
  const seen = new Set<string>();
  for (const unit of units) {
    if (seen.has(unit.id))
      throw new ScoringSettingsError('unit_repeated', `Unit "${unit.id}" is listed twice`, { unit: unit.id });
    seen.add(unit.id);
    if (!tally.unitIndex.has(unit.id))
      throw new ScoringSettingsError('unit_not_in_tally', `Unit "${unit.id}" is not in the tally`, { unit: unit.id });
    if (!categories.has(unit.categoryId))
      throw new ScoringSettingsError(
        'unit_category_unknown',
        `Unit "${unit.id}" has unknown category "${unit.categoryId}"`,
        { unit: unit.id, category: unit.categoryId },
      );
  }
  return categories;
}

function scoreUnit(
  tally: Tally,
  unit: UnitInput,
  category: CategorySettings,
  resolved: ResolvedResultSettings,
  rescales: Readonly<Record<RaterType, LeniencyScale>>,
  bounds: Bounds,
): ScoredUnit {
  const index = tally.unitIndex.get(unit.id)!;
  const groups = mapRaterTypes((raterType) =>
    raterGroupResult(tally.groups[raterType], index, {
      minimum: resolved.minimumBallots[raterType],
      statistic: resolved.statistic[raterType],
      combination: resolved.itemCombination,
      confidence: resolved.confidence,
      leniencyScale: rescales[raterType],
    }),
  );
  const configured = mapRaterTypes((raterType) => (category.weights ?? resolved.weights)[raterType]);
  const outcome = compositeFor(groups, {
    configured,
    minimums: resolved.minimumBallots,
    precision: resolved.precision,
    confidence: resolved.confidence,
    bounds,
  });
  return { input: unit, configured, groups, outcome };
}

function placeCategory(
  category: CategorySettings,
  members: readonly ScoredUnit[],
  resolved: ResolvedResultSettings,
  bounds: Bounds,
  placements: Map<string, Placement>,
): CategoryResult {
  const rankable = category.ranked ? members.filter((unit) => unit.outcome.composite.score !== null) : [];
  const ranking = competitionRank(rankable.map((unit) => ({ id: unit.input.id, keys: rankKeys(unit, resolved) })));
  const ranks = new Map(ranking.map((entry) => [entry.id, entry.rank]));
  const ranges = rankRanges(rankable, ranks, resolved, bounds);
  const decisions =
    resolved.grading === null
      ? null
      : gradeCategory(
          members.map((unit) => ({
            id: unit.input.id,
            score: unit.outcome.composite.score,
            rank: ranks.get(unit.input.id) ?? null,
            vetoed: (unit.input.veto ?? null) !== null,
          })),
          resolved.grading,
        );
  for (const unit of members) {
    const id = unit.input.id;
    placements.set(id, {
      rank: ranks.get(id) ?? null,
      rankRange: ranges.get(id) ?? null,
      decision: decisions?.get(id) ?? null,
    });
  }
  return {
    categoryId: category.id,
    ranked: category.ranked,
    ranking: ranking.map((entry) => ({ unitId: entry.id, rank: entry.rank })),
    gradeCounts: gradeCounts(resolved, decisions),
  };
}

/** The published composite first, then the configured tie-breaks, all at published precision. */
function rankKeys(unit: ScoredUnit, resolved: ResolvedResultSettings): (number | null)[] {
  const published = (score: number | null): number | null =>
    score === null ? null : roundTo(score, resolved.precision);
  const keys: (number | null)[] = [unit.outcome.composite.score];
  for (const tieBreak of resolved.tieBreaks) {
    if (tieBreak === 'validBallots') {
      keys.push(
        RATER_TYPES.reduce(
          (total, raterType) => total + (unit.outcome.used[raterType] > 0 ? unit.groups[raterType].ballots : 0),
          0,
        ),
      );
    } else {
      const raterType: RaterType =
        tieBreak === 'recipientScore' ? 'recipient' : tieBreak === 'superiorScore' ? 'superior' : 'peer';
      keys.push(published(unit.groups[raterType].score));
    }
  }
  return keys;
}

function rankRanges(
  rankable: readonly ScoredUnit[],
  ranks: ReadonlyMap<string, number>,
  resolved: ResolvedResultSettings,
  bounds: Bounds,
): Map<string, RankRange> {
  const candidates = rankable.map((unit) => ({
    id: unit.input.id,
    rank: ranks.get(unit.input.id)!,
    estimate: unit.outcome.composite.unrounded!,
    standardError: unit.outcome.composite.standardError,
    ci: unit.outcome.composite.ci,
  }));
  const method = resolved.rankRange;
  if (method.method === 'ciOverlap') return rankRangesByCiOverlap(candidates);
  return rankRangesByBootstrap(candidates, {
    replicates: method.replicates,
    seed: method.seed,
    confidence: resolved.confidence,
    bounds,
  });
}

function gradeCounts(
  resolved: ResolvedResultSettings,
  decisions: ReadonlyMap<string, GradeDecision> | null,
): CategoryResult['gradeCounts'] {
  const grading = resolved.grading;
  if (grading === null || decisions === null) return [];
  const grades = grading.bands.map((band) => band.grade);
  for (const extra of [grading.bottom?.grade, grading.vetoGrade]) {
    if (extra !== undefined && extra !== null && !grades.includes(extra)) grades.push(extra);
  }
  const counts = new Map(grades.map((grade) => [grade, 0]));
  for (const decision of decisions.values()) {
    if (decision.grade !== null) counts.set(decision.grade.grade, (counts.get(decision.grade.grade) ?? 0) + 1);
  }
  return grades.map((grade) => ({ grade, count: counts.get(grade)! }));
}

function unitResult(unit: ScoredUnit, placement: Placement): UnitResult {
  const veto = unit.input.veto ?? null;
  const flags: UnitFlag[] = [...unit.outcome.flags];
  if (veto !== null) flags.push({ code: 'vetoed', reason: veto.reason });
  flags.push(...(placement.decision?.flags ?? []));
  return {
    unitId: unit.input.id,
    categoryId: unit.input.categoryId,
    raterGroups: unit.groups,
    composite: unit.outcome.composite,
    weights: { configured: unit.configured, used: mapRaterTypes((raterType) => unit.outcome.used[raterType]) },
    rank: placement.rank,
    rankRange: placement.rankRange,
    grade: placement.decision?.grade ?? null,
    flags,
  };
}

function mapRaterTypes<T>(value: (raterType: RaterType) => T): Record<RaterType, T> {
  const mapped = {} as Record<RaterType, T>;
  for (const raterType of RATER_TYPES) mapped[raterType] = value(raterType);
  return mapped;
}

function compositeBounds(scales: Readonly<Record<RaterType, Scale>>): Bounds {
  return {
    min: Math.min(...RATER_TYPES.map((raterType) => worstPoints(scales[raterType]))),
    max: Math.max(...RATER_TYPES.map((raterType) => bestPoints(scales[raterType]))),
  };
}

/** Only rater types that carry weight somewhere can drag an all-worst unit out of the worst band. */
function weightedScales(
  scales: Readonly<Record<RaterType, Scale>>,
  resolved: ResolvedResultSettings,
): Partial<Record<RaterType, Scale>> {
  const weighted: Partial<Record<RaterType, Scale>> = {};
  for (const raterType of RATER_TYPES) {
    const weightSets = [
      resolved.weights,
      ...resolved.categories.map((category) => category.weights ?? resolved.weights),
    ];
    if (weightSets.some((weights) => weights[raterType] > 0)) weighted[raterType] = scales[raterType];
  }
  return weighted;
}

function normaliseRankRange(settings: RankRangeSettings): RankRangeSettings {
  return settings.method === 'ciOverlap'
    ? { method: 'ciOverlap' }
    : { method: 'bootstrap', replicates: settings.replicates, seed: settings.seed };
}
