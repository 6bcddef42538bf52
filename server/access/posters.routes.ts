import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../app-deps.ts';
import type { AppEnv } from '../http/app-env.ts';
import { requireRole } from '../sessions/session.middleware.ts';
import { findVisibleCampaignOr404, loadCampaign } from '../campaigns/campaign-loader.ts';
import { AppError } from '../errors.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam } from '../http/schemas.ts';
import { openRatingUrl, postersHtml, qrSvg } from './posters.ts';

const qrRoute = createRoute({
  method: 'get',
  path: '/campaigns/{id}/units/{unitId}/qr.svg',
  tags: ['access'],
  summary: "The QR code (SVG) of a unit's open-rating link",
  request: { params: z.object({ id: IdParam, unitId: IdParam }) },
  responses: {
    200: { description: 'SVG image', content: { 'image/svg+xml': { schema: z.string() } } },
    404: errorResponse('No such campaign or unit'),
  },
});

const postersRoute = createRoute({
  method: 'get',
  path: '/campaigns/{id}/posters',
  tags: ['access'],
  summary: 'Printable A4 QR posters for service windows (all units, or ?unitId=)',
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: IdParam }),
    query: z.object({ unitId: z.coerce.number().int().positive().optional() }),
  },
  responses: {
    200: { description: 'HTML to print', content: { 'text/html': { schema: z.string() } } },
    401: errorResponse('Not signed in'),
    403: errorResponse('Not an administrator'),
    404: errorResponse('No such campaign or unit'),
  },
});

async function campaignUnits(deps: AppDeps, c: Context<AppEnv>, campaignId: number, unitId?: number) {
  const campaign = await findVisibleCampaignOr404(deps.db, campaignId, c.get('user'));
  const units = (await loadCampaign(deps.db, campaign)).units.filter((u) => unitId === undefined || u.id === unitId);
  if (units.length === 0)
    throw new AppError(
      404,
      'unit_not_in_campaign',
      unitId ? `Unit ${unitId} is not in this campaign.` : 'This campaign has no units yet.',
    );
  return { campaign, units };
}

export function createPosterRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(qrRoute, async (c) => {
      const { id, unitId } = c.req.valid('param');
      const { campaign, units } = await campaignUnits(deps, c, id, unitId);
      const svg = await qrSvg(openRatingUrl(publicBaseUrl(deps.config, c), campaign.slug, units[0]!.code));
      return c.body(svg, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'private, no-store' });
    })
    .openapi(postersRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { campaign, units } = await campaignUnits(deps, c, id, c.req.valid('query').unitId);
      const html = await postersHtml(
        campaign,
        units.map((u) => ({ code: u.code, name: u.name, nameEn: u.nameEn })),
        publicBaseUrl(deps.config, c),
      );
      return c.html(html, 200);
    });
}
