import type { Db } from '../db/database.ts';
import type { CampaignConfig } from './campaign-admin.schemas.ts';
import { findCampaignOr404, loadCampaign } from './campaign-loader.ts';
import { findOpeningProblems } from './campaign-readiness.ts';

/** The whole configuration of one campaign as the office's console shows it. */
export async function loadCampaignConfig(db: Db, id: number, now: Date): Promise<CampaignConfig> {
  const campaign = await findCampaignOr404(db, id);
  const parts = await loadCampaign(db, campaign);
  return {
    id: campaign.id,
    slug: campaign.slug,
    name: campaign.name,
    nameEn: campaign.name_en,
    status: campaign.status,
    startsAt: campaign.starts_at,
    endsAt: campaign.ends_at,
    createdAt: campaign.created_at,
    openedAt: campaign.opened_at,
    closedAt: campaign.closed_at,
    settings: parts.settings.value,
    settingsProblems: [...parts.settings.problems],
    units: parts.units.map((unit) => ({ ...unit })),
    categories: parts.categories.map(({ category, ranked, unitCount }) => ({
      id: category.id,
      code: category.code,
      name: category.name,
      nameEn: category.name_en,
      ranked,
      unitCount,
    })),
    raterTypes: parts.raterTypes.map(({ raterType, minCount, questionnaire }) => ({
      raterType,
      minCount,
      questionnaire: {
        id: questionnaire.id,
        family: questionnaire.family,
        version: questionnaire.version,
        title: questionnaire.title,
      },
    })),
    openingProblems: campaign.status === 'draft' ? findOpeningProblems(parts, now) : null,
  };
}
