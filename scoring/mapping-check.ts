// The press criticised a scheme where 不满意 still earned 50 points, so a unit everyone disliked
// looked middling. This check runs before any ballot is cast: with the campaign's scales and
// bands, would a unit rated worst by everyone land in the worst band?
import { bandFor } from './grading.ts';
import { RATER_TYPES } from './rater-type.ts';
import type { RaterType } from './rater-type.ts';
import type { MappingProblem } from './result-types.ts';
import { worstPoints } from './scales.ts';
import type { Scale } from './scales.ts';
import type { GradeBand } from './settings.ts';

/**
 * One problem per rater type whose worst level does not reach the worst band. Checking each type
 * alone is enough: the worst band is "everything below a threshold", and a composite of all-worst
 * scores is a weighted average of the types' worst points, so it lies below the threshold
 * whenever each of them does — whatever weights or redistribution apply.
 */
export function findMappingProblems(
  scales: Partial<Readonly<Record<RaterType, Scale>>>,
  bands: readonly GradeBand[],
): MappingProblem[] {
  const worstBand = bands[bands.length - 1];
  if (worstBand === undefined) return [];
  const problems: MappingProblem[] = [];
  for (const raterType of RATER_TYPES) {
    const scale = scales[raterType];
    if (scale === undefined) continue;
    const points = worstPoints(scale);
    const band = bandFor(bands, points);
    if (band.grade !== worstBand.grade) {
      problems.push({
        raterType,
        scaleId: scale.id,
        worstPoints: points,
        landsIn: band.grade,
        worstGrade: worstBand.grade,
      });
    }
  }
  return problems;
}
