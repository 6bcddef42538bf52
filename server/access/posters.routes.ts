import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../app-deps.ts';
import { requireRole } from '../sessions/session.middleware.ts';
import { findCampaignOr404, loadCampaign } from '../campaigns/campaign-loader.ts';
import { AppError } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam } from '../http/schemas.ts';
import { openRatingUrl, postersHtml, qrSvg } from './posters.ts';

/** The address people's phones will open: PUBLIC_URL when set, else the address this request came to. */
function baseUrl(deps: AppDeps, c: Context): string {
  if (deps.config.PUBLIC_URL) return deps.config.PUBLIC_URL;
  const url = new URL(c.req.url);
  if (deps.config.TRUST_PROXY === 'on') {
    const host = c.req.header('x-forwarded-host');
    const proto = c.req.header('x-forwarded-proto');
    if (host) return `${proto ?? url.protocol.replace(':', '')}://${host}`;
  }
  return url.origin;
}

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

async function campaignUnits(deps: AppDeps, campaignId: number, unitId?: number) {
  const campaign = await findCampaignOr404(deps.db, campaignId);
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
      const { campaign, units } = await campaignUnits(deps, id, unitId);
      const svg = await qrSvg(openRatingUrl(baseUrl(deps, c), campaign.slug, units[0]!.code));
      return c.body(svg, 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' });
    })
    .openapi(postersRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { campaign, units } = await campaignUnits(deps, id, c.req.valid('query').unitId);
      const html = await postersHtml(
        campaign,
        units.map((u) => ({ code: u.code, name: u.name, nameEn: u.nameEn })),
        baseUrl(deps, c),
      );
      return c.html(html, 200);
    });
}
