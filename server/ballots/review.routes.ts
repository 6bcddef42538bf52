import { createRoute, z } from '@hono/zod-openapi';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { AppError, notFound } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';

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
    409: errorResponse('The campaign is published: its figures are frozen'),
    ...denied,
  },
});

export function createReviewRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const { id } = c.req.valid('param');
      const rows = await db
        .selectFrom('ballots')
        .select(['id', 'rater_type', 'target_unit_id', 'submitted_hour', 'flags', 'review_status', 'answers'])
        .where('campaign_id', '=', id)
        .where('flags', 'is not', null)
        .orderBy('submitted_hour', 'desc')
        .orderBy('id')
        .limit(c.req.valid('query').limit)
        .execute();
      const ballots = rows.map((b) => ({
        id: b.id,
        raterType: b.rater_type,
        targetUnitId: b.target_unit_id,
        submittedHour: b.submitted_hour,
        flags: JSON.parse(b.flags ?? '[]') as string[],
        reviewStatus: b.review_status,
        answers: JSON.parse(b.answers) as Record<string, unknown>,
      }));
      return c.json({ ballots }, 200);
    })
    .openapi(reviewRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { decision, note } = c.req.valid('json');
      const ballot = await db
        .selectFrom('ballots as b')
        .innerJoin('campaigns as c', 'c.id', 'b.campaign_id')
        .select(['b.id', 'b.campaign_id', 'c.status'])
        .where('b.id', '=', id)
        .executeTakeFirst();
      if (!ballot) throw notFound(`Ballot ${id}`);
      if (ballot.status === 'published' || ballot.status === 'archived') {
        throw new AppError(
          409,
          'campaign_frozen',
          'The results of this campaign are published; a ballot can no longer be excluded or restored.',
        );
      }
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('ballots').set({ review_status: decision }).where('id', '=', id).execute();
        await trx
          .updateTable('ratings')
          .set({ counted: decision === 'excluded' ? 0 : 1 })
          .where('ballot_id', '=', id)
          .execute();
        await recordAudit(trx, {
          actorUserId: currentUser(c).id,
          action: 'review_ballot',
          entityType: 'ballot',
          entityId: id,
          detail: { decision, note: note ?? null, campaignId: ballot.campaign_id },
        });
      });
      return c.json({ id, reviewStatus: decision }, 200);
    });
}
