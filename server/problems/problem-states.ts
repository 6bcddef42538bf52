import type { ProblemState } from '../db/schema.ts';

// The states of a problem and who may move it (decision 017). Pure: the service asks `decide` before it
// writes anything, and the API lists `allowedActions` so that the console shows only what will work.
//
//   draft ─submit→ submitted ─file→ filed ─start→ in_progress ─claim→ claimed ─close→ closed (销号)
//     ↑              │ return                 └──────claim──────────↗   │ reopen        │ reopen
//   returned ←───────┘                                                  ↓               ↓
//                                                                   in_progress ← explained ← explain
//
// Who acts: `unit` is the unit's own staff, `office` the evaluation office (admin), `raiser` whoever holds
// the problem's follow-up code (their 不满意 reopens it). Leaders read everything and move nothing.

export type ProblemActor = 'unit' | 'office' | 'raiser';

export const PROBLEM_ACTIONS = [
  'edit',
  'submit',
  'return',
  'file',
  'start',
  'progress',
  'claim',
  'close',
  'reopen',
  'explain',
  'extend',
  'evidence',
] as const;
export type ProblemAction = (typeof PROBLEM_ACTIONS)[number];

interface Rule {
  readonly from: readonly ProblemState[];
  /** The state after the action; null: the state does not change. */
  readonly to: ProblemState | null;
  readonly by: readonly ProblemActor[];
  /** A note is required: the reason, the explanation, the progress or the evidence text. */
  readonly note: boolean;
  /** The entry shows on the public ledger (for a public problem that has been filed). */
  readonly public: boolean;
}

const ACTIVE: readonly ProblemState[] = ['filed', 'in_progress', 'claimed'];

export const RULES: Readonly<Record<ProblemAction, Rule>> = {
  edit: { from: ['draft', 'returned', 'submitted'], to: null, by: ['unit', 'office'], note: false, public: false },
  submit: { from: ['draft', 'returned'], to: 'submitted', by: ['unit', 'office'], note: false, public: false },
  return: { from: ['submitted'], to: 'returned', by: ['office'], note: true, public: false },
  file: { from: ['submitted'], to: 'filed', by: ['office'], note: false, public: true },
  start: { from: ['filed'], to: 'in_progress', by: ['unit', 'office'], note: false, public: true },
  progress: { from: ACTIVE, to: null, by: ['unit', 'office'], note: true, public: true },
  claim: { from: ['filed', 'in_progress'], to: 'claimed', by: ['unit', 'office'], note: true, public: true },
  close: { from: ['claimed'], to: 'closed', by: ['office'], note: false, public: true },
  reopen: {
    from: ['claimed', 'closed', 'explained'],
    to: 'in_progress',
    by: ['office', 'raiser'],
    note: true,
    public: true,
  },
  explain: { from: ['submitted', 'filed', 'in_progress'], to: 'explained', by: ['office'], note: true, public: true },
  extend: { from: ['filed', 'in_progress'], to: null, by: ['office'], note: true, public: true },
  evidence: { from: ACTIVE, to: null, by: ['unit', 'office'], note: false, public: true },
};

/** Only unit staff edit in these states; a submitted problem waits for the office, which may still correct it. */
const UNIT_EDITS: readonly ProblemState[] = ['draft', 'returned'];

/** States in which a problem has been filed and so can be public. */
export const FILED_STATES: readonly ProblemState[] = ['filed', 'in_progress', 'claimed', 'closed', 'explained'];
/** States in which the rectification is still to be done: a past deadline makes them overdue. */
export const OPEN_STATES: readonly ProblemState[] = ['filed', 'in_progress', 'claimed'];

export type Decision =
  | { readonly ok: true; readonly to: ProblemState; readonly rule: Rule }
  | {
      readonly ok: false;
      readonly code: 'forbidden' | 'problem_wrong_state' | 'note_required';
      readonly message: string;
    };

/** Whether `actor` may take `action` on a problem in `state` (with `note` given or not). */
export function decide(action: ProblemAction, state: ProblemState, actor: ProblemActor, hasNote: boolean): Decision {
  const rule = RULES[action];
  if (!rule.by.includes(actor)) {
    return { ok: false, code: 'forbidden', message: `Only ${rule.by.join(' or ')} may ${action} a problem.` };
  }
  const from = action === 'edit' && actor === 'unit' ? UNIT_EDITS : rule.from;
  if (!from.includes(state)) {
    return {
      ok: false,
      code: 'problem_wrong_state',
      message: `A problem that is ${state} cannot be ${pastTense(action)}; that works from ${from.join(', ')}.`,
    };
  }
  if (rule.note && !hasNote) {
    return { ok: false, code: 'note_required', message: `To ${action} a problem, say why (note).` };
  }
  return { ok: true, to: rule.to ?? state, rule };
}

/** The actions `actor` may take now, for the console's buttons. */
export function allowedActions(state: ProblemState, actor: ProblemActor): ProblemAction[] {
  return PROBLEM_ACTIONS.filter((action) => {
    const decision = decide(action, state, actor, true);
    return decision.ok;
  });
}

function pastTense(action: ProblemAction): string {
  const words: Record<ProblemAction, string> = {
    edit: 'edited',
    submit: 'submitted',
    return: 'returned',
    file: 'filed',
    start: 'started',
    progress: 'given progress',
    claim: 'claimed complete',
    close: 'closed',
    reopen: 'reopened',
    explain: 'explained',
    extend: 'given a later deadline',
    evidence: 'given evidence',
  };
  return words[action];
}

/** How the ledger figures are grouped: by unit, by problem type, or by the units' category (单位类别). */
export const STATS_GROUPINGS = ['unit', 'type', 'unitCategory'] as const;
export type StatsGrouping = (typeof STATS_GROUPINGS)[number];
