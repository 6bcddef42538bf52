import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, jsonResponse } from '../http/schemas.ts';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    database: z.enum(['sqlite', 'postgres']),
    time: z.string(),
  })
  .openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/health',
  tags: ['system'],
  summary: 'Checks that the server and its database answer',
  responses: {
    200: jsonResponse(HealthSchema, 'The server and its database are up'),
    503: errorResponse('The database does not answer'),
  },
});

export function createHealthRoutes({ db, dialect }: AppDeps) {
  return createRouter().openapi(healthRoute, async (c) => {
    try {
      await sql`select 1`.execute(db);
    } catch {
      throw new AppError(503, 'database_unavailable', 'The database does not answer.');
    }
    return c.json({ status: 'ok' as const, database: dialect, time: new Date().toISOString() }, 200);
  });
}
