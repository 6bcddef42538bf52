import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { assertAcceptingBallots } from '../campaigns/campaign-window.ts';
import { campaignSummary } from '../campaigns/campaigns.routes.ts';
import { findCampaignBySlug, findCampaignUnit, findRaterTypeQuestionnaire } from '../campaigns/campaigns.repository.ts';
import { findUnitByCode } from '../catalog/catalog.repository.ts';
import { AppError, notFound } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, jsonResponse } from '../http/schemas.ts';
import { submitOpenBallot } from './ballot.service.ts';

const OpenRatingSchema = z
  .object({
    campaign: z.object({ id: z.number(), slug: z.string(), name: z.string(), nameEn: z.string(), endsAt: z.string() }),
    unit: z.object({ id: z.number(), code: z.string(), name: z.string(), nameEn: z.string() }),
    raterType: z.literal('recipient'),
    questionnaire: z.object({ id: z.number(), definition: z.record(z.string(), z.unknown()) }),
  })
  .openapi('OpenRating');

const openRatingRoute = createRoute({
  method: 'get',
  path: '/respond/open/{campaign}/{unit}',
  tags: ['respond'],
  summary: "Opens a service recipient's rating of one unit (the target of a QR code or link)",
  request: {
    params: z.object({
      campaign: z.string().min(1).max(64).openapi({ example: 'demo-2026' }),
      unit: z.string().min(1).max(64).openapi({ example: 'D01' }),
    }),
  },
  responses: {
    200: jsonResponse(OpenRatingSchema, 'The questionnaire to answer, prepared for this unit'),
    404: errorResponse('No such campaign or unit'),
    409: errorResponse('The campaign has not started'),
    410: errorResponse('The campaign has closed'),
  },
});

const SubmitSchema = z
  .object({
    campaignId: z.number().int().positive(),
    unitId: z.number().int().positive(),
    questionnaireId: z.number().int().positive(),
    submissionId: z.uuid().openapi({ description: 'Made by the client once per ballot; a retry sends the same id' }),
    answers: z.record(z.string(), z.unknown()),
  })
  .strict()
  .openapi('OpenBallot');

const ReceiptSchema = z
  .object({ receipt: z.string(), replayed: z.boolean() })
  .openapi('BallotReceipt');

const submitRoute = createRoute({
  method: 'post',
  path: '/ballots',
  tags: ['respond'],
  summary: 'Submits a ballot; idempotent by submissionId',
  request: { body: { content: { 'application/json': { schema: SubmitSchema } }, required: true } },
  responses: {
    201: jsonResponse(ReceiptSchema, 'Accepted and stored'),
    200: jsonResponse(ReceiptSchema, 'Already accepted earlier (a retry): nothing new was stored'),
    400: errorResponse('The request is malformed'),
    404: errorResponse('No such campaign or unit'),
    409: errorResponse('Not accepted now (not started, questionnaire changed)'),
    410: errorResponse('The campaign has closed'),
    422: errorResponse('Answers the questionnaire does not allow'),
  },
});

export function createBallotRoutes(deps: AppDeps) {
  const { db } = deps;
  return createRouter()
    .openapi(openRatingRoute, async (c) => {
      const params = c.req.valid('param');
      const campaign = await findCampaignBySlug(db, params.campaign);
      if (!campaign) throw notFound(`Campaign "${params.campaign}"`);
      assertAcceptingBallots(campaign, new Date());
      const unit = await findUnitByCode(db, params.unit);
      const inScope = unit && (await findCampaignUnit(db, campaign.id, unit.id));
      if (!unit || !inScope) throw notFound(`Unit "${params.unit}" in this campaign`);
      const questionnaire = await findRaterTypeQuestionnaire(db, campaign.id, 'recipient');
      if (!questionnaire) throw new AppError(409, 'rater_type_not_in_campaign', 'This campaign takes no service-recipient ratings.');
      const prepared = deps.questionnaires.get(questionnaire, { targetUnitId: unit.id }, `open:${unit.id}`);
      const { id, slug, name, nameEn, endsAt } = campaignSummary(campaign);
      return c.json(
        {
          campaign: { id, slug, name, nameEn, endsAt },
          unit: { id: unit.id, code: unit.code, name: unit.name, nameEn: unit.name_en },
          raterType: 'recipient' as const,
          questionnaire: { id: questionnaire.id, definition: prepared.definition as Record<string, unknown> },
        },
        200,
      );
    })
    .openapi(submitRoute, async (c) => {
      const input = c.req.valid('json');
      const result = await submitOpenBallot(deps, input, new Date());
      return c.json(result, result.replayed ? 200 : 201);
    });
}
