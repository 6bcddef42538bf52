import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { findCampaign } from '../campaigns/campaigns.repository.ts';
import { notFound } from '../errors.ts';
import { clientAddress } from '../http/client-address.ts';
import { createRouter } from '../http/router.ts';
import { ADMIN_ERRORS, errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { requireRole } from '../sessions/session.middleware.ts';
import { isPageReportKind, PageReportParams, PageReportQuery, PageReportsSchema } from './page-reports.schemas.ts';
import { pageReportSummary, recordPageReport } from './page-reports.service.ts';

const reportRoute = createRoute({
  method: 'get',
  path: '/page-reports/{kind}',
  tags: ['respond'],
  summary:
    'Counts a respondent page that could not start (loaded as an image by the boot script): per campaign, UTC day and kind only',
  request: { params: PageReportParams, query: PageReportQuery },
  responses: {
    204: { description: 'Received (counted, or past the per-network limit and not counted: the answer is the same)' },
    400: errorResponse('The campaign slug is longer than any slug'),
    404: errorResponse('No such kind of report'),
  },
});

const campaignReportsRoute = createRoute({
  method: 'get',
  path: '/campaigns/{id}/page-reports',
  tags: ['campaigns'],
  summary: "How many phones could not open the campaign's pages, per kind and day, over the last 30 days",
  middleware: [requireRole('admin')] as const,
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: jsonResponse(PageReportsSchema, 'The counts'),
    ...ADMIN_ERRORS,
    400: errorResponse('The id is not a positive integer'),
    404: errorResponse('No such campaign'),
  },
});

const serverReportsRoute = createRoute({
  method: 'get',
  path: '/page-reports',
  tags: ['system'],
  summary:
    'How many phones could not open a page of no known campaign (code entry, a mistyped link), over the last 30 days',
  middleware: [requireRole('admin')] as const,
  responses: {
    200: jsonResponse(PageReportsSchema, 'The counts'),
    ...ADMIN_ERRORS,
  },
});

export function createPageReportRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(reportRoute, async (c) => {
      const { kind } = c.req.valid('param');
      if (!isPageReportKind(kind)) throw notFound(`Page report kind "${kind}"`);
      const { campaign } = c.req.valid('query');
      const address = clientAddress(c, deps.config.TRUST_PROXY);
      await recordPageReport(deps, { kind, campaignSlug: campaign, address }, new Date());
      return c.body(null, 204, { 'cache-control': 'no-store' });
    })
    .openapi(campaignReportsRoute, async (c) => {
      const { id } = c.req.valid('param');
      if (!(await findCampaign(deps.db, id))) throw notFound(`Campaign ${id}`);
      return c.json(await pageReportSummary(deps.db, id, new Date()), 200);
    })
    .openapi(serverReportsRoute, async (c) => c.json(await pageReportSummary(deps.db, null, new Date()), 200));
}
