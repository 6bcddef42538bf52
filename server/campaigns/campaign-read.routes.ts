import { createRoute, z } from '@hono/zod-openapi';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import type { Campaign } from '../db/schema.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { CampaignSummarySchema } from './campaign-admin.schemas.ts';
import { findVisibleCampaignOr404, loadCampaign } from './campaign-loader.ts';
import { listCampaigns } from './campaigns.repository.ts';

const CampaignSchema = CampaignSummarySchema.extend({
  raterTypes: z.array(
    z.object({
      raterType: z.enum(RATER_TYPES),
      questionnaireId: z.number(),
      minCount: z.number(),
    }),
  ),
  units: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      categoryId: z.number().nullable(),
    }),
  ),
}).openapi('Campaign');

export function campaignSummary(row: Campaign) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    nameEn: row.name_en,
    status: row.status,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
  };
}

const listRoute = createRoute({
  method: 'get',
  path: '/campaigns',
  tags: ['campaigns'],
  summary: 'Evaluation campaigns (评议活动), newest first; drafts only for administrators',
  responses: { 200: jsonResponse(z.object({ campaigns: z.array(CampaignSummarySchema) }), 'All campaigns') },
});

const getRoute = createRoute({
  method: 'get',
  path: '/campaigns/{id}',
  tags: ['campaigns'],
  summary: 'One campaign with its rater types and the units it rates',
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: jsonResponse(CampaignSchema, 'The campaign'),
    404: errorResponse('No such campaign'),
  },
});

export function createCampaignReadRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      // Drafts are the office's work in progress: only administrators see them.
      const admin = c.get('user')?.role === 'admin';
      const rows = (await listCampaigns(db)).filter((row) => admin || row.status !== 'draft');
      return c.json({ campaigns: rows.map(campaignSummary) }, 200);
    })
    .openapi(getRoute, async (c) => {
      const { id } = c.req.valid('param');
      const campaign = await findVisibleCampaignOr404(db, id, c.get('user'));
      const { raterTypes, units } = await loadCampaign(db, campaign);
      return c.json(
        {
          ...campaignSummary(campaign),
          raterTypes: raterTypes.map((r) => ({
            raterType: r.raterType,
            questionnaireId: r.questionnaire.id,
            minCount: r.minCount,
          })),
          units: units.map((u) => ({
            id: u.id,
            code: u.code,
            name: u.name,
            nameEn: u.nameEn,
            categoryId: u.categoryId,
          })),
        },
        200,
      );
    });
}
