import type { AppDeps } from '../app-deps.ts';
import type { InboxStatus } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import type { SessionUser } from '../http/app-env.ts';
import { RULES } from '../problems/problem-states.ts';
import { createProblem, moveProblem, type Actor } from '../problems/problem-writes.ts';
import { calendarOf, loadRectificationSettings } from '../problems/rectification-settings.ts';
import { addWorkingDays, chinaDay } from '../problems/working-days.ts';
import {
  activeProblemType,
  changeStatus,
  countByStatus,
  countItems,
  findItem,
  followProblem,
  listItems,
  loadItemRow,
  setProblem,
  visitOfItem,
  visitRef,
  visitSourceRef,
  type InboxFilter,
  type InboxRow,
} from './inbox.repository.ts';
import type { AnswerInput } from './inbox.schemas.ts';

// The units' inbox (decision 017): every problem report a recipient left with a ballot, answered by the
// rated unit within the office's working days — accepted into the ledger, merged with a problem already
// there, explained, or sent to the office to reject as abusive. The office sees every unit's inbox and
// decides the rejection requests; leaders read; unit staff see and answer their own unit's items only
// (another unit's item is 404 to them, as if it did not exist).

type InboxDeps = Pick<AppDeps, 'db'>;

/** The note on a problem's timeline when a recipient's report is merged with it (no text of the report). */
export const MERGE_NOTE = '并入一条服务对象在评议中反映的问题';

export interface InboxQuery {
  unitId?: number;
  campaignId?: number;
  status?: InboxStatus;
  overdue?: 'true' | 'false';
  page: number;
  pageSize: number;
}

