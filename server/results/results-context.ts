// Everything about a campaign that results need besides the ratings, derived from its loaded
// configuration (campaigns/campaign-loader.ts): its units and categories, the rater types taking part with
// their thresholds and questionnaires, and the stored scoring settings.
import type { RaterType } from '../../scoring/rater-type.ts';
import { ScoringSettingsError } from '../../scoring/settings.ts';
import { QuestionnaireDefinitionError } from '../../surveys/prepare.ts';
import { scoringContextOf, type LoadedCampaign } from '../campaigns/campaign-loader.ts';
import {
  categoryKey,
  UNCATEGORISED,
  type CampaignScoring,
  type ScoringContext,
} from '../campaigns/campaign-scoring.ts';
import type { Campaign } from '../db/schema.ts';
import type { PreparedQuestionnaireCache } from '../questionnaires/prepared-cache.ts';
import type { QuestionnaireShape } from './tally-layout.ts';

export interface ResultUnit {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly categoryKey: string;
}

export interface ResultCategory {
  readonly key: string;
  readonly code: string | null;
  readonly name: string;
  readonly nameEn: string;
  readonly ranked: boolean;
}

export interface ResultsContext extends ScoringContext {
  readonly campaign: Campaign;
  readonly units: readonly ResultUnit[];
  readonly categories: readonly ResultCategory[];
  readonly questionnaires: Partial<Record<RaterType, QuestionnaireShape>>;
  /** Null when the campaign stores no scoring settings: figures then use equal weights. */
  readonly scoring: CampaignScoring | null;
}

/** Settings the stored JSON cannot give become a ScoringSettingsError (a 409 that names the problem). */
export function resultsContextOf(
  loaded: LoadedCampaign,
  questionnaireCache: PreparedQuestionnaireCache,
): ResultsContext {
  const { value, problems } = loaded.settings;
  if (value === null) throw new ScoringSettingsError('settings_unreadable', problems[0] ?? 'settings: cannot be read');
  const categories: ResultCategory[] = loaded.categories.map(({ category, ranked }) => ({
    key: categoryKey(category.id),
    code: category.code,
    name: category.name,
    nameEn: category.name_en,
    ranked,
  }));
  if (loaded.units.some((unit) => unit.categoryId === null)) {
    categories.push({ key: UNCATEGORISED, code: null, name: '未分类', nameEn: 'Uncategorised', ranked: false });
  }
  const questionnaires: Partial<Record<RaterType, QuestionnaireShape>> = {};
  for (const { raterType, questionnaire } of loaded.raterTypes) {
    questionnaires[raterType] = questionnaireShape(questionnaireCache, questionnaire.id, questionnaire.definition);
  }
  return {
    campaign: loaded.campaign,
    units: loaded.units.map((unit) => ({
      id: unit.id,
      code: unit.code,
      name: unit.name,
      nameEn: unit.nameEn,
      categoryKey: categoryKey(unit.categoryId),
    })),
    categories,
    raterTypes: scoringContextOf(loaded).raterTypes,
    questionnaires,
    scoring: value.scoring ?? null,
  };
}

function questionnaireShape(cache: PreparedQuestionnaireCache, id: number, definition: string): QuestionnaireShape {
  const parsed: unknown = JSON.parse(definition);
  try {
    return { items: cache.get({ id, definition }, {}, 'results').items, definition: parsed };
  } catch (error) {
    // A definition the server can no longer prepare still has its stored ratings: their items are
    // taken from the data instead (tally-layout.ts), labelled by their keys.
    if (error instanceof QuestionnaireDefinitionError) return { items: [], definition: parsed };
    throw error;
  }
}
