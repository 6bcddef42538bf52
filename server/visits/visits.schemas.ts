import { z } from '@hono/zod-openapi';
import { toE164 } from '../access/sms-message.ts';
import { hasControlCharacters } from '../catalog/catalog.schemas.ts';
import { FEEDBACK_CHANNELS, VISIT_OUTCOMES, VISIT_TARGET_KINDS } from '../db/schema-visits.ts';
import { FIX_RATINGS, INBOX_STATUSES } from '../db/schema.ts';
import { isDay } from '../problems/working-days.ts';

// Request and response contracts of visit records (三遍访, decision 018): who visited whom, when and where,
// what was heard, and each problem's outcome — 当场解决, 解释说明, 转交责任单位 (an inbox item of that unit) or
// 转12345 — with the feedback to the person within the office's limit.

export const MAX_PROBLEMS = 50;
export const MAX_CADRES = 20;
const MAX_ID = 2_147_483_647;
const MAX_TEXT = 4000;

const printable = (value: string) => !hasControlCharacters(value);
const IdSchema = z.number().int().positive().max(MAX_ID);
const QueryId = z.coerce.number().int().positive().max(MAX_ID);
const Line = (max: number) => z.string().trim().min(1).max(max).refine(printable, 'no control characters');
const OptionalLine = (max: number) => Line(max).nullable().optional();
const Text = (max: number) => z.string().trim().min(1).max(max);
export const DaySchema = z
  .string()
  .refine(isDay, { message: 'must be a calendar day written YYYY-MM-DD' })
  .openapi({ example: '2026-11-20' });
const TimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:MM' });
/** A mobile number as elsewhere (11 digits, or +digits), kept in E.164. */
const PhoneSchema = z
  .string()
  .max(32)
  .refine((value) => toE164(value) !== null, 'must be an 11-digit mobile number, or +digits')
  .transform((value) => toE164(value)!);

export const VisitTargetBody = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('enterprise'), enterpriseId: IdSchema }).strict(),
    z.object({ kind: z.literal('village'), villageId: IdSchema }).strict(),
    z.object({ kind: z.literal('household'), householdId: IdSchema }).strict(),
    z
      .object({ kind: z.literal('households'), villageId: IdSchema, count: z.number().int().min(1).max(100_000) })
      .strict(),
  ])
  .openapi('VisitTarget', {
    description:
      'enterprise / village (村 or 社区 as such) / household (one listed household) / households (a count of a ' +
      "village's households, when the office has no list); each must be in the team's areas",
  });

export const CadreBody = z
  .union([z.object({ userId: IdSchema }).strict(), z.object({ name: Line(50), unit: Line(100) }).strict()])
  .openapi('VisitCadre', { description: 'A visiting cadre: an account, or a name with the unit they come from' });

const problemBase = {
  description: Text(2000).openapi({ description: 'The problem as heard' }),
  raiserName: OptionalLine(50),
  raiserPhone: PhoneSchema.nullable().optional(),
  shareContact: z.boolean().default(false).openapi({
    description: "The person agreed that their name and phone go with the problem (to the unit's inbox, to 12345)",
  }),
};

export const VisitProblemBody = z
  .discriminatedUnion('outcome', [
    z.object({ ...problemBase, outcome: z.literal('solved'), resolution: Text(2000) }).strict(),
    z
      .object({
        ...problemBase,
        outcome: z.literal('explained'),
        resolution: Text(2000).openapi({ description: 'The explanation given' }),
        explanationAccepted: z.boolean().nullable().default(null),
      })
      .strict(),
    z
      .object({
        ...problemBase,
        outcome: z.literal('transferred'),
        unitId: IdSchema.openapi({ description: 'An active department: the item goes to its inbox' }),
      })
      .strict(),
    z
      .object({
        ...problemBase,
        outcome: z.literal('hotline'),
        hotlineTicket: OptionalLine(64),
        unitId: IdSchema.nullable().optional().openapi({ description: 'The handling unit suggested to 12345' }),
      })
      .strict(),
  ])
  .openapi('VisitProblemInput', {
    description: 'solved (resolution: what was done) / explained (resolution: the explanation) / transferred / hotline',
  });
export type VisitProblemInput = z.infer<typeof VisitProblemBody>;

export const VisitBody = z
  .object({
    clientRef: z.string().uuid().openapi({
      description: 'Made by the phone when the draft began: a resend with the same content is the same record',
    }),
    teamId: IdSchema,
    visitedOn: DaySchema.openapi({ description: 'China day of the visit, not in the future' }),
    visitedTime: TimeSchema.nullable().optional(),
    place: OptionalLine(200),
    target: VisitTargetBody,
    cadres: z.array(CadreBody).min(1).max(MAX_CADRES),
    heard: Text(MAX_TEXT).openapi({ description: 'What was heard' }),
    problems: z.array(VisitProblemBody).max(MAX_PROBLEMS).default([]),
  })
  .strict()
  .openapi('VisitInput');
