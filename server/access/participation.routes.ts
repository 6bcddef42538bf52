import { createRoute, z } from '@hono/zod-openapi';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import { requireRole } from '../auth/session.middleware.ts';
import { findCampaign, listCampaignRaterTypes, listCampaignUnits } from '../campaigns/campaigns.repository.ts';
import type { Db } from '../db/database.ts';
import { notFound } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { listBatchUsage } from './codes.repository.ts';

/** Ballots received per unit × rater type (every ballot, flagged and excluded ones too) and flagged counts. */
function receivedPerUnit(db: Db, campaignId: number) {
  return db
    .selectFrom('ratings as r')
    .innerJoin('ballots as b', 'b.id', 'r.ballot_id')
    .select((eb) => [
      'r.unit_id',
      'r.rater_type',
      eb.fn.count<number>('r.ballot_id').distinct().as('ballots'),
      eb.fn
        .count<number>(eb.case().when('b.flags', 'is not', null).then(eb.ref('r.ballot_id')).end())
        .distinct()
        .as('flagged'),
    ])
    .where('r.campaign_id', '=', campaignId)
    .groupBy(['r.unit_id', 'r.rater_type'])
    .execute();
}

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
    const { id } = c.req.valid('param');
    if (!(await findCampaign(db, id))) throw notFound(`Campaign ${id}`);
    const [units, raterTypes, received, batches, total] = await Promise.all([
      listCampaignUnits(db, id),
      listCampaignRaterTypes(db, id),
      receivedPerUnit(db, id),
      listBatchUsage(db, id),
      db
        .selectFrom('ballots')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaign_id', '=', id)
        .executeTakeFirstOrThrow(),
    ]);
    const byKey = new Map(received.map((r) => [`${r.unit_id}|${r.rater_type}`, r]));
    return c.json(
      {
        totalBallots: Number(total.n),
        units: units.map((u) => ({
          unitId: u.id,
          code: u.code,
          name: u.name,
          counts: raterTypes.map(({ rater_type: raterType }) => {
            const row = byKey.get(`${u.id}|${raterType}`);
            return { raterType, ballots: Number(row?.ballots ?? 0), flagged: Number(row?.flagged ?? 0) };
          }),
        })),
        batches: batches.map((b) => ({
          id: b.id,
          raterType: b.rater_type,
          label: b.label,
          size: b.size,
          spent: Number(b.spent),
          voided: Number(b.voided),
        })),
      },
      200,
    );
  });
}
