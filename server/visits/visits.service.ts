import type { AppDeps } from '../app-deps.ts';
import type { Db } from '../db/database.ts';
import { isUniqueViolation } from '../db/db-errors.ts';
import { AppError, notFound } from '../errors.ts';
import type { SessionUser } from '../http/app-env.ts';
import { inboxDays } from '../problem-inbox/inbox-days.ts';
import { calendarOf, loadRectificationSettings } from '../problems/rectification-settings.ts';
import { assertMayRecord, assertNotFuture, checkReferences, checkTarget } from './visit-checks.ts';
import { insertProblem, removeProblem, updateProblem, type ProblemContext } from './visit-problem-writes.ts';
import { loadVisitSettings } from './visit-settings.ts';
import type { Visit } from './visit-types.ts';
import { canonical, editableUntil, storedAsInput, visitViews, type StoredCadre } from './visit-view.ts';
import { findVisit, findVisitByRef, listVisits, memberTeamIds, problemsOf } from './visits.repository.ts';
import type { VisitInput, VisitListFilter } from './visits.schemas.ts';

// Visit records (三遍访, decision 018). Who sees what: the office and leaders every visit; a team member the
// visits of their teams; anyone else none (a unit's staff see the problems transferred to their unit in
// their inbox, not the visits). The phone's clientRef makes recording idempotent: the same content again
// is the stored record (200), other content under the same clientRef is 409 visit_conflict.

type VisitDeps = Pick<AppDeps, 'db'>;

export type VisitView = Awaited<ReturnType<typeof visitViews>>[number];

/** The teams whose visits a viewer sees, or null for all of them. */
export async function visibleTeams(db: Db, viewer: SessionUser): Promise<number[] | null> {
  if (viewer.role === 'admin' || viewer.role === 'leader') return null;
  return memberTeamIds(db, viewer.id);
}

async function viewOf(db: Db, visit: Visit): Promise<VisitView> {
  return (await visitViews(db, [visit]))[0]!;
}

function conflict(clientRef: string): AppError {
  return new AppError(
    409,
    'visit_conflict',
    `A different visit was already recorded under clientRef ${clientRef}: start a new draft for a new visit.`,
  );
}

/** The stored visit when its content equals the input (a resend), or 409 visit_conflict. */
async function resent(db: Db, stored: Visit, input: VisitInput): Promise<VisitView> {
  const problems = await problemsOf(db, [stored.id]);
  if (canonical(storedAsInput(stored, problems)) !== canonical(input)) throw conflict(input.clientRef);
  return viewOf(db, stored);
}

async function problemContext(db: Db, visitId: number, visitedOn: string, now: Date): Promise<ProblemContext> {
  const [settings, rectification, inbox] = await Promise.all([
    loadVisitSettings(db),
    loadRectificationSettings(db),
    inboxDays(db, now),
  ]);
  return { visitId, visitedOn, settings, calendar: calendarOf(rectification), inbox, at: now.toISOString() };
}

async function checkInput(db: Db, viewer: SessionUser, input: VisitInput, now: Date) {
  await assertMayRecord(db, viewer, input.teamId);
  assertNotFuture(input.visitedOn, now, 'The visit day');
  const target = await checkTarget(db, input.teamId, input.target);
  await checkReferences(db, input);
  return target;
}

function cadresJson(input: VisitInput): string {
  return JSON.stringify(
    input.cadres.map((c): StoredCadre => ('userId' in c ? { userId: c.userId } : { name: c.name, unit: c.unit })),
  );
}

export async function recordVisit(
  deps: VisitDeps,
  viewer: SessionUser,
  input: VisitInput,
  now: Date,
): Promise<{ created: boolean; visit: VisitView }> {
  const { db } = deps;
  const earlier = await findVisitByRef(db, input.clientRef);
  if (earlier) return { created: false, visit: await resent(db, earlier, input) };
  const target = await checkInput(db, viewer, input, now);
  const at = now.toISOString();
  try {
    const visitId = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('visits')
        .values({
          client_ref: input.clientRef,
          team_id: input.teamId,
          recorded_by: viewer.id,
          visited_on: input.visitedOn,
          visited_time: input.visitedTime ?? null,
          place: input.place ?? null,
          ...target,
          cadres: cadresJson(input),
          heard: input.heard,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const ctx = await problemContext(trx, row.id, input.visitedOn, now);
      for (const [index, problem] of input.problems.entries()) await insertProblem(trx, index + 1, problem, ctx);
      return row.id;
    });
    return { created: true, visit: await viewOf(db, (await findVisit(db, visitId))!) };
  } catch (error) {
    // The same draft sent twice at once: the second finds the first.
    if (!isUniqueViolation(error)) throw error;
    const stored = await findVisitByRef(db, input.clientRef);
    if (!stored) throw error;
    return { created: false, visit: await resent(db, stored, input) };
  }
}

/**
 * The recorder or the office corrects a visit within 7 days of recording it, under the same checks. Problems
 * are matched by their number: a transferred one the unit has answered keeps its outcome and unit (409).
 */
export async function correctVisit(deps: VisitDeps, viewer: SessionUser, id: number, input: VisitInput, now: Date) {
  const { db } = deps;
  const visit = await visibleVisit(db, viewer, id);
  if (viewer.role !== 'admin' && visit.recorded_by !== viewer.id) {
    throw new AppError(403, 'forbidden', 'Only the cadre who recorded this visit (or the office) may correct it.');
  }
  if (now.toISOString() > editableUntil(visit)) {
    throw new AppError(409, 'visit_edit_closed', 'A visit can be corrected for 7 days after it was recorded.');
  }
  if (input.clientRef !== visit.client_ref) throw conflict(input.clientRef);
  const target = await checkInput(db, viewer, input, now);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('visits')
      .set({
        team_id: input.teamId,
        visited_on: input.visitedOn,
        visited_time: input.visitedTime ?? null,
        place: input.place ?? null,
        ...target,
        cadres: cadresJson(input),
        heard: input.heard,
        updated_at: now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    const ctx = await problemContext(trx, id, input.visitedOn, now);
    const stored = await problemsOf(trx, [id]);
    for (const [index, problem] of input.problems.entries()) {
      const row = stored.find((p) => p.seq === index + 1);
      if (row) await updateProblem(trx, row, problem, ctx);
      else await insertProblem(trx, index + 1, problem, ctx);
    }
    for (const row of stored.filter((p) => p.seq > input.problems.length)) await removeProblem(trx, row);
  });
  return viewOf(db, (await findVisit(db, id))!);
}

/** The visit, or 404 when there is none or the viewer may not see it. */
async function visibleVisit(db: Db, viewer: SessionUser, id: number): Promise<Visit> {
  const visit = await findVisit(db, id);
  const teams = await visibleTeams(db, viewer);
  if (!visit || (teams !== null && (visit.team_id === null || !teams.includes(visit.team_id)))) {
    throw notFound(`Visit ${id}`);
  }
  return visit;
}

export async function getVisit(deps: VisitDeps, viewer: SessionUser, id: number) {
  return viewOf(deps.db, await visibleVisit(deps.db, viewer, id));
}

export async function listVisitPage(deps: VisitDeps, viewer: SessionUser, filter: VisitListFilter) {
  const teams = await visibleTeams(deps.db, viewer);
  const { rows, total } = await listVisits(deps.db, filter, teams);
  return { items: await visitViews(deps.db, rows), total, page: filter.page, pageSize: filter.pageSize };
}
