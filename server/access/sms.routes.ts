import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { findCampaign } from '../campaigns/campaigns.repository.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { issueCodeBatch } from './code-batches.service.ts';

const PHONE = /^\+?[0-9][0-9 -]{5,19}$/;

const smsRoute = createRoute({
  method: 'post',
  path: '/campaigns/{id}/sms-invitations',
  tags: ['access'],
  summary:
    'Sends each service recipient a one-time code bound to the unit that served them (phone numbers are not stored)',
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
              phones: z.array(z.string().regex(PHONE, 'not a phone number')).min(1).max(1000),
            })
            .strict(),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(z.object({ batchId: z.number(), sent: z.number(), provider: z.string() }), 'Sent'),
    400: errorResponse('Malformed request'),
    404: errorResponse('No such campaign'),
    409: errorResponse('Campaign closed, or it takes no service-recipient ratings'),
    422: errorResponse('Unit not in the campaign'),
    401: errorResponse('Not signed in'),
    403: errorResponse('Not an administrator'),
  },
});

export function createSmsRoutes(deps: AppDeps) {
  return createRouter().openapi(smsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { unitId, phones } = c.req.valid('json');
    const actor = currentUser(c).id;
    const batch = await issueCodeBatch(
      deps,
      actor,
      id,
      {
        raterType: 'recipient',
        targetUnitId: unitId,
        count: phones.length,
        label: `SMS ${new Date().toISOString().slice(0, 10)}`,
      },
      new Date(),
    );
    const campaign = await findCampaign(deps.db, id);
    const link = deps.config.PUBLIC_URL ? `${deps.config.PUBLIC_URL}/code` : '';
    // Which phone got which code is known only in this loop: neither is stored together.
    await Promise.all(
      phones.map((phone, i) =>
        deps.sms.send(
          phone,
          `【${campaign?.name ?? '评议'}】您的评议码：${batch.codes[i]}，请对为您办事的单位作出评价。${link}`,
        ),
      ),
    );
    await recordAudit(deps.db, {
      actorUserId: actor,
      action: 'sms_invitations',
      entityType: 'code_batch',
      entityId: batch.batchId,
      detail: { count: phones.length, provider: deps.sms.name },
    });
    return c.json({ batchId: batch.batchId, sent: phones.length, provider: deps.sms.name }, 200);
  });
}
