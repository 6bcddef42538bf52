import type { RaterType } from '../../scoring/rater-type.ts';
import { accessCodeHash, normaliseAccessCode } from '../access/access-code.ts';
import { findCode } from '../access/codes.repository.ts';
import { hmacHex } from '../crypto/hashing.ts';
import type { AppDeps } from '../app-deps.ts';
import { assertAcceptingBallots } from '../campaigns/campaign-window.ts';
import { findCampaignOr404, takingPart, unitInScope, type LoadedCampaign } from '../campaigns/campaign-loader.ts';
import type { CampaignSettings } from '../campaigns/campaign-settings.ts';
import { findCampaignBySlug } from '../campaigns/campaigns.repository.ts';
import { findUnitByCode } from '../catalog/catalog.repository.ts';
import type { Campaign } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { hitRateCounter, peekRateCounter } from '../limits/rate-counter.ts';
import type { PreparedQuestionnaire } from '../../surveys/prepare.ts';

/** What one rater may do right now: which campaign, as which rater type, rating which units. */
export interface BallotAccess {
  campaign: Campaign;
  /** The campaign's settings (frozen while it is open). */
  settings: CampaignSettings;
  raterType: RaterType;
  questionnaireId: number;
  prepared: PreparedQuestionnaire;
  /** Units this ballot may rate (never the peer rater's own unit). */
  allowedUnitIds: ReadonlySet<number>;
  /** The one unit a recipient rates; null for superiors and peers. */
  targetUnitId: number | null;
  /** Set for code access: spent in the ballot's transaction. */
  codeHash: string | null;
}

const CODE_FAILURES = { seconds: 3600, max: 30 };

/** The open campaign's frozen configuration (read once per process, campaigns/open-campaign-cache.ts). */
async function loadOpen(
  deps: AppDeps,
  campaign: Campaign,
): Promise<{ loaded: LoadedCampaign; settings: CampaignSettings }> {
  const loaded = await deps.openCampaigns.load(deps.db, campaign);
  if (loaded.settings.value === null) {
    throw new AppError(
      409,
      'campaign_settings_invalid',
      `This evaluation's settings cannot be used: ${loaded.settings.problems.join('; ')}.`,
    );
  }
  return { loaded, settings: loaded.settings.value };
}

function questionnaireFor(loaded: LoadedCampaign, raterType: RaterType) {
  const taking = takingPart(loaded, raterType);
  if (!taking) throw new AppError(409, 'rater_type_not_in_campaign', `This campaign takes no ${raterType} ratings.`);
  return taking.questionnaire;
}

/** Open rating by a unit's QR code or link. */
export async function openAccessByIds(
  deps: AppDeps,
  campaign: Campaign,
  unitId: number,
  now: Date,
): Promise<BallotAccess> {
  assertAcceptingBallots(campaign, now);
  const { loaded, settings } = await loadOpen(deps, campaign);
  if (!unitInScope(loaded, unitId)) {
    throw new AppError(404, 'unit_not_in_campaign', `Unit ${unitId} is not rated in this campaign.`);
  }
  const questionnaire = questionnaireFor(loaded, 'recipient');
  const prepared = deps.questionnaires.get(
    questionnaire,
    { targetUnitId: unitId },
    `${campaign.id}:recipient:${unitId}`,
  );
  return {
    campaign,
    settings,
    raterType: 'recipient',
    questionnaireId: questionnaire.id,
    prepared,
    allowedUnitIds: new Set([unitId]),
    targetUnitId: unitId,
    codeHash: null,
  };
}

export async function openAccessBySlugs(
  deps: AppDeps,
  campaignSlug: string,
  unitCode: string,
  now: Date,
): Promise<BallotAccess> {
  const campaign = await findCampaignBySlug(deps.db, campaignSlug);
  if (!campaign) throw notFound(`Campaign "${campaignSlug}"`);
  assertAcceptingBallots(campaign, now);
  const unit = await findUnitByCode(deps.db, unitCode);
  if (!unit) throw notFound(`Unit "${unitCode}" in this campaign`);
  return openAccessByIds(deps, campaign, unit.id, now);
}

export async function openAccessForBallot(
  deps: AppDeps,
  campaignId: number,
  unitId: number,
  now: Date,
): Promise<BallotAccess> {
  return openAccessByIds(deps, await findCampaignOr404(deps.db, campaignId), unitId, now);
}

/**
 * Access by a one-time code. Failed look-ups are counted per address (hashed) and refused past the
 * limit, so guessing codes is hopeless; the counter is global because a wrong code names no campaign.
 */
export async function codeAccess(deps: AppDeps, input: string, address: string, now: Date): Promise<BallotAccess> {
  const addressKey = hmacHex(deps.secret, `code-failures:${address}`);
  if ((await peekRateCounter(deps.db, 'code-failures', addressKey, CODE_FAILURES, now)) >= CODE_FAILURES.max) {
    throw new AppError(429, 'too_many_code_attempts', 'Too many wrong codes from this network. Try again in an hour.');
  }
  const code = normaliseAccessCode(input);
  const found = code ? await findCode(deps.db, accessCodeHash(deps.secret, code)) : undefined;
  if (!found) {
    await hitRateCounter(deps.db, 'code-failures', addressKey, CODE_FAILURES, now);
    throw new AppError(404, 'code_not_found', 'This code is not valid. Check the characters and try again.');
  }
  if (found.voided === 1)
    throw new AppError(409, 'code_voided', 'This code has been withdrawn by the evaluation office.');
  if (found.spent === 1)
    throw new AppError(409, 'code_spent', 'This code has already been used; each code can be used once.');
  const campaign = await findCampaignOr404(deps.db, found.campaign_id);
  assertAcceptingBallots(campaign, now);
  return codeAccessFor(deps, campaign, found);
}

async function codeAccessFor(
  deps: AppDeps,
  campaign: Campaign,
  code: { code_hash: string; rater_type: RaterType; rater_unit_id: number | null; target_unit_id: number | null },
): Promise<BallotAccess> {
  const { loaded, settings } = await loadOpen(deps, campaign);
  const questionnaire = questionnaireFor(loaded, code.rater_type);
  if (code.rater_type === 'recipient' && code.target_unit_id !== null) {
    const prepared = deps.questionnaires.get(
      questionnaire,
      { targetUnitId: code.target_unit_id },
      `${campaign.id}:recipient:${code.target_unit_id}`,
    );
    return {
      campaign,
      settings,
      raterType: 'recipient',
      questionnaireId: questionnaire.id,
      prepared,
      allowedUnitIds: new Set([code.target_unit_id]),
      targetUnitId: code.target_unit_id,
      codeHash: code.code_hash,
    };
  }
  const units = loaded.units.map((u) => ({ id: u.id, name: u.name, nameEn: u.nameEn }));
  const excludeUnitId = code.rater_type === 'peer' ? (code.rater_unit_id ?? undefined) : undefined;
  const contextKey = `${campaign.id}:${code.rater_type}:${excludeUnitId ?? 'all'}`;
  const prepared = deps.questionnaires.get(questionnaire, { units, excludeUnitId }, contextKey);
  const allowed = new Set(units.map((u) => u.id).filter((id) => id !== excludeUnitId));
  return {
    campaign,
    settings,
    raterType: code.rater_type,
    questionnaireId: questionnaire.id,
    prepared,
    allowedUnitIds: allowed,
    targetUnitId: null,
    codeHash: code.code_hash,
  };
}
