import { createRoute, z } from '@hono/zod-openapi';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { listFlaggedBallots, reviewBallot, reviewBallots } from './review.service.ts';
import {
  checkReviewFilter,
  FilterPreviewSchema,
  MAX_FILTER_REVIEW,
  previewFilteredReview,
  ReviewFilterFields,
  ReviewFilterSchema,
  reviewByFilter,
} from './review-filter.ts';

const denied = { 401: errorResponse('Not signed in'), 403: errorResponse('Not an administrator') };

/** Ballots one bulk review may decide: a page of the review screen, with room to spare. */
export const MAX_BULK_REVIEW = 500;

const DecisionSchema = z.enum(['accepted', 'excluded']);

const FlaggedSchema = z.object({
  id: z.string(),
  raterType: z.enum(RATER_TYPES),
  targetUnitId: z.number().nullable(),
  submittedHour: z
    .string()
    .openapi({ description: 'The hour it arrived while voting runs; only the day once the campaign closes' }),
  flags: z.array(z.string()).openapi({
    description: 'too_fast, fill_time_missing, identical_pattern, repeated_answers or burst (quality-flags.ts)',
  }),
  fillSeconds: z.number().nullable().openapi({
    description:
      'How long it took, coarsened: seconds under a minute, whole minutes up to ten, 600 for ten minutes or more; null when not recorded',
  }),
  reviewStatus: DecisionSchema.nullable(),
  limits: z
    .object({
      minFillSeconds: z.number().openapi({ description: 'The fill-time limit this ballot was held to (seconds)' }),
      repeatLimit: z.number().nullable().openapi({
        description:
          'Identical ballots of its unit within the burst window that its answers allow; null: never flagged for repeats',
      }),
    })
    .nullable()
    .openapi({ description: "This ballot's own limits, from its questionnaire and answers; null if unreadable" }),
  answers: z
    .record(z.string(), z.unknown())
    .nullable()
    .openapi({ description: "A recipient ballot's answers; a leader's or peer's ballot is never listed one by one" }),
});

const FlaggedPageSchema = z.object({
  total: z.number().openapi({ description: 'Flagged ballots matching the filter' }),
  unreviewed: z.number().openapi({ description: 'Flagged ballots nobody has decided yet' }),
  offset: z.number(),
  limit: z.number(),
  thresholds: z
    .object({
      minFillSeconds: z.number(),
      burstWindowMinutes: z.number(),
      burstMaxPerUnit: z.number(),
      repeatLimit: z.number(),
    })
    .nullable()
    .openapi({
      description: "The campaign's quality settings for recipients, to explain each flag; null if unreadable",
    }),
  ballots: z.array(FlaggedSchema),
});

const listRoute = createRoute({
  method: 'get',
  path: '/campaigns/{id}/flagged-ballots',
  tags: ['quality'],
  summary: 'Flagged recipient ballots, a page at a time, for the office to review (no rater identity exists to show)',
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: IdParam }),
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).default(200),
      offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
      filter: z.enum(['all', 'unreviewed']).default('all'),
      flag: ReviewFilterFields.flag,
      unitId: ReviewFilterFields.unitId,
      raterType: ReviewFilterFields.raterType,
      receivedFrom: ReviewFilterFields.receivedFrom,
      receivedBefore: ReviewFilterFields.receivedBefore,
    }),
  },
  responses: {
    200: jsonResponse(FlaggedPageSchema, 'Flagged ballots'),
    400: errorResponse('A malformed limit, offset or filter (invalid_request, invalid_window)'),
    422: errorResponse('The unit is not in this campaign (unit_not_in_campaign)'),
    404: errorResponse('No such campaign'),
    ...denied,
  },
});

const reviewRoute = createRoute({
  method: 'post',
  path: '/ballots/{id}/review',
  tags: ['quality'],
  summary: 'Accepts or excludes a flagged ballot; an excluded ballot stops counting. Audited',
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: z.uuid() }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ decision: DecisionSchema, note: z.string().max(500).optional() }).strict(),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(z.object({ id: z.string(), reviewStatus: DecisionSchema }), 'Reviewed'),
    404: errorResponse('No such ballot'),
    409: errorResponse('The campaign is published: its figures are frozen (results_published)'),
    ...denied,
  },
});

const BulkReviewSchema = z
  .object({
    ids: z
      .array(z.uuid())
      .min(1)
      .max(MAX_BULK_REVIEW)
      .refine((ids) => new Set(ids).size === ids.length, 'names a ballot more than once'),
    decision: DecisionSchema,
    note: z.string().max(500).optional(),
  })
  .strict()
  .openapi('BulkReview');

