// Competition ranking ("1, 2, 2, 4"): equal results share a rank and the next rank is skipped, as
// published league tables do. Nothing breaks a tie unless the campaign names a tie-break, and
// never the unit id or the input order, which would be arbitrary.

export interface RankCandidate {
  readonly id: string;
  /** Higher is better, compared in order; null is worse than any number. */
  readonly keys: readonly (number | null)[];
}

export interface RankedEntry {
  readonly id: string;
  readonly rank: number;
}

export function compareKeys(a: readonly (number | null)[], b: readonly (number | null)[]): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    return y - x;
  }
  return 0;
}

/** Best first; tied candidates share a rank and are listed by id (code-unit order). */
export function competitionRank(candidates: readonly RankCandidate[]): RankedEntry[] {
  const ordered = [...candidates].sort((a, b) => compareKeys(a.keys, b.keys) || compareIds(a.id, b.id));
  const ranked: RankedEntry[] = [];
  ordered.forEach((candidate, index) => {
    const previous = ordered[index - 1];
    const tied = previous !== undefined && compareKeys(previous.keys, candidate.keys) === 0;
    ranked.push({ id: candidate.id, rank: tied ? ranked[index - 1]!.rank : index + 1 });
  });
  return ranked;
}

/** Locale-independent, so the order is the same on every server and browser. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
