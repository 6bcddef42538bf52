import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { createCampaignAdminRoutes } from './campaign-admin.routes.ts';
import type { LifecycleHooks } from './campaign-lifecycle.service.ts';
import { createCampaignReadRoutes } from './campaign-read.routes.ts';

/**
 * Campaigns: /campaigns and /campaigns/{id} (read), /admin/campaigns/{id}, and the office's writes
 * /campaigns/{id}/units, /categories, /rater-types, /open, /close and /archive. The sub-resources under
 * /campaigns/{id}/ (codes, ballots, results, publications) belong to their own folders.
 */
export function createCampaignRoutes(deps: AppDeps, hooks: LifecycleHooks) {
  return createRouter().route('/', createCampaignReadRoutes(deps)).route('/', createCampaignAdminRoutes(deps, hooks));
}
