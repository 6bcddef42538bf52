import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, jsonResponse } from '../http/schemas.ts';
import { createCategoryRoutes } from './categories.routes.ts';
import { listCategories, listUnits } from './catalog.repository.ts';
import { CategorySchema, categoryView, UnitNodeSchema, UnitSchema, unitView } from './catalog.schemas.ts';
import { createUnitTransferRoutes } from './unit-transfer.routes.ts';
import { buildTree } from './unit-tree.ts';
import { createUnitRoutes } from './units.routes.ts';

// Units and categories. Reads are public (the public results pages name units); writes are the office's.

const listCategoriesRoute = createRoute({
  method: 'get',
  path: '/categories',
  tags: ['units'],
  summary: 'Unit categories (单位类别), in display order',
  responses: { 200: jsonResponse(z.object({ categories: z.array(CategorySchema) }), 'All categories') },
});

const listUnitsRoute = createRoute({
  method: 'get',
  path: '/units',
  tags: ['units'],
  summary: 'Units (被评议单位) as a flat list; parentId builds the tree city → county → township',
  responses: { 200: jsonResponse(z.object({ units: z.array(UnitSchema) }), 'All units') },
});

const treeRoute = createRoute({
  method: 'get',
  path: '/units/tree',
  tags: ['units'],
  summary: 'Units as a tree: top-level units with their sub-units nested in children, siblings in sort order',
  request: {
    query: z.object({
      activeOnly: z
        .enum(['true', 'false'])
        .default('false')
        .openapi({ description: 'true leaves out deactivated units' }),
    }),
  },
  responses: {
    200: jsonResponse(z.object({ roots: z.array(UnitNodeSchema) }), 'The unit tree'),
    400: errorResponse('activeOnly is neither true nor false'),
  },
});

/**
 * One sub-app for the whole catalog, so that its fixed paths (/units/tree, /units/export.csv …) are
 * registered before /units/{id} and never taken for an id.
 */
export function createCatalogRoutes(deps: AppDeps) {
  const { db } = deps;
  const reads = createRouter()
    .openapi(listCategoriesRoute, async (c) => {
      const categories = (await listCategories(db)).map(categoryView);
      return c.json({ categories }, 200);
    })
    .openapi(listUnitsRoute, async (c) => {
      const units = (await listUnits(db)).map(unitView);
      return c.json({ units }, 200);
    })
    .openapi(treeRoute, async (c) => {
      const activeOnly = c.req.valid('query').activeOnly === 'true';
      const units = (await listUnits(db)).map(unitView).filter((unit) => !activeOnly || unit.active);
      return c.json({ roots: buildTree(units) }, 200);
    });
  return reads
    .route('/', createUnitTransferRoutes(deps))
    .route('/', createUnitRoutes(deps))
    .route('/', createCategoryRoutes(deps));
}
