import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, jsonResponse } from '../http/schemas.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import {
  AnswerBody,
  InboxIdParam,
  InboxItemSchema,
  InboxItemVisitSchema,
  InboxListQuery,
  InboxListSchema,
} from './inbox.schemas.ts';
import { answerItem, itemVisit, listInbox, reinstateItem, rejectItem } from './inbox.service.ts';

const WRITE_REFUSALS = {
  400: errorResponse('The body breaks the schema (unknown keys included)'),
  401: errorResponse('Not signed in'),
  403: errorResponse('A leader (reads only), or a cross-site request'),
  404: errorResponse("No such item, or another unit's (to unit staff)"),
  413: errorResponse('The body is larger than 1 MB'),
  415: errorResponse('A signed-in write that is not application/json'),
} as const;

const listRoute = createRoute({
  method: 'get',
  path: '/inbox',
  tags: ['rectification'],
  summary:
    "Recipients' problem reports to answer: unit staff their own unit's, the office and leaders every unit's; open first",
  middleware: [requireRole('admin', 'leader', 'unit_staff')] as const,
  request: { query: InboxListQuery },
  responses: {
    200: jsonResponse(InboxListSchema, 'A page of items, with counts per status'),
    400: errorResponse('A filter breaks the schema'),
    401: errorResponse('Not signed in'),
    403: errorResponse('A unit-staff account without a unit, or a cross-site request'),
    404: errorResponse("Unit staff asking for another unit's items"),
  },
});

const visitRoute = createRoute({
  method: 'get',
  path: '/inbox/{id}/visit',
  tags: ['rectification'],
  summary:
    'The visit an item was transferred from (source visit): when, where, whom, the problem as heard, the person only with consent',
  middleware: [requireRole('admin', 'leader', 'unit_staff')] as const,
  request: { params: InboxIdParam },
  responses: {
    200: jsonResponse(InboxItemVisitSchema, 'The visit, as far as the unit may know it'),
    400: errorResponse('The id breaks the schema'),
    401: errorResponse('Not signed in'),
    403: errorResponse('A session that must change its one-time password first'),
    404: errorResponse("No such item, another unit's (to unit staff), or an item from a rating (no visit)"),
  },
});

const answerRoute = createRoute({
  method: 'post',
  path: '/inbox/{id}/answer',
  tags: ['rectification'],
  summary:
    'Answers an open item: accept it into the ledger (a new submitted problem), merge it with a problem, explain, or ask the office to reject it',
  middleware: [requireRole('admin', 'unit_staff')] as const,
  request: {
    params: InboxIdParam,
    body: { content: { 'application/json': { schema: AnswerBody } }, required: true },
  },
  responses: {
    200: jsonResponse(InboxItemSchema, 'The item as answered'),
    ...WRITE_REFUSALS,
    409: errorResponse('inbox_already_answered: the item is not open (its status is in `state`)'),
    422: errorResponse('unknown_problem_type, or merge_target_invalid (not a problem of this unit, or a draft)'),
  },
});

const rejectRoute = createRoute({
  method: 'post',
  path: '/inbox/{id}/reject',
  tags: ['rectification'],
  summary: "The office grants a unit's request to reject an item as abusive or irrelevant",
  middleware: [requireRole('admin')] as const,
  request: { params: InboxIdParam },
  responses: {
    200: jsonResponse(InboxItemSchema, 'The item, rejected'),
    ...WRITE_REFUSALS,
    403: errorResponse('Not the office, or a cross-site request'),
    409: errorResponse('inbox_wrong_status: the item is not waiting for a rejection decision'),
  },
});

const reinstateRoute = createRoute({
  method: 'post',
  path: '/inbox/{id}/reinstate',
  tags: ['rectification'],
  summary:
    'The office sends a rejection request (or a rejected item) back to the unit: open again, with a new answer period',
  middleware: [requireRole('admin')] as const,
  request: { params: InboxIdParam },
  responses: {
    200: jsonResponse(InboxItemSchema, 'The item, open again'),
    ...WRITE_REFUSALS,
    403: errorResponse('Not the office, or a cross-site request'),
    409: errorResponse('inbox_wrong_status: the item is neither waiting for a rejection decision nor rejected'),
  },
});

export function createInboxRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) =>
      c.json(await listInbox(deps, currentUser(c), c.req.valid('query'), new Date()), 200),
    )
    .openapi(visitRoute, async (c) => c.json(await itemVisit(deps, currentUser(c), c.req.valid('param').id), 200))
    .openapi(answerRoute, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await answerItem(deps, currentUser(c), id, c.req.valid('json'), new Date()), 200);
    })
    .openapi(rejectRoute, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await rejectItem(deps, currentUser(c), id, new Date()), 200);
    })
    .openapi(reinstateRoute, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await reinstateItem(deps, currentUser(c), id, new Date()), 200);
    });
}
