import type { RaterType } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import {
  findCampaignOr404,
  loadCampaign,
  takingPart,
  unitInScope,
  type LoadedCampaign,
  type ScopeUnit,
} from '../campaigns/campaign-loader.ts';
import type { Db } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import { accessCodeHash, formatAccessCode, newAccessCode, normaliseAccessCode } from './access-code.ts';
import { findBatch, insertBatchWithCodes, voidBatch, voidCodesOfBatch } from './codes.repository.ts';

export const MAX_BATCH_SIZE = 5000;
/** Peer codes per unit in one all-units batch: a unit's staff who rate, with spares. */
export const MAX_PEER_CODES_PER_UNIT = 500;
/** Codes one all-units peer batch may issue in all (one transaction, one answer that holds them all). */
export const MAX_PEER_CODES_TOTAL = 10_000;

export interface BatchRequest {
  raterType: RaterType;
  /** Peer codes: the unit whose staff use them (they never rate their own unit). */
  raterUnitId?: number | null;
  /** Service-event codes for recipients: the one unit they may rate. */
  targetUnitId?: number | null;
  count: number;
  label?: string;
}

export interface IssuedBatch {
  batchId: number;
  raterType: RaterType;
  raterUnitId: number | null;
  targetUnitId: number | null;
  /** The unit the codes are bound to (the rater unit of peer codes, the rated unit of recipient codes). */
  unit: { code: string; name: string } | null;
  label: string;
  /** The plain codes, formatted XXXX-XXXX. Shown once: only their HMACs are stored. */
  codes: string[];
}

/** The campaign, loaded, when it may still get codes of this rater type. */
async function campaignIssuing(db: Db, campaignId: number, raterType: RaterType): Promise<LoadedCampaign> {
  const campaign = await findCampaignOr404(db, campaignId);
  if (campaign.status !== 'draft' && campaign.status !== 'open') {
    throw new AppError(
      409,
      'campaign_not_active',
      `Codes can be issued for draft or open campaigns only; this one is ${campaign.status}.`,
    );
  }
  const loaded = await loadCampaign(db, campaign);
  if (!takingPart(loaded, raterType)) {
    throw new AppError(
      409,
      'rater_type_not_in_campaign',
      `This campaign has no ${raterType} raters; add the rater type first.`,
    );
  }
  return loaded;
}

async function checkBatchRequest(deps: AppDeps, campaignId: number, request: BatchRequest) {
  const loaded = await campaignIssuing(deps.db, campaignId, request.raterType);
  const needsRaterUnit = request.raterType === 'peer';
  const needsTarget = request.raterType === 'recipient';
  if (needsRaterUnit !== Boolean(request.raterUnitId)) {
    throw new AppError(
      400,
      'invalid_request',
      needsRaterUnit
        ? 'Peer codes need raterUnitId: the unit whose staff will rate the others.'
        : 'Only peer codes take a raterUnitId.',
    );
  }
  if (needsTarget !== Boolean(request.targetUnitId)) {
    throw new AppError(
      400,
      'invalid_request',
      needsTarget
        ? 'Recipient codes need targetUnitId: the unit that served the person (open rating needs no codes).'
        : 'Only recipient codes take a targetUnitId.',
    );
  }
  const unitId = request.raterUnitId ?? request.targetUnitId;
  const unit = unitId ? unitInScope(loaded, unitId) : undefined;
  if (unitId && !unit) {
    throw new AppError(422, 'unit_not_in_campaign', `Unit ${unitId} is not in this campaign's scope.`);
  }
  if (!Number.isInteger(request.count) || request.count < 1 || request.count > MAX_BATCH_SIZE) {
    throw new AppError(400, 'invalid_request', `count must be between 1 and ${MAX_BATCH_SIZE}.`);
  }
  return { loaded, unit: unit ?? null };
}

function freshCodes(count: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newAccessCode());
  return [...codes];
}

