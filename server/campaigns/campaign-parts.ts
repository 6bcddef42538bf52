import type { RaterType } from '../../scoring/rater-type.ts';
import type { Db } from '../db/database.ts';
import type { Campaign, Category } from '../db/schema.ts';
import { findCategoriesByIds, listRaterTypeQuestionnaires } from './campaign-admin.repository.ts';
import { listCampaignUnits } from './campaigns.repository.ts';
import { readStoredSettings, type StoredSettings } from './campaign-scope.ts';

export interface ScopeUnit {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly active: boolean;
  /** The unit's category when it joined the campaign. */
  readonly categoryId: number | null;
}

export interface ScopeCategory {
  readonly category: Category;
  readonly ranked: boolean;
  readonly unitCount: number;
}

export interface TakingPart {
  readonly raterType: RaterType;
  readonly minCount: number;
  readonly questionnaire: {
    readonly id: number;
    readonly raterType: RaterType;
    readonly family: string;
    readonly version: number;
    readonly title: string;
    readonly definition: string;
  };
}

/** Everything the office configures about a campaign, read in one place for the console and the opening check. */
export interface CampaignParts {
  readonly campaign: Campaign;
  readonly stored: StoredSettings;
  readonly units: readonly ScopeUnit[];
  readonly categories: readonly ScopeCategory[];
  readonly raterTypes: readonly TakingPart[];
}

const RATER_ORDER: Readonly<Record<RaterType, number>> = { superior: 0, peer: 1, recipient: 2 };

export async function loadCampaignParts(db: Db, campaign: Campaign): Promise<CampaignParts> {
  const [unitRows, raterRows] = await Promise.all([
    listCampaignUnits(db, campaign.id),
    listRaterTypeQuestionnaires(db, campaign.id),
  ]);
  const stored = readStoredSettings(campaign.settings);
  const units = unitRows.map((u) => ({
    id: u.id,
    code: u.code,
    name: u.name,
    nameEn: u.name_en,
    active: u.active === 1,
    categoryId: u.category_id,
  }));
  const counts = new Map<number, number>();
  for (const unit of units)
    if (unit.categoryId !== null) counts.set(unit.categoryId, (counts.get(unit.categoryId) ?? 0) + 1);
  const unranked = new Set(stored.scope.unrankedCategoryIds);
  const categories = (await findCategoriesByIds(db, [...counts.keys()])).map((category) => ({
    category,
    ranked: !unranked.has(category.id),
    unitCount: counts.get(category.id) ?? 0,
  }));
  const raterTypes = raterRows
    .map((r) => ({
      raterType: r.rater_type,
      minCount: r.min_count,
      questionnaire: {
        id: r.questionnaire_id,
        raterType: r.questionnaire_rater_type,
        family: r.family,
        version: r.version,
        title: r.title,
        definition: r.definition,
      },
    }))
    .sort((a, b) => RATER_ORDER[a.raterType] - RATER_ORDER[b.raterType]);
  return { campaign, stored, units, categories, raterTypes };
}
