import type { AppDeps } from '../app-deps.ts';
import { toE164, type SmsMessage } from '../access/sms-message.ts';
import { shuffleInPlace } from '../crypto/shuffle.ts';
import type { Db } from '../db/database.ts';
import type { FollowupSms } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import { formatFollowupCode, unsealFollowupCode } from './followup-code.ts';
import { forgetPhone } from './followups.repository.ts';

// The raiser's text messages (decision 017). A message waits in its follow-up row (`sms_waiting`) and a
// round sends what waits: the code, once the batch that wrote the row has committed (never at ballot
// time), and a request to look and rate once the loop closes (the problem closed or explained, the report
// explained or rejected), after which the phone is deleted. Each message is tried once: a row is claimed
// by a conditional update before its message goes, so two app servers never send the same one. A round
// also deletes the phones of loops closed more than LOOP_GRACE_DAYS ago that no message could close.
// Without a follow-up template (SMS_FOLLOWUP_TEMPLATE_ID), a gateway or PUBLIC_URL nothing is sent, and
// the receipt and the console say so.

/** Days after the loop closed that an unrated raiser's phone is kept when no message could close it. */
export const LOOP_GRACE_DAYS = 30;

/** How often each app server looks for messages that wait. */
export const FOLLOWUP_ROUND_MS = 60 * 1000;

type SmsDeps = Pick<AppDeps, 'sms' | 'config'>;
type RoundDeps = Pick<AppDeps, 'db' | 'sms' | 'config' | 'secret' | 'logger'>;

/** Whether follow-up messages can be sent at all: a gateway, its follow-up template and the public address. */
export function followupSmsAvailable(deps: SmsDeps): boolean {
  return deps.sms !== null && Boolean(deps.config.SMS_FOLLOWUP_TEMPLATE_ID) && Boolean(deps.config.PUBLIC_URL);
}

/** What the receipt says of the follow-up: the code (4-4-4) and whether an SMS will bring it too. */
export interface ReceiptFollowup {
  code: string;
  sms: boolean;
}

export function followupOnReceipt(
  deps: SmsDeps,
  problem: { contact: string | null; followupCode: string },
): ReceiptFollowup {
  const phone = problem.contact ? toE164(problem.contact) : null;
  return { code: formatFollowupCode(problem.followupCode), sms: phone !== null && followupSmsAvailable(deps) };
}

