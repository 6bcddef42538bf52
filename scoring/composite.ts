// The composite score (综合得分) of one unit: Σ used weight × rater-type score, with its
// uncertainty, the weights actually used, and a flag for every rater type that could not count.
import { RATER_TYPES } from './rater-type.ts';
import type { RaterType } from './rater-type.ts';
import type { CompositeResult, CompositeTerm, RaterGroupResult, UnitFlag } from './result-types.ts';
import type { RaterWeights } from './settings.ts';
import { confidenceInterval, roundTo, welchDegreesOfFreedom } from './statistics.ts';
import type { Bounds } from './statistics.ts';
import { resolveWeights } from './weights.ts';

export interface CompositeOptions {
  readonly configured: RaterWeights;
  readonly minimums: Readonly<Record<RaterType, number>>;
  readonly precision: number;
  readonly confidence: number;
  readonly bounds: Bounds;
}

export interface CompositeOutcome {
  readonly composite: CompositeResult;
  readonly used: RaterWeights;
  readonly flags: readonly UnitFlag[];
}

export function compositeFor(
  groups: Readonly<Record<RaterType, RaterGroupResult>>,
  options: CompositeOptions,
): CompositeOutcome {
  const ballots = {} as Record<RaterType, number>;
  for (const raterType of RATER_TYPES) ballots[raterType] = groups[raterType].ballots;
  const { used, dropped } = resolveWeights(options.configured, ballots, options.minimums);
  const flags: UnitFlag[] = [];
  for (const raterType of RATER_TYPES) {
    const group = groups[raterType];
    const moved = dropped.find((drop) => drop.raterType === raterType)?.weight ?? 0;
    // Suppression is flagged even at weight 0: the office needs to know the group went unpublished.
    if (group.status === 'suppressed') {
      flags.push({
        code: 'raterTypeSuppressed',
        raterType,
        ballots: group.ballots,
        minimum: group.minimum,
        weightRedistributed: moved,
      });
    } else if (group.status === 'missing' && moved > 0) {
      flags.push({ code: 'raterTypeMissing', raterType, weightRedistributed: moved });
    } else if (group.status === 'ok' && group.statistic === 'trimmedMean' && group.trimmedMean === null) {
      flags.push({ code: 'trimmedMeanUnavailable', raterType, ballots: group.ballots });
    }
  }
  const terms: CompositeTerm[] = [];
  for (const raterType of RATER_TYPES) {
    const weight = used[raterType];
    const score = groups[raterType].score;
    if (weight > 0 && score !== null) terms.push({ raterType, score, weight, contribution: weight * score });
  }
  if (terms.length === 0) flags.push({ code: 'notScored' });
  return { composite: compositeResult(terms, groups, options), used, flags };
}

function compositeResult(
  terms: readonly CompositeTerm[],
  groups: Readonly<Record<RaterType, RaterGroupResult>>,
  options: CompositeOptions,
): CompositeResult {
  if (terms.length === 0) return { score: null, unrounded: null, standardError: null, ci: null, terms };
  let unrounded = 0;
  for (const term of terms) unrounded += term.contribution;
  // Rater groups are independent samples, so variances add: Var = Σ w²·SE².
  const parts: { weight: number; standardError: number; n: number }[] = [];
  for (const term of terms) {
    const { standardError, ballots } = groups[term.raterType];
    if (standardError === null) break;
    parts.push({ weight: term.weight, standardError, n: ballots });
  }
  const known = parts.length === terms.length;
  const standardError = known
    ? Math.sqrt(parts.reduce((total, part) => total + (part.weight * part.standardError) ** 2, 0))
    : null;
  const ci = known
    ? confidenceInterval(unrounded, standardError, welchDegreesOfFreedom(parts), options.confidence, options.bounds)
    : null;
  return { score: roundTo(unrounded, options.precision), unrounded, standardError, ci, terms };
}
