import type { RaterType } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import { findCampaignOr404, loadCampaign, takingPart, unitInScope } from '../campaigns/campaign-loader.ts';
import { csvDocument } from '../../formats/csv.ts';
import { AppError, notFound } from '../errors.ts';
import { accessCodeHash, formatAccessCode, newAccessCode, normaliseAccessCode } from './access-code.ts';
import { findBatch, insertBatchWithCodes, voidBatch, voidCodesOfBatch } from './codes.repository.ts';

export const MAX_BATCH_SIZE = 5000;

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
  label: string;
  /** The plain codes, formatted XXXX-XXXX. Shown once: only their HMACs are stored. */
  codes: string[];
}

async function checkBatchRequest(deps: AppDeps, campaignId: number, request: BatchRequest) {
  const campaign = await findCampaignOr404(deps.db, campaignId);
  if (campaign.status !== 'draft' && campaign.status !== 'open') {
    throw new AppError(
      409,
      'campaign_not_active',
      `Codes can be issued for draft or open campaigns only; this one is ${campaign.status}.`,
    );
  }
  const loaded = await loadCampaign(deps.db, campaign);
  if (!takingPart(loaded, request.raterType)) {
    throw new AppError(
      409,
      'rater_type_not_in_campaign',
      `This campaign has no ${request.raterType} raters; add the rater type first.`,
    );
  }
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
  if (unitId && !unitInScope(loaded, unitId)) {
    throw new AppError(422, 'unit_not_in_campaign', `Unit ${unitId} is not in this campaign's scope.`);
  }
  if (!Number.isInteger(request.count) || request.count < 1 || request.count > MAX_BATCH_SIZE) {
    throw new AppError(400, 'invalid_request', `count must be between 1 and ${MAX_BATCH_SIZE}.`);
  }
  return campaign;
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
  await checkBatchRequest(deps, campaignId, request);
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

/** Codes as CSV for mail merge and printing (UTF-8 with BOM so Excel shows Chinese correctly). */
export function codesCsv(batch: IssuedBatch, campaignName: string): string {
  return csvDocument([
    ['序号 No.', '评议码 Code', '评议活动 Campaign', '批次 Batch'],
    ...batch.codes.map((code, i) => [i + 1, code, campaignName, batch.label]),
  ]);
}
