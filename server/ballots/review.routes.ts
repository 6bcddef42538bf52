import { createRoute, z } from '@hono/zod-openapi';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { listFlaggedBallots, reviewBallot } from './review.service.ts';

const denied = { 401: errorResponse('Not signed in'), 403: errorResponse('Not an administrator') };

const FlaggedSchema = z.object({
  id: z.string(),
  raterType: z.enum(RATER_TYPES),
  targetUnitId: z.number().nullable(),
  submittedHour: z.string(),
  flags: z.array(z.string()),
  reviewStatus: z.enum(['accepted', 'excluded']).nullable(),
  answers: z.record(z.string(), z.unknown()),
});

const listRoute = createRoute({
  method: 'get',
  path: '/campaigns/{id}/flagged-ballots',
  tags: ['quality'],
  summary: 'Ballots with quality flags, for the office to review (no rater identity exists to show)',
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: IdParam }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
  },
  responses: { 200: jsonResponse(z.object({ ballots: z.array(FlaggedSchema) }), 'Flagged ballots'), ...denied },
});

const reviewRoute = createRoute({
  method: 'post',
  path: '/ballots/{id}/review',
  tags: ['quality'],
  summary: 'Accepts or excludes a flagged ballot; an excluded ballot stops counting. Audited',
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: z.uuid() }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({ decision: z.enum(['accepted', 'excluded']), note: z.string().max(500).optional() })
            .strict(),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(z.object({ id: z.string(), reviewStatus: z.enum(['accepted', 'excluded']) }), 'Reviewed'),
    404: errorResponse('No such ballot'),
    409: errorResponse('The campaign is published: its figures are frozen (results_published)'),
    ...denied,
  },
});

export function createReviewRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const { id } = c.req.valid('param');
      return c.json({ ballots: await listFlaggedBallots(db, id, c.req.valid('query').limit) }, 200);
    })
    .openapi(reviewRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { decision, note } = c.req.valid('json');
      await reviewBallot(db, currentUser(c).id, id, decision, note ?? null);
      return c.json({ id, reviewStatus: decision }, 200);
    });
}