/** The raiser's page for a code: `{PUBLIC_URL}/f/{code}`. */
export function followupUrl(publicUrl: string, code: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/f/${formatFollowupCode(code)}`;
}

/** One follow-up message, its parameters in the order SMS_FOLLOWUP_TEMPLATE_PARAMS gives. */
export function followupMessage(deps: SmsDeps, phone: string, code: string): SmsMessage {
  const url = followupUrl(deps.config.PUBLIC_URL ?? '', code);
  const params = deps.config.SMS_FOLLOWUP_TEMPLATE_PARAMS.map((p) => (p === 'code' ? formatFollowupCode(code) : url));
  return { phone, params, templateId: deps.config.SMS_FOLLOWUP_TEMPLATE_ID! };
}

export interface FollowupRound {
  /** Code messages sent (and not sent: the gateway refused or failed). */
  codes: { sent: number; failed: number };
  /** Requests to rate sent (and not sent), each phone deleted after. */
  closings: { sent: number; failed: number };
  /** Phones deleted LOOP_GRACE_DAYS after their loop closed, with no message. */
  expired: number;
}

interface KeptPhone {
  id: string;
  report_id: string | null;
  phone: string;
  code_sealed: string | null;
  sms_waiting: FollowupSms | null;
  /** When the loop closed (the problem's closed_at, or the report's answer), or null while it is open. */
  closedAt: string | null;
}

const LOOP_CLOSED_PROBLEM = new Set(['closed', 'explained']);
const LOOP_CLOSED_REPORT = new Set(['explained', 'rejected']);

/** Every follow-up that still keeps a phone (few: a phone goes as soon as its loop closes). */
async function keptPhones(db: Db): Promise<KeptPhone[]> {
  const rows = await db
    .selectFrom('problem_followups as f')
    .leftJoin('problem_reports as r', 'r.id', 'f.report_id')
    .leftJoin('problems as p', (join) =>
      join.on((eb) => eb('p.id', '=', eb.fn.coalesce('f.problem_id', 'r.problem_id'))),
    )
    .select([
      'f.id',
      'f.report_id',
      'f.phone',
      'f.code_sealed',
      'f.sms_waiting',
      'p.state',
      'p.closed_at',
      'r.status',
      'r.answered_at',
    ])
    .where('f.phone', 'is not', null)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    report_id: row.report_id,
    phone: row.phone!,
    code_sealed: row.code_sealed,
    sms_waiting: row.sms_waiting,
    closedAt:
      (row.state && LOOP_CLOSED_PROBLEM.has(row.state) ? row.closed_at : null) ??
      (row.status && LOOP_CLOSED_REPORT.has(row.status) ? row.answered_at : null),
  }));
}

/** Claims a waiting message for this server: true if it was still waiting (nobody else took it). */
async function claim(db: Db, row: KeptPhone, kind: FollowupSms): Promise<boolean> {
  const result = await db
    .updateTable('problem_followups')
    .set(kind === 'rate' ? { phone: null, code_sealed: null, sms_waiting: null } : { sms_waiting: null })
    .where('id', '=', row.id)
    .where('sms_waiting', '=', kind)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function send(deps: RoundDeps, row: KeptPhone): Promise<boolean> {
  try {
    const code = unsealFollowupCode(deps.secret, row.code_sealed!);
    const result = await deps.sms!.send(followupMessage(deps, row.phone, code));
    return result.sent;
  } catch {
    return false;
  }
}

/** One round: marks closed loops, sends what waits (in random order), deletes phones kept too long. */
export async function runFollowupRound(deps: RoundDeps, now: Date): Promise<FollowupRound> {
  const round: FollowupRound = { codes: { sent: 0, failed: 0 }, closings: { sent: 0, failed: 0 }, expired: 0 };
  const available = followupSmsAvailable(deps);
  const graceMs = LOOP_GRACE_DAYS * 24 * 3600 * 1000;
  for (const row of shuffleInPlace(await keptPhones(deps.db))) {
    if (available && row.code_sealed !== null && row.sms_waiting === 'code') {
      if (!(await claim(deps.db, row, 'code'))) continue;
      if (await send(deps, row)) round.codes.sent += 1;
      else round.codes.failed += 1;
      // The request to rate waits for the next round, so two messages never arrive in one moment.
      continue;
    }
    if (row.closedAt === null) continue;
    if (available && row.code_sealed !== null) {
      await deps.db
        .updateTable('problem_followups')
        .set({ sms_waiting: 'rate' })
        .where('id', '=', row.id)
        .where('sms_waiting', 'is', null)
        .execute();
      if (!(await claim(deps.db, row, 'rate'))) continue;
      // Told or not (a refused number is not tried again), the phone has gone with the claim.
      if (await send(deps, row)) round.closings.sent += 1;
      else round.closings.failed += 1;
      await forgetPhone(deps.db, row);
      continue;
    }
    if (now.getTime() - Date.parse(row.closedAt) > graceMs) {
      await forgetPhone(deps.db, row);
      round.expired += 1;
    }
  }
  const { codes, closings, expired } = round;
  if (codes.failed + closings.failed > 0) {
    deps.logger.warn('follow-up SMS: some messages were not sent', { codes, closings });
  } else if (codes.sent + closings.sent + expired > 0) {
    deps.logger.debug('follow-up SMS round', { codes, closings, expired });
  }
  return round;
}

/** Runs a round now and every `everyMs` until stopped; a failed round is logged and the next tries again. */
export function startFollowupRounds(deps: RoundDeps & { logger: Logger }, everyMs = FOLLOWUP_ROUND_MS) {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running
      .then(() => runFollowupRound(deps, new Date()))
      .catch((error: unknown) => {
        deps.logger.warn('follow-up SMS round failed; it runs again later', {
          error: error instanceof Error ? error.message : String(error),
        });
      });
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
