import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { ADMIN_ERRORS, errorResponse, jsonResponse } from '../http/schemas.ts';
import { requireRole } from '../sessions/session.middleware.ts';
import type { TrustProxy } from '../config.ts';

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

const DeploymentSchema = z
  .object({
    publicUrl: z.string().nullable(),
    smsGateway: z.string().nullable(),
    trustProxy: z.string(),
  })
  .openapi('Deployment');

const deploymentRoute = createRoute({
  method: 'get',
  path: '/deployment',
  tags: ['system'],
  summary: 'How this server is set up, for the console to warn before printing or sending',
  middleware: [requireRole('admin')] as const,
  responses: {
    200: jsonResponse(DeploymentSchema, 'The deployment settings the console needs'),
    ...ADMIN_ERRORS,
  },
});

function describeTrust(trust: TrustProxy): string {
  if (trust.kind === 'off') return 'off';
  return trust.kind === 'hops' ? String(trust.hops) : trust.list.join(',');
}

export function createHealthRoutes({ db, dialect, config, sms }: AppDeps) {
  return createRouter()
    .openapi(deploymentRoute, (c) =>
      c.json(
        {
          publicUrl: config.PUBLIC_URL ?? null,
          smsGateway: sms?.name ?? null,
          trustProxy: describeTrust(config.TRUST_PROXY),
        },
        200,
      ),
    )
    .openapi(healthRoute, async (c) => {
      try {
        await sql`select 1`.execute(db);
      } catch {
        throw new AppError(503, 'database_unavailable', 'The database does not answer.');
      }
      return c.json({ status: 'ok' as const, database: dialect, time: new Date().toISOString() }, 200);
    });
}
