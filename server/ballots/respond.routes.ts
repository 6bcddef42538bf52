import { createRoute, z } from '@hono/zod-openapi';
import { RATER_TYPES } from '../../scoring/rater-type.ts';
import type { AppDeps } from '../app-deps.ts';
import { parseKeyClass } from '../access/token-keys.ts';
import { findUnitById } from '../catalog/catalog.repository.ts';
import { clientAddress } from '../http/client-address.ts';
import { ProofOfWorkField } from '../limits/proof-of-work.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, JsonObjectSchema, jsonResponse } from '../http/schemas.ts';
import { codeSession, type BallotAccess, type CodeSession } from './ballot-access.ts';
import { submitBallot } from './ballot.service.ts';
import { notKept, openLimitOf, openRatingAccess, type RespondHooks } from './open-rating.ts';

const RatingSessionSchema = z
  .object({
    campaign: z.object({ id: z.number(), slug: z.string(), name: z.string(), nameEn: z.string(), endsAt: z.string() }),
    raterType: z.enum(RATER_TYPES),
    /** The unit being rated, for single-unit (service recipient) ballots; null when rating many units. */
    unit: z.object({ id: z.number(), code: z.string(), name: z.string(), nameEn: z.string() }).nullable(),
    questionnaire: z.object({ id: z.number(), definition: z.record(z.string(), z.unknown()) }),
    token: z
      .object({
        keyClass: z.string(),
        publicKey: z
          .string()
          .openapi({ description: 'SPKI, base64url: the RSA key (RFC 9474) to blind the token for' }),
        exchanged: z
          .boolean()
          .openapi({ description: 'The code was already exchanged: only the page holding its token can vote' }),
      })
      .nullable()
      .openapi({
        description: 'Code access: what the page needs to exchange the code for a token; null for open rating',
      }),
  })
  .openapi('RatingSession');

/** A code's session also names the unit a peer code's holder rates as: shown to them alone, never kept. */
const CodeRatingSessionSchema = RatingSessionSchema.extend({
  raterUnit: z.object({ name: z.string(), nameEn: z.string() }).nullable().openapi({
    description:
      "Peer codes: the holder's own unit, which they rate as (it is not among the units rated); null for other codes",
  }),
}).openapi('CodeRatingSession');

/** An open rating also says, when the page sent its device id, whether this device may still rate the unit. */
const OpenRatingSessionSchema = RatingSessionSchema.extend({
  openLimit: z
    .object({
      allowed: z.boolean().openapi({ description: 'Whether a ballot from this device and address would be taken now' }),
      reachedBy: z
        .enum(['device', 'address'])
        .nullable()
        .openapi({ description: 'The limit used up: per device and unit, or per address; null when allowed' }),
      retryAfterSeconds: z
        .number()
        .int()
        .nullable()
        .openapi({ description: "When that limit's window ends; null when allowed" }),
      perDevice: z.object({ max: z.number().int(), windowHours: z.number() }),
    })
    .nullable()
    .openapi({
      description:
        'Read without counting: opening the page uses up nothing, and POST /ballots still decides. Null without deviceId',
    }),
}).openapi('OpenRatingSession');

const refusals = {
  404: errorResponse('No such campaign, unit or code'),
  409: errorResponse('Not accepted now: not started, code spent or withdrawn'),
  410: errorResponse('The campaign has closed'),
  429: errorResponse('Too many attempts or ratings from this device or network'),
};

const openRatingRoute = createRoute({
  method: 'get',
  path: '/respond/open/{campaign}/{unit}',
  tags: ['respond'],
  summary: "Opens a service recipient's rating of one unit (the target of a QR code or link)",
  middleware: [notKept] as const,
  request: {
    params: z.object({
      campaign: z.string().min(1).max(64).openapi({ example: 'demo-2026' }),
      unit: z.string().min(1).max(64).openapi({ example: 'D01' }),
    }),
    query: z.object({
      deviceId: z
        .string()
        .min(8)
        .max(64)
        .optional()
        .openapi({ description: 'The random id the page keeps on the device, as sent with its ballots' }),
    }),
  },
  responses: {
    200: jsonResponse(OpenRatingSessionSchema, 'The questionnaire to answer, prepared for this unit'),
    403: errorResponse('The campaign takes ratings by access code only (answered when a deviceId is sent)'),
    ...refusals,
    410: errorResponse('The campaign has closed; `published` says whether its results are (at /p/{campaign})'),
  },
});

