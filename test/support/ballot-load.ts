import { randomUUID } from 'node:crypto';
import type { RaterType } from '../../scoring/rater-type.ts';
import { accessCodeHash, formatAccessCode, newAccessCode } from '../../server/access/access-code.ts';
import { insertBatchWithCodes } from '../../server/access/codes.repository.ts';
import type { Db } from '../../server/db/database.ts';
import { demoMatrixAnswers, demoRecipientAnswers, seededRandom } from '../../server/seed/demo-answers.ts';
import { DEMO_CAMPAIGN_SLUG } from '../../server/seed/demo.ts';
import { exchange, openWithCode, type BallotToken, type CodeSession } from './code-token.ts';
import { fastBlind } from './fast-blind.ts';

/**
 * Realistic ballots for load tests and benchmarks: fresh one-time codes written straight into the
 * database (as a batch issue would, but without the 5,000-per-request limit) and answers from the
 * demo's own generator, so every ballot passes the server's full validation.
 */

/** The demo campaign as a load needs it: ids only. */
export interface LoadCampaign {
  campaignId: number;
  questionnaireIds: Record<RaterType, number>;
  unitIds: number[];
}

/** One code a load may spend, with what it grants. */
export interface LoadCode {
  code: string;
  raterType: RaterType;
  /** Peer codes: the unit whose staff rate the others. */
  raterUnitId: number | null;
  /** Service-event codes for recipients: the one unit they rate. */
  targetUnitId: number | null;
}

/** What POST /api/ballots takes (see server/ballots/respond.routes.ts). */
export interface BallotBody {
  campaignId: number;
  questionnaireId: number;
  submissionId: string;
  answers: Record<string, unknown>;
  token?: BallotToken;
  unitId?: number;
  deviceId?: string;
  fillSeconds: number;
}

export async function loadDemoCampaign(db: Db): Promise<LoadCampaign> {
  const campaign = await db
    .selectFrom('campaigns')
    .select('id')
    .where('slug', '=', DEMO_CAMPAIGN_SLUG)
    .executeTakeFirstOrThrow();
  const raterTypes = await db
    .selectFrom('campaign_rater_types')
    .select(['rater_type', 'questionnaire_id'])
    .where('campaign_id', '=', campaign.id)
    .execute();
  const units = await db
    .selectFrom('campaign_units')
    .select('unit_id')
    .where('campaign_id', '=', campaign.id)
    .orderBy('unit_id')
    .execute();
  const questionnaireIds = Object.fromEntries(raterTypes.map((r) => [r.rater_type, r.questionnaire_id])) as Record<
    RaterType,
    number
  >;
  return { campaignId: campaign.id, questionnaireIds, unitIds: units.map((u) => u.unit_id) };
}

export interface CodeCounts {
  superior: number;
  /** Spread evenly over the units, one batch per rating unit. */
  peer: number;
  /** Service-event codes, spread evenly over the units, one batch per target unit. */
  recipient: number;
}

/**
 * Issues fresh codes in batches labelled `label` (so a check can count exactly this load's codes) and
 * returns them in a shuffled order, so consecutive requests mix rater types as real traffic does.
 */
export async function issueLoadCodes(
  db: Db,
  secret: string,
  campaign: LoadCampaign,
  counts: CodeCounts,
  label: string,
): Promise<LoadCode[]> {
  const seen = new Set<string>();
  const fresh = () => {
    let code = newAccessCode();
    while (seen.has(code)) code = newAccessCode();
    seen.add(code);
    return code;
  };
  const groups: LoadCode[][] = [];
  const createdAt = new Date().toISOString();
  const spread = (total: number, index: number) =>
    Math.floor(total / campaign.unitIds.length) + (index < total % campaign.unitIds.length ? 1 : 0);
  await db.transaction().execute(async (trx) => {
    const issue = async (
      raterType: RaterType,
      count: number,
      raterUnitId: number | null,
      targetUnitId: number | null,
    ) => {
      if (count === 0) return;
      const codes = Array.from({ length: count }, fresh);
      const batch = {
        campaignId: campaign.campaignId,
        raterType,
        raterUnitId,
        targetUnitId,
        label,
        size: count,
        createdAt,
      };
      await insertBatchWithCodes(
        trx,
        batch,
        codes.map((code) => accessCodeHash(secret, code)),
      );
      groups.push(codes.map((code) => ({ code: formatAccessCode(code), raterType, raterUnitId, targetUnitId })));
    };
    await issue('superior', counts.superior, null, null);
    for (const [index, unitId] of campaign.unitIds.entries()) {
      await issue('peer', spread(counts.peer, index), unitId, null);
      await issue('recipient', spread(counts.recipient, index), null, unitId);
    }
  });
  return shuffle(groups.flat(), seededRandom(7));
}

/** Unit qualities for plausible answers: fixed per unit so results look like a real campaign's. */
function qualityOf(unitId: number): number {
  return 0.35 + ((unitId * 37) % 60) / 100;
}

const SUPERIOR_ITEMS = ['responsibility', 'promptness', 'delivery', 'overall'];
const PEER_ITEMS = ['cooperation', 'bigPicture'];

