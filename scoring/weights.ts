// Redistribution of weight when a rater type cannot be used for a unit. Proportional spreading keeps
// the ratios between the remaining types as configured (50/25/25 without peers becomes 2/3 and 1/3),
// and every move is reported so nobody reads a two-type composite as a three-type one.
import { RATER_TYPES } from './rater-type.ts';
import type { RaterType } from './rater-type.ts';
import type { RaterWeights } from './settings.ts';

export type DropReason = 'missing' | 'belowMinimum';

export interface DroppedRaterType {
  readonly raterType: RaterType;
  readonly reason: DropReason;
  readonly ballots: number;
  readonly minimum: number;
  /** The configured weight that was spread over the others. */
  readonly weight: number;
}

export interface WeightResolution {
  /** Sums to 1, or is all zeros when no rater type can be used. */
  readonly used: RaterWeights;
  readonly dropped: readonly DroppedRaterType[];
}

/** Which types a unit's composite can use given its ballot counts, and with what weights. */
export function resolveWeights(
  configured: RaterWeights,
  ballots: Readonly<Record<RaterType, number>>,
  minimums: Readonly<Record<RaterType, number>>,
): WeightResolution {
  const dropped: DroppedRaterType[] = [];
  let eligibleTotal = 0;
  for (const raterType of RATER_TYPES) {
    const weight = configured[raterType];
    const count = ballots[raterType];
    const minimum = minimums[raterType];
    if (count >= minimum) {
      eligibleTotal += weight;
    } else if (weight > 0) {
      dropped.push({ raterType, reason: count === 0 ? 'missing' : 'belowMinimum', ballots: count, minimum, weight });
    }
  }
  const used = {} as Record<RaterType, number>;
  for (const raterType of RATER_TYPES) {
    const usable = ballots[raterType] >= minimums[raterType];
    used[raterType] = usable && eligibleTotal > 0 ? configured[raterType] / eligibleTotal : 0;
  }
  return { used, dropped };
}
