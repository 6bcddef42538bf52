import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { scrubAccessTraces } from './access/access-scrub.ts';
import { sealCampaignBallots } from './ballots/ballot-seal.ts';
import type { AppDeps } from './app-deps.ts';
import { createAuthRoutes } from './auth/auth.routes.ts';
import { createReportRoutes } from './reports/reports.routes.ts';
import { createPageReportRoutes } from './page-reports/page-reports.routes.ts';
import { createInboxRoutes } from './problem-inbox/inbox.routes.ts';
import { createFollowupRoutes } from './followups/followups.routes.ts';
import { createEvidenceRoutes, exceptEvidenceUpload } from './evidence/evidence.routes.ts';
import { createLedgerRoutes } from './ledger/ledger.routes.ts';
import { createProblemRoutes } from './problems/problems.routes.ts';
import { createProblemImportRoutes } from './problems/problem-import.routes.ts';
import { createProblemTypeRoutes } from './problems/problem-types.routes.ts';
import { createRectificationSettingsRoutes } from './problems/rectification-settings.routes.ts';
import { createWeeklyReportRoutes } from './weekly-reports/weekly-reports.routes.ts';
import { createVisitTargetTeamRoutes } from './visit-teams/visit-teams.routes.ts';
import { createVisitRoutes } from './visits/visits.routes.ts';
import { createWebhookRoutes } from './webhooks/webhooks.routes.ts';
import { createHotlineRoutes } from './hotline/hotline.routes.ts';
import { createVisitCoverageRoutes } from './visit-coverage/coverage.routes.ts';
import { drainUnreadBody, refuseUnusableHost } from './http/request-guards.ts';
import {
  requireJsonForWrites,
  routeAccessOf,
  SESSION_COOKIE,
  sessionMiddleware,
} from './sessions/session.middleware.ts';
import { createBallotRoutes } from './ballots/ballots.routes.ts';
import { respondentShellNames } from './ballots/open-rating.ts';
import { createCampaignRoutes } from './campaigns/campaigns.routes.ts';
import { createAccessRoutes } from './access/access.routes.ts';
import { createCatalogRoutes } from './catalog/catalog.routes.ts';
import { createErrorHandler, errorBody, validationHook } from './errors.ts';
import { createHealthRoutes } from './health/health.routes.ts';
import { createApiDocs } from './http/api-docs.ts';
import { buildOpenApiDocument } from './http/openapi-document.ts';
import type { AppEnv } from './http/app-env.ts';
import { securityHeaders } from './http/security-headers.ts';
import { mountClient } from './http/client-routes.ts';
import { createQuestionnaireRoutes } from './questionnaires/questionnaires.routes.ts';
import { createPublicationRoutes } from './publications/publications.routes.ts';
import { nextPublicationVersion } from './publications/publications.repository.ts';
import { createResultRoutes } from './results/results.routes.ts';

const MAX_BODY_BYTES = 1024 * 1024;

/** Builds the whole HTTP app. It opens no port: main.ts serves it, tests call app.request(). */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(createErrorHandler(deps.logger));
  app.use('*', refuseUnusableHost, securityHeaders());
  app.use('/api/*', drainUnreadBody(MAX_BODY_BYTES));

  // Results, publications and questionnaire definitions are large JSON: compress them for weak networks.
  app.use('/api/*', compress());
  // The evidence upload (photos, PDFs) has its own, larger limit and its own cross-site guard.
  app.use(
    '/api/*',
    exceptEvidenceUpload(
      bodyLimit({
        maxSize: MAX_BODY_BYTES,
        // The rest of the body is not read: say so with Connection: close, so that a client does not send its
        // next request on this connection and meet a reset when the server drops it.
        onError: (c) =>
          c.json(errorBody('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES} bytes.`), 413, {
            connection: 'close',
          }),
      }),
    ),
  );

  app.use('/api/*', sessionMiddleware(deps.db), exceptEvidenceUpload(requireJsonForWrites));

  // Closing (and archiving) a campaign scrubs what could link access to ballots and seals its ballots.
  const afterClose = async (id: number) => {
    await scrubAccessTraces(deps.db, deps.dialect, id);
    await sealCampaignBallots(deps, id);
  };
  // A closed campaign's QR page links to its results once they are published.
  const respondHooks = {
    resultsPublished: async (id: number) => (await nextPublicationVersion(deps.readDb, id)) > 1,
  };
  const api = app
    .route('/api', createHealthRoutes(deps))
    .route('/api', createAuthRoutes(deps))
    .route('/api', createCatalogRoutes(deps))
    .route('/api', createQuestionnaireRoutes(deps))
    .route('/api', createCampaignRoutes(deps, { afterClose }))
    .route('/api', createAccessRoutes(deps))
    .route('/api', createBallotRoutes(deps, respondHooks))
    .route('/api', createResultRoutes(deps))
    .route('/api', createPublicationRoutes(deps))
    .route('/api', createReportRoutes(deps))
    .route('/api', createPageReportRoutes(deps))
    .route('/api', createInboxRoutes(deps))
    .route('/api', createFollowupRoutes(deps))
    .route('/api', createEvidenceRoutes(deps))
    .route('/api', createLedgerRoutes(deps))
    .route('/api', createProblemRoutes(deps))
    .route('/api', createProblemTypeRoutes(deps))
    .route('/api', createRectificationSettingsRoutes(deps))
    .route('/api', createProblemImportRoutes(deps))
    .route('/api', createVisitCoverageRoutes(deps))
    .route('/api', createHotlineRoutes(deps))
    .route('/api', createWebhookRoutes(deps))
    .route('/api', createVisitRoutes(deps))
    .route('/api', createVisitTargetTeamRoutes(deps))
    .route('/api', createWeeklyReportRoutes(deps));

  // Built on first request, when every route is mounted (server/http/openapi-document.ts).
  let openApi: ReturnType<typeof buildOpenApiDocument> | undefined;
  app.get('/api/openapi.json', (c) =>
    c.json(
      (openApi ??= buildOpenApiDocument(app, {
        info: {
          title: 'Pingyi 评议 API',
          version: '0.1.0',
          description:
            'Three-way evaluation campaigns: units, campaigns, ballots and results. Errors always answer as {"error":{"code","message"}}.',
          license: { name: 'MIT', identifier: 'MIT' },
        },
        publicUrl: deps.config.PUBLIC_URL,
        sessionCookie: SESSION_COOKIE,
        maxBodyBytes: MAX_BODY_BYTES,
        accessOf: routeAccessOf,
      })),
    ),
  );
  app.route('/api/docs', createApiDocs());
  app.all('/api/*', (c) => c.json(errorBody('not_found', `No API endpoint ${c.req.method} ${c.req.path}.`), 404));

  if (deps.clientDir) {
    mountClient(app, {
      clientDir: deps.clientDir,
      publicUrl: deps.config.PUBLIC_URL,
      shellNames: async (campaign, unit) => {
        if (campaign.length > 64 || unit.length > 64) return null;
        return respondentShellNames(deps, campaign, unit).catch((error: unknown) => {
          deps.logger.warn('respondent shell without names', { error: String(error) });
          return null;
        });
      },
    });
  }
  app.notFound((c) => c.json(errorBody('not_found', `Nothing at ${c.req.path}.`), 404));
  return api;
}

export type AppType = ReturnType<typeof createApp>;
