import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { notFound } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { createTargetImportRoutes } from '../visit-targets/target-import.routes.ts';
import { createVisitTargetRoutes } from '../visit-targets/visit-targets.routes.ts';
import { findTeam, listTeams } from './visit-teams.repository.ts';
import * as S from './visit-teams.schemas.ts';
import { createTeam, myTeams, setAreas, setMembers, updateTeam } from './visit-teams.service.ts';

// The visiting teams (民情书记服务队): the office sets them up, leaders read them, and every signed-in
// member reads their own teams with the targets of their areas (the phone's list). This router also
// mounts the visit targets' routers, so the app registers the two folders in one line.

const tags = ['visit-teams'];
const idParams = z.object({ id: IdParam });
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const READ_ERRORS = {
  400: errorResponse('A parameter breaks the schema'),
  401: errorResponse('Not signed in'),
  403: errorResponse(
    'Unit staff (teams are read by the office and leaders), or a session that must change its password',
  ),
};
const TEAM_REFUSALS = {
  404: errorResponse('No such team'),
  409: errorResponse('team_name_taken'),
  422: errorResponse('unknown_user, unit_not_found, not_a_township, unknown_village'),
};

const route = {
  list: createRoute({
    method: 'get',
    path: '/visit-teams',
    tags,
    summary: 'The visiting teams with their members and areas',
    middleware: [requireRole('admin', 'leader')] as const,
    request: { query: S.TeamListQuery },
    responses: { 200: jsonResponse(z.object({ teams: z.array(S.TeamSchema) }), 'The teams'), ...READ_ERRORS },
  }),
  mine: createRoute({
    method: 'get',
    path: '/visit-teams/mine',
    tags,
    summary: "The signed-in account's active teams, each with the active villages and enterprises of its areas",
    middleware: [requireRole('admin', 'leader', 'unit_staff')] as const,
    responses: {
      200: jsonResponse(z.object({ teams: z.array(S.MyTeamSchema) }), 'My teams (none: an empty list)'),
      401: errorResponse('Not signed in'),
      403: errorResponse('A session that must change its password'),
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/visit-teams/{id}',
    tags,
    summary: 'One visiting team',
    middleware: [requireRole('admin', 'leader')] as const,
    request: { params: idParams },
    responses: { 200: jsonResponse(S.TeamSchema, 'The team'), 404: errorResponse('No such team'), ...READ_ERRORS },
  }),
  create: createRoute({
    method: 'post',
    path: '/visit-teams',
    tags,
    summary: 'Sets up a visiting team (office only)',
    middleware: [requireRole('admin')] as const,
    request: { body: json(S.CreateTeamBody) },
    responses: { 201: jsonResponse(S.TeamSchema, 'The new team'), ...TEAM_REFUSALS, ...WRITE_ERRORS },
  }),
  update: createRoute({
    method: 'patch',
    path: '/visit-teams/{id}',
    tags,
    summary: 'Renames, deactivates or reactivates a team (office only)',
    middleware: [requireRole('admin')] as const,
    request: { params: idParams, body: json(S.UpdateTeamBody) },
    responses: { 200: jsonResponse(S.TeamSchema, 'The team after the change'), ...TEAM_REFUSALS, ...WRITE_ERRORS },
  }),
  members: createRoute({
    method: 'put',
    path: '/visit-teams/{id}/members',
    tags,
    summary: "Sets the team's members (accounts, the unit each comes from, leaders) as a whole list (office only)",
    middleware: [requireRole('admin')] as const,
    request: { params: idParams, body: json(S.SetMembersBody) },
    responses: { 200: jsonResponse(S.TeamSchema, 'The team after the change'), ...TEAM_REFUSALS, ...WRITE_ERRORS },
  }),
  areas: createRoute({
    method: 'put',
    path: '/visit-teams/{id}/areas',
    tags,
    summary: "Sets the team's areas (whole townships or single villages) as a whole list (office only)",
    middleware: [requireRole('admin')] as const,
    request: { params: idParams, body: json(S.SetAreasBody) },
    responses: { 200: jsonResponse(S.TeamSchema, 'The team after the change'), ...TEAM_REFUSALS, ...WRITE_ERRORS },
  }),
};

export function createVisitTeamRoutes(deps: AppDeps) {
  const { db } = deps;
  return createRouter()
    .openapi(route.list, async (c) => {
      const { active } = c.req.valid('query');
      return c.json({ teams: await listTeams(db, active === 'all' ? {} : { active: active === 'true' }) }, 200);
    })
    .openapi(route.mine, async (c) => c.json({ teams: await myTeams(db, currentUser(c).id) }, 200))
    .openapi(route.get, async (c) => {
      const team = await findTeam(db, c.req.valid('param').id);
      if (!team) throw notFound(`Visiting team ${c.req.valid('param').id}`);
      return c.json(team, 200);
    })
    .openapi(route.create, async (c) =>
      c.json(await createTeam(db, currentUser(c).id, c.req.valid('json').name, new Date()), 201),
    )
    .openapi(route.update, async (c) =>
      c.json(await updateTeam(db, currentUser(c).id, c.req.valid('param').id, c.req.valid('json'), new Date()), 200),
    )
    .openapi(route.members, async (c) =>
      c.json(
        await setMembers(db, currentUser(c).id, c.req.valid('param').id, c.req.valid('json').members, new Date()),
        200,
      ),
    )
    .openapi(route.areas, async (c) =>
      c.json(
        await setAreas(db, currentUser(c).id, c.req.valid('param').id, c.req.valid('json').areas, new Date()),
        200,
      ),
    );
}

/** The visit targets and the visiting teams, for the app to register in one line. */
export function createVisitTargetTeamRoutes(deps: AppDeps) {
  return createRouter()
    .route('/', createVisitTargetRoutes(deps))
    .route('/', createTargetImportRoutes(deps))
    .route('/', createVisitTeamRoutes(deps));
}
