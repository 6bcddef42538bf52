import { z } from '@hono/zod-openapi';
import { PROBLEM_SOURCES, PROBLEM_STATES } from '../db/schema.ts';
import { PUBLIC_ACTIONS } from './ledger-view.ts';
import { isMonday } from './ledger-weeks.ts';

// The contracts of the public ledger and 整改周周见 (no sign-in): what the public may see, and nothing more.

const Day = z.string().openapi({ example: '2026-10-08', description: "China's calendar day, YYYY-MM-DD" });

export const WeekParam = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day written YYYY-MM-DD')
  .refine(isMonday, 'must be the Monday that starts a week (China time)')
  .openapi({ param: { in: 'path' }, example: '2026-09-28' });

const NameSchema = { name: z.string(), nameEn: z.string() };

export const LedgerFiguresSchema = z
  .object({
    listed: z.number().openapi({ description: 'Filed (审核备案) and public' }),
    inProgress: z.number().openapi({ description: 'Filed, in progress or completion claimed' }),
    closed: z.number().openapi({ description: '销号' }),
    closedOnTime: z.number().openapi({ description: 'Closed on or before the deadline (or without one)' }),
    overdue: z.number().openapi({ description: 'Open and today (China) past the deadline' }),
    explained: z.number().openapi({ description: '解释说明 / 不予受理' }),
  })
  .openapi('PublicLedgerFigures');

const EvidenceSchema = z.object({
  id: z.string(),
  url: z.string().openapi({ example: '/api/evidence/3f2a…' }),
  kind: z.enum(['photo', 'pdf']),
});

export const PublicEntrySchema = z
  .object({
    id: z.number(),
    day: Day,
    action: z.enum(PUBLIC_ACTIONS),
    actor: z.enum(['unit', 'office', 'raiser', 'system']).openapi({
      description: 'The responsible unit, the evaluation office (评议办), the raiser or the system; never a person',
    }),
    note: z.string().nullable(),
    deadline: z
      .object({ from: Day.nullable(), to: Day.nullable() })
      .nullable()
      .openapi({ description: 'With an extension (延期): the deadline before and after' }),
    evidence: z.array(EvidenceSchema),
  })
  .openapi('PublicLedgerEntry');

export const LedgerOverviewSchema = z
  .object({
    today: Day,
    categories: z.array(z.object({ id: z.number(), ...NameSchema })),
    units: z.array(
      z.object({ unitId: z.number(), ...NameSchema, categoryId: z.number().nullable(), figures: LedgerFiguresSchema }),
    ),
    totals: LedgerFiguresSchema,
  })
  .openapi('PublicLedger');

export const UnitLedgerSchema = z
  .object({
    today: Day,
    unit: z.object({
      unitId: z.number(),
      ...NameSchema,
      category: z.object({ id: z.number(), ...NameSchema }).nullable(),
    }),
    figures: LedgerFiguresSchema,
    problems: z.array(
      z.object({
        id: z.number(),
        title: z.string(),
        detail: z.string(),
        source: z.enum(PROBLEM_SOURCES),
        type: z.object({ id: z.number(), ...NameSchema }).nullable(),
        measures: z.string().nullable(),
        leader: z.string().nullable().openapi({ description: '责任领导, as published ledgers show' }),
        owner: z.string().nullable().openapi({ description: '责任人' }),
        deadline: Day.nullable(),
        state: z.enum(PROBLEM_STATES),
        overdue: z.boolean(),
        explanation: z.string().nullable(),
        filedOn: Day.nullable(),
        closedOn: Day.nullable(),
        history: z.array(PublicEntrySchema),
      }),
    ),
  })
  .openapi('PublicUnitLedger');

export const WeekListSchema = z
  .object({
    current: Day.openapi({ description: 'The Monday of this week (China)' }),
    weeks: z.array(z.object({ week: Day, weekEnd: Day, changes: z.number() })),
  })
  .openapi('PublicWeeks');

const DigestFiguresSchema = z.object({
  filed: z.number(),
  progressed: z.number().openapi({ description: 'Started, progress reported or evidence added' }),
  claimed: z.number(),
  closed: z.number(),
  reopened: z.number(),
  explained: z.number(),
  extended: z.number(),
  units: z.number().openapi({ description: 'Units with any public change this week' }),
});

export const WeeklyDigestSchema = z
  .object({
    week: Day,
    weekEnd: Day,
    complete: z.boolean().openapi({ description: 'False for this week, still going on' }),
    previous: Day.nullable(),
    next: Day.nullable(),
    figures: DigestFiguresSchema,
    units: z.array(
      z.object({
        unitId: z.number(),
        ...NameSchema,
        entries: z.array(PublicEntrySchema.extend({ problemId: z.number(), title: z.string() })),
      }),
    ),
  })
  .openapi('PublicWeeklyDigest');
