import type { z } from 'zod';
import { RATER_TYPES, type RaterType } from '../../../../scoring/rater-type.ts';
import { resultSettingsSchema } from '../../../../scoring/settings-schema.ts';
import type { GradeBand, GradingSettings, RaterWeights, ResultSettings } from '../../../../scoring/settings.ts';
import type { SettingsProblem } from '../../../../server/campaigns/settings-patch.ts';

// What is wrong with a campaign draft, found before it is saved, and what the server's refusals say is
// wrong, in one language-free form the settings page shows beside each field (problem-text.ts words it).
// The scoring rules are the scoring module's own (scoring/settings-schema.ts, the schema the opening check
// runs): this file only asks it about one part at a time, to know which field to point at.

/** Where a problem shows: the path of the value in the request that sends it (`settings.scoring.weights`). */
export type FieldKey = string;

type Plain =
  | 'required'
  | 'whole_number'
  | 'weight_unused'
  | 'grade_repeated'
  | 'quota_needs_lower_band'
  | 'slug_format'
  | 'slug_taken'
  | 'window_order'
  | 'unknown_setting'
  | 'invalid';

/** One problem, without words: where it is and what it is, with the numbers a message needs. */
export type DraftProblem = { readonly field: FieldKey } & (
  | { readonly code: Plain }
  | { readonly code: 'too_small'; readonly minimum: number }
  | { readonly code: 'too_big'; readonly maximum: number }
  /** A setting sent to the place it moved from; `movedTo` says where it lives now (server/campaigns/moved-settings.ts). */
  | { readonly code: 'moved'; readonly movedTo: string }
  /** `total` is the sum of the weights as fractions (1 is right). */
  | { readonly code: 'weights_sum'; readonly total: number }
  | { readonly code: 'band_not_lower'; readonly above: number }
  | { readonly code: 'band_not_higher'; readonly below: number }
);

const SCORING = 'settings.scoring';
/** The card's top-grade quota: always the first quota sent (scoring-draft.ts). */
export const TOP_QUOTA_FIELD = `${SCORING}.grading.quotas.0.maxShare`;

/** Settings the scoring module accepts, to ask it about one part with everything else sound. */
const SOUND: ResultSettings = {
  weights: { superior: 1, peer: 0, recipient: 0 },
  minimumBallots: { superior: 1, peer: 1, recipient: 1 },
  categories: [],
};

function refuses(part: Partial<ResultSettings>): boolean {
  return !resultSettingsSchema.safeParse({ ...SOUND, ...part }).success;
}

/** Where a path of the module's settings shows: minimum ballots are the rater types' anonymity minimums. */
function fieldOf(path: readonly PropertyKey[]): FieldKey {
  if (path[0] === 'minimumBallots') return `raterTypes.${String(path[1])}.minCount`;
  return [SCORING, ...path.map(String)].join('.');
}

function shapeProblem(issue: z.core.$ZodIssue): DraftProblem {
  const field = fieldOf(issue.path);
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string'
        ? { field, code: 'required' }
        : { field, code: 'too_small', minimum: Number(issue.minimum) };
    case 'too_big':
      return { field, code: 'too_big', maximum: Number(issue.maximum) };
    case 'invalid_type':
      return { field, code: issue.expected === 'int' ? 'whole_number' : 'required' };
    default:
      return { field, code: 'invalid' };
  }
}

function weightProblems(weights: RaterWeights, taking: readonly RaterType[]): DraftProblem[] {
  const problems: DraftProblem[] = [];
  // With every weight a number ≥ 0 (the shape), what the module can still refuse is their sum; it allows
  // floating-point error, so 0.1 + 0.2 + 0.7 passes.
  if (refuses({ weights })) {
    const total = RATER_TYPES.reduce((sum, raterType) => sum + weights[raterType], 0);
    problems.push({ field: `${SCORING}.weights`, code: 'weights_sum', total });
  }
  // The opening check refuses a zero weight on a rater type that takes part, as its ballots would count
  // for nothing (server/campaigns/campaign-scoring-check.ts, which the client cannot import): said here too.
  for (const raterType of taking) {
    if (weights[raterType] === 0) problems.push({ field: `${SCORING}.weights.${raterType}`, code: 'weight_unused' });
  }
  return problems;
}

/**
 * Every band the module refuses after the bands before it, not just the first: its name repeats one above
 * when the module accepts it renamed, else its score is not below the one above. The last band, which the
 * card shows without a score, is reported on the band above it. Bands whose shape is wrong (`skip`, a
 * missing name) are left out: they have their own problem.
 */
