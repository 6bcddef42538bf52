import type { AppDeps } from '../app-deps.ts';
import type { SessionUser } from '../http/app-env.ts';
import { toE164 } from '../access/sms-message.ts';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import type { FixRating, Problem, ProblemState } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { FILED_STATES, OPEN_STATES, RULES, type ProblemAction } from '../problems/problem-states.ts';
import { loadProblem, moveProblem } from '../problems/problem-writes.ts';
import { chinaDay } from '../problems/working-days.ts';
import {
  followupCodeHash,
  formatFollowupCode,
  normaliseFollowupCode,
  randomFollowupCode,
  sealFollowupCode,
} from './followup-code.ts';
import { followupMessage, followupSmsAvailable, followupUrl } from './followup-sms.ts';
import { findFollowup, forgetPhone, problemIdOf, type FoundFollowup } from './followups.repository.ts';
import { randomUUID } from 'node:crypto';

// What a raiser sees with their follow-up code, and their rating of the fix (decision 017). The page
// shows the raiser's own problem even when it is not on the public ledger (it is theirs), but only what
// the public ledger would show of it: the public-facing entries of its timeline with their day, never
// a return, a draft, an internal note, a staff member's name or who else raised it.

export type FollowupStage = 'waiting' | 'explained' | 'rejected' | 'problem';

export interface FollowupView {
  code: string;
  anonymous: boolean;
  /** The day the report reached the unit's inbox (the batch's day), or the follow-up was made. */
  receivedOn: string;
  unit: { name: string; nameEn: string } | null;
  stage: FollowupStage;
  /** While waiting: the last working day for the unit's answer. */
  dueOn: string | null;
  overdue: boolean;
  /** Explained or rejected: the unit's answer. */
  answer: string | null;
  answeredOn: string | null;
  problem: {
    title: string;
    state: ProblemState;
    deadline: string | null;
    overdue: boolean;
    /** On the public ledger (filed and public): then its evidence links work for anyone. */
    onLedger: boolean;
    timeline: {
      day: string;
      action: string;
      fromState: string | null;
      toState: string | null;
      note: string | null;
      byRaiser: boolean;
    }[];
    /** What the public ledger shows of the fix: the files of public entries, without their names. */
    evidence: { id: string; kind: 'photo' | 'pdf'; url: string }[];
  } | null;
  rating: { ratable: boolean; round: number; mine: FixRating | null };
}

const RATABLE: readonly ProblemState[] = ['claimed', 'closed'];

function notFound(): AppError {
  return new AppError(404, 'followup_not_found', 'No follow-up has this code. Check the characters and try again.');
}

/** The follow-up a code names, or 404 `followup_not_found` (a malformed code is answered the same). */
export async function followupByCode(db: Db, input: string): Promise<FoundFollowup & { code: string }> {
  const code = normaliseFollowupCode(input);
  // A malformed code costs the same look-up as a well-formed unknown one.
  const found = await findFollowup(db, followupCodeHash(code ?? input));
  if (!code || !found) throw notFound();
  return { ...found, code };
}

function showsOnRaiserPage(event: { action: string; to_state: string | null }): boolean {
  if (event.action === 'create') return event.to_state === 'filed';
  const rule = RULES[event.action as ProblemAction] as (typeof RULES)[ProblemAction] | undefined;
  return rule?.public === true;
}

export async function followupView(
  db: Db,
  followup: FoundFollowup & { code: string },
  now: Date,
): Promise<FollowupView> {
  const today = chinaDay(now);
  const problemId = problemIdOf(followup);
  const problem = problemId === null ? null : await loadProblem(db, problemId);
  const unitId = problem?.unit_id ?? followup.report_unit_id;
  const unit =
    unitId === null || unitId === undefined
      ? undefined
      : await db.selectFrom('units').select(['name', 'name_en']).where('id', '=', unitId).executeTakeFirst();
  const status = followup.report_status;
  const stage: FollowupStage = problem
    ? 'problem'
    : status === 'explained'
      ? 'explained'
      : status === 'rejected'
        ? 'rejected'
        : 'waiting';
  const dueOn = stage === 'waiting' ? (followup.due_on ?? null) : null;
  const view: FollowupView = {
    code: formatFollowupCode(followup.code),
    anonymous: followup.anonymous === 1,
    receivedOn: followup.received_on ?? followup.created_on,
    unit: unit ? { name: unit.name, nameEn: unit.name_en } : null,
    stage,
    dueOn,
    overdue: dueOn !== null && today > dueOn,
    answer: stage === 'explained' || stage === 'rejected' ? (followup.answer ?? null) : null,
    answeredOn:
      (stage === 'explained' || stage === 'rejected') && followup.answered_at
        ? chinaDay(new Date(followup.answered_at))
        : null,
    problem: problem ? await problemPart(db, problem, today) : null,
    rating: { ratable: false, round: problem?.claim_round ?? 0, mine: null },
  };
  if (problem && problem.claim_round > 0) {
    const mine = await db
      .selectFrom('fix_ratings')
      .select('rating')
      .where('followup_id', '=', followup.id)
      .where('claim_round', '=', problem.claim_round)
      .executeTakeFirst();
    view.rating = {
      ratable: RATABLE.includes(problem.state) && !mine,
      round: problem.claim_round,
      mine: mine?.rating ?? null,
    };
  }
  return view;
}

