// Statistics from streaming sums. Intervals use Student's t, not 1.96: rater groups are often
// 5–40 people, where the normal value overstates certainty.
import { studentTQuantile } from './t-distribution.ts';

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface Bounds {
  readonly min: number;
  readonly max: number;
}

const quantileCache = new Map<string, number>();

/** Two-sided critical value t(1 − α/2, df), memoised because results ask for the same few df. */
export function criticalT(confidence: number, df: number): number {
  const key = `${confidence}|${df}`;
  let value = quantileCache.get(key);
  if (value === undefined) {
    value = studentTQuantile(1 - (1 - confidence) / 2, df);
    quantileCache.set(key, value);
  }
  return value;
}

/**
 * mean ± t·SE, clipped to the scale: a score cannot leave the scale, and a five-rater interval
 * reaching 104 would only confuse readers.
 */
export function confidenceInterval(
  mean: number,
  standardError: number | null,
  df: number,
  confidence: number,
  bounds: Bounds,
): Interval | null {
  if (standardError === null || !(df > 0)) return null;
  const half = criticalT(confidence, df) * standardError;
  return { low: Math.max(bounds.min, mean - half), high: Math.min(bounds.max, mean + half) };
}

export interface SampleSummary {
  readonly count: number;
  readonly mean: number | null;
  /** Sample SD (n − 1); null below two observations. */
  readonly sd: number | null;
  readonly standardError: number | null;
  readonly ci: Interval | null;
}

/** Summary of independent observations given count, Σx and Σx². */
export function summariseSample(
  count: number,
  sum: number,
  sumSquares: number,
  confidence: number,
  bounds: Bounds,
): SampleSummary {
  if (count === 0) return { count, mean: null, sd: null, standardError: null, ci: null };
  const mean = sum / count;
  if (count < 2) return { count, mean, sd: null, standardError: null, ci: null };
  const sd = Math.sqrt(Math.max(0, (sumSquares - (sum * sum) / count) / (count - 1)));
  const standardError = sd / Math.sqrt(count);
  return { count, mean, sd, standardError, ci: confidenceInterval(mean, standardError, count - 1, confidence, bounds) };
}

export interface RatioSums {
  readonly n: number;
  readonly sumP: number;
  readonly sumK: number;
  readonly sumPP: number;
  readonly sumKK: number;
  readonly sumPK: number;
}

/**
 * Score = ΣP ÷ ΣK over ballots, which is the published "sum of points ÷ number of valid votes"
 * formula when item weights are 1. Its uncertainty treats each ballot as one observation (a ratio
 * estimator): SD = √(Σ(P − R·K)² ÷ (n − 1)) ÷ K̄. When every ballot answered the same items this
 * is the ordinary SD of the ballots' scores.
 */
export function summariseRatio(sums: RatioSums, confidence: number, bounds: Bounds): SampleSummary {
  const { n, sumP, sumK, sumPP, sumKK, sumPK } = sums;
  if (n === 0) return { count: 0, mean: null, sd: null, standardError: null, ci: null };
  const mean = sumP / sumK;
  if (n < 2) return { count: n, mean, sd: null, standardError: null, ci: null };
  const residualSquares = Math.max(0, sumPP - 2 * mean * sumPK + mean * mean * sumKK);
  const sd = Math.sqrt(residualSquares / (n - 1)) / (sumK / n);
  const standardError = sd / Math.sqrt(n);
  return { count: n, mean, sd, standardError, ci: confidenceInterval(mean, standardError, n - 1, confidence, bounds) };
}

/**
 * Welch–Satterthwaite degrees of freedom for Σ wᵢ·meanᵢ, so a composite resting on five
 * superiors is not treated as if it had the recipients' thousands of degrees of freedom.
 */
export function welchDegreesOfFreedom(parts: readonly { weight: number; standardError: number; n: number }[]): number {
  let numerator = 0;
  let denominator = 0;
  for (const part of parts) {
    const variance = (part.weight * part.standardError) ** 2;
    numerator += variance;
    denominator += (variance * variance) / (part.n - 1);
  }
  return denominator === 0 ? Infinity : (numerator * numerator) / denominator;
}

/**
 * A double this close to a half (relative to its size) is taken to be the half it stands for: 84.995 is
 * stored as 84.99499999999999744…, and a composite Σ weight × score lands a few ulps either side of the
 * exact value. 2⁻⁴⁰ ≈ 9 × 10⁻¹³ is thousands of times the error of that sum; an exact composite nearer a half
 * than that without being on it would need denominators (valid votes, weights) beyond 10¹².
 */
const HALF_TOLERANCE = 2 ** -40;

/**
 * Rounds half away from zero (四舍五入, as Excel's ROUND and a calculator do) to `decimals` places, on the
 * value as it is exactly: 84.995 → 85, 84.9949 → 84.99 (decision 003). What is published, ranked and
 * graded is this rounded value.
 */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  const whole = Math.floor(scaled);
  const fraction = scaled - whole;
  const up = fraction > 0.5 || Math.abs(fraction - 0.5) <= HALF_TOLERANCE * Math.max(1, scaled);
  const rounded = (up ? whole + 1 : whole) / factor;
  return value < 0 ? -rounded : rounded;
}
