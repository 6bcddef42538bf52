import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { createRouter } from '../http/router.ts';
import { ADMIN_ERRORS, errorResponse, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { listCategoryUsage } from './categories.repository.ts';
import { createCategory, deleteCategory, updateCategory } from './categories.service.ts';
import { CategorySchema, categoryView, CreateCategoryBody, IdParams, UpdateCategoryBody } from './catalog.schemas.ts';

// The office edits categories (admin only); reading them is public (catalog.routes.ts).

const notFoundResponse = errorResponse('No such category');

const CategoryUsageSchema = z
  .object({
    categoryId: z.number(),
    units: z.number().openapi({ description: 'Units that belong to the category' }),
    campaigns: z.number().openapi({ description: 'Campaigns that recorded it for their units' }),
  })
  .openapi('CategoryUsage');

const usageRoute = createRoute({
  method: 'get',
  path: '/categories/usage',
  tags: ['units'],
  summary:
    'How many units and campaigns use each category (a category is deleted only when both are 0); unused ones are left out',
  middleware: [requireRole('admin')] as const,
  responses: {
    200: jsonResponse(z.object({ usage: z.array(CategoryUsageSchema) }), 'Usage per category'),
    ...ADMIN_ERRORS,
  },
});

const createCategoryRoute = createRoute({
  method: 'post',
  path: '/categories',
  tags: ['units'],
  summary: 'Creates a unit category (audited)',
  middleware: [requireRole('admin')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: CreateCategoryBody } } } },
  responses: {
    201: jsonResponse(CategorySchema, 'The new category'),
    409: errorResponse('Another category has the code (category_code_taken)'),
    ...WRITE_ERRORS,
  },
});

const updateCategoryRoute = createRoute({
  method: 'patch',
  path: '/categories/{id}',
  tags: ['units'],
  summary:
    "Edits a category's name, English name, whether it is ranked, and its sort order; the code never changes (audited)",
  middleware: [requireRole('admin')] as const,
  request: {
    params: IdParams,
    body: { required: true, content: { 'application/json': { schema: UpdateCategoryBody } } },
  },
  responses: {
    200: jsonResponse(CategorySchema, 'The category after the change'),
    404: notFoundResponse,
    ...WRITE_ERRORS,
  },
});

const deleteCategoryRoute = createRoute({
  method: 'delete',
  path: '/categories/{id}',
  tags: ['units'],
  summary: 'Deletes a category that no unit and no campaign uses (audited). Send content-type: application/json.',
  middleware: [requireRole('admin')] as const,
  request: { params: IdParams },
  responses: {
    204: { description: 'Deleted' },
    400: errorResponse('The id is not a positive whole number'),
    404: notFoundResponse,
    409: errorResponse('Units or campaigns use the category (category_in_use); the message says which'),
    415: errorResponse('A signed-in write that is not application/json'),
    ...ADMIN_ERRORS,
  },
});

export function createCategoryRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(usageRoute, async (c) => c.json({ usage: await listCategoryUsage(deps.db) }, 200))
    .openapi(createCategoryRoute, async (c) => {
      const category = await createCategory(deps, { userId: currentUser(c).id }, c.req.valid('json'), new Date());
      return c.json(categoryView(category), 201);
    })
    .openapi(updateCategoryRoute, async (c) => {
      const category = await updateCategory(
        deps,
        { userId: currentUser(c).id },
        c.req.valid('param').id,
        c.req.valid('json'),
        new Date(),
      );
      return c.json(categoryView(category), 200);
    })
    .openapi(deleteCategoryRoute, async (c) => {
      await deleteCategory(deps, { userId: currentUser(c).id }, c.req.valid('param').id, new Date());
      return c.body(null, 204);
    });
}