async function problemPart(db: Db, problem: Problem, today: string): Promise<NonNullable<FollowupView['problem']>> {
  const events = await db
    .selectFrom('problem_events')
    .select(['id', 'at', 'action', 'from_state', 'to_state', 'note', 'actor_kind'])
    .where('problem_id', '=', problem.id)
    .orderBy('id')
    .execute();
  const onLedger = problem.visibility === 'public' && FILED_STATES.includes(problem.state);
  // Exactly the files the public may open (readEvidence agrees), so that no link on the page is a 404.
  const evidence = onLedger
    ? await db
        .selectFrom('problem_evidence as e')
        .leftJoin('problem_events as v', 'v.id', 'e.event_id')
        .select(['e.id', 'e.media_type'])
        .where('e.problem_id', '=', problem.id)
        .where((w) => w.or([w('e.event_id', 'is', null), w('v.public', '=', 1)]))
        .orderBy('e.uploaded_at')
        .orderBy('e.id')
        .execute()
    : [];
  return {
    title: problem.title,
    state: problem.state,
    deadline: problem.deadline,
    overdue: OPEN_STATES.includes(problem.state) && problem.deadline !== null && today > problem.deadline,
    onLedger,
    timeline: events.filter(showsOnRaiserPage).map((event) => ({
      day: chinaDay(new Date(event.at)),
      action: event.action,
      fromState: event.from_state,
      toState: event.to_state,
      note: event.note,
      byRaiser: event.actor_kind === 'raiser',
    })),
    evidence: evidence.map((e) => ({
      id: e.id,
      kind: e.media_type.startsWith('image/') ? ('photo' as const) : ('pdf' as const),
      url: `/api/evidence/${encodeURIComponent(e.id)}`,
    })),
  };
}

function notRatable(state: ProblemState | null): AppError {
  return new AppError(
    409,
    'followup_not_ratable',
    'The fix can be rated only once the unit has claimed completion (or the office has closed the problem).',
    state === null ? undefined : { state },
  );
}

function alreadyRated(): AppError {
  return new AppError(
    409,
    'fix_already_rated',
    'This fix has already been rated with this code; each claim takes one rating.',
  );
}

/**
 * One rating per code per claim (fix_ratings' key); 不满意 reopens the problem for the office, as the
 * raiser, in the same transaction as the rating. The phone goes once rated: the loop has closed for them.
 */
