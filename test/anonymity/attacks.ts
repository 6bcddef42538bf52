// What an attacker holding the database files, or the office reading its own screens, would compute. The
// anonymity tests (decision 011) run these against what Pingyi stores and answers, knowing the truth.

/** Kendall's τ-a between two orders of the same items (ties count as neither concordant nor discordant). */
export function kendallTau(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error('kendallTau needs two equally long lists');
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      const s = Math.sign(a[i]! - a[j]!) * Math.sign(b[i]! - b[j]!);
      if (s > 0) concordant++;
      else if (s < 0) discordant++;
    }
  }
  const pairs = (a.length * (a.length - 1)) / 2;
  return pairs === 0 ? 0 : (concordant - discordant) / pairs;
}

/** Every offset at which `needle` occurs in `haystack`. */
export function offsetsOf(haystack: Buffer, needle: Buffer): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/**
 * The attacker's best guess at pairing two event sequences seen in the log (codes exchanged, ballots
 * stored) when nothing joins them but order: the i-th of one with the i-th of the other. Returns how
 * many pairs it gets right.
 */
export function rankMatchHits(
  first: ReadonlyMap<string, number>,
  second: ReadonlyMap<string, number>,
  truth: ReadonlyMap<string, string>,
): number {
  const a = [...first].sort((x, y) => x[1] - y[1]).map(([key]) => key);
  const b = [...second].sort((x, y) => x[1] - y[1]).map(([key]) => key);
  let hits = 0;
  a.forEach((key, index) => {
    if (b[index] !== undefined && truth.get(key) === b[index]) hits++;
  });
  return hits;
}
