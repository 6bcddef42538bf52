import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { clientAddress } from '../http/client-address.ts';
import { ProofOfWorkField } from '../limits/proof-of-work.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, jsonResponse } from '../http/schemas.ts';
import { exchangeCodeForToken } from './token-exchange.service.ts';

const Base64Url = z
  .string()
  .min(1)
  .max(2000)
  .regex(/^[A-Za-z0-9_-]+$/, 'must be base64url');

const exchangeRoute = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['respond'],
  summary:
    'Spends an access code for a blind signature on a token the server never sees (RFC 9474); the ballot later carries the token, not the code',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              code: z.string().min(1).max(32),
              proofOfWork: ProofOfWorkField,
              blindedMessage: Base64Url.openapi({
                description: 'The blinded token, as @cloudflare/blindrsa-ts makes it',
              }),
            })
            .strict()
            .openapi('TokenRequest'),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          keyClass: z.string(),
          blindSignature: z
            .string()
            .openapi({ description: 'base64url; the page unblinds it into its token’s signature' }),
          replayed: z.boolean().openapi({ description: 'The same blinded token was signed before (a retry)' }),
        })
        .openapi('TokenIssued'),
      'Signed: the code is spent',
    ),
    400: errorResponse('Malformed request, or a blinded message that cannot be signed'),
    404: errorResponse('No such code'),
    409: errorResponse('The code is spent (for another token) or withdrawn, or the campaign has not started'),
    410: errorResponse('The campaign has closed'),
    429: errorResponse('Too many wrong codes from this network'),
  },
});

export function createTokenRoutes(deps: AppDeps) {
  const trustProxy = deps.config.TRUST_PROXY;
  return createRouter().openapi(exchangeRoute, async (c) => {
    const body = c.req.valid('json');
    const attempt = { code: body.code, proofOfWork: body.proofOfWork, address: clientAddress(c, trustProxy) };
    const exchange = await exchangeCodeForToken(deps, attempt, body.blindedMessage, new Date());
    return c.json(exchange, 200);
  });
}