export async function rateFix(
  deps: Pick<AppDeps, 'db'>,
  input: string,
  body: { rating: FixRating; comment?: string | undefined },
  now: Date,
): Promise<FollowupView> {
  const followup = await followupByCode(deps.db, input);
  const problemId = problemIdOf(followup);
  if (problemId === null) throw notRatable(null);
  const current = await loadProblem(deps.db, problemId);
  if (current.claim_round > 0) await assertNotRated(deps.db, followup.id, current.claim_round);
  const check = (problem: Problem) => {
    if (!RATABLE.includes(problem.state) || problem.claim_round < 1) throw notRatable(problem.state);
  };
  check(current);
  const round = current.claim_round;
  const rate = async (trx: Db, problem: Problem) => {
    await trx
      .insertInto('fix_ratings')
      .values({
        followup_id: followup.id,
        claim_round: round,
        problem_id: problem.id,
        rating: body.rating,
        anonymous: followup.anonymous,
        rated_on: chinaDay(now),
      })
      .execute();
    await forgetPhone(trx, followup);
  };
  try {
    if (body.rating === 'unsatisfied') {
      const comment = body.comment?.trim();
      await moveProblem(
        deps.db,
        problemId,
        {
          action: 'reopen',
          note: comment ? `提出人评价不满意：${comment}` : '提出人评价不满意',
          check: (problem) => {
            check(problem);
            if (problem.claim_round !== round) throw notRatable(problem.state);
          },
          // The rating's own row goes with the reopening; a second rating for this round fails on its key.
          within: (trx, problem) => rate(trx, problem),
        },
        { kind: 'raiser', userId: null },
        now,
      );
    } else {
      await deps.db.transaction().execute(async (trx) => {
        const problem = await loadProblem(trx, problemId);
        check(problem);
        if (problem.claim_round !== round) throw notRatable(problem.state);
        await rate(trx, problem);
      });
    }
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyRated();
    throw error;
  }
  return followupView(deps.db, await followupByCode(deps.db, input), now);
}

/** Before anything else: this code rated this claim already (after a 不满意 the problem is open again). */
async function assertNotRated(db: Db, followupId: string, round: number): Promise<void> {
  const earlier = await db
    .selectFrom('fix_ratings')
    .select('rating')
    .where('followup_id', '=', followupId)
    .where('claim_round', '=', round)
    .executeTakeFirst();
  if (earlier) throw alreadyRated();
}

export interface NamedFollowup {
  /** The SMS with the link went out; then the code is not shown here. */
  sent: boolean;
  smsAvailable: boolean;
  /** When no SMS went: the code and the link, shown once, for the office or unit to pass on. */
  code: string | null;
  url: string | null;
}

/**
 * A follow-up for a raiser known by name (a visit, the 12345 hotline): their rating is not anonymous
 * (`anonymous = 0`) and their page says so. The phone is kept only when a message can reach it.
 */
export async function createNamedFollowup(
  deps: Pick<AppDeps, 'db' | 'sms' | 'config' | 'secret'>,
  user: SessionUser,
  problemId: number,
  phoneInput: string,
  baseUrl: string | null,
  now: Date,
): Promise<NamedFollowup> {
  const problem = await deps.db
    .selectFrom('problems')
    .select(['id', 'unit_id'])
    .where('id', '=', problemId)
    .executeTakeFirst();
  // Another unit's problem is not there for unit staff (nothing leaks).
  if (!problem || (user.role === 'unit_staff' && user.unitId !== problem.unit_id)) {
    throw new AppError(404, 'not_found', `Problem ${problemId} was not found.`);
  }
  const { followupId: _id, ...made } = await writeNamedFollowup(deps, problem.id, phoneInput, baseUrl, now);
  return made;
}

/**
 * Writes a named follow-up of a problem whose reader the caller has already checked (the office's route
 * above, a visit's team), and sends its SMS when it can; with the new follow-up's id.
 */
export async function writeNamedFollowup(
  deps: Pick<AppDeps, 'db' | 'sms' | 'config' | 'secret'>,
  problemId: number,
  phoneInput: string,
  baseUrl: string | null,
  now: Date,
): Promise<NamedFollowup & { followupId: string }> {
  const phone = toE164(phoneInput);
  if (!phone) {
    throw new AppError(422, 'invalid_phone', 'The phone number is not valid: an 11-digit mobile number, or +digits.');
  }
  const available = followupSmsAvailable(deps);
  const code = randomFollowupCode();
  const id = randomUUID();
  await deps.db
    .insertInto('problem_followups')
    .values({
      id,
      code_hash: followupCodeHash(code),
      report_id: null,
      problem_id: problemId,
      phone: available ? phone : null,
      anonymous: 0,
      created_on: chinaDay(now),
      code_sealed: available ? sealFollowupCode(deps.secret, code) : null,
      sms_waiting: null,
    })
    .execute();
  let sent = false;
  if (available) {
    const result = await deps.sms!.send(followupMessage(deps, phone, code)).catch(() => ({ sent: false }) as const);
    sent = result.sent;
  }
  if (sent) return { followupId: id, sent, smsAvailable: available, code: null, url: null };
  const url = baseUrl ? followupUrl(baseUrl, code) : null;
  return { followupId: id, sent, smsAvailable: available, code: formatFollowupCode(code), url };
}