export async function listInbox(deps: InboxDeps, viewer: SessionUser, query: InboxQuery, now: Date) {
  const unitId = scopeUnit(viewer, query.unitId);
  const settings = await loadRectificationSettings(deps.db);
  const today = chinaDay(now);
  const scope: InboxFilter = { unitId, campaignId: query.campaignId };
  const filter: InboxFilter = {
    ...scope,
    status: query.status,
    overdueBefore: query.overdue === 'true' ? today : undefined,
  };
  const offset = (query.page - 1) * query.pageSize;
  const [rows, total, perStatus] = await Promise.all([
    listItems(deps.db, filter, query.pageSize, offset),
    countItems(deps.db, filter),
    countByStatus(deps.db, scope, today),
  ]);
  const counts = { open: 0, accepted: 0, merged: 0, explained: 0, rejection_requested: 0, rejected: 0, overdue: 0 };
  for (const row of perStatus) {
    counts[row.status] += row.n;
    counts.overdue += row.overdue;
  }
  return {
    today,
    suggestedDeadline: addWorkingDays(today, settings.deadlineDays.rating, calendarOf(settings)),
    items: rows.map((row) => itemOf(row, today)),
    total,
    counts,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The unit or the office answers an open item; a second answer is 409 inbox_already_answered. */
export async function answerItem(deps: InboxDeps, viewer: SessionUser, id: string, input: AnswerInput, now: Date) {
  const { db } = deps;
  const report = await visibleItem(deps, viewer, id);
  if (report.status !== 'open') throw alreadyAnswered(report.status);
  const actor: Actor = { kind: viewer.role === 'admin' ? 'office' : 'unit', userId: viewer.id };
  const at = now.toISOString();
  const answered = { answeredAt: at, answeredBy: viewer.id };

  if (input.action === 'accept') {
    if (input.typeId != null && !(await activeProblemType(db, input.typeId))) {
      throw new AppError(422, 'unknown_problem_type', `There is no active problem type ${input.typeId}.`);
    }
    const settings = await loadRectificationSettings(db);
    const days = settings.deadlineDays[report.source === 'visit' ? 'visit' : 'rating'];
    const deadline = input.deadline ?? addWorkingDays(chinaDay(now), days, calendarOf(settings));
    const sourceRef = report.visit_problem_id === null ? null : await visitSourceRef(db, report.visit_problem_id);
    // The item is taken first (compare and set), so two answers at once cannot both make a problem; the
    // problem writer opens its own transaction, so should it fail the item goes back to open.
    if (!(await changeStatus(db, id, ['open'], { status: 'accepted', answer: null, ...answered }))) {
      throw alreadyAnswered((await findItem(db, id))?.status ?? 'accepted');
    }
    let problemId: number;
    try {
      const problem = await createProblem(
        db,
        {
          unit_id: report.unit_id,
          campaign_id: report.campaign_id,
          title: input.title,
          detail: report.description,
          source: report.source === 'visit' ? 'visit' : 'rating',
          source_ref: sourceRef,
          measures: blankToNull(input.measures),
          owner: blankToNull(input.owner),
          leader: blankToNull(input.leader),
          deadline,
          type_id: input.typeId ?? null,
          visibility: input.visibility ?? 'public',
        },
        actor,
        now,
        'submitted',
      );
      problemId = problem.id;
    } catch (error) {
      await changeStatus(db, id, ['accepted'], { status: 'open', answeredAt: null, answeredBy: null });
      throw error;
    }
    await setProblem(db, id, problemId);
    await followProblem(db, id, problemId);
  } else if (input.action === 'merge') {
    const target = await db
      .selectFrom('problems')
      .select(['id', 'unit_id', 'state'])
      .where('id', '=', input.problemId)
      .executeTakeFirst();
    if (!target || target.unit_id !== report.unit_id || target.state === 'draft') {
      throw new AppError(
        422,
        'merge_target_invalid',
        `Problem ${input.problemId} is not a problem of this unit beyond its draft: merge with one of them.`,
      );
    }
    const link = async (trx: typeof db) => {
      const change = { status: 'merged' as const, problemId: target.id, answer: null, ...answered };
      if (!(await changeStatus(trx, id, ['open'], change))) {
        throw alreadyAnswered((await findItem(trx, id))?.status ?? 'merged');
      }
      await followProblem(trx, id, target.id);
    };
    if (RULES.progress.from.includes(target.state)) {
      // On the problem's timeline: a progress entry that says a report was merged (never its text).
      await moveProblem(
        db,
        target.id,
        { action: 'progress', note: MERGE_NOTE, within: (trx) => link(trx) },
        actor,
        now,
      );
    } else {
      // A problem not yet filed, or finished: the report is linked, nothing is written on the problem.
      await db.transaction().execute(link);
    }
  } else {
    const status = input.action === 'explain' ? 'explained' : 'rejection_requested';
    if (!(await changeStatus(db, id, ['open'], { status, answer: input.answer, ...answered }))) {
      throw alreadyAnswered((await findItem(db, id))?.status ?? status);
    }
  }
  return loadItem(deps, id, now);
}

/** The office decides a rejection request: rejected (the item stays, answered, with the unit's reason). */
export async function rejectItem(deps: InboxDeps, viewer: SessionUser, id: string, now: Date) {
  await visibleItem(deps, viewer, id);
  const moved = await changeStatus(deps.db, id, ['rejection_requested'], {
    status: 'rejected',
    answeredAt: now.toISOString(),
    answeredBy: viewer.id,
  });
  if (!moved) throw wrongStatus(id, (await findItem(deps.db, id))?.status, 'rejection_requested');
  return loadItem(deps, id, now);
}

/**
 * The office sends an item back to the unit (a rejection it does not grant, or one it takes back): open
 * again, the old answer cleared, and a fresh answer period from today.
 */
export async function reinstateItem(deps: InboxDeps, viewer: SessionUser, id: string, now: Date) {
  await visibleItem(deps, viewer, id);
  const settings = await loadRectificationSettings(deps.db);
  const moved = await changeStatus(deps.db, id, ['rejection_requested', 'rejected'], {
    status: 'open',
    answer: null,
    answeredAt: null,
    answeredBy: null,
    dueOn: addWorkingDays(chinaDay(now), settings.inboxAnswerDays, calendarOf(settings)),
  });
  if (!moved) throw wrongStatus(id, (await findItem(deps.db, id))?.status, 'rejection_requested or rejected');
  return loadItem(deps, id, now);
}

/**
 * What the unit may know of the visit an item was transferred from: the day, the place and whom the team
 * visited, the problem as heard, and the person's name and phone only when they agreed to share them.
 * 404 for a rating report (it has no visit) and for another unit's item.
 */
export async function itemVisit(deps: InboxDeps, viewer: SessionUser, id: string) {
  const report = await visibleItem(deps, viewer, id);
  const visit = report.visit_problem_id === null ? undefined : await visitOfItem(deps.db, report.visit_problem_id);
  if (!visit) throw notFound(`The visit of inbox item ${id}`);
  const shared = visit.share_contact === 1;
  return {
    visitId: visit.visit_id,
    seq: visit.seq,
    sourceRef: visitRef(visit.visit_id, visit.seq),
    visitedOn: visit.visited_on,
    place: visit.place,
    team: visit.team_name,
    township: visit.township_name,
    target: visit.enterprise_name ?? visit.village_name ?? null,
    targetKind: visit.target_kind,
    description: visit.description,
    raiserName: shared ? visit.raiser_name : null,
    raiserPhone: shared ? visit.raiser_phone : null,
    feedbackDueOn: visit.feedback_due_on,
  };
}

async function loadItem(deps: InboxDeps, id: string, now: Date) {
  const row = await loadItemRow(deps.db, id);
  if (!row) throw notFound(`Inbox item ${id}`);
  return itemOf(row, chinaDay(now));
}

/** The item, or 404 when there is none or it belongs to another unit than the unit staff's own. */
async function visibleItem(deps: InboxDeps, viewer: SessionUser, id: string) {
  const report = await findItem(deps.db, id);
  if (!report || (viewer.role === 'unit_staff' && viewer.unitId !== report.unit_id)) {
    throw notFound(`Inbox item ${id}`);
  }
  return report;
}

/** The unit whose items a viewer may list: unit staff their own (asking for another is 404). */
function scopeUnit(viewer: SessionUser, asked: number | undefined): number | undefined {
  if (viewer.role !== 'unit_staff') return asked;
  if (viewer.unitId === null) throw new AppError(403, 'forbidden', 'This unit-staff account has no unit.');
  if (asked !== undefined && asked !== viewer.unitId) throw notFound(`Unit ${asked}`);
  return viewer.unitId;
}

function itemOf(row: InboxRow, today: string) {
  return {
    id: row.id,
    source: row.source,
    campaign:
      row.campaign_id === null || row.campaign_name === null || row.campaign_name_en === null
        ? null
        : { id: row.campaign_id, name: row.campaign_name, nameEn: row.campaign_name_en },
    unit: { id: row.unit_id, name: row.unit_name, nameEn: row.unit_name_en },
    description: row.description,
    contact: row.contact,
    receivedOn: row.received_on,
    dueOn: row.due_on,
    overdue: row.status === 'open' && row.due_on !== null && today > row.due_on,
    status: row.status,
    answer: row.answer,
    answeredAt: row.answered_at,
    problemId: row.problem_id,
    problem:
      row.problem_id !== null && row.problem_title !== null && row.problem_state !== null
        ? { id: row.problem_id, title: row.problem_title, state: row.problem_state }
        : null,
  };
}

function blankToNull(value: string | null | undefined): string | null {
  return value && value.trim() ? value.trim() : null;
}

function alreadyAnswered(status: InboxStatus): AppError {
  return new AppError(409, 'inbox_already_answered', `This item has been answered already (${status}).`, {
    state: status,
  });
}

function wrongStatus(id: string, status: InboxStatus | undefined, needed: string): AppError {
  if (status === undefined) return notFound(`Inbox item ${id}`);
  return new AppError(409, 'inbox_wrong_status', `This item is ${status}; that works on ${needed} items only.`, {
    state: status,
  });
}
