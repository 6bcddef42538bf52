import type { ProblemState } from '../db/schema.ts';
import { OPEN_STATES } from '../problems/problem-states.ts';
import { chinaDay } from '../problems/working-days.ts';
import { buildTree, flattenTree } from '../catalog/unit-tree.ts';
import type {
  LedgerCategoryRow,
  LedgerUnitRow,
  PublicEventRow,
  PublicEvidenceRow,
  PublicProblemRow,
} from './ledger.repository.ts';

// Plain data in, plain data out: what the public ledger and 整改周周见 show, from the rows the repository
// read. Who acted is said as "the unit", "the office" (评议办), "the raiser" or "the system", never as a
// person; a day is China's calendar day.

export const PUBLIC_ACTIONS = [
  'file',
  'start',
  'progress',
  'evidence',
  'claim',
  'close',
  'reopen',
  'explain',
  'extend',
] as const;
export type PublicAction = (typeof PUBLIC_ACTIONS)[number];
export type PublicActor = 'unit' | 'office' | 'raiser' | 'system';

export interface LedgerFigures {
  /** Filed and public (备案). */
  listed: number;
  /** Still being rectified: filed, in progress or claimed complete. */
  inProgress: number;
  closed: number;
  /** Closed (销号) on or before the deadline (or without one). */
  closedOnTime: number;
  /** Open and past the deadline today (China). */
  overdue: number;
  /** Explained / not accepted (不予受理、解释说明). */
  explained: number;
}

export interface PublicEvidence {
  id: string;
  url: string;
  kind: 'photo' | 'pdf';
}

export interface PublicEntry {
  id: number;
  day: string;
  action: PublicAction;
  actor: PublicActor;
  note: string | null;
  /** With an extension: the deadline before and after. */
  deadline: { from: string | null; to: string | null } | null;
  evidence: PublicEvidence[];
}

export function emptyFigures(): LedgerFigures {
  return { listed: 0, inProgress: 0, closed: 0, closedOnTime: 0, overdue: 0, explained: 0 };
}

export function isOverdue(state: ProblemState, deadline: string | null, today: string): boolean {
  return OPEN_STATES.includes(state) && deadline !== null && today > deadline;
}

/** Adds a problem to the figures (in place) and returns them. */
export function countProblem(figures: LedgerFigures, problem: PublicProblemRow, today: string): LedgerFigures {
  figures.listed += 1;
  if (OPEN_STATES.includes(problem.state)) figures.inProgress += 1;
  if (problem.state === 'explained') figures.explained += 1;
  if (problem.state === 'closed') {
    figures.closed += 1;
    const closedOn = problem.closed_at === null ? null : chinaDay(new Date(problem.closed_at));
    if (problem.deadline === null || closedOn === null || closedOn <= problem.deadline) figures.closedOnTime += 1;
  }
  if (isOverdue(problem.state, problem.deadline, today)) figures.overdue += 1;
  return figures;
}

/**
 * The units in the ledger's order: by category (the office's order; units without one last), then as the
 * unit tree reads top-down, parents before children.
 */
export function ledgerOrder(
  units: readonly LedgerUnitRow[],
  categories: readonly LedgerCategoryRow[],
): LedgerUnitRow[] {
  const rank = new Map(categories.map((category, index) => [category.id, index]));
  const tree = flattenTree(
    buildTree(units.map((unit) => ({ ...unit, parentId: unit.parent_id, sortOrder: unit.sort_order }))),
  );
  const position = new Map(tree.map((unit, index) => [unit.id, index]));
  const categoryRank = (unit: LedgerUnitRow) =>
    unit.category_id === null ? categories.length : (rank.get(unit.category_id) ?? categories.length);
  return [...units].sort(
    (a, b) => categoryRank(a) - categoryRank(b) || (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0),
  );
}

function publicAction(event: PublicEventRow): PublicAction | null {
  // An office that files a problem straight away (督查, 上级交办) creates it filed: the public sees a filing.
  if (event.action === 'create') return event.to_state === 'filed' ? 'file' : null;
  return (PUBLIC_ACTIONS as readonly string[]).includes(event.action) ? (event.action as PublicAction) : null;
}

function publicActor(event: PublicEventRow): PublicActor {
  if (event.actor_kind === 'raiser') return 'raiser';
  if (event.actor_kind === 'system') return 'system';
  return event.actor_role === 'unit_staff' ? 'unit' : 'office';
}

function deadlineChange(event: PublicEventRow): PublicEntry['deadline'] {
  if (event.changes === null) return null;
  try {
    const changes = JSON.parse(event.changes) as Record<string, unknown>;
    const change = changes['deadline'];
    if (!Array.isArray(change) || change.length !== 2) return null;
    const [from, to] = change as unknown[];
    return { from: typeof from === 'string' ? from : null, to: typeof to === 'string' ? to : null };
  } catch {
    return null;
  }
}

/** Evidence by the entry it came with. */
export function evidenceByEvent(rows: readonly PublicEvidenceRow[]): Map<number, PublicEvidence[]> {
  const byEvent = new Map<number, PublicEvidence[]>();
  for (const row of rows) {
    const list = byEvent.get(row.event_id) ?? [];
    list.push({ id: row.id, url: `/api/evidence/${encodeURIComponent(row.id)}`, kind: evidenceKind(row.media_type) });
    byEvent.set(row.event_id, list);
  }
  return byEvent;
}

function evidenceKind(mediaType: string): PublicEvidence['kind'] {
  return mediaType.startsWith('image/') ? 'photo' : 'pdf';
}

/** A timeline entry as the public sees it, or null for one the public ledger does not word. */
export function publicEntry(event: PublicEventRow, evidence: Map<number, PublicEvidence[]>): PublicEntry | null {
  const action = publicAction(event);
  if (action === null) return null;
  return {
    id: event.id,
    day: chinaDay(new Date(event.at)),
    action,
    actor: publicActor(event),
    note: event.note,
    deadline: action === 'extend' ? deadlineChange(event) : null,
    evidence: evidence.get(event.id) ?? [],
  };
}
