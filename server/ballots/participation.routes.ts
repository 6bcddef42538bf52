import { createRoute, z } from '@hono/zod-openapi';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import { requireRole } from '../sessions/session.middleware.ts';
import { findCampaignOr404 } from '../campaigns/campaign-loader.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { participationOf } from './participation.service.ts';

const CountsSchema = z.object({ raterType: z.enum(RATER_TYPES), ballots: z.number(), flagged: z.number() });

const participationRoute = createRoute({
  method: 'get',
  path: '/campaigns/{id}/participation',
  tags: ['access'],
  summary: 'Live participation: ballots per unit × rater type and codes spent per batch — never who voted how',
  middleware: [requireRole('admin')] as const,
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: jsonResponse(
      z
        .object({
          totalBallots: z.number(),
          units: z.array(
            z.object({ unitId: z.number(), code: z.string(), name: z.string(), counts: z.array(CountsSchema) }),
          ),
          batches: z.array(
            z.object({
              id: z.number(),
              raterType: z.enum(RATER_TYPES),
              label: z.string(),
              size: z.number(),
              spent: z.number(),
              voided: z.number(),
            }),
          ),
        })
        .openapi('Participation'),
      'Participation',
    ),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not an administrator'),
    404: errorResponse('No such campaign'),
  },
});

export function createParticipationRoutes({ db }: AppDeps) {
  return createRouter().openapi(participationRoute, async (c) => {
    const campaign = await findCampaignOr404(db, c.req.valid('param').id);
    return c.json(await participationOf(db, campaign), 200);
  });
}
