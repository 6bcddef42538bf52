import type { Db } from '../db/database.ts';
import type { Problem, ProblemState, ProblemTable } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import { decide, FILED_STATES, type ProblemAction, type ProblemActor } from './problem-states.ts';
import { emitWebhookEvent } from '../webhooks/webhook-events.ts';

// The one writer of problems and their timeline (decision 017): every change of a problem goes through
// `createProblem` or `moveProblem`, which check the rules of problem-states.ts, update the row and append
// the timeline entry in one transaction. Nothing updates or deletes a timeline entry (triggers refuse it).

/** Fields a problem's editor may set; the rest (state, dates, rounds) belong to the transitions. */
export type ProblemFields = Partial<
  Pick<
    ProblemTable,
    | 'title'
    | 'detail'
    | 'source'
    | 'source_ref'
    | 'type_id'
    | 'leader'
    | 'owner'
    | 'measures'
    | 'deadline'
    | 'visibility'
    | 'campaign_id'
  >
>;

export interface Actor {
  readonly kind: ProblemActor;
  /** The signed-in user, or null for a raiser with a follow-up code and for the system. */
  readonly userId: number | null;
}

export interface NewProblem extends ProblemFields {
  readonly unit_id: number;
  readonly title: string;
  readonly detail: string;
  readonly source: ProblemTable['source'];
}

export interface Move {
  readonly action: ProblemAction;
  readonly note?: string | null;
  /** Fields the action sets (an edit's fields, an extension's deadline, an explanation). */
  readonly set?: ProblemFields & { explanation?: string | null };
  /** Checked inside the transaction, after the rules: throw an AppError to refuse. */
  readonly check?: (problem: Problem) => void | Promise<void>;
  /** More writes in the same transaction, after the timeline entry (evidence rows, a fix rating). */
  readonly within?: (trx: Db, problem: Problem, eventId: number) => Promise<void>;
  /** false keeps an entry the rules would show publicly internal (a progress note for the office only). */
  readonly public?: boolean;
}

type Changes = Record<string, [unknown, unknown]>;

export async function loadProblem(db: Db, id: number): Promise<Problem> {
  const problem = await db.selectFrom('problems').selectAll().where('id', '=', id).executeTakeFirst();
  if (!problem) throw notFound(`Problem ${id}`);
  return problem;
}

/**
 * Creates a problem with its first timeline entry. `initial` is `draft` for a unit's own list; the office
 * may create straight into `filed` (an assigned problem, an inspection's finding) and the inbox into
 * `submitted` (a report the unit accepted, for the office to file).
 */
export async function createProblem(
  db: Db,
  input: NewProblem,
  actor: Actor,
  now: Date,
  initial: Extract<ProblemState, 'draft' | 'submitted' | 'filed'> = 'draft',
  note: string | null = null,
): Promise<Problem> {
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    const problem = await trx
      .insertInto('problems')
      .values({
        visibility: 'public',
        ...input,
        state: initial,
        created_by: actor.userId,
        created_at: at,
        updated_at: at,
        filed_at: initial === 'filed' ? at : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('problem_events')
      .values({
        problem_id: problem.id,
        at,
        actor_user_id: actor.userId,
        actor_kind: actorKind(actor),
        action: 'create',
        from_state: null,
        to_state: initial,
        changes: null,
        note,
        public: initial === 'filed' && problem.visibility === 'public' ? 1 : 0,
      })
      .execute();
    if (initial === 'filed') await announceProblem(trx, 'problem.filed', problem, now); // webhooks, decision 019
    return problem;
  });
}

/**
 * Takes one action on a problem, or refuses it (403 forbidden, 409 problem_wrong_state, 422 note_required).
 * Given the database it opens its own transaction; given a transaction (an import, the demo seed) it
 * joins it, so that many moves go in or fail together.
 */
export async function moveProblem(db: Db, id: number, move: Move, actor: Actor, now: Date): Promise<Problem> {
  const at = now.toISOString();
  const note = move.note?.trim() ? move.note.trim() : null;
  return inTransaction(db, async (trx) => {
    const problem = await loadProblem(trx, id);
    const decision = decide(move.action, problem.state, actor.kind, note !== null);
    if (!decision.ok) {
      const status = decision.code === 'forbidden' ? 403 : decision.code === 'note_required' ? 422 : 409;
      throw new AppError(status, decision.code, decision.message, { state: problem.state });
    }
    await move.check?.(problem);
    const to = decision.to;
    const set: Record<string, unknown> = { ...move.set, state: to, updated_at: at };
    if (to === 'filed' && problem.filed_at === null) set.filed_at = at;
    if (move.action === 'claim') {
      set.claimed_at = at;
      set.claim_round = problem.claim_round + 1;
    }
    if (to === 'closed' || to === 'explained') set.closed_at = at;
    if (move.action === 'reopen') set.closed_at = null;
    const changes = changesOf(problem, move.set ?? {});
    // Conditional on the state read above: on PostgreSQL a concurrent move of the same problem (two offices
    // filing at once) waits for the first to commit, then finds the state changed and updates nothing.
    const updated = await trx
      .updateTable('problems')
      .set(set)
      .where('id', '=', id)
      .where('state', '=', problem.state)
      .where('updated_at', '=', problem.updated_at)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      const now = await loadProblem(trx, id);
      throw new AppError(409, 'problem_wrong_state', 'Someone else changed the problem at the same time; look again.', {
        state: now.state,
      });
    }
    const everFiled = FILED_STATES.includes(to) || problem.filed_at !== null;
    const event = await trx
      .insertInto('problem_events')
      .values({
        problem_id: id,
        at,
        actor_user_id: actor.userId,
        actor_kind: actorKind(actor),
        action: move.action,
        from_state: problem.state,
        to_state: to,
        changes: Object.keys(changes).length > 0 ? JSON.stringify(changes) : null,
        note,
        public:
          decision.rule.public &&
          move.public !== false &&
          everFiled &&
          (move.set?.visibility ?? problem.visibility) === 'public'
            ? 1
            : 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const moved = { ...problem, ...set } as Problem;
    await move.within?.(trx, moved, event.id);
    // Webhooks (decision 019): filing and closing (销号) are announced in the move's transaction.
    if (to !== problem.state && (to === 'filed' || to === 'closed'))
      await announceProblem(trx, to === 'filed' ? 'problem.filed' : 'problem.closed', moved, now);
    return moved;
  });
}

/** Ids, states and dates only: a title or detail may carry a raiser's words (decision 019). */
function announceProblem(trx: Db, type: 'problem.filed' | 'problem.closed', problem: Problem, now: Date) {
  const data = {
    problemId: problem.id,
    unitId: problem.unit_id,
    campaignId: problem.campaign_id,
    source: problem.source,
    state: problem.state,
    deadline: problem.deadline,
    filedAt: problem.filed_at,
    closedAt: problem.closed_at,
  };
  return emitWebhookEvent(trx, type, data, now);
}

/** Runs `work` in a transaction of its own, or in the one `db` already is. */
function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

function changesOf(problem: Problem, set: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [field, value] of Object.entries(set)) {
    if (value === undefined) continue;
    const old = (problem as unknown as Record<string, unknown>)[field] ?? null;
    if (old !== value) changes[field] = [old, value];
  }
  return changes;
}

function actorKind(actor: Actor): 'user' | 'raiser' | 'system' {
  if (actor.kind === 'raiser') return 'raiser';
  return actor.userId === null ? 'system' : 'user';
}