/** Issues a batch of one-time codes; the response is the only time the plain codes exist. */
export async function issueCodeBatch(
  deps: AppDeps,
  actorUserId: number | null,
  campaignId: number,
  request: BatchRequest,
  now: Date,
): Promise<IssuedBatch> {
  const { unit } = await checkBatchRequest(deps, campaignId, request);
  const label = request.label?.trim() || `${request.raterType} ${now.toISOString().slice(0, 10)}`;
  for (let attempt = 0; ; attempt += 1) {
    const codes = freshCodes(request.count);
    try {
      const batchId = await deps.db.transaction().execute((trx) =>
        insertBatchWithCodes(
          trx,
          {
            campaignId,
            raterType: request.raterType,
            raterUnitId: request.raterUnitId ?? null,
            targetUnitId: request.targetUnitId ?? null,
            label,
            size: codes.length,
            createdAt: now.toISOString(),
          },
          codes.map((code) => accessCodeHash(deps.secret, code)),
        ),
      );
      await recordAudit(
        deps.db,
        {
          actorUserId,
          action: 'issue_codes',
          entityType: 'code_batch',
          entityId: batchId,
          detail: { campaignId, raterType: request.raterType, count: codes.length },
        },
        now,
      );
      return {
        batchId,
        raterType: request.raterType,
        raterUnitId: request.raterUnitId ?? null,
        targetUnitId: request.targetUnitId ?? null,
        unit: unit && { code: unit.code, name: unit.name },
        label,
        codes: codes.map(formatAccessCode),
      };
    } catch (error) {
      // A collision with an existing code is astronomically rare; draw again rather than fail.
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}

export async function voidCodeBatch(deps: AppDeps, actorUserId: number, batchId: number): Promise<number> {
  const batch = await findBatch(deps.db, batchId);
  if (!batch) throw notFound(`Code batch ${batchId}`);
  const voided = await voidBatch(deps.db, batchId);
  await recordAudit(deps.db, {
    actorUserId,
    action: 'void_codes',
    entityType: 'code_batch',
    entityId: batchId,
    detail: { voided },
  });
  return voided;
}

/**
 * Voids codes just issued in a batch that never reached anyone (an SMS the gateway did not send), so
 * they open nothing; the caller audits why. Takes the plain codes as issued (XXXX-XXXX).
 */
export async function voidUndeliveredCodes(deps: AppDeps, batchId: number, codes: readonly string[]): Promise<number> {
  const hashes = codes.map((code) => accessCodeHash(deps.secret, normaliseAccessCode(code) ?? code));
  return voidCodesOfBatch(deps.db, batchId, hashes);
}

/** A peer batch of an all-units issue: always bound to its rater unit. */
export interface IssuedPeerBatch extends IssuedBatch {
  raterType: 'peer';
  raterUnitId: number;
  unit: { code: string; name: string };
}

export interface PeerBatchesRequest {
  /** Codes for each unit in scope: as many as its staff who rate, and a few spares. */
  countPerUnit: number;
  label?: string;
}

/**
 * One peer batch for every active unit in scope, all in one transaction: each unit gets its own batch of
 * `countPerUnit` codes bound to it (a peer never rates its own unit, so the binding is the rater unit's),
 * each batch audited as a single issue is. Either every unit gets its codes or none does.
 */
export async function issuePeerBatches(
  deps: AppDeps,
  actorUserId: number,
  campaignId: number,
  request: PeerBatchesRequest,
  now: Date,
): Promise<{ label: string; batches: IssuedPeerBatch[] }> {
  const loaded = await campaignIssuing(deps.db, campaignId, 'peer');
  const units = loaded.units.filter((unit) => unit.active);
  const { countPerUnit } = request;
  if (!Number.isInteger(countPerUnit) || countPerUnit < 1 || countPerUnit > MAX_PEER_CODES_PER_UNIT) {
    throw new AppError(400, 'invalid_request', `countPerUnit must be between 1 and ${MAX_PEER_CODES_PER_UNIT}.`);
  }
  if (units.length === 0) {
    throw new AppError(422, 'no_units_in_scope', 'The campaign has no active units in scope to issue peer codes for.');
  }
  if (units.length * countPerUnit > MAX_PEER_CODES_TOTAL) {
    throw new AppError(
      422,
      'too_many_codes',
      `${units.length} units × ${countPerUnit} codes is ${units.length * countPerUnit} codes; one batch holds at most ${MAX_PEER_CODES_TOTAL}. Issue fewer per unit, or in several goes.`,
      { count: MAX_PEER_CODES_TOTAL },
    );
  }
  const label = request.label?.trim() || `peer ${now.toISOString().slice(0, 10)}`;
  for (let attempt = 0; ; attempt += 1) {
    const drawn = freshCodes(units.length * countPerUnit);
    const perUnit = units.map((unit, i) => ({
      unit,
      codes: drawn.slice(i * countPerUnit, (i + 1) * countPerUnit),
    }));
    try {
      const batchIds = await deps.db.transaction().execute(async (trx) => {
        const ids: number[] = [];
        for (const { unit, codes } of perUnit)
          ids.push(await insertPeerBatch(trx, deps, actorUserId, loaded, unit, codes, label, now));
        return ids;
      });
      const batches = perUnit.map(({ unit, codes }, i): IssuedPeerBatch => ({
        batchId: batchIds[i]!,
        raterType: 'peer',
        raterUnitId: unit.id,
        targetUnitId: null,
        unit: { code: unit.code, name: unit.name },
        label,
        codes: codes.map(formatAccessCode),
      }));
      return { label, batches };
    } catch (error) {
      // A collision with an existing code is astronomically rare; draw again rather than fail.
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}

async function insertPeerBatch(
  trx: Db,
  deps: AppDeps,
  actorUserId: number,
  loaded: LoadedCampaign,
  unit: ScopeUnit,
  codes: readonly string[],
  label: string,
  now: Date,
): Promise<number> {
  const campaignId = loaded.campaign.id;
  const batchId = await insertBatchWithCodes(
    trx,
    {
      campaignId,
      raterType: 'peer',
      raterUnitId: unit.id,
      targetUnitId: null,
      label,
      size: codes.length,
      createdAt: now.toISOString(),
    },
    codes.map((code) => accessCodeHash(deps.secret, code)),
  );
  await recordAudit(
    trx,
    {
      actorUserId,
      action: 'issue_codes',
      entityType: 'code_batch',
      entityId: batchId,
      detail: { campaignId, raterType: 'peer', count: codes.length, raterUnitId: unit.id, allPeerUnits: true },
    },
    now,
  );
  return batchId;
}
