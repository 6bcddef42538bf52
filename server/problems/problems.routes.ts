import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import {
  ActionBody,
  ActionParams,
  CreateProblemBody,
  ProblemDetailSchema,
  ProblemListQuery,
  ProblemListSchema,
  StatsSchema,
  UpdateProblemBody,
} from './problems.schemas.ts';
import { actOnProblem, createProblemFor, editProblem, getProblem, listProblems } from './problems.service.ts';
import { problemStats } from './problem-stats.ts';
import { STATS_GROUPINGS } from './problem-states.ts';

// The problem list and ledger (decision 017). Everyone signed in reads (unit staff their own unit only: another
// unit's problem is 404 to them, so nothing leaks); unit staff and the office write; leaders read only.

const READERS = ['admin', 'leader', 'unit_staff'] as const;
const WRITERS = ['admin', 'unit_staff'] as const;

const READ_ERRORS = {
  400: errorResponse('A parameter breaks the schema'),
  401: errorResponse('Not signed in'),
  403: errorResponse('A session that must change its one-time password first'),
} as const;

const IdParams = z.object({ id: IdParam });

const listRoute = createRoute({
  method: 'get',
  path: '/problems',
  tags: ['problems'],
  summary:
    "Lists problems with filters; unit staff see their own unit's only (asking for another unit is 404), the office and leaders all",
  middleware: [requireRole(...READERS)] as const,
  request: { query: ProblemListQuery },
  responses: {
    200: jsonResponse(ProblemListSchema, 'One page of problems, newest first'),
    404: errorResponse("Unit staff asking for another unit's problems"),
    ...READ_ERRORS,
  },
});

const statsRoute = createRoute({
  method: 'get',
  path: '/problems/stats',
  tags: ['problems'],
  summary:
    'Ledger figures per unit, per problem type or per unit category (单位类别): listed, filed, closed, closed on time, overdue, explained, fix ratings, inbox; unit staff get their own unit only',
  middleware: [requireRole(...READERS)] as const,
  request: { query: z.object({ by: z.enum(STATS_GROUPINGS).default('unit') }) },
  responses: { 200: jsonResponse(StatsSchema, 'The figures'), ...READ_ERRORS },
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/problems',
  tags: ['problems'],
  summary:
    "Creates a problem: unit staff a draft of their own unit; the office any unit's, optionally straight into filed (assigned, inspection)",
  middleware: [requireRole(...WRITERS)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: CreateProblemBody } } } },
  responses: {
    201: jsonResponse(ProblemDetailSchema, 'The new problem'),
    422: errorResponse(
      'No such unit (unit_not_found), problem type (unknown_problem_type) or campaign (unknown_campaign)',
    ),
    ...WRITE_ERRORS,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/problems/{id}',
  tags: ['problems'],
  summary: 'A problem with its whole timeline, its evidence, its fix ratings and what the signed-in user may do now',
  middleware: [requireRole(...READERS)] as const,
  request: { params: IdParams },
  responses: {
    200: jsonResponse(ProblemDetailSchema, 'The problem'),
    404: errorResponse("No such problem (or another unit's, for unit staff)"),
    ...READ_ERRORS,
  },
});

const editRoute = createRoute({
  method: 'patch',
  path: '/problems/{id}',
  tags: ['problems'],
  summary:
    'Edits a problem before filing (unit staff: draft or returned; the office also submitted); a filed problem is never edited (problem_not_editable)',
  middleware: [requireRole(...WRITERS)] as const,
  request: {
    params: IdParams,
    body: { required: true, content: { 'application/json': { schema: UpdateProblemBody } } },
  },
  responses: {
    200: jsonResponse(ProblemDetailSchema, 'The problem after the edit'),
    404: errorResponse("No such problem (or another unit's, for unit staff)"),
    409: errorResponse(
      'Filed or later (problem_not_editable), or submitted and waiting for the office (problem_wrong_state)',
    ),
    422: errorResponse('No such problem type or campaign'),
    ...WRITE_ERRORS,
  },
});

const actionRoute = createRoute({
  method: 'post',
  path: '/problems/{id}/actions/{action}',
  tags: ['problems'],
  summary:
    'Moves a problem: submit, return, file, start, progress, claim, close, reopen, explain, extend (who may, from which state, with which note: decision 017)',
  middleware: [requireRole(...WRITERS)] as const,
  request: {
    params: ActionParams,
    body: { required: true, content: { 'application/json': { schema: ActionBody } } },
  },
  responses: {
    200: jsonResponse(ProblemDetailSchema, 'The problem after the action'),
    404: errorResponse("No such problem (or another unit's, for unit staff)"),
    409: errorResponse('Not possible in the state now (problem_wrong_state, with `state`)'),
    422: errorResponse(
      'A note is required (note_required), fields are missing to submit (problem_incomplete, with `problems`), or the new deadline is not later (deadline_not_later)',
    ),
    ...WRITE_ERRORS,
  },
});

export function createProblemRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) =>
      c.json(await listProblems(deps, currentUser(c), c.req.valid('query'), new Date()), 200),
    )
    .openapi(statsRoute, async (c) =>
      c.json(await problemStats(deps, currentUser(c), c.req.valid('query').by, new Date()), 200),
    )
    .openapi(createRouteDef, async (c) =>
      c.json(await createProblemFor(deps, currentUser(c), c.req.valid('json'), new Date()), 201),
    )
    .openapi(getRoute, async (c) =>
      c.json(await getProblem(deps, currentUser(c), c.req.valid('param').id, new Date()), 200),
    )
    .openapi(editRoute, async (c) =>
      c.json(await editProblem(deps, currentUser(c), c.req.valid('param').id, c.req.valid('json'), new Date()), 200),
    )
    .openapi(actionRoute, async (c) => {
      const { id, action } = c.req.valid('param');
      return c.json(await actOnProblem(deps, currentUser(c), id, action, c.req.valid('json'), new Date()), 200);
    });
}
