// Level → points mappings. Every published scheme uses a different one, so a scale is data that a
// campaign chooses, not code. All presets put the best level at 100 so that rater types using
// different scales can be weighted into one composite on the same 0–100 footing.

/** One answer level of a rating scale, e.g. 满意 → 100 points. */
export interface ScaleLevel {
  /** The value the questionnaire stores for this answer. */
  readonly key: string;
  /** The label shown to raters and in reports. */
  readonly label: string;
  readonly points: number;
}

export interface Scale {
  readonly id: string;
  /** Best level first; points strictly decreasing so that each points value names one level. */
  readonly levels: readonly ScaleLevel[];
  /** Answer keys that mean "don't know" (不了解): not a valid vote, excluded from counts and means. */
  readonly dontKnowKeys: readonly string[];
}

/** The answer key the presets use for 不了解. */
export const DONT_KNOW_KEY = 'dontKnow';

/**
 * 优秀/良好/一般/较差 at 100/80/60/40: the published formula
 * (A×1 + B×0.8 + C×0.6 + D×0.4) ÷ (A+B+C+D) × 100 is exactly the mean of these points.
 */
export const FOUR_LEVEL_SCALE: Scale = {
  id: 'four-level',
  levels: [
    { key: 'excellent', label: '优秀', points: 100 },
    { key: 'good', label: '良好', points: 80 },
    { key: 'fair', label: '一般', points: 60 },
    { key: 'poor', label: '较差', points: 40 },
  ],
  dontKnowKeys: [DONT_KNOW_KEY],
};

/** 满意/基本满意/不满意 at 100/70/30, as one county published it. */
export const THREE_LEVEL_SCALE: Scale = {
  id: 'three-level',
  levels: [
    { key: 'satisfied', label: '满意', points: 100 },
    { key: 'basicallySatisfied', label: '基本满意', points: 70 },
    { key: 'dissatisfied', label: '不满意', points: 30 },
  ],
  dontKnowKeys: [DONT_KNOW_KEY],
};

/**
 * The national 好差评 five levels (GB/T 39735-2020), shown as 5 to 1 stars; 20 points a star.
 * The bottom two are the "bad reviews" (差评) that must be answered.
 */
export const FIVE_LEVEL_SCALE: Scale = {
  id: 'five-level-gbt-39735',
  levels: [
    { key: 'verySatisfied', label: '非常满意', points: 100 },
    { key: 'satisfied', label: '满意', points: 80 },
    { key: 'basicallySatisfied', label: '基本满意', points: 60 },
    { key: 'dissatisfied', label: '不满意', points: 40 },
    { key: 'veryDissatisfied', label: '非常不满意', points: 20 },
  ],
  dontKnowKeys: [DONT_KNOW_KEY],
};

/** 1–10 points, ten points to the point so it shares the 0–100 footing. */
export const TEN_POINT_SCALE: Scale = {
  id: 'ten-point',
  levels: Array.from({ length: 10 }, (_, i) => {
    const value = 10 - i;
    return { key: String(value), label: `${value}分`, points: value * 10 };
  }),
  dontKnowKeys: [DONT_KNOW_KEY],
};

export const PRESET_SCALES: readonly Scale[] = [FOUR_LEVEL_SCALE, THREE_LEVEL_SCALE, FIVE_LEVEL_SCALE, TEN_POINT_SCALE];

/** Builds a scale (levels best first) and throws if it cannot be used. */
export function createScale(
  id: string,
  levels: readonly ScaleLevel[],
  dontKnowKeys: readonly string[] = [DONT_KNOW_KEY],
): Scale {
  const scale: Scale = { id, levels, dontKnowKeys };
  const problem = describeScaleProblem(scale);
  if (problem !== null) throw new RangeError(`Scale "${id}": ${problem}`);
  return scale;
}

/** Why a scale cannot be used, or null when it is fine. */
export function describeScaleProblem(scale: Scale): string | null {
  if (scale.levels.length < 2) return 'needs at least two levels';
  const keys = new Set<string>();
  for (let i = 0; i < scale.levels.length; i++) {
    const level = scale.levels[i]!;
    if (!Number.isFinite(level.points)) return `level "${level.key}" has non-finite points`;
    if (keys.has(level.key)) return `level key "${level.key}" is used twice`;
    if (scale.dontKnowKeys.includes(level.key)) return `"${level.key}" is both a level and "don't know"`;
    keys.add(level.key);
    const previous = scale.levels[i - 1];
    // Strictly decreasing points keep "best first" honest and let a points value identify its level.
    if (previous !== undefined && !(level.points < previous.points)) {
      return `points must strictly decrease from best to worst ("${previous.key}" ${previous.points}, "${level.key}" ${level.points})`;
    }
  }
  return null;
}

/** Points for an answer key; null for "don't know". Throws on a key the scale does not have. */
export function pointsFor(scale: Scale, answerKey: string): number | null {
  if (scale.dontKnowKeys.includes(answerKey)) return null;
  const level = scale.levels.find((candidate) => candidate.key === answerKey);
  if (level === undefined) throw new RangeError(`Scale "${scale.id}" has no answer "${answerKey}"`);
  return level.points;
}

export function bestPoints(scale: Scale): number {
  return scale.levels[0]!.points;
}

export function worstPoints(scale: Scale): number {
  return scale.levels[scale.levels.length - 1]!.points;
}
