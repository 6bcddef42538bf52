import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { AppError, notFound } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { LiveResultsCache } from './live-results-cache.ts';
import { countsOnly, liveResultsView, LiveResultsSchema } from './results-view.ts';
import type { LiveResults } from './results-view.ts';
import { findCampaignOr404 } from '../campaigns/campaign-loader.ts';
import { resultsOf, verifyResults } from './results.service.ts';
import { computeLiveCounts } from './live-counts.ts';

/**
 * From this many ballots a live result is reused for 4× the time it took (a few thousand superior and
 * peer ballots already take a quarter of a second, during which SQLite's one connection serves nothing
 * else). Decided by the data, not by a measured time, so a small campaign is always fresh.
 */
const LARGE_CAMPAIGN_BALLOTS = 5_000;

const denied = { 401: errorResponse('Not signed in'), 403: errorResponse('Not an administrator') };

const liveResultsRoute = createRoute({
  method: 'get',
  path: '/campaigns/{id}/results',
  tags: ['results'],
  summary:
    'Live results: composite, rank, grade and per rater type scores for administrators; counts only for everyone else. Groups below their minimum show only their count',
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: jsonResponse(LiveResultsSchema, 'Live results'),
    404: errorResponse('No such campaign'),
    409: errorResponse('The scoring settings cannot be used'),
  },
});

const VerifySchema = z
  .object({
    equal: z.boolean(),
    ballots: z.number(),
    differences: z.array(z.object({ path: z.string(), live: z.unknown(), recount: z.unknown() })),
    totalDifferences: z.number(),
    liveMs: z.number(),
    recountMs: z.number(),
  })
  .openapi('ResultsVerification');

const verifyRoute = createRoute({
  method: 'post',
  path: '/campaigns/{id}/results/verify',
  tags: ['results'],
  summary: 'Recounts every stored rating and compares with the live figures (audited). Slow on large campaigns',
  middleware: [requireRole('admin')] as const,
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: jsonResponse(VerifySchema, 'Whether the recount equals the live figures, and where not'),
    404: errorResponse('No such campaign'),
    409: errorResponse('The campaign is still open (results_after_close), or its scoring settings cannot be used'),
    ...denied,
  },
});

export function createResultRoutes(deps: AppDeps) {
  const live = new LiveResultsCache<LiveResults>(
    async (id) => {
      // On the read connection: a live reading never holds up a ballot's commit.
      const campaign = await findCampaignOr404(deps.readDb, id);
      return liveResultsView(await resultsOf({ ...deps, db: deps.readDb }, campaign, 'live'), new Date());
    },
    (results) => results.totalBallots >= LARGE_CAMPAIGN_BALLOTS,
  );
  // The counts shown while voting, shared the same way: screens that poll at once share one reading.
  const counts = new LiveResultsCache<LiveResults>(
    async (id) =>
      computeLiveCounts(deps.readDb, deps.questionnaires, await findCampaignOr404(deps.readDb, id), new Date()),
    (results) => results.totalBallots >= LARGE_CAMPAIGN_BALLOTS,
  );
  return createRouter()
    .openapi(liveResultsRoute, async (c) => {
      const id = c.req.valid('param').id;
      const admin = c.get('user')?.role === 'admin';
      const campaign = await findCampaignOr404(deps.readDb, id);
      // A draft is the office's work in progress: to anyone else it does not exist.
      if (campaign.status === 'draft' && !admin) throw notFound(`Campaign ${campaign.id}`);
      // While voting runs nobody sees a figure (decision 011), so only the counts are computed.
      if (campaign.status === 'open' || campaign.status === 'draft') {
        return c.json(await counts.get(id), 200);
      }
      const results = await live.get(id);
      return c.json(admin ? results : countsOnly(results), 200);
    })
    .openapi(verifyRoute, async (c) => {
      const campaign = await findCampaignOr404(deps.db, c.req.valid('param').id);
      // The recount's differences name figures: none may be read while voting runs (decision 011).
      if (campaign.status === 'open' || campaign.status === 'draft') {
        throw new AppError(
          409,
          'results_after_close',
          'Results are computed after the campaign closes; close it first.',
        );
      }
      const report = await verifyResults({ ...deps, db: deps.readDb }, campaign);
      const detail = { equal: report.equal, ballots: report.ballots, totalDifferences: report.totalDifferences };
      await recordAudit(deps.db, {
        actorUserId: currentUser(c).id,
        action: 'results_verified',
        entityType: 'campaign',
        entityId: campaign.id,
        detail,
      });
      return c.json({ ...report, differences: [...report.differences] }, 200);
    });
}