const codeRatingRoute = createRoute({
  method: 'post',
  path: '/respond/code',
  tags: ['respond'],
  summary:
    'Opens the rating an access code grants, without spending it; the page then exchanges the code for a token (POST /tokens)',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ code: z.string().min(1).max(32), proofOfWork: ProofOfWorkField }).strict(),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(CodeRatingSessionSchema, 'The questionnaire to answer, and whom a peer rates as'),
    400: errorResponse('Malformed request'),
    ...refusals,
  },
});

const SubmitSchema = z
  .object({
    campaignId: z.number().int().positive(),
    questionnaireId: z.number().int().positive(),
    submissionId: z.uuid().openapi({ description: 'Made by the client once per ballot; a retry sends the same id' }),
    answers: JsonObjectSchema,
    unitId: z
      .number()
      .int()
      .positive()
      .optional()
      .openapi({ description: 'Open rating: the unit from the QR code or link' }),
    token: z
      .object({
        keyClass: z.string().min(1).max(40),
        message: z
          .string()
          .min(1)
          .max(2000)
          .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url'),
        signature: z
          .string()
          .min(1)
          .max(2000)
          .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url'),
      })
      .strict()
      .optional()
      .openapi({ description: 'Code access: the token the code was exchanged for (never the code itself)' }),
    deviceId: z
      .string()
      .min(8)
      .max(64)
      .optional()
      .openapi({ description: 'Open rating: random id kept by the page on the device' }),
    fillSeconds: z
      .number()
      .min(0)
      .max(86_400)
      .optional()
      .openapi({ description: 'Time the rater took, measured by the page' }),
  })
  .strict()
  .openapi('BallotSubmission');

const ReceiptSchema = z
  .object({
    receipt: z.string(),
    replayed: z.boolean(),
    followup: z
      .object({
        code: z.string().openapi({ description: 'The follow-up code (4-4-4), for /f/{code}; stored nowhere in plain' }),
        sms: z.boolean().openapi({ description: 'An SMS will bring the code too (a mobile number was left)' }),
      })
      .optional()
      .openapi({ description: 'Only with a problem report: its follow-up code (decision 017)' }),
  })
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
    403: errorResponse('Open rating is switched off for this campaign, or the token is not valid'),
    422: errorResponse('Answers the questionnaire does not allow'),
    ...refusals,
  },
});

async function ratingSession(deps: AppDeps, access: BallotAccess, token: CodeSession['token'] | null) {
  const { campaign } = access;
  const unit = access.targetUnitId === null ? undefined : await findUnitById(deps.db, access.targetUnitId);
  return {
    campaign: {
      id: campaign.id,
      slug: campaign.slug,
      name: campaign.name,
      nameEn: campaign.name_en,
      endsAt: campaign.ends_at,
    },
    raterType: access.raterType,
    unit: unit ? { id: unit.id, code: unit.code, name: unit.name, nameEn: unit.name_en } : null,
    questionnaire: { id: access.questionnaireId, definition: access.prepared.definition as Record<string, unknown> },
    token,
  };
}

/** The unit a peer code's holder rates as, from the code's kind of token (`peer:{unit}`). */
async function raterUnitOf(deps: AppDeps, keyClass: string) {
  const grant = parseKeyClass(keyClass);
  if (grant?.raterType !== 'peer' || grant.unitId === null) return null;
  const unit = await findUnitById(deps.db, grant.unitId);
  return unit ? { name: unit.name, nameEn: unit.name_en } : null;
}

export function createRespondRoutes(deps: AppDeps, hooks: RespondHooks) {
  const trustProxy = deps.config.TRUST_PROXY;
  return createRouter()
    .openapi(openRatingRoute, async (c) => {
      const now = new Date();
      const access = await openRatingAccess(deps, hooks, c.req.valid('param'), c.get('user'), now);
      const client = { deviceId: c.req.valid('query').deviceId, address: clientAddress(c, trustProxy) };
      const openLimit = await openLimitOf(deps, access, client, now);
      return c.json({ ...(await ratingSession(deps, access, null)), openLimit }, 200);
    })
    .openapi(codeRatingRoute, async (c) => {
      const { code, proofOfWork } = c.req.valid('json');
      const attempt = { code, proofOfWork, address: clientAddress(c, trustProxy) };
      const session = await codeSession(deps, attempt, new Date());
      const opened = await ratingSession(deps, session.access, session.token);
      return c.json({ ...opened, raterUnit: await raterUnitOf(deps, session.token.keyClass) }, 200);
    })
    .openapi(submitRoute, async (c) => {
      const input = c.req.valid('json');
      const result = await submitBallot(deps, input, clientAddress(c, trustProxy), new Date());
      return c.json(result, result.replayed ? 200 : 201);
    });
}
