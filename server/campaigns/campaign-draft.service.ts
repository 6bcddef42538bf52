import type { RaterType } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import type { Db } from '../db/database.ts';
import type { Campaign } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { findCategoriesByIds, findUnitsByIds } from '../catalog/catalog.repository.ts';
import { findQuestionnairesByIds } from '../questionnaires/questionnaires.repository.ts';
import {
  findCampaignIdBySlug,
  insertDraftCampaign,
  listCampaignUnits,
  replaceCampaignRaterTypes,
  replaceCampaignUnits,
  updateCampaignFields,
  type CampaignFieldsUpdate,
} from './campaigns.repository.ts';
import {
  extendEndDate,
  frozenError,
  lockCampaignOr404,
  withDraftCampaign,
  type Actor,
} from './campaign-lifecycle.service.ts';
import { describeUnits } from './campaign-readiness.ts';
import { mergeSettingsPatch } from './settings-patch.ts';
import {
  composeSettingsJson,
  nextUnrankedCategories,
  readCampaignSettings,
  type CampaignSettings,
} from './campaign-settings.ts';

// Configuring a draft campaign: its name and window, settings, scope and rater types.

export interface CampaignDraftInput {
  slug: string;
  name: string;
  nameEn: string;
  /** ISO-8601 UTC, normalised at the edge. */
  startsAt: string;
  endsAt: string;
  settings: CampaignSettings;
}

/** A draft's edit: any field of the draft, its settings as a JSON Merge Patch of the stored ones. */
export type CampaignPatch = Partial<Omit<CampaignDraftInput, 'settings'>> & { settings?: Record<string, unknown> };

export interface RaterTypeInput {
  raterType: RaterType;
  questionnaireId: number;
  minCount: number;
}

function assertWindow(startsAt: string, endsAt: string): void {
  if (!(startsAt < endsAt)) {
    throw new AppError(
      422,
      'invalid_window',
      `The campaign must start before it ends: startsAt ${startsAt} is not before endsAt ${endsAt}.`,
    );
  }
}

async function assertSlugFree(db: Db, slug: string, exceptId: number | null): Promise<void> {
  const holder = await findCampaignIdBySlug(db, slug);
  if (holder && holder.id !== exceptId) throw slugTaken(slug);
}

function slugTaken(slug: string): AppError {
  return new AppError(409, 'slug_taken', `Another campaign already uses the slug "${slug}"; choose another.`);
}

function audit(db: Db, actor: Actor, action: string, campaignId: number, detail: Record<string, unknown>, now: Date) {
  return recordAudit(
    db,
    { actorUserId: actor.userId, action, entityType: 'campaign', entityId: campaignId, detail },
    now,
  );
}

export async function createDraftCampaign(
  deps: AppDeps,
  input: CampaignDraftInput,
  actor: Actor,
  now: Date,
): Promise<number> {
  assertWindow(input.startsAt, input.endsAt);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await assertSlugFree(trx, input.slug, null);
      const id = await insertDraftCampaign(trx, {
        slug: input.slug,
        name: input.name,
        name_en: input.nameEn,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        settings: composeSettingsJson(input.settings, { unrankedCategoryIds: [] }),
        created_at: now.toISOString(),
      });
      await audit(trx, actor, 'campaign_created', id, { slug: input.slug }, now);
      return id;
    });
  } catch (error) {
    // Two offices creating the same slug at once: the unique index decides, the loser gets the same 409.
    if (isUniqueViolation(error)) throw slugTaken(input.slug);
    throw error;
  }
}

/**
 * Edits a draft freely. Once the campaign is open the only edit is a later end date (endsAt alone);
 * anything else, in any status but draft, is refused as frozen.
 */
export async function updateCampaign(
  deps: AppDeps,
  id: number,
  patch: CampaignPatch,
  actor: Actor,
  now: Date,
): Promise<void> {
  const fields = Object.keys(patch);
  await deps.db.transaction().execute(async (trx) => {
    const campaign = await lockCampaignOr404(trx, deps.dialect, id);
    if (campaign.status === 'open' && fields.length === 1 && patch.endsAt !== undefined) {
      return extendEndDate(trx, campaign, patch.endsAt, actor, now);
    }
    if (campaign.status !== 'draft') throw frozenError(campaign, fields.join(', '));
    return editDraft(trx, campaign, patch, actor, now);
  });
}

async function editDraft(trx: Db, campaign: Campaign, patch: CampaignPatch, actor: Actor, now: Date): Promise<void> {
  assertWindow(patch.startsAt ?? campaign.starts_at, patch.endsAt ?? campaign.ends_at);
  if (patch.slug !== undefined && patch.slug !== campaign.slug) await assertSlugFree(trx, patch.slug, campaign.id);
  const update: CampaignFieldsUpdate = {
    slug: patch.slug,
    name: patch.name,
    name_en: patch.nameEn,
    starts_at: patch.startsAt,
    ends_at: patch.endsAt,
    settings: patch.settings === undefined ? undefined : patchedSettingsJson(campaign.settings, patch.settings),
  };
  const changed = Object.fromEntries(
    Object.entries(update).filter(([, value]) => value !== undefined),
  ) as CampaignFieldsUpdate;
  await updateCampaignFields(trx, campaign.id, changed);
  await audit(trx, actor, 'campaign_updated', campaign.id, { fields: Object.keys(patch) }, now);
}

