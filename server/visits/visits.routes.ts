import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { createVisitFeedbackRoutes } from './visit-feedback.routes.ts';
import { loadVisitSettings, saveVisitSettings, VisitSettingsSchema } from './visit-settings.ts';
import { correctVisit, getVisit, listVisitPage, recordVisit } from './visits.service.ts';
import { VisitBody, VisitIdParam, VisitListQuery, VisitListSchema, VisitSchema } from './visits.schemas.ts';

// Visit records (三遍访): members of a team record on their phones; the office and leaders read all, a member
// their teams' visits; unit staff see transferred problems in their unit's inbox, not here.

const READERS = requireRole('admin', 'leader', 'unit_staff');

const VISIT_WRITE_REFUSALS = {
  400: errorResponse('The body breaks the schema (a missing resolution, a bad phone, unknown keys included)'),
  401: errorResponse('Not signed in'),
  403: errorResponse('not_team_member: not a member of the team (nor the office), or a cross-site request'),
  413: errorResponse('The body is larger than 1 MB'),
  415: errorResponse('A signed-in write that is not application/json'),
  422: errorResponse(
    'unknown_team, visit_in_future, visit_target_outside (unknown or not in the team’s areas), unknown_cadre, ' +
      'unit_not_found (not an active department to transfer to)',
  ),
} as const;

const getSettingsRoute = createRoute({
  method: 'get',
  path: '/visit-settings',
  tags: ['visits'],
  summary: 'The feedback limits in working days for transferred and 12345 problems',
  middleware: [READERS] as const,
  responses: {
    200: jsonResponse(VisitSettingsSchema, 'The settings'),
    401: errorResponse('Not signed in'),
    403: errorResponse('A session that must change its one-time password first'),
  },
});

const putSettingsRoute = createRoute({
  method: 'put',
  path: '/visit-settings',
  tags: ['visits'],
  summary: 'Replaces the feedback limits (office only); they apply to problems recorded from now on',
  middleware: [requireRole('admin')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: VisitSettingsSchema } } } },
  responses: { 200: jsonResponse(VisitSettingsSchema, 'The settings now'), ...WRITE_ERRORS },
});

const createVisitRoute = createRoute({
  method: 'post',
  path: '/visits',
  tags: ['visits'],
  summary:
    'Records a visit with the problems heard; a transferred problem becomes an item of that unit’s inbox in the same transaction',
  middleware: [READERS] as const,
  request: { body: { required: true, content: { 'application/json': { schema: VisitBody } } } },
  responses: {
    201: jsonResponse(VisitSchema, 'Recorded'),
    200: jsonResponse(VisitSchema, 'The same clientRef with the same content: the visit recorded before'),
    ...VISIT_WRITE_REFUSALS,
    409: errorResponse('visit_conflict: the clientRef was used for a visit with other content'),
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/visits',
  tags: ['visits'],
  summary: 'Visits, newest first: the office and leaders all, a team member their teams’ (anyone else none)',
  middleware: [READERS] as const,
  request: { query: VisitListQuery },
  responses: {
    200: jsonResponse(VisitListSchema, 'A page of visits'),
    400: errorResponse('A filter breaks the schema'),
    401: errorResponse('Not signed in'),
    403: errorResponse('A session that must change its one-time password first'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/visits/{id}',
  tags: ['visits'],
  summary: 'One visit with its problems',
  middleware: [READERS] as const,
  request: { params: VisitIdParam },
  responses: {
    200: jsonResponse(VisitSchema, 'The visit'),
    400: errorResponse('The id is not a number'),
    401: errorResponse('Not signed in'),
    403: errorResponse('A session that must change its one-time password first'),
    404: errorResponse('No such visit, or one of a team the viewer is not in'),
  },
});

const putRoute = createRoute({
  method: 'put',
  path: '/visits/{id}',
  tags: ['visits'],
  summary: 'The recorder (or the office) corrects a visit within 7 days, under the same checks',
  middleware: [READERS] as const,
  request: { params: VisitIdParam, body: { required: true, content: { 'application/json': { schema: VisitBody } } } },
  responses: {
    200: jsonResponse(VisitSchema, 'The visit as corrected'),
    ...VISIT_WRITE_REFUSALS,
    403: errorResponse('Not the recorder nor the office, not a member of the team, or a cross-site request'),
    404: errorResponse('No such visit, or one of a team the viewer is not in'),
    409: errorResponse(
      'visit_edit_closed (more than 7 days), visit_conflict (another clientRef), visit_problem_answered ' +
        '(a transferred problem the unit answered cannot change its unit or outcome)',
    ),
  },
});

export function createVisitRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(getSettingsRoute, async (c) => c.json(await loadVisitSettings(deps.db), 200))
    .openapi(putSettingsRoute, async (c) => {
      const settings = c.req.valid('json');
      await saveVisitSettings(deps.db, settings);
      return c.json(settings, 200);
    })
    .openapi(createVisitRoute, async (c) => {
      const { created, visit } = await recordVisit(deps, currentUser(c), c.req.valid('json'), new Date());
      return created ? c.json(visit, 201) : c.json(visit, 200);
    })
    .openapi(listRoute, async (c) => c.json(await listVisitPage(deps, currentUser(c), c.req.valid('query')), 200))
    .openapi(getRoute, async (c) => c.json(await getVisit(deps, currentUser(c), c.req.valid('param').id), 200))
    .openapi(putRoute, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await correctVisit(deps, currentUser(c), id, c.req.valid('json'), new Date()), 200);
    })
    .route('/', createVisitFeedbackRoutes(deps));
}