const bulkReviewRoute = createRoute({
  method: 'post',
  path: '/campaigns/{id}/flagged-ballots/review',
  tags: ['quality'],
  summary:
    'Accepts or excludes many flagged ballots of the campaign at once: all or nothing, each audited as a single review',
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: IdParam }),
    body: { required: true, content: { 'application/json': { schema: BulkReviewSchema } } },
  },
  responses: {
    200: jsonResponse(z.object({ reviewed: z.number(), reviewStatus: DecisionSchema }), 'Every ballot reviewed'),
    404: errorResponse('No such campaign'),
    409: errorResponse('The campaign is published: its figures are frozen (results_published)'),
    422: errorResponse(
      'Some ids are not flagged recipient ballots of this campaign (ballots_not_reviewable): nothing changed; `problems` lists each id with not_found, not_flagged or not_reviewable, `count` how many',
    ),
    ...WRITE_ERRORS,
  },
});

const FilterBodySchema = z.object({ filter: ReviewFilterSchema }).strict().openapi('ReviewFilterRequest');

const filterPreviewRoute = createRoute({
  method: 'post',
  path: '/campaigns/{id}/flagged-ballots/review-by-filter/preview',
  tags: ['quality'],
  summary: 'How many flagged ballots a filter takes, and how many accepting or excluding them would decide',
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: IdParam }),
    body: { required: true, content: { 'application/json': { schema: FilterBodySchema } } },
  },
  responses: {
    200: jsonResponse(
      FilterPreviewSchema,
      'The counts; nothing changed (400: invalid_request, or invalid_window for a window that ends before it starts)',
    ),
    404: errorResponse('No such campaign'),
    422: errorResponse('The unit is not in this campaign (unit_not_in_campaign)'),
    ...WRITE_ERRORS,
  },
});

const FilterReviewSchema = z
  .object({
    filter: ReviewFilterSchema,
    decision: DecisionSchema,
    note: z.string().max(500).optional(),
    expected: z
      .number()
      .int()
      .min(0)
      .max(MAX_FILTER_REVIEW)
      .openapi({ description: "The count the office confirmed: the preview's toAccept or toExclude" }),
  })
  .strict()
  .openapi('ReviewByFilter');

const filterReviewRoute = createRoute({
  method: 'post',
  path: '/campaigns/{id}/flagged-ballots/review-by-filter',
  tags: ['quality'],
  summary:
    'Accepts or excludes every flagged recipient ballot a filter takes (those not yet so decided): all or nothing, each audited as a single review',
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: IdParam }),
    body: { required: true, content: { 'application/json': { schema: FilterReviewSchema } } },
  },
  responses: {
    200: jsonResponse(z.object({ reviewed: z.number(), reviewStatus: DecisionSchema }), 'Every ballot reviewed'),
    404: errorResponse('No such campaign'),
    409: errorResponse(
      'The campaign is published (results_published), or the filter now takes another count than `expected` (review_set_changed, `count` the new one): nothing changed',
    ),
    422: errorResponse(
      "Fewer ballots than the recipient group's minimum (review_filter_too_narrow, `count` the minimum), more than the most one review decides (review_set_too_large), or a unit not in the campaign (unit_not_in_campaign): nothing changed",
    ),
    ...WRITE_ERRORS,
  },
});

export function createReviewRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { limit, offset, filter: status, ...narrowed } = c.req.valid('query');
      const { filter } = await checkReviewFilter(deps.db, id, { status, ...narrowed });
      return c.json(await listFlaggedBallots(deps.db, id, { limit, offset, filter }), 200);
    })
    .openapi(reviewRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { decision, note } = c.req.valid('json');
      await reviewBallot(deps.db, currentUser(c).id, id, decision, note ?? null);
      return c.json({ id, reviewStatus: decision }, 200);
    })
    .openapi(bulkReviewRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { ids, decision, note } = c.req.valid('json');
      const reviewed = await reviewBallots(deps, currentUser(c).id, id, { ids, decision, note: note ?? null });
      return c.json({ reviewed, reviewStatus: decision }, 200);
    })
    .openapi(filterPreviewRoute, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await previewFilteredReview(deps.db, id, c.req.valid('json').filter), 200);
    })
    .openapi(filterReviewRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { filter, decision, note, expected } = c.req.valid('json');
      const reviewed = await reviewByFilter(deps, currentUser(c).id, id, {
        filter,
        decision,
        note: note ?? null,
        expected,
      });
      return c.json({ reviewed, reviewStatus: decision }, 200);
    });
}