/** The kind of token a code is exchanged for (server/access/token-keys.ts). */
export function keyClassOf(code: LoadCode): string {
  if (code.raterType === 'peer') return `peer:${code.raterUnitId}`;
  if (code.raterType === 'recipient') return `recipient:${code.targetUnitId}`;
  return 'superior';
}

/**
 * Exchanges every code for a token through the server's HTTP API, as the respondent page does: the key of
 * each kind is read once (opening a rating spends nothing), then each code is blinded, signed, unblinded
 * (with the fast BigInt blinding of fast-blind.ts: a load exchanges thousands).
 */
export async function exchangeTokens(
  baseUrl: string,
  codes: readonly LoadCode[],
  concurrency = 8,
): Promise<Map<string, BallotToken>> {
  const app = { request: (path: string, init?: RequestInit) => fetch(`${baseUrl}${path}`, init) };
  const keys = new Map<string, string>();
  for (const code of codes) {
    const keyClass = keyClassOf(code);
    if (keys.has(keyClass)) continue;
    const session = (await (await openWithCode(app, code.code)).json()) as CodeSession;
    keys.set(keyClass, session.token.publicKey);
  }
  const tokens = new Map<string, BallotToken>();
  let next = 0;
  const worker = async () => {
    while (next < codes.length) {
      const code = codes[next++]!;
      const request = fastBlind(keys.get(keyClassOf(code))!);
      const issued = await exchange(app, code.code, request.blindedMessage);
      if (issued.status !== 200) throw new Error(`exchanging ${code.code}: ${issued.status} ${await issued.text()}`);
      const body = (await issued.json()) as { keyClass: string; blindSignature: string };
      const signature = request.finalize(body.blindSignature);
      tokens.set(code.code, {
        keyClass: body.keyClass,
        message: Buffer.from(request.prepared).toString('base64url'),
        signature: Buffer.from(signature).toString('base64url'),
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return tokens;
}

/** A valid ballot for a code's token, as the respondent page would submit it after a person filled it in. */
export function codeBallot(
  campaign: LoadCampaign,
  code: LoadCode,
  token: BallotToken,
  random: () => number,
): BallotBody {
  const base = {
    campaignId: campaign.campaignId,
    questionnaireId: campaign.questionnaireIds[code.raterType],
    submissionId: randomUUID(),
    token,
  };
  if (code.raterType === 'recipient') {
    return {
      ...base,
      answers: demoRecipientAnswers(random, qualityOf(code.targetUnitId ?? 0)),
      fillSeconds: 25 + Math.round(random() * 60),
    };
  }
  const rated = campaign.unitIds.filter((id) => id !== code.raterUnitId).map((id) => ({ id, quality: qualityOf(id) }));
  const items = code.raterType === 'superior' ? SUPERIOR_ITEMS : PEER_ITEMS;
  return { ...base, answers: demoMatrixAnswers(random, rated, items), fillSeconds: 240 + Math.round(random() * 600) };
}

/** A service recipient's ballot by a unit's QR code: no code, a fresh device id. */
export function openBallot(campaign: LoadCampaign, unitId: number, random: () => number): BallotBody {
  return {
    campaignId: campaign.campaignId,
    questionnaireId: campaign.questionnaireIds.recipient,
    submissionId: randomUUID(),
    unitId,
    deviceId: randomUUID(),
    answers: demoRecipientAnswers(random, qualityOf(unitId)),
    fillSeconds: 20 + Math.round(random() * 60),
  };
}

/** Open rating from one address: raise the campaign's per-address limit so a load from 127.0.0.1 is not refused. */
export async function allowOpenRatingLoad(db: Db, campaignId: number): Promise<void> {
  const row = await db
    .selectFrom('campaigns')
    .select('settings')
    .where('id', '=', campaignId)
    .executeTakeFirstOrThrow();
  const settings = JSON.parse(row.settings) as { access?: { openRating?: Record<string, unknown> } };
  settings.access = {
    ...settings.access,
    openRating: { ...settings.access?.openRating, perAddress: { max: 100_000, windowHours: 1 } },
  };
  await db
    .updateTable('campaigns')
    .set({ settings: JSON.stringify(settings) })
    .where('id', '=', campaignId)
    .execute();
}

/**
 * Counts of this load's codes (by batch label), every ballot the campaign accepted (recipients' rows and
 * leaders' and peers' receipts: they keep no row), and the tokens redeemed.
 */
export async function loadCounts(
  db: Db,
  campaignId: number,
  label: string,
): Promise<{ ballots: number; spent: number; codes: number; tokens: number }> {
  const countOf = async (table: 'ballots' | 'receipts' | 'spent_tokens') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('campaign_id', '=', campaignId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const ballots = { n: (await countOf('ballots')) + (await countOf('receipts')) };
  const tokens = await countOf('spent_tokens');
  const codes = await db
    .selectFrom('access_codes as c')
    .innerJoin('code_batches as b', 'b.id', 'c.batch_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.coalesce(eb.fn.sum<number>('c.spent'), eb.lit(0)).as('spent'),
    ])
    .where('b.label', '=', label)
    .executeTakeFirstOrThrow();
  return { ballots: ballots.n, spent: Number(codes.spent), codes: Number(codes.n), tokens };
}

function shuffle<T>(values: T[], random: () => number): T[] {
  for (let i = values.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [values[i], values[j]] = [values[j] as T, values[i] as T];
  }
  return values;
}
