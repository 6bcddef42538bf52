import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { UnitReportSchema } from './reports.schemas.ts';
import { unitReport } from './unit-report.service.ts';

const unitReportRoute = createRoute({
  method: 'get',
  path: '/reports/{slug}/units/{unitId}',
  tags: ['results'],
  summary:
    "A unit's own report from the published results: scores by rater type and item, recipients' comments above the anonymity minimum, change since the last campaign",
  middleware: [requireRole('admin', 'leader', 'unit_staff')] as const,
  request: { params: z.object({ slug: z.string().min(1).max(64), unitId: IdParam }) },
  responses: {
    200: jsonResponse(UnitReportSchema, 'The report'),
    401: errorResponse('Not signed in'),
    403: errorResponse("Unit staff asking for another unit's report"),
    404: errorResponse('No such campaign or unit'),
    409: errorResponse('Not published yet'),
  },
});

export function createReportRoutes(deps: AppDeps) {
  return createRouter().openapi(unitReportRoute, async (c) => {
    const { slug, unitId } = c.req.valid('param');
    return c.json(await unitReport(deps, currentUser(c), slug, unitId), 200);
  });
}
