import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { createParticipationRoutes } from './participation.routes.ts';
import type { RespondHooks } from './open-rating.ts';
import { createRespondRoutes } from './respond.routes.ts';
import { createReviewRoutes } from './review.routes.ts';

/**
 * Ballots: /respond/open/{campaign}/{unit}, /respond/code, /ballots, /ballots/{id}/review,
 * /campaigns/{id}/flagged-ballots and /campaigns/{id}/participation.
 */
export function createBallotRoutes(deps: AppDeps, hooks: RespondHooks) {
  return createRouter()
    .route('/', createRespondRoutes(deps, hooks))
    .route('/', createReviewRoutes(deps))
    .route('/', createParticipationRoutes(deps));
}
