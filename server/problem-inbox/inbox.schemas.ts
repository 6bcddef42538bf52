import { z } from '@hono/zod-openapi';
import { hasControlCharacters } from '../catalog/catalog.schemas.ts';
import { VISIT_TARGET_KINDS } from '../db/schema-visits.ts';
import { INBOX_SOURCES, INBOX_STATUSES, PROBLEM_STATES } from '../db/schema.ts';
import { isDay } from '../problems/working-days.ts';

// Request and response contracts of the units' inbox (decision 017): recipients' problem reports, each
// answered by the rated unit. An item carries the report and the unit's answer, never a field of a ballot.

export const MAX_TITLE = 100;
export const MAX_TEXT = 4000;
export const MAX_PERSON = 100;
export const MAX_ANSWER = 2000;
export const MAX_PAGE_SIZE = 200;
const MAX_ID = 2_147_483_647;

const printable = (value: string) => !hasControlCharacters(value);
const IdSchema = z.number().int().positive().max(MAX_ID);
const QueryId = z.coerce.number().int().positive().max(MAX_ID);
const LineSchema = (max: number) => z.string().trim().max(max).refine(printable, 'no control characters');
const RequiredText = (max: number) => z.string().trim().min(1).max(max);
const DaySchema = z
  .string()
  .refine(isDay, { message: 'must be a calendar day written YYYY-MM-DD' })
  .openapi({ example: '2026-10-13' });

export const InboxStatusSchema = z.enum(INBOX_STATUSES).openapi({
  description:
    'open (to answer) → accepted (into a new problem) / merged (with an existing one) / explained / ' +
    'rejection_requested (abusive or irrelevant: the office decides) → rejected, or back to open',
});

const NamedRef = z.object({ id: z.number(), name: z.string(), nameEn: z.string() });

export const InboxItemSchema = z
  .object({
    id: z.string().openapi({ description: 'The report id (random, says nothing about its ballot or time)' }),
    source: z.enum(INBOX_SOURCES).openapi({
      description: "rating: a recipient's report left with a ballot; visit: transferred from a visit (三遍访)",
    }),
    campaign: NamedRef.nullable().openapi({ description: 'The campaign of a rating report; null for a visit' }),
    unit: NamedRef,
    description: z.string().openapi({ description: 'What the recipient wrote' }),
    contact: z.string().nullable().openapi({
      description: 'The phone or e-mail the recipient chose to leave so that the unit can call back, or null',
    }),
    receivedOn: z
      .string()
      .nullable()
      .openapi({ description: 'China day the mixed batch was written (never the ballot’s time); null before 0011' }),
    dueOn: z.string().nullable().openapi({ description: 'Last working day for the answer' }),
    overdue: z.boolean().openapi({ description: 'Open and today (China) is later than dueOn' }),
    status: InboxStatusSchema,
    answer: z
      .string()
      .nullable()
      .openapi({ description: 'The explanation (what the raiser sees with a follow-up code) or the reason to reject' }),
    answeredAt: z.string().nullable(),
    problemId: z.number().nullable().openapi({ description: 'The problem it was accepted into or merged with' }),
    problem: z
      .object({ id: z.number(), title: z.string(), state: z.enum(PROBLEM_STATES) })
      .nullable()
      .openapi({ description: 'That problem, briefly' }),
  })
  .openapi('InboxItem');

export const InboxCountsSchema = z
  .object({
    ...(Object.fromEntries(INBOX_STATUSES.map((s) => [s, z.number()])) as Record<
      (typeof INBOX_STATUSES)[number],
      z.ZodNumber
    >),
    overdue: z.number(),
  })
  .openapi('InboxCounts');

export const InboxListSchema = z
  .object({
    today: z.string().openapi({ description: 'Today in China, YYYY-MM-DD' }),
    suggestedDeadline: z.string().openapi({
      description: "Today + the office's working days for problems from ratings: the accept form's default 时限",
    }),
    items: z.array(InboxItemSchema),
    total: z.number().openapi({ description: 'Items matching the filters (all pages)' }),
    counts: InboxCountsSchema.openapi({
      description: 'Per status (and overdue) under the same unit and campaign filters',
    }),
    page: z.number(),
    pageSize: z.number(),
  })
  .openapi('InboxList');

export const InboxListQuery = z.object({
  unitId: QueryId.optional().openapi({
    description: "Unit staff: only their own unit's id is accepted (another unit's is 404); they see their unit anyway",
  }),
  campaignId: QueryId.optional(),
  status: InboxStatusSchema.optional(),
  overdue: z.enum(['true', 'false']).optional().openapi({ description: 'true: open items past their due day only' }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
});

export const InboxIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { in: 'path' }, example: '3f0c8a2e-5d7b-4c1e-9a3f-2b6d8e1f4a5c' }),
});

export const AnswerBody = z
  .discriminatedUnion('action', [
    z
      .object({
        action: z.literal('accept'),
        title: LineSchema(MAX_TITLE).pipe(z.string().min(1)),
        measures: z.string().trim().max(MAX_TEXT).nullable().optional(),
        owner: LineSchema(MAX_PERSON).nullable().optional(),
        leader: LineSchema(MAX_PERSON).nullable().optional(),
        deadline: DaySchema.optional().openapi({ description: 'When omitted: suggestedDeadline' }),
        typeId: IdSchema.nullable().optional(),
        visibility: z.enum(['public', 'internal']).optional(),
      })
      .strict(),
    z.object({ action: z.literal('merge'), problemId: IdSchema }).strict(),
    z.object({ action: z.literal('explain'), answer: RequiredText(MAX_ANSWER) }).strict(),
    z.object({ action: z.literal('request_rejection'), answer: RequiredText(MAX_ANSWER) }).strict(),
  ])
  .openapi('InboxAnswer', {
    description:
      'accept: a new problem (source rating, state submitted, detail = the report); merge: link to an existing ' +
      'problem of the unit (not a draft); explain: the answer the raiser sees; request_rejection: ask the office ' +
      'to reject it as abusive or irrelevant',
  });
export type AnswerInput = z.infer<typeof AnswerBody>;

export const InboxItemVisitSchema = z
  .object({
    visitId: z.number(),
    seq: z.number().openapi({ description: 'The problem’s number within the visit' }),
    sourceRef: z.string().openapi({ example: '走访记录 #12 问题2' }),
    visitedOn: z.string(),
    place: z.string().nullable(),
    team: z.string().nullable().openapi({ description: 'The visiting team (民情书记服务队)' }),
    township: z.string().nullable(),
    target: z.string().nullable().openapi({ description: 'The enterprise or village visited' }),
    targetKind: z.enum(VISIT_TARGET_KINDS),
    description: z.string().openapi({ description: 'The problem as heard' }),
    raiserName: z.string().nullable().openapi({ description: 'Only when the person agreed to share it' }),
    raiserPhone: z.string().nullable().openapi({ description: 'Only when the person agreed to share it' }),
    feedbackDueOn: z.string().nullable().openapi({ description: 'When the team must tell the person the outcome' }),
  })
  .openapi('InboxItemVisit');
