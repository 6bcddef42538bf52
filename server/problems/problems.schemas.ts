import { z } from '@hono/zod-openapi';
import { FIX_RATINGS, PROBLEM_SOURCES, PROBLEM_STATES } from '../db/schema.ts';
import { hasControlCharacters } from '../catalog/catalog.schemas.ts';
import { PROBLEM_ACTIONS, STATS_GROUPINGS } from './problem-states.ts';
import { isDay } from './working-days.ts';

// Request and response contracts of the problems API (decision 017): validated here, trusted inside.

export const MAX_TITLE = 100;
export const MAX_DETAIL = 4000;
export const MAX_MEASURES = 4000;
export const MAX_PERSON = 100;
export const MAX_SOURCE_REF = 200;
export const MAX_NOTE = 4000;
const MAX_ID = 2_147_483_647;

const printable = (value: string) => !hasControlCharacters(value);
const IdSchema = z.number().int().positive().max(MAX_ID);
const LineSchema = (max: number) => z.string().trim().max(max).refine(printable, 'no control characters');
/** Text that may hold line breaks (detail, measures, notes). */
const TextSchema = (max: number) => z.string().trim().max(max);
export const DaySchema = z
  .string()
  .refine(isDay, { message: 'must be a calendar day written YYYY-MM-DD' })
  .openapi({ example: '2026-10-13' });

export const ProblemSourceSchema = z.enum(PROBLEM_SOURCES).openapi({
  description: '自查 self, 评议 rating, 走访 visit, 12345 hotline, 督查/暗访 inspection, 媒体 media, 上级交办 assigned',
});
export const ProblemStateSchema = z.enum(PROBLEM_STATES);
export const ProblemActionSchema = z.enum(PROBLEM_ACTIONS);
export const VisibilitySchema = z.enum(['public', 'internal']);

/** The actions this API takes at /problems/{id}/actions/{action} ('edit' is PATCH, 'evidence' the upload). */
export const MOVE_ACTIONS = [
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
] as const;
export type MoveAction = (typeof MOVE_ACTIONS)[number];

export const ProblemTypeSchema = z
  .object({ id: z.number(), name: z.string(), nameEn: z.string(), sortOrder: z.number(), active: z.boolean() })
  .openapi('ProblemType');

const UnitRefSchema = z.object({ id: z.number(), name: z.string(), nameEn: z.string() });
const TypeRefSchema = z.object({ id: z.number(), name: z.string(), nameEn: z.string() }).nullable();

