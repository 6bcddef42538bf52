import type { RaterType } from '../../../../scoring/rater-type.ts';
import type { CampaignConfig } from '../campaign/campaign-types.ts';
import { DEFAULT_BANDS, topQuotaPercentOf, type ScoringDraft, type StoredScoring } from './scoring-draft.ts';

export interface RaterDraft {
  enabled: boolean;
  questionnaireId: number | null;
  minCount: number;
}

export interface WizardDraft {
  slug: string;
  name: string;
  nameEn: string;
  startsAt: string;
  endsAt: string;
  unitIds: number[];
  unrankedCategoryIds: number[];
  raters: Record<RaterType, RaterDraft>;
  scoring: ScoringDraft;
  /**
   * The scoring settings as stored, null for a new campaign. Saving sends a merge patch of what the page
   * edits, so the rest (and access and quality, which the page does not show) stays as stored.
   */
  storedScoring: StoredScoring | null;
}

/** datetime-local wants local time without a zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function blankDraft(): WizardDraft {
  const start = new Date(Date.now() + 24 * 3600 * 1000);
  start.setHours(8, 0, 0, 0);
  const end = new Date(start.getTime() + 30 * 24 * 3600 * 1000);
  const year = start.getFullYear();
  return {
    slug: `pingyi-${year}`,
    name: `${year}年度机关作风三评议`,
    nameEn: `${year} work-style evaluation`,
    startsAt: toLocalInput(start.toISOString()),
    endsAt: toLocalInput(end.toISOString()),
    unitIds: [],
    unrankedCategoryIds: [],
    raters: {
      superior: { enabled: true, questionnaireId: null, minCount: 3 },
      peer: { enabled: true, questionnaireId: null, minCount: 3 },
      recipient: { enabled: true, questionnaireId: null, minCount: 5 },
    },
    scoring: { weights: { superior: 30, peer: 20, recipient: 50 }, bands: DEFAULT_BANDS, topQuotaPercent: 0 },
    storedScoring: null,
  };
}

export function draftFromConfig(config: CampaignConfig): WizardDraft {
  const blank = blankDraft();
  // Settings the server cannot read (config.settingsProblems says why) arrive as null: start from the defaults.
  const scoring = config.settings?.scoring;
  const raters = { ...blank.raters };
  for (const type of ['superior', 'peer', 'recipient'] as const) {
    const found = config.raterTypes.find((r) => r.raterType === type);
    raters[type] = found
      ? { enabled: true, questionnaireId: found.questionnaire.id, minCount: found.minCount }
      : { ...blank.raters[type], enabled: config.raterTypes.length === 0 };
  }
  const weights = scoring?.weights
    ? Object.fromEntries(Object.entries(scoring.weights).map(([k, v]) => [k, Math.round((v ?? 0) * 1000) / 10]))
    : blank.scoring.weights;
  return {
    slug: config.slug,
    name: config.name,
    nameEn: config.nameEn,
    startsAt: toLocalInput(config.startsAt),
    endsAt: toLocalInput(config.endsAt),
    unitIds: config.units.map((u) => u.id),
    unrankedCategoryIds: config.categories.filter((c) => !c.ranked).map((c) => c.id),
    raters,
    scoring: {
      weights,
      bands: scoring?.grading?.bands ?? blank.scoring.bands,
      topQuotaPercent: topQuotaPercentOf(scoring?.grading),
    },
    storedScoring: scoring ?? null,
  };
}
