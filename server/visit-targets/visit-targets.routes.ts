import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { AppError, notFound } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import {
  findEnterprise,
  findVillage,
  listEnterprises,
  listHouseholds,
  listVillages,
} from './visit-targets.repository.ts';
import * as S from './visit-targets.schemas.ts';
import * as H from './households.service.ts';
import * as T from './visit-targets.service.ts';

// The visit targets (三遍访): villages and communities, enterprises, households. The office writes; leaders
// read all; unit staff read the targets in the areas of the active teams they belong to (403 otherwise).

const READERS = ['admin', 'leader', 'unit_staff'] as const;
const READ_ERRORS = {
  400: errorResponse('A query parameter breaks the schema'),
  401: errorResponse('Not signed in'),
  403: errorResponse("Unit staff outside any active visiting team, or a target outside their teams' areas"),
};
const TARGET_REFUSALS = {
  404: errorResponse('No such target'),
  409: errorResponse('village_name_taken, credit_code_taken, household_label_taken, visit_target_in_use'),
  422: errorResponse(
    'not_a_township, unknown_village, village_not_in_township, invalid_credit_code (problems: credit_code_length | _character | _region | _organization_check | _check with the expected character)',
  ),
};
const idParams = z.object({ id: IdParam });
const tags = ['visit-targets'];
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

const route = {
  listVillages: createRoute({
    method: 'get',
    path: '/visit-targets/villages',
    tags,
    summary: 'Villages and communities, filtered and paged',
    middleware: [requireRole(...READERS)] as const,
    request: { query: S.VillageListQuery },
    responses: { 200: jsonResponse(S.VillagePage, 'A page of villages'), ...READ_ERRORS },
  }),
  getVillage: createRoute({
    method: 'get',
    path: '/visit-targets/villages/{id}',
    tags,
    summary: 'One village or community',
    middleware: [requireRole(...READERS)] as const,
    request: { params: idParams },
    responses: {
      200: jsonResponse(S.VillageSchema, 'The village'),
      404: errorResponse('No such village'),
      ...READ_ERRORS,
    },
  }),
  createVillage: createRoute({
    method: 'post',
    path: '/visit-targets/villages',
    tags,
    summary: 'Adds a village or community to a township (office only)',
    middleware: [requireRole('admin')] as const,
    request: { body: json(S.CreateVillageBody) },
    responses: { 201: jsonResponse(S.VillageSchema, 'The new village'), ...TARGET_REFUSALS, ...WRITE_ERRORS },
  }),
  updateVillage: createRoute({
    method: 'patch',
    path: '/visit-targets/villages/{id}',
    tags,
    summary: 'Changes or deactivates a village (office only)',
    middleware: [requireRole('admin')] as const,
    request: { params: idParams, body: json(S.UpdateVillageBody) },
    responses: {
      200: jsonResponse(S.VillageSchema, 'The village after the change'),
      ...TARGET_REFUSALS,
      ...WRITE_ERRORS,
    },
  }),
  deleteVillage: createRoute({
    method: 'delete',
    path: '/visit-targets/villages/{id}',
    tags,
    summary: 'Deletes a village nothing refers to (office only); else deactivate it',
    middleware: [requireRole('admin')] as const,
    request: { params: idParams },
    responses: { 204: { description: 'Deleted' }, ...TARGET_REFUSALS, ...WRITE_ERRORS },
  }),
  listEnterprises: createRoute({
    method: 'get',
    path: '/visit-targets/enterprises',
    tags,
    summary: 'Enterprises, filtered and paged',
    middleware: [requireRole(...READERS)] as const,
    request: { query: S.EnterpriseListQuery },
    responses: { 200: jsonResponse(S.EnterprisePage, 'A page of enterprises'), ...READ_ERRORS },
  }),
  getEnterprise: createRoute({
    method: 'get',
    path: '/visit-targets/enterprises/{id}',
    tags,
    summary: 'One enterprise',
    middleware: [requireRole(...READERS)] as const,
    request: { params: idParams },
    responses: {
      200: jsonResponse(S.EnterpriseSchema, 'The enterprise'),
      404: errorResponse('No such enterprise'),
      ...READ_ERRORS,
    },
  }),
  createEnterprise: createRoute({
    method: 'post',
    path: '/visit-targets/enterprises',
    tags,
    summary: 'Adds an enterprise; its 统一社会信用代码 is checked (GB 32100-2015) and unique (office only)',
    middleware: [requireRole('admin')] as const,
    request: { body: json(S.CreateEnterpriseBody) },
    responses: { 201: jsonResponse(S.EnterpriseSchema, 'The new enterprise'), ...TARGET_REFUSALS, ...WRITE_ERRORS },
  }),
  updateEnterprise: createRoute({
    method: 'patch',
    path: '/visit-targets/enterprises/{id}',
    tags,
    summary: 'Changes or deactivates an enterprise (office only)',
    middleware: [requireRole('admin')] as const,
    request: { params: idParams, body: json(S.UpdateEnterpriseBody) },
    responses: {
      200: jsonResponse(S.EnterpriseSchema, 'The enterprise after the change'),
      ...TARGET_REFUSALS,
      ...WRITE_ERRORS,
    },
  }),
  deleteEnterprise: createRoute({
    method: 'delete',
    path: '/visit-targets/enterprises/{id}',
    tags,
    summary: 'Deletes an enterprise never visited (office only); else deactivate it',
    middleware: [requireRole('admin')] as const,
    request: { params: idParams },
    responses: { 204: { description: 'Deleted' }, ...TARGET_REFUSALS, ...WRITE_ERRORS },
  }),
  listHouseholds: createRoute({
    method: 'get',
    path: '/visit-targets/villages/{id}/households',
    tags,
    summary: "A village's imported list of households, paged (empty: the village's count stands)",
    middleware: [requireRole(...READERS)] as const,
    request: { params: idParams, query: S.HouseholdListQuery },
    responses: {
      200: jsonResponse(S.HouseholdPage, 'A page of households'),
      404: errorResponse('No such village'),
      ...READ_ERRORS,
    },
  }),
  createHousehold: createRoute({
    method: 'post',
    path: '/visit-targets/villages/{id}/households',
    tags,
    summary: "Adds a household to a village's list (office only)",
    middleware: [requireRole('admin')] as const,
    request: { params: idParams, body: json(S.CreateHouseholdBody) },
    responses: { 201: jsonResponse(S.HouseholdSchema, 'The new household'), ...TARGET_REFUSALS, ...WRITE_ERRORS },
  }),
  updateHousehold: createRoute({
    method: 'patch',
    path: '/visit-targets/households/{id}',
    tags,
    summary: 'Renames a household or changes its address (office only)',
    middleware: [requireRole('admin')] as const,
    request: { params: idParams, body: json(S.UpdateHouseholdBody) },
    responses: {
      200: jsonResponse(S.HouseholdSchema, 'The household after the change'),
      ...TARGET_REFUSALS,
      ...WRITE_ERRORS,
    },
  }),
  deleteHousehold: createRoute({
    method: 'delete',
    path: '/visit-targets/households/{id}',
    tags,
    summary: 'Deletes a household never visited (office only)',
    middleware: [requireRole('admin')] as const,
    request: { params: idParams },
    responses: { 204: { description: 'Deleted' }, ...TARGET_REFUSALS, ...WRITE_ERRORS },
  }),
};

