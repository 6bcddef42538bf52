import type { AppDeps } from '../app-deps.ts';
import type { Problem } from '../db/schema.ts';
import { AppError, notFound } from '../errors.ts';
import type { SessionUser } from '../http/app-env.ts';
import { allowedActions, decide, FILED_STATES, OPEN_STATES, type ProblemAction } from './problem-states.ts';
import {
  createProblem,
  loadProblem,
  moveProblem,
  type Actor,
  type Move,
  type ProblemFields,
} from './problem-writes.ts';
import {
  findCampaignId,
  findProblemRow,
  findProblemType,
  findUnitName,
  listProblemRows,
  problemEvidence,
  problemRatings,
  problemTimeline,
  noStateCounts,
  type ProblemRowData,
} from './problems.repository.ts';
import type { ActionInput, CreateProblemInput, MoveAction, UpdateProblemInput } from './problems.schemas.ts';
import { calendarOf, loadRectificationSettings } from './rectification-settings.ts';
import { addDays, addWorkingDays, chinaDay, isWorkingDay, type CalendarOverrides } from './working-days.ts';

// The problems API's rules on top of the one writer (problem-writes.ts): who the caller is for a problem
// (unit, office, or nobody), what they may see, the default deadline, completeness before submitting,
// and the views with their derived overdue figures. `now` comes from the route, once per request.

/** How the caller acts on a problem of `unitId`: null when they may read but not act (leaders). */
function actorFor(user: SessionUser, unitId: number): Actor | null {
  if (user.role === 'admin') return { kind: 'office', userId: user.id };
  if (user.role === 'unit_staff' && user.unitId === unitId) return { kind: 'unit', userId: user.id };
  return null;
}

/** Whether the caller may see a problem of `unitId` at all: unit staff see their own unit only. */
function maySee(user: SessionUser, unitId: number): boolean {
  return user.role !== 'unit_staff' || user.unitId === unitId;
}

function callerActions(user: SessionUser, row: Pick<Problem, 'unit_id' | 'state'>): ProblemAction[] {
  const actor = actorFor(user, row.unit_id);
  return actor ? allowedActions(row.state, actor.kind) : [];
}

export interface Overdue {
  overdue: boolean;
  overdueWorkingDays: number;
}

/**
 * Overdue on `today` (China day): open (filed, in progress, claimed) and past the deadline, derived and never
 * stored. One per request: it counts the working days back from today once and reuses them for every row,
 * since the calendar package takes some microseconds per day and a page may hold 200 problems years late.
 */
export class OverdueClock {
  private earliest: string;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly today: string,
    private readonly calendar: CalendarOverrides,
  ) {
    this.earliest = today;
    this.counts.set(today, 0);
  }

  of(row: Pick<Problem, 'state' | 'deadline'>): Overdue {
    if (!OPEN_STATES.includes(row.state) || row.deadline === null || this.today <= row.deadline) {
      return { overdue: false, overdueWorkingDays: 0 };
    }
    return { overdue: true, overdueWorkingDays: this.workingDaysSince(row.deadline) };
  }

  /** Working days after `day` up to and including today (as workingDaysBetween(day, today)). */
  private workingDaysSince(day: string): number {
    while (this.earliest > day) {
      const before = addDays(this.earliest, -1);
      const step = isWorkingDay(this.earliest, this.calendar) ? 1 : 0;
      this.counts.set(before, this.counts.get(this.earliest)! + step);
      this.earliest = before;
    }
    return this.counts.get(day)!;
  }
}

function rowView(user: SessionUser, row: ProblemRowData, clock: OverdueClock) {
  return {
    id: row.id,
    unit: { id: row.unit_id, name: row.unit_name, nameEn: row.unit_name_en },
    title: row.title,
    source: row.source,
    sourceRef: row.source_ref,
    type: row.type_id === null ? null : { id: row.type_id, name: row.type_name ?? '', nameEn: row.type_name_en ?? '' },
    leader: row.leader,
    owner: row.owner,
    deadline: row.deadline,
    state: row.state,
    visibility: row.visibility,
    ...clock.of(row),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    filedAt: row.filed_at,
    closedAt: row.closed_at,
    claimRound: row.claim_round,
    allowedActions: callerActions(user, row),
  };
}

export interface ListQuery {
  unitId?: number;
  state?: Problem['state'];
  source?: Problem['source'];
  typeId?: number;
  overdue?: 'true' | 'false';
  q?: string;
  page: number;
  pageSize: number;
}

