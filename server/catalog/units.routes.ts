import { createRoute } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { notFound } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { ADMIN_ERRORS, errorResponse, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { findUnitById } from './catalog.repository.ts';
import { CreateUnitBody, IdParams, UnitSchema, unitView, UpdateUnitBody } from './catalog.schemas.ts';
import { createUnit, deleteUnit, updateUnit } from './units.service.ts';

// One unit at a time. Reading is public like the list; every write is the office's and audited.

const notFoundResponse = errorResponse('No such unit');
const treeRules =
  'The tree rules are broken (unknown_parent, unknown_category, parent_required, invalid_parent_level, inactive_parent, tree_cycle, sub_units_conflict): ' +
  "a city has no parent; a county's parent is a city or none; a township's parent is a county; a department's parent is a city, county or township; " +
  'an active unit never sits under an inactive one';

const getUnitRoute = createRoute({
  method: 'get',
  path: '/units/{id}',
  tags: ['units'],
  summary: 'One unit',
  request: { params: IdParams },
  responses: {
    200: jsonResponse(UnitSchema, 'The unit'),
    400: errorResponse('The id is not a positive whole number'),
    404: notFoundResponse,
  },
});

const createUnitRoute = createRoute({
  method: 'post',
  path: '/units',
  tags: ['units'],
  summary: 'Creates a unit in the tree (audited)',
  middleware: [requireRole('admin')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: CreateUnitBody } } } },
  responses: {
    201: jsonResponse(UnitSchema, 'The new unit'),
    409: errorResponse('Another unit has the code (unit_code_taken)'),
    422: errorResponse(treeRules),
    ...WRITE_ERRORS,
  },
});

const updateUnitRoute = createRoute({
  method: 'patch',
  path: '/units/{id}',
  tags: ['units'],
  summary:
    'Edits a unit: names, category, sort order; moves it (parentId, level); deactivates or reactivates it (active). Audited.',
  middleware: [requireRole('admin')] as const,
  request: { params: IdParams, body: { required: true, content: { 'application/json': { schema: UpdateUnitBody } } } },
  responses: {
    200: jsonResponse(UnitSchema, 'The unit after the change'),
    404: notFoundResponse,
    409: errorResponse(
      'The new code is taken (unit_code_taken), or the unit is in a campaign and its code is printed in QR links (unit_code_frozen)',
    ),
    422: errorResponse(treeRules),
    ...WRITE_ERRORS,
  },
});

const deleteUnitRoute = createRoute({
  method: 'delete',
  path: '/units/{id}',
  tags: ['units'],
  summary:
    'Deletes a unit made by mistake: one with no sub-units that no campaign, rating, code batch or account refers to. ' +
    'A unit that was used is deactivated instead (PATCH active: false). Send content-type: application/json. Audited.',
  middleware: [requireRole('admin')] as const,
  request: { params: IdParams },
  responses: {
    204: { description: 'Deleted' },
    400: errorResponse('The id is not a positive whole number'),
    404: notFoundResponse,
    409: errorResponse('The unit has sub-units (unit_has_sub_units) or is used (unit_in_use)'),
    415: errorResponse('A signed-in write that is not application/json'),
    ...ADMIN_ERRORS,
  },
});

export function createUnitRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(getUnitRoute, async (c) => {
      const { id } = c.req.valid('param');
      const unit = await findUnitById(deps.db, id);
      if (!unit) throw notFound(`Unit ${id}`);
      return c.json(unitView(unit), 200);
    })
    .openapi(createUnitRoute, async (c) => {
      const unit = await createUnit(deps, { userId: currentUser(c).id }, c.req.valid('json'), new Date());
      return c.json(unitView(unit), 201);
    })
    .openapi(updateUnitRoute, async (c) => {
      const unit = await updateUnit(
        deps,
        { userId: currentUser(c).id },
        c.req.valid('param').id,
        c.req.valid('json'),
        new Date(),
      );
      return c.json(unitView(unit), 200);
    })
    .openapi(deleteUnitRoute, async (c) => {
      await deleteUnit(deps, { userId: currentUser(c).id }, c.req.valid('param').id, new Date());
      return c.body(null, 204);
    });
}