const outsideAreas = () => new AppError(403, 'forbidden', 'This target is outside the areas of your visiting teams.');

export function createVisitTargetRoutes(deps: AppDeps) {
  const { db } = deps;
  return createRouter()
    .openapi(route.listVillages, async (c) => {
      const { page, pageSize, ...filter } = c.req.valid('query');
      const scope = await T.scopeFor(db, currentUser(c));
      return c.json({ ...(await listVillages(db, scope, filter, { page, pageSize })), page, pageSize }, 200);
    })
    .openapi(route.getVillage, async (c) => {
      const { id } = c.req.valid('param');
      const scope = await T.scopeFor(db, currentUser(c));
      const village = await findVillage(db, scope, id);
      if (village) return c.json(village, 200);
      if (!scope.all && (await findVillage(db, { all: true }, id))) throw outsideAreas();
      throw notFound(`Village ${id}`);
    })
    .openapi(route.createVillage, async (c) =>
      c.json(await T.createVillage(db, currentUser(c).id, c.req.valid('json'), new Date()), 201),
    )
    .openapi(route.updateVillage, async (c) =>
      c.json(
        await T.updateVillage(db, currentUser(c).id, c.req.valid('param').id, c.req.valid('json'), new Date()),
        200,
      ),
    )
    .openapi(route.deleteVillage, async (c) => {
      await T.deleteVillage(db, currentUser(c).id, c.req.valid('param').id, new Date());
      return c.body(null, 204);
    })
    .openapi(route.listEnterprises, async (c) => {
      const { page, pageSize, ...filter } = c.req.valid('query');
      const scope = await T.scopeFor(db, currentUser(c));
      return c.json({ ...(await listEnterprises(db, scope, filter, { page, pageSize })), page, pageSize }, 200);
    })
    .openapi(route.getEnterprise, async (c) => {
      const { id } = c.req.valid('param');
      const scope = await T.scopeFor(db, currentUser(c));
      const enterprise = await findEnterprise(db, scope, id);
      if (enterprise) return c.json(enterprise, 200);
      if (!scope.all && (await findEnterprise(db, { all: true }, id))) throw outsideAreas();
      throw notFound(`Enterprise ${id}`);
    })
    .openapi(route.createEnterprise, async (c) =>
      c.json(await T.createEnterprise(db, currentUser(c).id, c.req.valid('json'), new Date()), 201),
    )
    .openapi(route.updateEnterprise, async (c) =>
      c.json(
        await T.updateEnterprise(db, currentUser(c).id, c.req.valid('param').id, c.req.valid('json'), new Date()),
        200,
      ),
    )
    .openapi(route.deleteEnterprise, async (c) => {
      await T.deleteEnterprise(db, currentUser(c).id, c.req.valid('param').id, new Date());
      return c.body(null, 204);
    })
    .openapi(route.listHouseholds, async (c) => {
      const { id } = c.req.valid('param');
      const query = c.req.valid('query');
      const scope = await T.scopeFor(db, currentUser(c));
      if (!(await findVillage(db, scope, id))) {
        if (!scope.all && (await findVillage(db, { all: true }, id))) throw outsideAreas();
        throw notFound(`Village ${id}`);
      }
      return c.json({ ...(await listHouseholds(db, id, query)), page: query.page, pageSize: query.pageSize }, 200);
    })
    .openapi(route.createHousehold, async (c) =>
      c.json(
        await H.createHousehold(db, currentUser(c).id, c.req.valid('param').id, c.req.valid('json'), new Date()),
        201,
      ),
    )
    .openapi(route.updateHousehold, async (c) =>
      c.json(
        await H.updateHousehold(db, currentUser(c).id, c.req.valid('param').id, c.req.valid('json'), new Date()),
        200,
      ),
    )
    .openapi(route.deleteHousehold, async (c) => {
      await H.deleteHousehold(db, currentUser(c).id, c.req.valid('param').id, new Date());
      return c.body(null, 204);
    });
}
