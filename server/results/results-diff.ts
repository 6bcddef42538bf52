// Where two computations of the same results disagree, as JSON paths with both values.

export interface ResultDifference {
  /** e.g. `units[3].raterGroups.recipient.sd` */
  readonly path: string;
  readonly live: unknown;
  readonly recount: unknown;
}

/**
 * With integer points every sum is exact and the two ways agree bit for bit (decision 003). Points with
 * fractions (e.g. 0.5 steps) may differ in the last bits when summed in another order; a difference
 * below one part in 10⁹ is that, and far below any published precision, so it is not reported.
 */
const RELATIVE_TOLERANCE = 1e-9;

export function diffResults(
  live: unknown,
  recount: unknown,
  limit: number,
): { differences: ResultDifference[]; total: number } {
  const differences: ResultDifference[] = [];
  let total = 0;
  const visit = (a: unknown, b: unknown, path: string): void => {
    if (sameLeaf(a, b)) return;
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      a.forEach((value, index) => visit(value, b[index], `${path}[${index}]`));
      return;
    }
    if (isRecord(a) && isRecord(b) && !Array.isArray(a) && !Array.isArray(b)) {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys) visit(a[key], b[key], path === '' ? key : `${path}.${key}`);
      return;
    }
    total++;
    if (differences.length < limit) differences.push({ path, live: a ?? null, recount: b ?? null });
  };
  visit(live, recount, '');
  return { differences, total };
}

function sameLeaf(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}
