// Grades (等次) within one category: score bands first, then quotas that cap how many units may
// hold a grade, then the bottom (末位) rule, with a veto overriding everything. Quotas and the
// bottom rule need an order, so they apply only in ranked categories.
import type { GradeResult, UnitFlag } from './result-types.ts';
import type { BoundaryTies, GradeBand, GradingSettings } from './settings.ts';

export interface GradingCandidate {
  readonly id: string;
  /** The published (rounded) composite; null when the unit could not be scored. */
  readonly score: number | null;
  /** Null in unranked categories and for unscored units. */
  readonly rank: number | null;
  readonly vetoed: boolean;
}

export interface GradeDecision {
  readonly grade: GradeResult | null;
  readonly flags: readonly UnitFlag[];
}

interface WorkingGrade {
  readonly id: string;
  readonly rank: number;
  readonly score: number;
  readonly bandGrade: string;
  grade: string;
  basis: GradeResult['basis'];
  readonly flags: UnitFlag[];
}

/** The first band (best first) whose minScore the score reaches; below all of them, the last. */
export function bandFor(bands: readonly GradeBand[], score: number): GradeBand {
  return bands.find((band) => score >= band.minScore) ?? bands[bands.length - 1]!;
}

export function gradeCategory(
  candidates: readonly GradingCandidate[],
  grading: GradingSettings,
): Map<string, GradeDecision> {
  const decisions = new Map<string, GradeDecision>();
  const vetoGrade = grading.vetoGrade ?? grading.bands[grading.bands.length - 1]!.grade;
  const working: WorkingGrade[] = [];
  for (const candidate of candidates) {
    const { id, score, rank } = candidate;
    const bandGrade = score === null ? null : bandFor(grading.bands, score).grade;
    if (candidate.vetoed) {
      decisions.set(id, { grade: { grade: vetoGrade, basis: 'veto', bandGrade }, flags: [] });
    } else if (score === null || bandGrade === null) {
      decisions.set(id, { grade: null, flags: [] });
    } else if (rank === null) {
      decisions.set(id, { grade: { grade: bandGrade, basis: 'band', bandGrade }, flags: [] });
    } else {
      working.push({ id, rank, score, bandGrade, grade: bandGrade, basis: 'band', flags: [] });
    }
  }
  working.sort((a, b) => a.rank - b.rank);
  // Vetoed units count towards the category size: a quota is a share of the units rated.
  const scoredCount = candidates.filter((candidate) => candidate.score !== null).length;
  const policy = grading.boundaryTies ?? 'exclude';
  applyQuotas(working, grading, scoredCount, policy);
  applyBottom(working, grading, policy);
  for (const unit of working) {
    decisions.set(unit.id, {
      grade: { grade: unit.grade, basis: unit.basis, bandGrade: unit.bandGrade },
      flags: unit.flags,
    });
  }
  return decisions;
}

// Top-down so that units pushed out of one grade then compete under the next grade's quota.
function applyQuotas(
  working: WorkingGrade[],
  grading: GradingSettings,
  scoredCount: number,
  policy: BoundaryTies,
): void {
  const { bands } = grading;
  for (let b = 0; b < bands.length - 1; b++) {
    const grade = bands[b]!.grade;
    const quota = grading.quotas?.find((candidate) => candidate.grade === grade);
    if (quota === undefined) continue;
    const members = working.filter((unit) => unit.grade === grade);
    // The epsilon keeps 20% of 10 at 2 despite 0.2 × 10 being 2.0000000000000004 or 1.9999….
    const cap = Math.floor(quota.maxShare * scoredCount + 1e-9);
    const kept = selectWithinCap(members, cap, policy, grade);
    const lower = bands[b + 1]!.grade;
    for (const unit of members.slice(kept)) {
      unit.flags.push({ code: 'demotedByQuota', from: grade, to: lower });
      unit.grade = lower;
      unit.basis = 'quota';
    }
  }
}

function applyBottom(working: WorkingGrade[], grading: GradingSettings, policy: BoundaryTies): void {
  const bottom = grading.bottom ?? null;
  if (bottom === null) return;
  const candidates = working.filter((unit) => unit.score < bottom.below).sort((a, b) => b.rank - a.rank);
  const selected = selectWithinCap(candidates, bottom.count, policy, bottom.grade);
  for (const unit of candidates.slice(0, selected)) {
    unit.grade = bottom.grade;
    unit.basis = 'bottom';
  }
}

/**
 * How many of `ordered` (in priority order, equal ranks adjacent) fit under `cap`. A tied group
 * straddling the cap is either all left out or all let in, never split by an arbitrary order;
 * the group is flagged either way so the decision is visible.
 */
function selectWithinCap(ordered: readonly WorkingGrade[], cap: number, policy: BoundaryTies, grade: string): number {
  if (ordered.length <= cap) return ordered.length;
  const boundaryRank = ordered[cap]!.rank;
  if (cap === 0 || ordered[cap - 1]!.rank !== boundaryRank) return cap;
  const first = ordered.findIndex((unit) => unit.rank === boundaryRank);
  let last = first;
  while (last + 1 < ordered.length && ordered[last + 1]!.rank === boundaryRank) last++;
  for (let i = first; i <= last; i++) {
    ordered[i]!.flags.push({ code: 'quotaBoundaryTie', grade, policy, tiedUnits: last - first + 1 });
  }
  return policy === 'exclude' ? first : last + 1;
}