/**
 * The settings JSON after a merge patch; the scope's ranked choice beside them is kept as it is. Stored
 * settings that no longer validate are patched as they are, so the refusal names what is still wrong.
 */
function patchedSettingsJson(storedJson: string, patch: Record<string, unknown>): string {
  const current = readCampaignSettings(storedJson);
  return composeSettingsJson(mergeSettingsPatch(current.stored, patch), current.scope);
}

/**
 * Sets the units a draft rates, snapshotting each unit's current category. Unknown and inactive units
 * are refused, all named at once.
 */
export function setCampaignUnits(
  deps: AppDeps,
  id: number,
  unitIds: readonly number[],
  actor: Actor,
  now: Date,
): Promise<void> {
  return withDraftCampaign(deps, id, 'units in scope', async (trx, campaign) => {
    const found = await findUnitsByIds(trx, unitIds);
    const byId = new Map(found.map((unit) => [unit.id, unit]));
    const unknown = unitIds.filter((unitId) => !byId.has(unitId));
    const inactive = found.filter((unit) => unit.active !== 1);
    if (unknown.length > 0 || inactive.length > 0) {
      const parts = [
        unknown.length > 0 ? `no unit has id ${unknown.join(', ')}` : null,
        inactive.length > 0 ? `inactive units cannot be rated: ${describeUnits(inactive)}` : null,
      ].filter((part) => part !== null);
      throw new AppError(422, 'invalid_units', `The scope was not changed: ${parts.join('; ')}.`);
    }
    const previousUnits = await listCampaignUnits(trx, campaign.id);
    const previousCategoryIds = new Set(
      previousUnits.flatMap((unit) => (unit.category_id === null ? [] : [unit.category_id])),
    );
    const ordered = unitIds.map((unitId) => byId.get(unitId)!);
    await replaceCampaignUnits(
      trx,
      campaign.id,
      ordered.map((unit) => ({ unitId: unit.id, categoryId: unit.category_id })),
    );

    const categoryIds = [...new Set(ordered.flatMap((unit) => (unit.category_id === null ? [] : [unit.category_id])))];
    const categories = await findCategoriesByIds(trx, categoryIds);
    const stored = readCampaignSettings(campaign.settings);
    const unrankedCategoryIds = nextUnrankedCategories(stored.scope, previousCategoryIds, categories);
    await updateCampaignFields(trx, campaign.id, {
      settings: composeSettingsJson(stored.stored, { unrankedCategoryIds }),
    });
    await audit(
      trx,
      actor,
      'campaign_units_set',
      campaign.id,
      { units: unitIds.length, categories: categoryIds.length },
      now,
    );
  });
}

/** Chooses which categories in scope are only rated, not ranked; every other category in scope is ranked. */
export function setUnrankedCategories(
  deps: AppDeps,
  id: number,
  unrankedCategoryIds: readonly number[],
  actor: Actor,
  now: Date,
): Promise<void> {
  return withDraftCampaign(deps, id, 'ranked categories', async (trx, campaign) => {
    const inScope = new Set((await listCampaignUnits(trx, campaign.id)).map((unit) => unit.category_id));
    const outside = unrankedCategoryIds.filter((categoryId) => !inScope.has(categoryId));
    if (outside.length > 0) {
      throw new AppError(
        422,
        'category_not_in_scope',
        `No unit in this campaign's scope belongs to category ${outside.join(', ')}; set the units first (PUT /api/campaigns/${id}/units).`,
      );
    }
    const stored = readCampaignSettings(campaign.settings);
    const sorted = [...unrankedCategoryIds].sort((a, b) => a - b);
    await updateCampaignFields(trx, campaign.id, {
      settings: composeSettingsJson(stored.stored, { unrankedCategoryIds: sorted }),
    });
    await audit(trx, actor, 'campaign_categories_set', campaign.id, { unrankedCategoryIds: sorted }, now);
  });
}

/** Sets which rater types take part, the questionnaire version each answers and its anonymity threshold. */
export function setCampaignRaterTypes(
  deps: AppDeps,
  id: number,
  raterTypes: readonly RaterTypeInput[],
  actor: Actor,
  now: Date,
): Promise<void> {
  return withDraftCampaign(deps, id, 'rater types', async (trx, campaign) => {
    const questionnaires = new Map(
      (await findQuestionnairesByIds(trx, [...new Set(raterTypes.map((r) => r.questionnaireId))])).map((q) => [
        q.id,
        q,
      ]),
    );
    const problems = raterTypes.flatMap((r) => {
      const questionnaire = questionnaires.get(r.questionnaireId);
      if (!questionnaire) return [`${r.raterType}: no questionnaire has id ${r.questionnaireId}`];
      if (questionnaire.rater_type !== r.raterType) {
        return [
          `${r.raterType}: questionnaire ${questionnaire.id} "${questionnaire.title}" is written for ${questionnaire.rater_type} raters`,
        ];
      }
      return [];
    });
    if (problems.length > 0)
      throw new AppError(422, 'invalid_rater_types', `The rater types were not changed: ${problems.join('; ')}.`);
    await replaceCampaignRaterTypes(trx, campaign.id, raterTypes);
    await audit(
      trx,
      actor,
      'campaign_rater_types_set',
      campaign.id,
      {
        raterTypes: raterTypes.map((r) => ({
          raterType: r.raterType,
          questionnaireId: r.questionnaireId,
          minCount: r.minCount,
        })),
      },
      now,
    );
  });
}
