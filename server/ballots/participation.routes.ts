import { createRoute, z } from '@hono/zod-openapi';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import { requireRole } from '../sessions/session.middleware.ts';
import { findCampaignOr404 } from '../campaigns/campaign-loader.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { participationOf } from './participation.service.ts';

const RaterTypeTotalSchema = z.object({
  raterType: z.enum(RATER_TYPES),
  ballots: z.number().openapi({ description: 'Ballots received (for leaders and peers: sealed ones included)' }),
  waiting: z.number().openapi({ description: 'Of them, ballots kept sealed until the campaign closes' }),
  flagged: z.number().nullable().openapi({ description: 'Recipients: flagged ballots; null for leaders and peers' }),
  flags: z
    .array(z.object({ flag: z.string(), ballots: z.number() }))
    .openapi({ description: 'Leaders and peers: how many mixed ballots carried each quality flag' }),
});

const participationRoute = createRoute({
  method: 'get',
  path: '/campaigns/{id}/participation',
  tags: ['access'],
  summary:
    'Live participation: recipient ballots per unit, leaders and peers per rater type, codes used per batch — never who voted how',
  middleware: [requireRole('admin')] as const,
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: jsonResponse(
      z
        .object({
          totalBallots: z.number(),
          raterTypes: z.array(RaterTypeTotalSchema),
          units: z.array(
            z.object({
              unitId: z.number(),
              code: z.string(),
              name: z.string(),
              recipientBallots: z.number(),
              recipientFlagged: z.number(),
            }),
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

export function createParticipationRoutes({ readDb }: AppDeps) {
  // On the read connection: polling screens never hold up a ballot's commit.
  return createRouter().openapi(participationRoute, async (c) => {
    const campaign = await findCampaignOr404(readDb, c.req.valid('param').id);
    return c.json(await participationOf(readDb, campaign), 200);
  });
}