export async function listProblems(deps: AppDeps, user: SessionUser, query: ListQuery, now: Date) {
  let unitId = query.unitId;
  if (user.role === 'unit_staff') {
    if (unitId !== undefined && unitId !== user.unitId) throw notFound(`Unit ${unitId}`);
    if (user.unitId === null)
      return { problems: [], total: 0, stateCounts: noStateCounts(), page: query.page, pageSize: query.pageSize };
    unitId = user.unitId;
  }
  const today = chinaDay(now);
  const clock = new OverdueClock(today, calendarOf(await loadRectificationSettings(deps.db)));
  const { rows, total, stateCounts } = await listProblemRows(
    deps.db,
    deps.dialect,
    {
      unitId,
      state: query.state,
      source: query.source,
      typeId: query.typeId,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      q: query.q,
      today,
    },
    { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
  );
  return {
    problems: rows.map((row) => rowView(user, row, clock)),
    total,
    stateCounts,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getProblem(deps: AppDeps, user: SessionUser, id: number, now: Date) {
  const row = await findProblemRow(deps.db, id);
  if (!row || !maySee(user, row.unit_id)) throw notFound(`Problem ${id}`);
  const clock = new OverdueClock(chinaDay(now), calendarOf(await loadRectificationSettings(deps.db)));
  const [events, evidence, ratings] = await Promise.all([
    problemTimeline(deps.db, id),
    problemEvidence(deps.db, id),
    problemRatings(deps.db, id),
  ]);
  return {
    ...rowView(user, row, clock),
    detail: row.detail,
    measures: row.measures,
    explanation: row.explanation,
    campaignId: row.campaign_id,
    claimedAt: row.claimed_at,
    timeline: events.map((event) => ({
      id: event.id,
      at: event.at,
      actor: {
        kind: event.actor_kind,
        name: event.actor_kind === 'user' ? (event.display_name ?? '') : event.actor_kind,
      },
      action: event.action,
      fromState: event.from_state,
      toState: event.to_state,
      changes: event.changes === null ? null : (JSON.parse(event.changes) as Record<string, [unknown, unknown]>),
      note: event.note,
      public: event.public === 1,
    })),
    evidence: evidence.map((file) => ({
      id: file.id,
      eventId: file.event_id,
      fileName: file.file_name,
      mediaType: file.media_type,
      bytes: Number(file.bytes),
      uploadedAt: file.uploaded_at,
      url: `/api/evidence/${encodeURIComponent(file.id)}`,
    })),
    ratings,
  };
}

async function checkReferences(deps: AppDeps, fields: { typeId?: number | null; campaignId?: number | null }) {
  if (fields.typeId !== undefined && fields.typeId !== null) {
    const type = await findProblemType(deps.db, fields.typeId);
    if (!type || type.active !== 1)
      throw new AppError(422, 'unknown_problem_type', `There is no active problem type ${fields.typeId}.`);
  }
  if (fields.campaignId !== undefined && fields.campaignId !== null) {
    if (!(await findCampaignId(deps.db, fields.campaignId)))
      throw new AppError(422, 'unknown_campaign', `There is no campaign ${fields.campaignId}.`);
  }
}

/** The writer's fields from the API's names; `undefined` leaves a field alone. */
function fieldsOf(input: Omit<UpdateProblemInput, 'note'>): ProblemFields {
  const fields: ProblemFields = {
    title: input.title,
    detail: input.detail,
    source: input.source,
    source_ref: emptyToNull(input.sourceRef),
    type_id: input.typeId,
    leader: emptyToNull(input.leader),
    owner: emptyToNull(input.owner),
    measures: emptyToNull(input.measures),
    deadline: input.deadline,
    visibility: input.visibility,
    campaign_id: input.campaignId,
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as ProblemFields;
}

function emptyToNull(text: string | null | undefined): string | null | undefined {
  return text === '' ? null : text;
}

export async function createProblemFor(deps: AppDeps, user: SessionUser, input: CreateProblemInput, now: Date) {
  const actor = actorFor(user, input.unitId);
  if (!actor) throw new AppError(403, 'forbidden', 'Unit staff create problems of their own unit only.');
  const initial = input.initial ?? 'draft';
  if (initial === 'filed' && actor.kind !== 'office') {
    throw new AppError(403, 'forbidden', 'Only the office creates a problem straight into filed.');
  }
  if (!(await findUnitName(deps.db, input.unitId)))
    throw new AppError(422, 'unit_not_found', `There is no unit ${input.unitId}.`);
  await checkReferences(deps, input);
  const settings = await loadRectificationSettings(deps.db);
  const deadline =
    input.deadline ?? addWorkingDays(chinaDay(now), settings.deadlineDays[input.source], calendarOf(settings));
  const { unitId, initial: _initial, note, ...rest } = input;
  const problem = await createProblem(
    deps.db,
    { ...fieldsOf(rest), unit_id: unitId, title: input.title, detail: input.detail, source: input.source, deadline },
    actor,
    now,
    initial,
    note?.trim() ? note.trim() : null,
  );
  return getProblem(deps, user, problem.id, now);
}

/** The problem and how the caller acts on it; 404 when unit staff ask for another unit's. */
async function actingOn(deps: AppDeps, user: SessionUser, id: number): Promise<Actor> {
  const row = await deps.db.selectFrom('problems').select('unit_id').where('id', '=', id).executeTakeFirst();
  if (!row || !maySee(user, row.unit_id)) throw notFound(`Problem ${id}`);
  const actor = actorFor(user, row.unit_id);
  if (!actor) throw new AppError(403, 'forbidden', 'Your account may read problems but not change them.');
  return actor;
}

export async function editProblem(deps: AppDeps, user: SessionUser, id: number, input: UpdateProblemInput, now: Date) {
  const actor = await actingOn(deps, user, id);
  const { note, ...rest } = input;
  const fields = fieldsOf(rest);
  if (Object.keys(fields).length === 0)
    throw new AppError(400, 'invalid_request', 'body: name at least one field to change.');
  // Only what differs is an edit: the console sends the whole form, and a type deactivated since it was
  // chosen stays on the problem as long as nobody changes it.
  const current = await loadProblem(deps.db, id);
  const set = Object.fromEntries(
    Object.entries(fields).filter(([field, value]) => current[field as keyof ProblemFields] !== value),
  ) as ProblemFields;
  await checkReferences(deps, { typeId: set.type_id, campaignId: set.campaign_id });
  const hasNote = note !== undefined && note.trim() !== '';
  try {
    if (Object.keys(set).length === 0 && !hasNote) {
      // Nothing changes: no timeline entry, but the same answer as an edit (refused once filed).
      const decision = decide('edit', current.state, actor.kind, false);
      if (!decision.ok) {
        const status = decision.code === 'forbidden' ? 403 : 409;
        throw new AppError(status, decision.code, decision.message, { state: current.state });
      }
    } else {
      await moveProblem(deps.db, id, { action: 'edit', note: note ?? null, set }, actor, now);
    }
  } catch (error) {
    // A filed problem's fields are never edited: what changes after filing is a timeline entry (decision 017).
    if (error instanceof AppError && error.code === 'problem_wrong_state') {
      const state = error.extra.state as Problem['state'] | undefined;
      if (state !== undefined && FILED_STATES.includes(state)) {
        throw new AppError(
          409,
          'problem_not_editable',
          'A filed problem is not edited: add progress, an extension or an explanation to its timeline instead.',
          { state },
        );
      }
    }
    throw error;
  }
  return getProblem(deps, user, id, now);
}

const REQUIRED_TO_SUBMIT = ['measures', 'owner', 'deadline'] as const;

export async function actOnProblem(
  deps: AppDeps,
  user: SessionUser,
  id: number,
  action: MoveAction,
  input: ActionInput,
  now: Date,
) {
  const actor = await actingOn(deps, user, id);
  if (input.deadline !== undefined && action !== 'extend') {
    throw new AppError(400, 'invalid_request', 'body.deadline: only an extension sets a deadline.');
  }
  if (input.public !== undefined && action !== 'progress') {
    throw new AppError(400, 'invalid_request', 'body.public: only a progress entry may be kept internal.');
  }
  const note = input.note?.trim() ? input.note.trim() : null;
  const move: { -readonly [K in keyof Move]: Move[K] } = { action, note };
  if (action === 'submit') {
    move.check = (problem) => {
      const missing = REQUIRED_TO_SUBMIT.filter((field) => problem[field] === null || problem[field] === '');
      if (missing.length > 0) {
        throw new AppError(
          422,
          'problem_incomplete',
          `Set ${missing.join(', ')} before submitting the problem to the office.`,
          { problems: missing.map((field) => ({ field, code: 'required' })) },
        );
      }
    };
  }
  if (action === 'extend') {
    const deadline = input.deadline;
    if (deadline === undefined) throw new AppError(400, 'invalid_request', 'body.deadline: Required to extend.');
    move.set = { deadline };
    move.check = (problem) => {
      if (problem.deadline !== null && deadline <= problem.deadline) {
        throw new AppError(422, 'deadline_not_later', `The new deadline must be later than ${problem.deadline}.`);
      }
    };
  }
  if (action === 'explain' && note !== null) move.set = { explanation: note };
  if (action === 'progress' && input.public === false) move.public = false;
  await moveProblem(deps.db, id, move, actor, now);
  return getProblem(deps, user, id, now);
}
