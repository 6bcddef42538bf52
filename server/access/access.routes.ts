import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { createCodeBatchRoutes } from './code-batches.routes.ts';
import { createPosterRoutes } from './posters.routes.ts';
import { createSmsRoutes } from './sms.routes.ts';
import { createTokenRoutes } from './tokens.routes.ts';

/**
 * Rater access: /campaigns/{id}/code-batches, /code-batches/{id}/void, /campaigns/{id}/units/{unitId}/qr.svg,
 * /campaigns/{id}/posters, /campaigns/{id}/sms-invitations and /tokens (a code exchanged for a blind-signed token).
 */
export function createAccessRoutes(deps: AppDeps) {
  return createRouter()
    .route('/', createCodeBatchRoutes(deps))
    .route('/', createPosterRoutes(deps))
    .route('/', createSmsRoutes(deps))
    .route('/', createTokenRoutes(deps));
}