export type VisitInput = z.infer<typeof VisitBody>;

const Named = z.object({ id: z.number(), name: z.string() });

export const VisitProblemSchema = z
  .object({
    id: z.number(),
    seq: z.number().openapi({ description: '1, 2, 3 … within the visit' }),
    description: z.string(),
    raiserName: z.string().nullable(),
    raiserPhone: z.string().nullable(),
    shareContact: z.boolean(),
    outcome: z.enum(VISIT_OUTCOMES),
    resolution: z.string().nullable(),
    explanationAccepted: z.boolean().nullable(),
    unit: Named.nullable().openapi({ description: 'Transferred: the unit; hotline: the unit suggested' }),
    report: z
      .object({ id: z.string(), status: z.enum(INBOX_STATUSES), problemId: z.number().nullable() })
      .nullable()
      .openapi({ description: "Transferred: the unit's inbox item and the ledger problem it became" }),
    hotlineTicket: z.string().nullable(),
    hotlineStatus: z.string().nullable(),
    feedbackDueOn: z.string().nullable(),
    fedBackOn: z.string().nullable(),
    feedbackChannel: z.enum(FEEDBACK_CHANNELS).nullable(),
    feedbackSatisfaction: z.enum(FIX_RATINGS).nullable(),
    followupSent: z.boolean().openapi({ description: 'A rate-the-fix link was made for the person' }),
  })
  .openapi('VisitProblem');

export const VisitSchema = z
  .object({
    id: z.number(),
    clientRef: z.string(),
    team: Named.nullable(),
    recordedBy: Named,
    visitedOn: z.string(),
    visitedTime: z.string().nullable(),
    place: z.string().nullable(),
    target: z.object({
      kind: z.enum(VISIT_TARGET_KINDS),
      township: Named.nullable(),
      enterprise: Named.nullable(),
      village: Named.nullable(),
      household: Named.nullable(),
      householdsCount: z.number().nullable(),
    }),
    cadres: z.array(z.object({ userId: z.number().nullable(), name: z.string(), unit: z.string().nullable() })),
    heard: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    editableUntil: z.string().openapi({ description: 'The recorder (or the office) may correct it until then' }),
    problems: z.array(VisitProblemSchema),
  })
  .openapi('Visit');

export const VisitListSchema = z
  .object({ items: z.array(VisitSchema), total: z.number(), page: z.number(), pageSize: z.number() })
  .openapi('VisitList');

export const VisitListQuery = z.object({
  teamId: QueryId.optional(),
  townshipId: QueryId.optional(),
  villageId: QueryId.optional(),
  enterpriseId: QueryId.optional(),
  from: DaySchema.optional(),
  to: DaySchema.optional(),
  outcome: z.enum(VISIT_OUTCOMES).optional().openapi({ description: 'Visits with at least one problem of it' }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type VisitListFilter = z.infer<typeof VisitListQuery>;

export const VisitIdParam = z.object({
  id: QueryId.openapi({ param: { in: 'path' }, example: 1 }),
});

export const FeedbackBody = z
  .object({
    fedBackOn: DaySchema.openapi({ description: 'The China day the person was told, not in the future' }),
    channel: z.enum(FEEDBACK_CHANNELS),
    satisfaction: z.enum(FIX_RATINGS),
  })
  .strict()
  .openapi('VisitFeedback');
export type FeedbackInput = z.infer<typeof FeedbackBody>;

export const FeedbackDueQuery = z.object({
  state: z.enum(['overdue', 'due', 'done']).optional().openapi({
    description: 'overdue: not told and past the limit; due: not told, within it; done: told. Default: overdue and due',
  }),
  teamId: QueryId.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type FeedbackDueFilter = z.infer<typeof FeedbackDueQuery>;

export const FeedbackDueItemSchema = z
  .object({
    id: z.number(),
    visitId: z.number(),
    seq: z.number(),
    team: Named.nullable(),
    visitedOn: z.string(),
    description: z.string(),
    outcome: z.enum(['transferred', 'hotline']),
    unit: Named.nullable(),
    raiserName: z.string().nullable(),
    feedbackDueOn: z.string(),
    fedBackOn: z.string().nullable(),
    overdue: z.boolean(),
    daysOverdue: z.number().openapi({ description: 'Working days past the limit (at today, or at the day told)' }),
  })
  .openapi('FeedbackDueItem');

export const FeedbackDueListSchema = z
  .object({
    today: z.string(),
    items: z.array(FeedbackDueItemSchema),
    total: z.number(),
    page: z.number(),
    pageSize: z.number(),
  })
  .openapi('FeedbackDueList');

export const FollowupBody = z
  .object({ phone: PhoneSchema.optional().openapi({ description: "When omitted: the raiser's phone on the record" }) })
  .strict()
  .openapi('VisitFollowupInput');
