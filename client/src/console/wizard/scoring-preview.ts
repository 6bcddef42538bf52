import type { RaterType } from '../../../../scoring/rater-type.ts';
import { createRandom } from '../../../../scoring/random.ts';
import { computeResults } from '../../../../scoring/results.ts';
import type { ScoringResults } from '../../../../scoring/result-types.ts';
import { FIVE_LEVEL_SCALE, FOUR_LEVEL_SCALE } from '../../../../scoring/scales.ts';
import type { GradingSettings, RaterWeights } from '../../../../scoring/settings.ts';
import { addBallot, createTally } from '../../../../scoring/tally.ts';

/** Ten sample units from excellent to poor, so the office sees how its weights and bands grade them. */
export const SAMPLE_UNITS: readonly [string, string][] = 'ABCDEFGHIJ'
  .split('')
  .map((letter) => [`样例单位${letter}`, `Sample unit ${letter}`]);

/** Picks a level's points around a quality (0 best … 1 worst) on a best-first scale. */
function levelPoints(points: readonly number[], quality: number, random: () => number): number {
  const index = Math.round(quality * (points.length - 1) + (random() - 0.5) * 1.5);
  return points[Math.max(0, Math.min(points.length - 1, index))]!;
}

/**
 * Scores sample ballots with the real scoring module and the office's settings: the same code the
 * server runs, so the preview cannot drift from the published figures. `minimumBallots` are the rater
 * types' minCounts as the page shows them (their one home): a minimum above the sample's ballots hides the
 * group in the preview as it would in the results.
 */
export function previewScoring(
  weights: RaterWeights,
  grading: GradingSettings,
  raterTypes: readonly RaterType[],
  minimumBallots: Readonly<Record<RaterType, number>>,
): ScoringResults {
  const random = createRandom(7);
  const unitIds = SAMPLE_UNITS.map((_, i) => String(i + 1));
  const scales = { superior: FOUR_LEVEL_SCALE, peer: FOUR_LEVEL_SCALE, recipient: FIVE_LEVEL_SCALE };
  const tally = createTally({
    unitIds,
    raterTypes: {
      superior: { scale: scales.superior, items: [{ id: 'overall' }] },
      peer: { scale: scales.peer, items: [{ id: 'overall' }] },
      recipient: { scale: scales.recipient, items: [{ id: 'overall' }] },
    },
  });
  const counts: Record<RaterType, number> = { superior: 12, peer: 10, recipient: 40 };
  for (const raterType of raterTypes) {
    const points = scales[raterType].levels.map((l) => l.points);
    for (let b = 0; b < counts[raterType]; b += 1) {
      if (raterType === 'recipient') {
        unitIds.forEach((unitId, u) =>
          addBallot(tally, {
            raterType,
            ratings: [{ unitId, item: 'overall', points: levelPoints(points, u / 11, random) }],
          }),
        );
      } else {
        addBallot(tally, {
          raterType,
          ratings: unitIds.map((unitId, u) => ({
            unitId,
            item: 'overall',
            points: levelPoints(points, u / 11, random),
          })),
        });
      }
    }
  }
  return computeResults(
    tally,
    unitIds.map((id) => ({ id, categoryId: 'sample' })),
    {
      weights,
      minimumBallots,
      categories: [{ id: 'sample', ranked: true, weights: null }],
      grading,
    },
  );
}