export const ProblemRowSchema = z
  .object({
    id: z.number(),
    unit: UnitRefSchema,
    title: z.string(),
    source: ProblemSourceSchema,
    sourceRef: z.string().nullable(),
    type: TypeRefSchema,
    leader: z.string().nullable(),
    owner: z.string().nullable(),
    deadline: z.string().nullable().openapi({ description: '时限, YYYY-MM-DD (China day)' }),
    state: ProblemStateSchema,
    visibility: VisibilitySchema,
    overdue: z.boolean().openapi({ description: 'Open (filed, in progress, claimed) and today (China) > deadline' }),
    overdueWorkingDays: z
      .number()
      .openapi({ description: 'Working days past the deadline when overdue, else 0 (official calendar)' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    filedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    claimRound: z.number(),
    allowedActions: z.array(ProblemActionSchema).openapi({ description: 'What the signed-in user may do now' }),
  })
  .openapi('ProblemRow');

export const ProblemEventSchema = z
  .object({
    id: z.number(),
    at: z.string(),
    actor: z.object({
      kind: z.enum(['user', 'raiser', 'system']),
      name: z.string().openapi({ description: "The user's display name; 'raiser' or 'system' otherwise" }),
    }),
    action: z.string(),
    fromState: ProblemStateSchema.nullable(),
    toState: ProblemStateSchema.nullable(),
    changes: z
      .record(z.string(), z.tuple([z.unknown(), z.unknown()]))
      .nullable()
      .openapi({ description: '{ field: [old, new] }' }),
    note: z.string().nullable(),
    public: z.boolean(),
  })
  .openapi('ProblemEvent');

export const EvidenceRowSchema = z
  .object({
    id: z.string(),
    eventId: z.number().nullable(),
    fileName: z.string(),
    mediaType: z.string(),
    bytes: z.number(),
    uploadedAt: z.string(),
    url: z.string().openapi({ example: '/api/evidence/abc' }),
  })
  .openapi('ProblemEvidence');

export const RatingCountsSchema = z
  .object(
    Object.fromEntries(FIX_RATINGS.map((r) => [r, z.number()])) as Record<(typeof FIX_RATINGS)[number], z.ZodNumber>,
  )
  .openapi('FixRatingCounts');

export const ProblemDetailSchema = ProblemRowSchema.extend({
  detail: z.string(),
  measures: z.string().nullable(),
  explanation: z.string().nullable(),
  campaignId: z.number().nullable(),
  claimedAt: z.string().nullable(),
  timeline: z.array(ProblemEventSchema),
  evidence: z.array(EvidenceRowSchema),
  ratings: RatingCountsSchema,
}).openapi('Problem');

export const ProblemListSchema = z
  .object({
    problems: z.array(ProblemRowSchema),
    total: z.number(),
    stateCounts: z.record(ProblemStateSchema, z.number()).openapi({
      description: "How many problems are in each state under every filter but the state (the ledger's state chips)",
    }),
    page: z.number(),
    pageSize: z.number(),
  })
  .openapi('ProblemList');

const QueryId = z.coerce.number().int().positive().max(MAX_ID);
export const ProblemListQuery = z.object({
  unitId: QueryId.optional().openapi({
    description: "Unit staff: only their own unit's id is accepted (another unit's is 404); they see their unit anyway",
  }),
  state: ProblemStateSchema.optional(),
  source: ProblemSourceSchema.optional(),
  typeId: QueryId.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional().openapi({ description: 'Text in the title, detail or source reference' }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const ProblemFieldsShape = {
  title: LineSchema(MAX_TITLE).pipe(z.string().min(1)),
  detail: TextSchema(MAX_DETAIL),
  source: ProblemSourceSchema,
  sourceRef: LineSchema(MAX_SOURCE_REF).nullable(),
  typeId: IdSchema.nullable(),
  leader: LineSchema(MAX_PERSON).nullable(),
  owner: LineSchema(MAX_PERSON).nullable(),
  measures: TextSchema(MAX_MEASURES).nullable(),
  deadline: DaySchema.nullable(),
  visibility: VisibilitySchema,
  campaignId: IdSchema.nullable(),
};

export const CreateProblemBody = z
  .object({
    unitId: IdSchema,
    title: ProblemFieldsShape.title,
    detail: ProblemFieldsShape.detail.pipe(z.string().min(1)),
    source: ProblemFieldsShape.source,
    sourceRef: ProblemFieldsShape.sourceRef.optional(),
    typeId: ProblemFieldsShape.typeId.optional(),
    leader: ProblemFieldsShape.leader.optional(),
    owner: ProblemFieldsShape.owner.optional(),
    measures: ProblemFieldsShape.measures.optional(),
    deadline: DaySchema.optional().openapi({
      description: "When omitted: today + the office's default working days for the source (stored)",
    }),
    visibility: VisibilitySchema.optional(),
    campaignId: ProblemFieldsShape.campaignId.optional(),
    initial: z
      .enum(['draft', 'filed'])
      .optional()
      .openapi({ description: "Office only: 'filed' for an assigned or inspection item; default draft" }),
    note: TextSchema(MAX_NOTE).optional(),
  })
  .strict()
  .openapi('CreateProblem');
export type CreateProblemInput = z.infer<typeof CreateProblemBody>;

export const UpdateProblemBody = z
  .object({
    title: ProblemFieldsShape.title.optional(),
    detail: ProblemFieldsShape.detail.pipe(z.string().min(1)).optional(),
    source: ProblemFieldsShape.source.optional(),
    sourceRef: ProblemFieldsShape.sourceRef.optional(),
    typeId: ProblemFieldsShape.typeId.optional(),
    leader: ProblemFieldsShape.leader.optional(),
    owner: ProblemFieldsShape.owner.optional(),
    measures: ProblemFieldsShape.measures.optional(),
    deadline: ProblemFieldsShape.deadline.optional(),
    visibility: ProblemFieldsShape.visibility.optional(),
    campaignId: ProblemFieldsShape.campaignId.optional(),
    note: TextSchema(MAX_NOTE).optional(),
  })
  .strict()
  .openapi('UpdateProblem');
export type UpdateProblemInput = z.infer<typeof UpdateProblemBody>;

export const ActionBody = z
  .object({
    note: TextSchema(MAX_NOTE).optional(),
    deadline: DaySchema.optional().openapi({ description: 'extend: required, a later day than the deadline now' }),
    public: z
      .boolean()
      .optional()
      .openapi({ description: 'progress: whether the entry shows publicly (default true)' }),
  })
  .strict()
  .openapi('ProblemActionBody');
export type ActionInput = z.infer<typeof ActionBody>;

export const ActionParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(MAX_ID)
    .openapi({ param: { in: 'path' }, example: 1 }),
  action: z.enum(MOVE_ACTIONS).openapi({ param: { in: 'path' }, example: 'file' }),
});

export const CreateProblemTypeBody = z
  .object({
    name: LineSchema(50).pipe(z.string().min(1)),
    nameEn: LineSchema(100).default(''),
    sortOrder: z.number().int().min(-1_000_000).max(1_000_000).default(0),
  })
  .strict()
  .openapi('CreateProblemType');

export const UpdateProblemTypeBody = z
  .object({
    name: LineSchema(50).pipe(z.string().min(1)).optional(),
    nameEn: LineSchema(100).optional(),
    sortOrder: z.number().int().min(-1_000_000).max(1_000_000).optional(),
    active: z.boolean().optional().openapi({ description: 'false deactivates (types are never deleted)' }),
  })
  .strict()
  .openapi('UpdateProblemType');

export const StatsRowSchema = z
  .object({
    key: z.object({ id: z.number().nullable(), name: z.string(), nameEn: z.string() }).openapi({
      description: 'The unit (by=unit) or the problem type (by=category; id null: no type)',
    }),
    listed: z.number().openapi({ description: 'Every problem past draft' }),
    filed: z.number().openapi({ description: 'Ever filed' }),
    closed: z.number(),
    closedOnTime: z.number().openapi({ description: 'Closed on or before the deadline (China day)' }),
    overdue: z.number().openapi({ description: 'Open and past the deadline now' }),
    explained: z.number(),
    ratings: RatingCountsSchema,
    inboxOpen: z.number().openapi({ description: 'Inbox items still to answer (by unit or unit category; 0 by type)' }),
    inboxOverdue: z.number().openapi({ description: 'Open inbox items past their due day' }),
  })
  .openapi('ProblemStatsRow');

export const LedgerFiguresSchema = StatsRowSchema.omit({ key: true }).openapi('LedgerFigures');

export const StatsSchema = z
  .object({
    by: z.enum(STATS_GROUPINGS),
    today: z.string(),
    rows: z.array(StatsRowSchema),
    total: LedgerFiguresSchema,
  })
  .openapi('ProblemStats');
