import type { RaterType } from '../../scoring/rater-type.ts';
import { findCategoriesByIds } from '../catalog/catalog.repository.ts';
import type { Db } from '../db/database.ts';
import type { Campaign, Category, UserRole } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { readCampaignSettings, type StoredCampaignSettings } from './campaign-settings.ts';
import { categoryKey, UNCATEGORISED, type ScoringContext } from './campaign-scoring.ts';
import { findCampaign, listCampaignUnits, listRaterTypeQuestionnaires } from './campaigns.repository.ts';

// The one place a campaign's configuration is read: its row, its settings (parsed once, by
// readCampaignSettings), the units in scope, their categories and the rater types taking part. Every
// other folder (ballots, access, results, publications) reads a campaign through here.

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
  /** The rater group's anonymity threshold and minimum to count. */
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

export interface LoadedCampaign {
  readonly campaign: Campaign;
  readonly settings: StoredCampaignSettings;
  /** Units in scope, in display order. */
  readonly units: readonly ScopeUnit[];
  /** Categories the units in scope belong to, in display order. */
  readonly categories: readonly ScopeCategory[];
  /** Rater types taking part: superior, peer, recipient order. */
  readonly raterTypes: readonly TakingPart[];
}

const RATER_ORDER: Readonly<Record<RaterType, number>> = { superior: 0, peer: 1, recipient: 2 };

export async function findCampaignOr404(db: Db, id: number): Promise<Campaign> {
  const campaign = await findCampaign(db, id);
  if (!campaign) throw notFound(`Campaign ${id}`);
  return campaign;
}

/**
 * The campaign as the caller may see it: a draft is the office's work in progress, so for anyone but an
 * administrator it does not exist (404, the same answer as an id never used).
 */
export async function findVisibleCampaignOr404(
  db: Db,
  id: number,
  viewer: { role: UserRole } | null,
): Promise<Campaign> {
  const campaign = await findCampaign(db, id);
  if (!campaign || (campaign.status === 'draft' && viewer?.role !== 'admin')) throw notFound(`Campaign ${id}`);
  return campaign;
}

/** Reads the configuration of a campaign whose row the caller has (and so knows its status). */
export async function loadCampaign(db: Db, campaign: Campaign): Promise<LoadedCampaign> {
  const [unitRows, raterRows] = await Promise.all([
    listCampaignUnits(db, campaign.id),
    listRaterTypeQuestionnaires(db, campaign.id),
  ]);
  const settings = readCampaignSettings(campaign.settings);
  const units = unitRows.map((u) => ({
    id: u.id,
    code: u.code,
    name: u.name,
    nameEn: u.name_en,
    active: u.active === 1,
    categoryId: u.category_id,
  }));
  const counts = new Map<number, number>();
  for (const unit of units) {
    if (unit.categoryId !== null) counts.set(unit.categoryId, (counts.get(unit.categoryId) ?? 0) + 1);
  }
  // The scope is the one home of the ranked choice (decision 003); the catalog's `ranked` is only the default
  // a category brings when it enters a scope (nextUnrankedCategories). Migration 0009 wrote a scope into every
  // campaign that had none, so a missing one means nothing was chosen unranked.
  const unranked = new Set(settings.scope?.unrankedCategoryIds ?? []);
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
  return { campaign, settings, units, categories, raterTypes };
}

/** What the campaign fixes about scoring. Units without a category are scored and graded, never ranked. */
export function scoringContextOf(loaded: LoadedCampaign): ScoringContext {
  const categories = loaded.categories.map((c) => ({ key: categoryKey(c.category.id), ranked: c.ranked }));
  if (loaded.units.some((unit) => unit.categoryId === null)) categories.push({ key: UNCATEGORISED, ranked: false });
  return {
    raterTypes: loaded.raterTypes.map((r) => ({ raterType: r.raterType, minCount: r.minCount })),
    units: loaded.units.map((unit) => ({ id: unit.id, categoryKey: categoryKey(unit.categoryId) })),
    categories,
  };
}

export function takingPart(loaded: LoadedCampaign, raterType: RaterType): TakingPart | undefined {
  return loaded.raterTypes.find((r) => r.raterType === raterType);
}

export function unitInScope(loaded: LoadedCampaign, unitId: number): ScopeUnit | undefined {
  return loaded.units.find((unit) => unit.id === unitId);
}
