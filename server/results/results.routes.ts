import { createRoute, z } from '@hono/zod-openapi';
import { RATER_TYPES, type RaterType } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import { campaignSummary } from '../campaigns/campaigns.routes.ts';
import { findCampaign, listCampaignRaterTypes, listCampaignUnits } from '../campaigns/campaigns.repository.ts';
import { countBallots } from '../ballots/ballots.repository.ts';
import { notFound } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { aggregateItems, countBallotsPerUnit } from './results.repository.ts';

const GroupSchema = z.object({
  raterType: z.enum(RATER_TYPES),
  ballots: z.number(),
  minCount: z.number(),
  /** True when fewer ballots than the minimum: no score and no items are shown (anonymity). */
  suppressed: z.boolean(),
  mean: z.number().nullable(),
  items: z.array(z.object({ item: z.string(), n: z.number(), mean: z.number() })),
});

const LiveResultsSchema = z
  .object({
    campaign: z.object({ id: z.number(), slug: z.string(), name: z.string(), status: z.string() }),
    totalBallots: z.number(),
    units: z.array(
      z.object({ unitId: z.number(), code: z.string(), name: z.string(), nameEn: z.string(), groups: z.array(GroupSchema) }),
    ),
  })
  .openapi('LiveResults');

const liveResultsRoute = createRoute({
  method: 'get',
  path: '/campaigns/{id}/results',
  tags: ['results'],
  summary: 'Live counts and mean points per unit and rater type; groups below their minimum show no score',
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: jsonResponse(LiveResultsSchema, 'Live results'),
    404: errorResponse('No such campaign'),
  },
});

export function createResultRoutes({ db }: AppDeps) {
  return createRouter().openapi(liveResultsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const campaign = await findCampaign(db, id);
    if (!campaign) throw notFound(`Campaign ${id}`);
    const [units, raterTypes, groups, items, total] = await Promise.all([
      listCampaignUnits(db, id),
      listCampaignRaterTypes(db, id),
      countBallotsPerUnit(db, id),
      aggregateItems(db, id),
      countBallots(db, id),
    ]);
    const key = (unitId: number, raterType: string) => `${unitId}|${raterType}`;
    const groupBy = new Map(groups.map((g) => [key(g.unit_id, g.rater_type), g]));
    const itemsBy = new Map<string, typeof items>();
    for (const row of items) {
      const k = key(row.unit_id, row.rater_type);
      const list = itemsBy.get(k);
      if (list) list.push(row);
      else itemsBy.set(k, [row]);
    }
    const rows = units.map((unit) => ({
      unitId: unit.id,
      code: unit.code,
      name: unit.name,
      nameEn: unit.name_en,
      groups: raterTypes.map(({ rater_type: raterType, min_count: minCount }) => {
        const group = groupBy.get(key(unit.id, raterType));
        const ballots = Number(group?.ballots ?? 0);
        const suppressed = ballots < minCount;
        return {
          raterType: raterType as RaterType,
          ballots,
          minCount,
          suppressed,
          mean: suppressed || !group ? null : round(Number(group.mean)),
          items: suppressed
            ? []
            : (itemsBy.get(key(unit.id, raterType)) ?? []).map((r) => ({ item: r.item, n: Number(r.n), mean: round(Number(r.mean)) })),
        };
      }),
    }));
    const { slug, name, status } = campaignSummary(campaign);
    return c.json({ campaign: { id, slug, name, status }, totalBallots: Number(total.n), units: rows }, 200);
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
