import type { RaterType } from '../../scoring/rater-type.ts';
import type { PreparedQuestionnaire } from '../../surveys/prepare.ts';
import { findValidCode, type CodeAttempt } from '../access/code-lookup.ts';
import { existingTokenKey, keyClassOf, parseKeyClass, tokenKey, type KeyClass } from '../access/token-keys.ts';
import type { AppDeps } from '../app-deps.ts';
import { findCampaignOr404, takingPart, unitInScope, type LoadedCampaign } from '../campaigns/campaign-loader.ts';
import type { CampaignSettings } from '../campaigns/campaign-settings.ts';
import { acceptsBallots, assertAcceptingBallots } from '../campaigns/campaign-window.ts';
import { findCampaignBySlug } from '../campaigns/campaigns.repository.ts';
import { findUnitByCode } from '../catalog/catalog.repository.ts';
import { verifyToken } from '../crypto/blind-rsa.ts';
import { sha256Hex } from '../crypto/hashing.ts';
import type { Campaign, UserRole } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';

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
  /** Token access: SHA-256 of the redeemed token, spent in the ballot's transaction. Null for open rating. */
  tokenHash: string | null;
}

/** A rating opened with an access code: the access, and the key its token must be blinded for. */
export interface CodeSession {
  access: BallotAccess;
  token: { keyClass: string; publicKey: string; exchanged: boolean };
}

/** A token as the page sends it with its ballot (RFC 9474: the prepared message and its signature). */
export interface BallotToken {
  keyClass: string;
  /** base64url */
  message: string;
  /** base64url */
  signature: string;
}

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

/**
 * Who may rate what under one grant (a rater type, bound to a unit for peers and service-event
 * recipients): the questionnaire prepared for it and the units it may rate.
 */
async function grantAccess(
  deps: AppDeps,
  campaign: Campaign,
  grant: KeyClass,
  tokenHash: string | null,
): Promise<BallotAccess> {
  const { loaded, settings } = await loadOpen(deps, campaign);
  const questionnaire = questionnaireFor(loaded, grant.raterType);
  if (grant.raterType === 'recipient') {
    const unitId = grant.unitId!;
    if (!unitInScope(loaded, unitId)) {
      throw new AppError(404, 'unit_not_in_campaign', `Unit ${unitId} is not rated in this campaign.`);
    }
    const contextKey = `${campaign.id}:recipient:${unitId}`;
    const prepared = deps.questionnaires.get(questionnaire, { targetUnitId: unitId }, contextKey);
    return {
      campaign,
      settings,
      raterType: 'recipient',
      questionnaireId: questionnaire.id,
      prepared,
      allowedUnitIds: new Set([unitId]),
      targetUnitId: unitId,
      tokenHash,
    };
  }
  const units = loaded.units.map((u) => ({ id: u.id, name: u.name, nameEn: u.nameEn }));
  const excludeUnitId = grant.raterType === 'peer' ? (grant.unitId ?? undefined) : undefined;
  const contextKey = `${campaign.id}:${grant.raterType}:${excludeUnitId ?? 'all'}`;
  const prepared = deps.questionnaires.get(questionnaire, { units, excludeUnitId }, contextKey);
  return {
    campaign,
    settings,
    raterType: grant.raterType,
    questionnaireId: questionnaire.id,
    prepared,
    allowedUnitIds: new Set(units.map((u) => u.id).filter((id) => id !== excludeUnitId)),
    targetUnitId: null,
    tokenHash,
  };
}

/** Open rating by a unit's QR code or link. */
export async function openAccessByIds(
  deps: AppDeps,
  campaign: Campaign,
  unitId: number,
  now: Date,
): Promise<BallotAccess> {
  assertAcceptingBallots(campaign, now);
  return grantAccess(deps, campaign, { raterType: 'recipient', unitId }, null);
}

export async function openAccessBySlugs(
  deps: AppDeps,
  campaignSlug: string,
  unitCode: string,
  now: Date,
  viewer: { role: UserRole } | null,
): Promise<BallotAccess> {
  const campaign = await findCampaignBySlug(deps.db, campaignSlug);
  // A draft's link answers like one never made, except to the office trying it out.
  if (!campaign || (campaign.status === 'draft' && viewer?.role !== 'admin')) {
    throw notFound(`Campaign "${campaignSlug}"`);
  }
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
  return openAccessByIds(deps, await campaignForBallot(deps, campaignId, now), unitId, now);
}

/**
 * The campaign a ballot names, from the open-campaign cache while it is fresh; the ballot's transaction
 * reads status and window again, so a campaign closed by another app server a moment ago still takes
 * nothing. A cached row that would refuse (an end extended since) is read again before refusing.
 */
async function campaignForBallot(deps: AppDeps, campaignId: number, now: Date): Promise<Campaign> {
  const cached = deps.openCampaigns.cachedRow(campaignId);
  if (cached && acceptsBallots(cached, now)) return cached;
  const campaign = await findCampaignOr404(deps.db, campaignId);
  assertAcceptingBallots(campaign, now);
  return campaign;
}

/**
 * Opens the rating a code grants, without spending it, with the key the page blinds its token for. A code
 * already exchanged still opens (the page that exchanged it may have its token and not yet have voted);
 * only the page that holds the token can use it.
 */
export async function codeSession(deps: AppDeps, attempt: CodeAttempt, now: Date): Promise<CodeSession> {
  const code = await findValidCode(deps, attempt, now);
  const campaign = await findCampaignOr404(deps.db, code.campaign_id);
  assertAcceptingBallots(campaign, now);
  const keyClass = keyClassOf(code);
  const access = await grantAccess(deps, campaign, parseKeyClass(keyClass)!, null);
  const key = await tokenKey(deps.db, deps.secret, campaign.id, keyClass);
  return { access, token: { keyClass, publicKey: key.publicKey, exchanged: code.spent === 1 } };
}

/**
 * Access by a token: the signature of the kind's key proves the holder exchanged a valid code of that
 * kind, and nothing more: the server cannot tell which code.
 */
export async function tokenAccess(
  deps: AppDeps,
  campaignId: number,
  token: BallotToken,
  now: Date,
): Promise<BallotAccess> {
  const campaign = await campaignForBallot(deps, campaignId, now);
  const grant = parseKeyClass(token.keyClass);
  const key = grant ? await existingTokenKey(deps.db, deps.secret, campaign.id, token.keyClass) : null;
  const message = Buffer.from(token.message, 'base64url');
  if (!grant || !key || !verifyToken(key.publicKeyObject, message, Buffer.from(token.signature, 'base64url'))) {
    throw new AppError(
      403,
      'token_invalid',
      'This ballot does not carry a valid token; open the rating with its code again.',
    );
  }
  return grantAccess(deps, campaign, grant, sha256Hex(token.message));
}
