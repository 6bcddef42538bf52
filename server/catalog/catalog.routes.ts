import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { jsonResponse } from '../http/schemas.ts';
import { listCategories, listUnits } from './catalog.repository.ts';

const CategorySchema = z
  .object({ id: z.number(), code: z.string(), name: z.string(), nameEn: z.string(), ranked: z.boolean() })
  .openapi('Category');

const UnitSchema = z
  .object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    parentId: z.number().nullable(),
    level: z.enum(['city', 'county', 'township', 'department']),
    categoryId: z.number().nullable(),
    active: z.boolean(),
  })
  .openapi('Unit');

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

export function createCatalogRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listCategoriesRoute, async (c) => {
      const rows = await listCategories(db);
      const categories = rows.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: r.name_en, ranked: r.ranked === 1 }));
      return c.json({ categories }, 200);
    })
    .openapi(listUnitsRoute, async (c) => {
      const rows = await listUnits(db);
      const units = rows.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        nameEn: r.name_en,
        parentId: r.parent_id,
        level: r.level,
        categoryId: r.category_id,
        active: r.active === 1,
      }));
      return c.json({ units }, 200);
    });
}
