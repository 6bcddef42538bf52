import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findCampaignOr404, loadCampaign, unitInScope } from '../campaigns/campaign-loader.ts';
import type { SmsTemplateParam } from '../config.ts';
import { AppError } from '../errors.ts';
import { publicUrlMissing } from '../http/public-url.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { issueCodeBatch, voidUndeliveredCodes } from './code-batches.service.ts';
import { maskPhone, sendEach, toE164 } from './sms-message.ts';

const SMS_CONCURRENCY = 4;

const SmsInvitationsSchema = z
  .object({
    batchId: z.number(),
    sent: z.number().openapi({ description: 'Messages the gateway accepted' }),
    notSent: z
      .array(
        z.object({
          phone: z.string().openapi({ example: '138****8000' }),
          reason: z.string().openapi({ example: 'LimitExceeded.PhoneNumberDailyLimit' }),
        }),
      )
      .openapi({ description: 'Numbers the gateway did not send to (masked); their codes are voided' }),
    gateway: z.string().openapi({ example: 'tencent' }),
  })
  .openapi('SmsInvitations');

const smsRoute = createRoute({
  method: 'post',
  path: '/campaigns/{id}/sms-invitations',
  tags: ['access'],
  summary:
    'Texts each service recipient a one-time code bound to the unit that served them (phone numbers are not stored)',
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: IdParam }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              unitId: z.number().int().positive(),
              phones: z
                .array(z.string().max(40))
                .min(1)
                .max(1000)
                .openapi({ description: '11-digit mainland mobiles (sent as +86…) or E.164 numbers (+…)' }),
              label: z
                .string()
                .trim()
                .max(100)
                .optional()
                .openapi({
                  description:
                    "The batch's name, as the office will see it in lists and on sheets; the console sends one in its own " +
                    'language. Default: "SMS" and the date',
                  example: '短信 2026-12-01',
                }),
            })
            .strict(),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(SmsInvitationsSchema, 'Sent what the gateway accepted; the codes of the rest are voided'),
    400: errorResponse('Malformed request, or a line that is not a phone number (invalid_phone)'),
    404: errorResponse('No such campaign'),
    409: errorResponse(
      'No SMS gateway configured (sms_not_configured), the template needs PUBLIC_URL and it is unset (public_url_missing), campaign closed, or it takes no service-recipient ratings',
    ),
    422: errorResponse('Unit not in the campaign'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not an administrator'),
  },
});

/** The phones as E.164, or a 400 naming the lines (never the numbers) that are wrong or repeated. */
function phonesOrRefuse(lines: readonly string[]): string[] {
  const phones = lines.map(toE164);
  const bad = phones.flatMap((phone, i) => (phone === null ? [i + 1] : []));
  if (bad.length > 0) {
    throw new AppError(
      400,
      'invalid_phone',
      `Line(s) ${bad.slice(0, 10).join(', ')}${bad.length > 10 ? ' …' : ''} are not phone numbers: write an 11-digit mainland mobile (13800138000) or an international number with + (+85291234567). No code was issued.`,
    );
  }
  const seen = new Set<string>();
  const repeated = phones.flatMap((phone, i) => (seen.has(phone!) ? [i + 1] : (seen.add(phone!), [])));
  if (repeated.length > 0) {
    throw new AppError(
      400,
      'invalid_phone',
      `Line(s) ${repeated.slice(0, 10).join(', ')}${repeated.length > 10 ? ' …' : ''} repeat an earlier number: one person gets one code. No code was issued.`,
    );
  }
  return phones as string[];
}

/** What fills the template's {1}, {2}…, in the order SMS_TEMPLATE_PARAMS gives. */
async function templateValues(
  deps: AppDeps,
  campaignId: number,
  unitId: number,
  order: readonly SmsTemplateParam[],
): Promise<Omit<Record<SmsTemplateParam, string>, 'code'>> {
  const values = { url: '', campaign: '', unit: '' };
  if (order.includes('url')) values.url = `${deps.config.PUBLIC_URL}/code`;
  if (order.includes('campaign') || order.includes('unit')) {
    const loaded = await loadCampaign(deps.db, await findCampaignOr404(deps.db, campaignId));
    values.campaign = loaded.campaign.name;
    values.unit = unitInScope(loaded, unitId)?.name ?? '';
  }
  return values;
}

export function createSmsRoutes(deps: AppDeps) {
  return createRouter().openapi(smsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { unitId, phones: lines, label } = c.req.valid('json');
    const actor = currentUser(c).id;
    const sms = deps.sms;
    if (!sms) {
      throw new AppError(
        409,
        'sms_not_configured',
        'No SMS gateway is configured (SMS_PROVIDER, see docs/deploy.md): nothing was sent and no codes were issued.',
      );
    }
    const phones = phonesOrRefuse(lines);
    const order = deps.config.SMS_TEMPLATE_PARAMS;
    if (order.includes('url') && !deps.config.PUBLIC_URL) throw publicUrlMissing();
    const batch = await issueCodeBatch(
      deps,
      actor,
      id,
      {
        raterType: 'recipient',
        targetUnitId: unitId,
        count: phones.length,
        label: label || `SMS ${new Date().toISOString().slice(0, 10)}`,
      },
      new Date(),
    );
    const values = await templateValues(deps, id, unitId, order);
    // Which phone got which code is known only here: neither is stored, and they are never stored together.
    const messages = phones.map((phone, i) => ({
      phone,
      params: order.map((name) => (name === 'code' ? batch.codes[i]! : values[name])),
    }));
    const results = await sendEach(sms, messages, SMS_CONCURRENCY);
    const notSent = results.flatMap((result, i) =>
      result.sent ? [] : [{ phone: maskPhone(phones[i]!), reason: result.reason, code: batch.codes[i]! }],
    );
    // A code whose message did not go out must open nothing: nobody holds it, and it would count as unused.
    const voided = await voidUndeliveredCodes(
      deps,
      batch.batchId,
      notSent.map((n) => n.code),
    );
    const sent = phones.length - notSent.length;
    await recordAudit(deps.db, {
      actorUserId: actor,
      action: 'sms_invitations',
      entityType: 'code_batch',
      entityId: batch.batchId,
      detail: { requested: phones.length, sent, notSent: notSent.length, voided, gateway: sms.name },
    });
    deps.logger.info('sms invitations', { batchId: batch.batchId, sent, notSent: notSent.length, gateway: sms.name });
    return c.json(
      {
        batchId: batch.batchId,
        sent,
        notSent: notSent.map(({ phone, reason }) => ({ phone, reason })),
        gateway: sms.name,
      },
      200,
    );
  });
}
