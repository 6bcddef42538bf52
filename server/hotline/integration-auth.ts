import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../app-deps.ts';
import { hmacHex } from '../crypto/hashing.ts';
import { AppError } from '../errors.ts';
import type { AppEnv } from '../http/app-env.ts';
import { clientAddress } from '../http/client-address.ts';
import { hitRateCounter, peekRateCounter } from '../limits/rate-counter.ts';
import { integrationSecretHash, looksLikeSecret } from './integration-secret.ts';
import { findBySecretHash, type IntegrationRow } from './integrations.repository.ts';

// `Authorization: Bearer <secret>` for the integration APIs. A caller is found by the SHA-256 of what it
// sends; a disabled integration is refused like an unknown secret. Wrong secrets are counted per network
// (under a keyed hash of its address, as every rate limit is): past FAILURES.max in the hour that network is
// refused 429 before any look-up, so guessing a 256-bit secret is not merely hopeless but also slow.

const FAILURE_SCOPE = 'integration-failures';
const FAILURES = { seconds: 3600, max: 30 };

const authenticated = new WeakMap<Request, IntegrationRow>();

/** The integration the request authenticated as, inside a handler behind requireIntegration. */
export function currentIntegration(c: { req: { raw: Request } }): IntegrationRow {
  const integration = authenticated.get(c.req.raw);
  if (!integration) throw refused();
  return integration;
}

/** Runs before the body is validated, so a caller without a valid secret learns nothing about the schema. */
export function requireIntegration(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const now = new Date();
    const key = hmacHex(deps.secret, `${FAILURE_SCOPE}:${clientAddress(c, deps.config.TRUST_PROXY)}`);
    if ((await peekRateCounter(deps.db, FAILURE_SCOPE, key, FAILURES, now)) >= FAILURES.max) {
      throw new AppError(429, 'too_many_requests', 'Too many wrong secrets from this network; try again in an hour.');
    }
    const secret = /^Bearer (\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    const row = looksLikeSecret(secret) ? await findBySecretHash(deps.db, integrationSecretHash(secret)) : undefined;
    if (!row || row.disabled_at !== null) {
      await hitRateCounter(deps.db, FAILURE_SCOPE, key, FAILURES, now);
      throw refused();
    }
    authenticated.set(c.req.raw, row);
    await next();
  };
}

function refused(): AppError {
  return new AppError(
    401,
    'integration_secret_invalid',
    'Send the header "Authorization: Bearer <secret>" with the secret of an enabled integration (the evaluation office creates and rotates them).',
  );
}
