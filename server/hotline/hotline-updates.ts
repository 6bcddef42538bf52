import type { AppDeps } from '../app-deps.ts';
import type { HotlineStatus } from '../db/schema-hotline.ts';
import type { UserRole } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import { markUsed, type IntegrationRow } from './integrations.repository.ts';
import {
  alreadyReceived,
  applyStatus,
  handOff,
  isTeamMember,
  problemByNumber,
  updateHistory,
} from './hotline.repository.ts';
import { parseProblemNumber, problemNumber } from './problem-number.ts';

// The platform's post-back (docs/hotline-12345.md): each update names a problem by its public number and
// carries the ticket's status. A batch is applied item by item in one transaction: an unknown number or a
// problem not handed to 12345 is refused in its own result, and the rest still apply (answered 200 with
// a result per item, 207-style). A status already received (same ticket, status, reply and repliedAt) is
// a repeat and changes nothing, so a platform can retry freely.

export interface HotlineUpdateInput {
  problemNumber: string;
  ticket: string;
  status: HotlineStatus;
  reply?: string | undefined;
  repliedAt?: string | undefined;
}

export type UpdateResult =
  | { problemNumber: string; result: 'applied' | 'unchanged' }
  | { problemNumber: string; result: 'rejected'; error: { code: ItemErrorCode; message: string } };

type ItemErrorCode = 'hotline_problem_unknown' | 'hotline_problem_not_handed_off';

export interface UpdatesAnswer {
  applied: number;
  unchanged: number;
  rejected: number;
  results: UpdateResult[];
}

export async function receiveUpdates(
  deps: AppDeps,
  integration: IntegrationRow,
  updates: readonly HotlineUpdateInput[],
  now: Date,
): Promise<UpdatesAnswer> {
  const at = now.toISOString();
  const results = await deps.db.transaction().execute(async (trx) => {
    const answered: UpdateResult[] = [];
    for (const update of updates) {
      const name = update.problemNumber;
      const parsed = parseProblemNumber(name);
      const problem = parsed ? await problemByNumber(trx, deps.dialect, parsed.visitId, parsed.seq) : undefined;
      if (!problem) {
        answered.push(rejected(name, 'hotline_problem_unknown', `No problem has the number ${name}.`));
        continue;
      }
      if (problem.outcome !== 'hotline') {
        answered.push(rejected(name, 'hotline_problem_not_handed_off', `Problem ${name} was not handed to 12345.`));
        continue;
      }
      const posted = {
        ticket: update.ticket,
        status: update.status,
        reply: update.reply === undefined || update.reply === '' ? null : update.reply,
        repliedAt: update.repliedAt === undefined ? null : new Date(update.repliedAt).toISOString(),
      };
      if (await alreadyReceived(trx, problem.id, posted)) {
        answered.push({ problemNumber: name, result: 'unchanged' });
        continue;
      }
      await applyStatus(trx, problem.id, integration.id, posted, at);
      answered.push({ problemNumber: name, result: 'applied' });
    }
    await markUsed(trx, integration.id, at);
    return answered;
  });
  const count = (result: UpdateResult['result']) => results.filter((r) => r.result === result).length;
  return { applied: count('applied'), unchanged: count('unchanged'), rejected: count('rejected'), results };
}

function rejected(problemNumber: string, code: ItemErrorCode, message: string): UpdateResult {
  return { problemNumber, result: 'rejected', error: { code, message } };
}

export interface Viewer {
  id: number;
  role: UserRole;
}

/** A handed-off problem's ticket, status and every posted update: the office, leaders, and the visit's team. */
export async function hotlineView(deps: AppDeps, viewer: Viewer, id: number) {
  const problem = await handOff(deps.db, id);
  const visible =
    problem !== undefined &&
    problem.outcome === 'hotline' &&
    (viewer.role === 'admin' ||
      viewer.role === 'leader' ||
      (problem.team_id !== null && (await isTeamMember(deps.db, problem.team_id, viewer.id))));
  if (!problem || !visible) throw notFound('The problem handed to 12345');
  const history = await updateHistory(deps.db, id);
  return {
    visitProblemId: problem.id,
    problemNumber: problemNumber(problem.visit_id, problem.seq),
    ticket: problem.hotline_ticket,
    status: problem.hotline_status as HotlineStatus | null,
    reply: problem.hotline_reply,
    updatedAt: problem.hotline_updated_at,
    feedbackDueOn: problem.feedback_due_on,
    exportedAt: problem.exported_at,
    updates: history.map((row) => ({
      ticket: row.ticket,
      status: row.status,
      reply: row.reply,
      repliedAt: row.replied_at,
      receivedAt: row.received_at,
      integration: row.integration_name,
    })),
  };
}
