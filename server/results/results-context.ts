// Everything about a campaign that results need besides the ratings: its units and categories, the
// rater types taking part with their thresholds and questionnaires, and the stored scoring settings.
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { RaterType } from '../../scoring/rater-type.ts';
import { ScoringSettingsError } from '../../scoring/settings.ts';
import { QuestionnaireDefinitionError } from '../../surveys/prepare.ts';
import { ScopeSettingsSchema } from '../campaigns/campaign-scope.ts';
import type { ScopeSettings } from '../campaigns/campaign-scope.ts';
import type { Db } from '../db/database.ts';
import type { Campaign } from '../db/schema.ts';
import type { PreparedQuestionnaireCache } from '../questionnaires/prepared-cache.ts';
import { categoryKey, CampaignScoringSchema, UNCATEGORISED } from './campaign-scoring.ts';
import type { CampaignScoring, ScoringContext } from './campaign-scoring.ts';
import { listCategoriesByIds, listResultRaterTypes, listResultUnits } from './results.repository.ts';
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

export async function loadResultsContext(
  db: Db,
  questionnaireCache: PreparedQuestionnaireCache,
  campaign: Campaign,
): Promise<ResultsContext> {
  const [unitRows, raterTypeRows] = await Promise.all([
    listResultUnits(db, campaign.id),
    listResultRaterTypes(db, campaign.id),
  ]);
  const categoryIds = [...new Set(unitRows.flatMap((unit) => (unit.category_id === null ? [] : [unit.category_id])))];
  const categoryRows = await listCategoriesByIds(db, categoryIds);
  const stored = parseStoredSettings(campaign.settings);
  const unranked = stored.scope === null ? null : new Set(stored.scope.unrankedCategoryIds);
  const categories: ResultCategory[] = categoryRows.map((row) => ({
    key: categoryKey(row.id),
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    ranked: unranked === null ? row.ranked === 1 : !unranked.has(row.id),
  }));
  if (unitRows.some((unit) => unit.category_id === null)) {
    categories.push({ key: UNCATEGORISED, code: null, name: '未分类', nameEn: 'Uncategorised', ranked: false });
  }
  const raterTypes = RATER_TYPES.flatMap((raterType) => {
    const row = raterTypeRows.find((r) => r.rater_type === raterType);
    return row ? [{ raterType, minCount: row.min_count }] : [];
  });
  const questionnaires: Partial<Record<RaterType, QuestionnaireShape>> = {};
  for (const row of raterTypeRows) {
    questionnaires[row.rater_type] = questionnaireShape(questionnaireCache, row.questionnaire_id, row.definition);
  }
  return {
    campaign,
    units: unitRows.map((unit) => ({
      id: unit.id,
      code: unit.code,
      name: unit.name,
      nameEn: unit.name_en,
      categoryKey: categoryKey(unit.category_id),
    })),
    categories,
    raterTypes,
    questionnaires,
    scoring: stored.scoring,
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

/**
 * The stored scoring settings, and the scope's ranked/unranked choice (decision 006) when the campaign
 * made one; without it the catalog's categories.ranked decides.
 */
function parseStoredSettings(json: string): { scoring: CampaignScoring | null; scope: ScopeSettings | null } {
  const raw: unknown = JSON.parse(json);
  const settings =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const scope =
    settings['scope'] === undefined ? { success: false as const } : ScopeSettingsSchema.safeParse(settings['scope']);
  if (settings['scoring'] === undefined || settings['scoring'] === null)
    return { scoring: null, scope: scope.success ? scope.data : null };
  const scoring = CampaignScoringSchema.safeParse(settings['scoring']);
  if (!scoring.success) {
    const issue = scoring.error.issues[0]!;
    throw new ScoringSettingsError(`settings.scoring.${issue.path.join('.')}: ${issue.message}`);
  }
  return { scoring: scoring.data, scope: scope.success ? scope.data : null };
}