function bandProblems(bands: readonly GradeBand[], skip: ReadonlySet<number>): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const kept: number[] = [];
  bands.forEach((band, index) => {
    if (skip.has(index)) return;
    const accepted = (candidate: GradeBand) =>
      !refuses({ grading: { bands: [...kept.map((i) => bands[i]!), candidate] } });
    if (accepted(band)) {
      kept.push(index);
      return;
    }
    const at = `${SCORING}.grading.bands.${index}`;
    const above = kept.at(-1);
    if (accepted({ ...band, grade: `${band.grade}\u0000${index}` })) {
      problems.push({ field: `${at}.grade`, code: 'grade_repeated' });
    } else if (above === undefined) {
      problems.push({ field: at, code: 'invalid' });
    } else if (index === bands.length - 1) {
      problems.push({
        field: `${SCORING}.grading.bands.${above}.minScore`,
        code: 'band_not_higher',
        below: band.minScore,
      });
    } else {
      problems.push({ field: `${at}.minScore`, code: 'band_not_lower', above: bands[above]!.minScore });
    }
  });
  return problems;
}

/** The quotas and what else the card keeps as stored (the bottom and veto grades), once the bands are sound. */
function quotaProblems(grading: GradingSettings): DraftProblem[] {
  const { bands, quotas = [] } = grading;
  const top = quotas.filter((quota) => quota.grade === bands[0]?.grade);
  // With sound bands and shares, a quota on the top grade is refused only when that grade is also the last.
  if (top.length > 0 && refuses({ grading: { bands, quotas: top } }))
    return [{ field: TOP_QUOTA_FIELD, code: 'quota_needs_lower_band' }];
  if (refuses({ grading: { bands, quotas } })) return [{ field: `${SCORING}.grading.quotas`, code: 'invalid' }];
  if (refuses({ grading })) return [{ field: `${SCORING}.grading`, code: 'invalid' }];
  return [];
}

/**
 * Every problem of the scoring settings the draft would store, by the scoring module's rules, each at its
 * field; `taking` are the rater types taking part. Empty when the module accepts them.
 */
export function scoringProblems(settings: ResultSettings, taking: readonly RaterType[]): DraftProblem[] {
  const parsed = resultSettingsSchema.safeParse(settings);
  // Issues with a path are the shape's; the module's cross-field refusal comes without one.
  const shapeIssues = parsed.success ? [] : parsed.error.issues.filter((issue) => issue.path.length > 0);
  const under = (...prefix: PropertyKey[]) =>
    shapeIssues.filter((issue) => prefix.every((key, i) => issue.path[i] === key));
  const problems = shapeIssues.map(shapeProblem);
  if (under('weights').length === 0) problems.push(...weightProblems(settings.weights, taking));
  const { grading } = settings;
  if (grading) {
    const badBands = new Set(under('grading', 'bands').map((issue) => issue.path[2]));
    const bands = badBands.has(undefined) ? [] : bandProblems(grading.bands, badBands as Set<number>);
    problems.push(...bands);
    if (bands.length === 0 && under('grading').length === 0) problems.push(...quotaProblems(grading));
  }
  if (!parsed.success && problems.length === 0) problems.push({ field: SCORING, code: 'invalid' });
  return problems;
}

export interface BasicsDraft {
  name: string;
  nameEn: string;
  slug: string;
  /** datetime-local values. */
  startsAt: string;
  endsAt: string;
}

// The server's slug rule (SlugSchema in server/campaigns/campaign-admin.schemas.ts, which the client cannot
// import), restated so a bad one is named beside its field before saving; the server still decides.
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Problems of the campaign's name, link name and window; the window's order is the server's rule too. */
export function basicsProblems(draft: BasicsDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (draft.name.trim() === '') problems.push({ field: 'name', code: 'required' });
  if (draft.nameEn.trim() === '') problems.push({ field: 'nameEn', code: 'required' });
  if (!(draft.slug.length >= 2 && draft.slug.length <= 64 && SLUG.test(draft.slug)))
    problems.push({ field: 'slug', code: 'slug_format' });
  const startsAt = Date.parse(draft.startsAt);
  const endsAt = Date.parse(draft.endsAt);
  if (Number.isNaN(startsAt)) problems.push({ field: 'startsAt', code: 'required' });
  if (Number.isNaN(endsAt)) problems.push({ field: 'endsAt', code: 'required' });
  else if (!Number.isNaN(startsAt) && !(startsAt < endsAt)) problems.push({ field: 'endsAt', code: 'window_order' });
  return problems;
}

/** The problems a refusal from the server names, each at its field; empty when it names none. */
export function refusalProblems(code: string, problems: readonly SettingsProblem[] = []): DraftProblem[] {
  if (code === 'slug_taken') return [{ field: 'slug', code: 'slug_taken' }];
  if (code === 'invalid_window') return [{ field: 'endsAt', code: 'window_order' }];
  if (code !== 'invalid_settings' && code !== 'setting_moved') return [];
  return problems.map((problem): DraftProblem => {
    const field = problem.path.join('.');
    if (problem.code === 'moved') return { field, code: 'moved', movedTo: problem.movedTo ?? '' };
    if (problem.code === 'too_small' && problem.minimum !== undefined)
      return { field, code: 'too_small', minimum: problem.minimum };
    if (problem.code === 'too_big' && problem.maximum !== undefined)
      return { field, code: 'too_big', maximum: problem.maximum };
    if (problem.code === 'required' || problem.code === 'unknown_setting') return { field, code: problem.code };
    return { field, code: 'invalid' };
  });
}
