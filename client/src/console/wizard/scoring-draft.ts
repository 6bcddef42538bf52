import { RATER_TYPES, type RaterType } from '../../../../scoring/rater-type.ts';
import type {
  GradeBand,
  GradeQuota,
  GradingSettings,
  RaterWeights,
  ResultSettings,
} from '../../../../scoring/settings.ts';
import type { CampaignConfig } from '../campaign/campaign-types.ts';

// What the scoring card edits, and how that becomes what is sent (a merge patch of settings.scoring) and
// what will then be stored (checked and previewed before anything is sent).

/** `settings.scoring` as the server stores it. */
export type StoredScoring = NonNullable<NonNullable<CampaignConfig['settings']>['scoring']>;

export interface ScoringDraft {
  /** Percentages per rater type taking part; they must add up to 100. */
  weights: Partial<Record<RaterType, number>>;
  bands: GradeBand[];
  /** Most units that may hold the top grade, as a percentage (0 = no quota). */
  topQuotaPercent: number;
}

export const DEFAULT_BANDS: GradeBand[] = [
  { grade: '满意', minScore: 85 },
  { grade: '比较满意', minScore: 75 },
  { grade: '基本满意', minScore: 60 },
  { grade: '不满意', minScore: 0 },
];

/** The weights as fractions, every rater type named: one that takes no part weighs 0. */
export function weightsOf(draft: ScoringDraft, raterTypes: readonly RaterType[]): RaterWeights {
  const weights = { superior: 0, peer: 0, recipient: 0 };
  for (const raterType of raterTypes) weights[raterType] = (draft.weights[raterType] ?? 0) / 100;
  return weights;
}

/** The stored quota on the top grade, as the card shows it (percent, 0 for none). */
export function topQuotaPercentOf(grading: StoredScoring['grading']): number {
  const top = grading?.bands[0]?.grade;
  const quota = grading?.quotas?.find((q) => q.grade === top);
  return Math.round((quota?.maxShare ?? 0) * 1000) / 10;
}

/** Quotas after the edit: the card's top-grade quota first, then the stored quotas on other grades, kept. */
function quotasOf(draft: ScoringDraft, stored: StoredScoring | null): GradeQuota[] {
  const top = draft.bands[0]?.grade;
  const others = (stored?.grading?.quotas ?? []).filter((quota) => quota.grade !== top);
  const own =
    draft.topQuotaPercent > 0 && top !== undefined ? [{ grade: top, maxShare: draft.topQuotaPercent / 100 }] : [];
  return [...own, ...others];
}

/**
 * What the card sends: a merge patch of `settings.scoring` naming only what it edits, so the settings it
 * does not show (statistic, precision, vetoes, the bottom and veto grades …) stay as stored. Quotas are an
 * array, which a merge patch replaces whole: all of them are sent, or null when none is left.
 */
export function scoringPatch(draft: ScoringDraft, stored: StoredScoring | null, raterTypes: readonly RaterType[]) {
  const quotas = quotasOf(draft, stored);
  return {
    weights: weightsOf(draft, raterTypes),
    grading: { bands: draft.bands, quotas: quotas.length > 0 ? quotas : null },
  };
}

/** The scoring settings of a new campaign, sent whole: nothing is stored yet to merge with. */
export function newScoring(draft: ScoringDraft, raterTypes: readonly RaterType[]) {
  const quotas = quotasOf(draft, null);
  return {
    weights: weightsOf(draft, raterTypes),
    grading: { bands: draft.bands, ...(quotas.length > 0 ? { quotas } : {}) },
  };
}

/**
 * The scoring module's settings as they will be once the patch is stored: what the scoring module checks
 * before saving and what the preview scores. Minimum ballots are the rater types' anonymity minimums (one
 * number, decision 003); category overrides need the scope and are checked when the campaign opens.
 */
export function resultSettingsAfterSave(
  draft: ScoringDraft,
  stored: StoredScoring | null,
  raterTypes: readonly RaterType[],
  minCounts: Readonly<Record<RaterType, number>>,
): ResultSettings {
  const quotas = quotasOf(draft, stored);
  const { bottom, vetoGrade, boundaryTies } = stored?.grading ?? {};
  const grading: GradingSettings = {
    bands: draft.bands,
    ...(quotas.length > 0 ? { quotas } : {}),
    ...(bottom === undefined ? {} : { bottom }),
    ...(vetoGrade === undefined ? {} : { vetoGrade }),
    ...(boundaryTies === undefined ? {} : { boundaryTies }),
  };
  const minimumBallots = { superior: 1, peer: 1, recipient: 1 };
  for (const raterType of RATER_TYPES)
    if (raterTypes.includes(raterType)) minimumBallots[raterType] = minCounts[raterType];
  const { statistic, itemCombination, tieBreaks, precision, confidence, rankRange } = stored ?? {};
  return {
    weights: weightsOf(draft, raterTypes),
    minimumBallots,
    categories: [],
    grading,
    ...(statistic === undefined ? {} : { statistic }),
    ...(itemCombination === undefined ? {} : { itemCombination }),
    ...(tieBreaks === undefined ? {} : { tieBreaks }),
    ...(precision === undefined ? {} : { precision }),
    ...(confidence === undefined ? {} : { confidence }),
    ...(rankRange === undefined ? {} : { rankRange }),
  };
}
