import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import type { ProblemTypeTable } from '../db/schema.ts';
import type { Updateable } from 'kysely';
import { notFound } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { requireRole } from '../sessions/session.middleware.ts';
import { listProblemTypes } from './problems.repository.ts';
import { CreateProblemTypeBody, ProblemTypeSchema, UpdateProblemTypeBody } from './problems.schemas.ts';

// The office's list of problem types (形式主义, 官僚主义, 营商环境, 服务态度 …): everyone signed in reads
// it, the office edits it. A type is deactivated, never deleted, so that filed problems keep theirs.

type TypeRow = { id: number; name: string; name_en: string; sort_order: number; active: number };

function typeView(row: TypeRow) {
  return { id: row.id, name: row.name, nameEn: row.name_en, sortOrder: row.sort_order, active: row.active === 1 };
}

const listRoute = createRoute({
  method: 'get',
  path: '/problem-types',
  tags: ['problems'],
  summary: 'The problem types, inactive ones included (marked), in their order',
  middleware: [requireRole('admin', 'leader', 'unit_staff')] as const,
  responses: {
    200: jsonResponse(z.object({ types: z.array(ProblemTypeSchema) }), 'The types'),
    400: errorResponse('Never: there are no parameters'),
    401: errorResponse('Not signed in'),
    403: errorResponse('A session that must change its one-time password first'),
  },
});

const createTypeRoute = createRoute({
  method: 'post',
  path: '/problem-types',
  tags: ['problems'],
  summary: 'Adds a problem type (office only)',
  middleware: [requireRole('admin')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: CreateProblemTypeBody } } } },
  responses: { 201: jsonResponse(ProblemTypeSchema, 'The new type'), ...WRITE_ERRORS },
});

const updateTypeRoute = createRoute({
  method: 'patch',
  path: '/problem-types/{id}',
  tags: ['problems'],
  summary: 'Renames, reorders, deactivates or reactivates a problem type (office only); types are never deleted',
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: IdParam }),
    body: { required: true, content: { 'application/json': { schema: UpdateProblemTypeBody } } },
  },
  responses: {
    200: jsonResponse(ProblemTypeSchema, 'The type after the change'),
    404: errorResponse('No such type'),
    ...WRITE_ERRORS,
  },
});

export function createProblemTypeRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => c.json({ types: (await listProblemTypes(deps.db)).map(typeView) }, 200))
    .openapi(createTypeRoute, async (c) => {
      const body = c.req.valid('json');
      const row = await deps.db
        .insertInto('problem_types')
        .values({ name: body.name, name_en: body.nameEn, sort_order: body.sortOrder, active: 1 })
        .returningAll()
        .executeTakeFirstOrThrow();
      return c.json(typeView(row), 201);
    })
    .openapi(updateTypeRoute, async (c) => {
      const { id } = c.req.valid('param');
      const body = c.req.valid('json');
      const set: Updateable<ProblemTypeTable> = {};
      if (body.name !== undefined) set.name = body.name;
      if (body.nameEn !== undefined) set.name_en = body.nameEn;
      if (body.sortOrder !== undefined) set.sort_order = body.sortOrder;
      if (body.active !== undefined) set.active = body.active ? 1 : 0;
      const query = deps.db.updateTable('problem_types').where('id', '=', id);
      const row =
        Object.keys(set).length > 0
          ? await query.set(set).returningAll().executeTakeFirst()
          : await deps.db.selectFrom('problem_types').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound(`Problem type ${id}`);
      return c.json(typeView(row), 200);
    });
}
