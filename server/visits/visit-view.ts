import type { Db } from '../db/database.ts';
import type { Visit } from './visit-types.ts';
import { cadreNames, problemsOf, visitNames, type ProblemRow } from './visits.repository.ts';
import type { VisitInput, VisitProblemInput } from './visits.schemas.ts';

// A stored visit as the API shows it, and as the input it would have come from (a resend is compared
// with that, field by field, never by the time it arrived).

/** The recorder (or the office) may correct a visit for this long after recording it. */
export const EDIT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

export type StoredCadre = { userId: number } | { name: string; unit: string };

export function editableUntil(visit: Pick<Visit, 'created_at'>): string {
  return new Date(Date.parse(visit.created_at) + EDIT_WINDOW_MS).toISOString();
}

export function problemView(row: ProblemRow) {
  return {
    id: row.id,
    seq: row.seq,
    description: row.description,
    raiserName: row.raiser_name,
    raiserPhone: row.raiser_phone,
    shareContact: row.share_contact === 1,
    outcome: row.outcome,
    resolution: row.resolution,
    explanationAccepted: row.explanation_accepted === null ? null : row.explanation_accepted === 1,
    unit: row.unit_id !== null && row.unit_name !== null ? { id: row.unit_id, name: row.unit_name } : null,
    report:
      row.report_id !== null && row.report_status !== null
        ? { id: row.report_id, status: row.report_status, problemId: row.report_problem_id }
        : null,
    hotlineTicket: row.hotline_ticket,
    hotlineStatus: row.hotline_status,
    feedbackDueOn: row.feedback_due_on,
    fedBackOn: row.fed_back_on,
    feedbackChannel: row.feedback_channel,
    feedbackSatisfaction: row.feedback_satisfaction,
    followupSent: row.followup_id !== null,
  };
}

/** Visits as the API shows them, in the order given. */
export async function visitViews(db: Db, visits: readonly Visit[]) {
  const ids = visits.map((v) => v.id);
  const [names, problems] = await Promise.all([visitNames(db, ids), problemsOf(db, ids)]);
  const cadresOf = new Map(visits.map((v) => [v.id, JSON.parse(v.cadres) as StoredCadre[]]));
  const accounts = await cadreNames(
    db,
    [...cadresOf.values()].flat().flatMap((c) => ('userId' in c ? [c.userId] : [])),
  );
  const nameOf = new Map(names.map((n) => [n.id, n]));
  return visits.map((visit) => {
    const n = nameOf.get(visit.id)!;
    return {
      id: visit.id,
      clientRef: visit.client_ref,
      team: visit.team_id !== null && n.team_name !== null ? { id: visit.team_id, name: n.team_name } : null,
      recordedBy: { id: visit.recorded_by, name: n.recorder_name },
      visitedOn: visit.visited_on,
      visitedTime: visit.visited_time,
      place: visit.place,
      target: {
        kind: visit.target_kind,
        township:
          n.township_id !== null && n.township_name !== null ? { id: n.township_id, name: n.township_name } : null,
        enterprise:
          visit.enterprise_id !== null && n.enterprise_name !== null
            ? { id: visit.enterprise_id, name: n.enterprise_name }
            : null,
        village:
          visit.village_id !== null && n.village_name !== null ? { id: visit.village_id, name: n.village_name } : null,
        household:
          visit.household_id !== null && n.household_label !== null
            ? { id: visit.household_id, name: n.household_label }
            : null,
        householdsCount: visit.households_count,
      },
      cadres: cadresOf
        .get(visit.id)!
        .map((c) =>
          'userId' in c
            ? { userId: c.userId, name: accounts.get(c.userId)?.name ?? '', unit: accounts.get(c.userId)?.unit ?? null }
            : { userId: null, name: c.name, unit: c.unit },
        ),
      heard: visit.heard,
      createdAt: visit.created_at,
      updatedAt: visit.updated_at,
      editableUntil: editableUntil(visit),
      problems: problems.filter((p) => p.visit_id === visit.id).map(problemView),
    };
  });
}

/** The input a stored visit would have come from (for comparing a resend with it). */
export function storedAsInput(visit: Visit, problems: readonly ProblemRow[]): VisitInput {
  const target: VisitInput['target'] =
    visit.enterprise_id !== null
      ? { kind: 'enterprise', enterpriseId: visit.enterprise_id }
      : visit.household_id !== null
        ? { kind: 'household', householdId: visit.household_id }
        : visit.households_count !== null
          ? { kind: 'households', villageId: visit.village_id!, count: visit.households_count }
          : { kind: 'village', villageId: visit.village_id! };
  return {
    clientRef: visit.client_ref,
    teamId: visit.team_id ?? 0,
    visitedOn: visit.visited_on,
    visitedTime: visit.visited_time,
    place: visit.place,
    target,
    cadres: JSON.parse(visit.cadres) as StoredCadre[],
    heard: visit.heard,
    problems: problems.map(problemAsInput),
  };
}

function problemAsInput(row: ProblemRow): VisitProblemInput {
  const base = {
    description: row.description,
    raiserName: row.raiser_name,
    raiserPhone: row.raiser_phone,
    shareContact: row.share_contact === 1,
  };
  switch (row.outcome) {
    case 'solved':
      return { ...base, outcome: 'solved', resolution: row.resolution ?? '' };
    case 'explained':
      return {
        ...base,
        outcome: 'explained',
        resolution: row.resolution ?? '',
        explanationAccepted: row.explanation_accepted === null ? null : row.explanation_accepted === 1,
      };
    case 'transferred':
      return { ...base, outcome: 'transferred', unitId: row.unit_id! };
    case 'hotline':
      return { ...base, outcome: 'hotline', hotlineTicket: row.hotline_ticket, unitId: row.unit_id };
  }
}

/** One text for a visit input, the same for equal content whatever the order of keys or absent optionals. */
export function canonical(input: VisitInput): string {
  const problem = (p: VisitProblemInput) => ({
    description: p.description,
    raiserName: p.raiserName ?? null,
    raiserPhone: p.raiserPhone ?? null,
    shareContact: p.shareContact,
    outcome: p.outcome,
    resolution: 'resolution' in p ? p.resolution : null,
    explanationAccepted: p.outcome === 'explained' ? p.explanationAccepted : null,
    unitId: 'unitId' in p ? (p.unitId ?? null) : null,
    hotlineTicket: p.outcome === 'hotline' ? (p.hotlineTicket ?? null) : null,
  });
  const cadre = (c: StoredCadre) => ('userId' in c ? { userId: c.userId } : { name: c.name, unit: c.unit });
  const t = input.target;
  const target =
    t.kind === 'enterprise'
      ? [t.kind, t.enterpriseId]
      : t.kind === 'household'
        ? [t.kind, t.householdId]
        : t.kind === 'households'
          ? [t.kind, t.villageId, t.count]
          : [t.kind, t.villageId];
  return JSON.stringify([
    input.clientRef,
    input.teamId,
    input.visitedOn,
    input.visitedTime ?? null,
    input.place ?? null,
    target,
    input.cadres.map(cadre),
    input.heard,
    input.problems.map(problem),
  ]);
}
