import { z } from '@hono/zod-openapi';
import type { ProblemState } from '../db/schema.ts';
import { chinaDay, workingDaysBetween, type CalendarOverrides } from '../problems/working-days.ts';

// A unit's week assembled from its problems' timeline (decision 017): what moved, what was claimed,
// closed and reopened, which problems are new, what is overdue at the time of assembly, and how many
// inbox items came in and were answered. Pure: the entries, the clock and the calendar are passed in.
// At submission this summary is frozen into the report; until then it is assembled afresh on each read.

/** One timeline entry of the unit's problems within the week, with its problem's title and deadline. */
export interface WeekEntry {
  readonly problemId: number;
  readonly title: string;
  readonly deadline: string | null;
  readonly at: string;
  readonly action: string;
  readonly fromState: ProblemState | null;
  readonly toState: ProblemState | null;
  readonly note: string | null;
}

/** A problem still to be rectified (an open state), with its deadline. */
export interface OpenProblem {
  readonly id: number;
  readonly title: string;
  readonly state: ProblemState;
  readonly deadline: string | null;
  readonly owner: string | null;
}

const FigureSchema = z.number().int().nonnegative();

export const WeeklyFiguresSchema = z
  .object({
    created: FigureSchema,
    submitted: FigureSchema,
    filed: FigureSchema,
    started: FigureSchema,
    progress: FigureSchema,
    claimed: FigureSchema,
    closed: FigureSchema,
    closedOnTime: FigureSchema,
    reopened: FigureSchema,
    explained: FigureSchema,
    extended: FigureSchema,
    evidence: FigureSchema,
    overdue: FigureSchema,
    inboxReceived: FigureSchema,
    inboxAnswered: FigureSchema,
  })
  .openapi('WeeklyFigures');

export type WeeklyFigures = z.infer<typeof WeeklyFiguresSchema>;

export const WeeklySummarySchema = z
  .object({
    week: z.string(),
    /** When the summary was assembled (frozen at submission). */
    assembledAt: z.string(),
    /** The China day up to which overdue is counted. */
    asOf: z.string(),
    figures: WeeklyFiguresSchema,
    /** Every entry of the week but plain edits, in order. */
    moves: z.array(
      z.object({
        problemId: z.number(),
        title: z.string(),
        at: z.string(),
        action: z.string(),
        from: z.string().nullable(),
        to: z.string().nullable(),
        note: z.string().nullable(),
      }),
    ),
    /** Problems whose deadline has passed in an open state, most overdue first. */
    overdue: z.array(
      z.object({
        problemId: z.number(),
        title: z.string(),
        state: z.string(),
        deadline: z.string(),
        owner: z.string().nullable(),
        workingDaysOverdue: z.number(),
      }),
    ),
  })
  .openapi('WeeklySummary');

export type WeeklySummary = z.infer<typeof WeeklySummarySchema>;

/** How many moves a summary keeps: a unit's week has a few dozen; the bound keeps a frozen report small. */
const MAX_MOVES = 300;

export function assembleSummary(input: {
  readonly week: string;
  readonly entries: readonly WeekEntry[];
  readonly open: readonly OpenProblem[];
  readonly inbox: { readonly received: number; readonly answered: number };
  readonly now: Date;
  readonly overrides?: CalendarOverrides;
}): WeeklySummary {
  const { entries } = input;
  const today = chinaDay(input.now);
  const count = (test: (entry: WeekEntry) => boolean) => entries.filter(test).length;
  const action = (name: string) => count((entry) => entry.action === name);
  const overdue = input.open
    .filter((problem): problem is OpenProblem & { deadline: string } => problem.deadline !== null)
    .filter((problem) => today > problem.deadline)
    .map((problem) => ({
      problemId: problem.id,
      title: problem.title,
      state: problem.state,
      deadline: problem.deadline,
      owner: problem.owner,
      workingDaysOverdue: workingDaysBetween(problem.deadline, today, input.overrides),
    }))
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.problemId - b.problemId);
  return {
    week: input.week,
    assembledAt: input.now.toISOString(),
    asOf: today,
    figures: {
      created: action('create'),
      submitted: count((entry) => entry.toState === 'submitted' && entry.fromState !== 'submitted'),
      filed: count((entry) => entry.toState === 'filed' && entry.fromState !== 'filed'),
      started: action('start'),
      progress: action('progress'),
      claimed: action('claim'),
      closed: action('close'),
      closedOnTime: count(
        (entry) =>
          entry.action === 'close' && (entry.deadline === null || chinaDay(new Date(entry.at)) <= entry.deadline),
      ),
      reopened: action('reopen'),
      explained: action('explain'),
      extended: action('extend'),
      evidence: action('evidence'),
      overdue: overdue.length,
      inboxReceived: input.inbox.received,
      inboxAnswered: input.inbox.answered,
    },
    moves: entries
      .filter((entry) => entry.action !== 'edit')
      .slice(0, MAX_MOVES)
      .map((entry) => ({
        problemId: entry.problemId,
        title: entry.title,
        at: entry.at,
        action: entry.action,
        from: entry.fromState,
        to: entry.toState,
        note: entry.note,
      })),
    overdue,
  };
}

/** A stored summary read back; null when it is missing or no longer in the shape (never thrown). */
export function parseSummary(text: string | null): WeeklySummary | null {
  if (text === null) return null;
  try {
    const parsed = WeeklySummarySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
