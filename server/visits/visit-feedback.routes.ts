import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { errorResponse, jsonResponse } from '../http/schemas.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { listFeedbackDue, recordFeedback, sendVisitFollowup } from './visit-feedback.service.ts';
import {
  FeedbackBody,
  FeedbackDueListSchema,
  FeedbackDueQuery,
  FollowupBody,
  VisitIdParam,
  VisitProblemSchema,
} from './visits.schemas.ts';
import { z } from '@hono/zod-openapi';

// Feedback to the person within the limit, the list of feedback due and overdue, and the rate-the-fix link.

const READERS = requireRole('admin', 'leader', 'unit_staff');

const WRITE_REFUSALS = {
  400: errorResponse('The body breaks the schema (unknown keys included)'),
  401: errorResponse('Not signed in'),
  403: errorResponse('A cross-site request'),
  404: errorResponse('No such problem, or one of a visit of a team the caller is not in'),
  413: errorResponse('The body is larger than 1 MB'),
  415: errorResponse('A signed-in write that is not application/json'),
} as const;

const NamedFollowupSchema = z
  .object({
    sent: z.boolean(),
    smsAvailable: z.boolean(),
    code: z.string().nullable().openapi({ description: 'When no SMS went: the code, shown once' }),
    url: z.string().nullable(),
  })
  .openapi('VisitFollowup');

const feedbackRoute = createRoute({
  method: 'post',
  path: '/visit-problems/{id}/feedback',
  tags: ['visits'],
  summary: 'When and how the person was told the outcome, and their satisfaction (a member of the team or the office)',
  middleware: [READERS] as const,
  request: {
    params: VisitIdParam,
    body: { required: true, content: { 'application/json': { schema: FeedbackBody } } },
  },
  responses: {
    200: jsonResponse(VisitProblemSchema, 'The problem with its feedback'),
    ...WRITE_REFUSALS,
    422: errorResponse('feedback_not_expected (solved or explained, or before the visit), visit_in_future'),
  },
});

const dueRoute = createRoute({
  method: 'get',
  path: '/visit-problems/feedback-due',
  tags: ['visits'],
  summary:
    'Transferred and 12345 problems by feedback day: overdue (not told, past the limit), due, or done; office and leaders all, members their teams',
  middleware: [READERS] as const,
  request: { query: FeedbackDueQuery },
  responses: {
    200: jsonResponse(FeedbackDueListSchema, 'A page of problems'),
    400: errorResponse('A filter breaks the schema'),
    401: errorResponse('Not signed in'),
    403: errorResponse('A session that must change its one-time password first'),
  },
});

const followupRoute = createRoute({
  method: 'post',
  path: '/visit-problems/{id}/followup',
  tags: ['visits'],
  summary:
    'The rate-the-fix link for the person who raised a transferred problem the unit has taken into its ledger (named: not anonymous)',
  middleware: [READERS] as const,
  request: {
    params: VisitIdParam,
    body: { required: true, content: { 'application/json': { schema: FollowupBody } } },
  },
  responses: {
    201: jsonResponse(NamedFollowupSchema, 'Sent by SMS, or the code and link to pass on'),
    ...WRITE_REFUSALS,
    409: errorResponse('visit_problem_not_accepted: not transferred, or the unit has not accepted it yet'),
    422: errorResponse('invalid_phone: no phone on the record and none given'),
  },
});

function linkBase(deps: AppDeps, c: Context): string | null {
  try {
    return publicBaseUrl(deps.config, c);
  } catch {
    return null;
  }
}

export function createVisitFeedbackRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(dueRoute, async (c) =>
      c.json(await listFeedbackDue(deps, currentUser(c), c.req.valid('query'), new Date()), 200),
    )
    .openapi(feedbackRoute, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await recordFeedback(deps, currentUser(c), id, c.req.valid('json'), new Date()), 200);
    })
    .openapi(followupRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { phone } = c.req.valid('json');
      const made = await sendVisitFollowup(deps, currentUser(c), id, phone, linkBase(deps, c), new Date());
      c.header('Cache-Control', 'no-store');
      return c.json(made, 201);
    });
}
