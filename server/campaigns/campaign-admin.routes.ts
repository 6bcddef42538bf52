import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { createRouter } from '../http/router.ts';
import type { ZodError } from 'zod';
import { AppError, describeZodError } from '../errors.ts';
import { ADMIN_ERRORS, errorResponse, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import {
  CampaignConfigSchema,
  CampaignIdParams,
  CreateCampaignBody,
  DEFAULT_MIN_COUNTS,
  SetCategoriesBody,
  SetRaterTypesBody,
  SetUnitsBody,
  SettingsErrorSchema,
  UpdateCampaignBody,
} from './campaign-admin.schemas.ts';
import {
  createDraftCampaign,
  setCampaignRaterTypes,
  setCampaignUnits,
  setUnrankedCategories,
  updateCampaign,
} from './campaign-draft.service.ts';
import { archiveCampaign, closeCampaign, openCampaign, type LifecycleHooks } from './campaign-lifecycle.service.ts';
import { loadCampaignConfig } from './campaign-config-view.ts';
import { CampaignSettingsSchema } from './campaign-settings.ts';
import { MOVED_TO, settingMoved, type MovedTo } from './moved-settings.ts';

// The office's side of campaigns (admin only): create and configure a draft, then open, close, archive.

const params = CampaignIdParams;
const jsonBody = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const config = (description: string) => jsonResponse(CampaignConfigSchema, description);
const notFoundResponse = errorResponse('No such campaign');
const frozenResponse = errorResponse(
  'The campaign is no longer a draft (campaign_frozen); the message says what is still allowed',
);

const getRoute = createRoute({
  method: 'get',
  path: '/admin/campaigns/{id}',
  tags: ['campaign admin'],
  summary: "A campaign's whole configuration for the office's console, with what still stops a draft from opening",
  middleware: [requireRole('admin')] as const,
  request: { params },
  responses: {
    200: config('The configuration'),
    400: errorResponse('The id is not a positive whole number'),
    404: notFoundResponse,
    ...ADMIN_ERRORS,
  },
});

const createCampaignRoute = createRoute({
  method: 'post',
  path: '/campaigns',
  tags: ['campaign admin'],
  summary: 'Creates a draft campaign',
  middleware: [requireRole('admin')] as const,
  request: { body: jsonBody(CreateCampaignBody) },
  responses: {
    201: config('The new draft'),
    409: errorResponse('The slug is taken (slug_taken)'),
    422: jsonResponse(
      SettingsErrorSchema,
      'The window does not start before it ends (invalid_window), or a setting was sent to the place it moved ' +
        'from (setting_moved; `problems` names each with its path and where it lives now)',
    ),
    ...WRITE_ERRORS,
  },
});

const updateRoute = createRoute({
  method: 'patch',
  path: '/campaigns/{id}',
  tags: ['campaign admin'],
  summary: 'Edits a draft, its settings by merge patch (RFC 7396); extends the end date of an open campaign (audited)',
  middleware: [requireRole('admin')] as const,
  request: { params, body: jsonBody(UpdateCampaignBody) },
  responses: {
    200: config('The campaign after the change'),
    404: notFoundResponse,
    409: errorResponse(
      'Frozen (campaign_frozen: not a draft, or an end date that is not later) or the slug is taken (slug_taken)',
    ),
    422: jsonResponse(
      SettingsErrorSchema,
      'The window does not start before it ends (invalid_window), the settings after the merge patch would not ' +
        'be valid (invalid_settings; `problems` names each with its path), or a setting was sent to the place it ' +
        'moved from (setting_moved, e.g. scoring.minimumBallots: `problems` says where each lives now)',
    ),
    ...WRITE_ERRORS,
  },
});

const unitsRoute = createRoute({
  method: 'put',
  path: '/campaigns/{id}/units',
  tags: ['campaign admin'],
  summary: "Sets a draft's scope: the units it rates, each with its current category snapshotted",
  middleware: [requireRole('admin')] as const,
  request: { params, body: jsonBody(SetUnitsBody) },
  responses: {
    200: config('The campaign with its new scope'),
    404: notFoundResponse,
    409: frozenResponse,
    422: errorResponse('Unknown or inactive units, all named (invalid_units)'),
    ...WRITE_ERRORS,
  },
});

const categoriesRoute = createRoute({
  method: 'put',
  path: '/campaigns/{id}/categories',
  tags: ['campaign admin'],
  summary: 'Chooses which categories in scope are only rated, not ranked (the rest are ranked)',
  middleware: [requireRole('admin')] as const,
  request: { params, body: jsonBody(SetCategoriesBody) },
  responses: {
    200: config('The campaign with its ranked and unranked categories'),
    404: notFoundResponse,
    409: frozenResponse,
    422: errorResponse('A category no unit in scope belongs to (category_not_in_scope)'),
    ...WRITE_ERRORS,
  },
});

const raterTypesRoute = createRoute({
  method: 'put',
  path: '/campaigns/{id}/rater-types',
  tags: ['campaign admin'],
  summary: 'Sets the rater types taking part, the questionnaire each answers and its anonymity threshold',
  middleware: [requireRole('admin')] as const,
  request: { params, body: jsonBody(SetRaterTypesBody) },
  responses: {
    200: config('The campaign with its rater types'),
    404: notFoundResponse,
    409: frozenResponse,
    422: errorResponse('Unknown questionnaires or ones written for another rater type (invalid_rater_types)'),
    ...WRITE_ERRORS,
  },
});

const transitionRoute = <A extends 'open' | 'close' | 'archive'>(
  action: A,
  summary: string,
  extra: Record<number, ReturnType<typeof errorResponse>> = {},
) =>
  createRoute({
    method: 'post',
    path: `/campaigns/{id}/${action}` as `/campaigns/{id}/${A}`,
    tags: ['campaign admin'],
    summary,
    middleware: [requireRole('admin')] as const,
    request: { params },
    responses: {
      200: config('The campaign in its new status'),
      400: errorResponse('The id is not a positive whole number'),
      404: notFoundResponse,
      409: errorResponse('Not allowed from the current status, which the message names (invalid_transition)'),
      415: errorResponse('A signed-in write that is not application/json'),
      ...extra,
      ...ADMIN_ERRORS,
    },
  });

const openRoute = transitionRoute('open', 'Opens a complete draft and freezes its configuration (audited)', {
  422: errorResponse('The campaign is incomplete; the message lists every problem at once (campaign_incomplete)'),
});
const closeRoute = transitionRoute('close', 'Closes an open campaign and scrubs its access traces (audited)');
const ArchiveBodySchema = z
  .object({
    withoutPublishing: z.boolean().optional().openapi({
      description:
        'Archive a closed campaign whose results were never published. An archived campaign is read-only: it can never be published afterwards.',
    }),
  })
  .strict()
  .openapi('ArchiveRequest');

const archiveRoute = createRoute({
  ...transitionRoute('archive', 'Archives a published campaign, or a closed one with withoutPublishing (audited)', {
    422: errorResponse('The body is not { withoutPublishing?: boolean } (invalid_request)'),
  }),
  request: { params, body: { content: { 'application/json': { schema: ArchiveBodySchema } }, required: false } },
});

const MOVED: ReadonlySet<string> = new Set(MOVED_TO);

/**
 * The create route's validation: a setting in its old place is the same 422 setting_moved a PATCH gets
 * (SettingsInputSchema marks those issues); every other schema failure is the usual 400.
 */
function createValidationHook(
  result: { success: true } | { success: false; error: ZodError; target: string },
): undefined {
  if (!result.success) {
    const moved = result.error.issues.flatMap((issue) => {
      const params = issue.code === 'custom' ? (issue.params ?? {}) : {};
      const movedTo = params['movedTo'];
      if (params['code'] !== 'setting_moved' || typeof movedTo !== 'string' || !MOVED.has(movedTo)) return [];
      const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
      return [{ path, movedTo: movedTo as MovedTo, message: issue.message }];
    });
    if (moved.length > 0) throw settingMoved(moved);
    // The same answer as every other route's validation (validationHook in server/errors.ts).
    throw new AppError(400, 'invalid_request', describeZodError(result.error, result.target));
  }
  return undefined;
}

export function createCampaignAdminRoutes(deps: AppDeps, hooks: LifecycleHooks) {
  const { db } = deps;
  const actorOf = (c: Parameters<typeof currentUser>[0]) => ({ userId: currentUser(c).id });
  return createRouter()
    .openapi(getRoute, async (c) => c.json(await loadCampaignConfig(db, c.req.valid('param').id, new Date()), 200))
    .openapi(
      createCampaignRoute,
      async (c) => {
        const { settings, ...fields } = c.req.valid('json');
        const now = new Date();
        const id = await createDraftCampaign(
          deps,
          { ...fields, settings: settings ?? CampaignSettingsSchema.parse({}) },
          actorOf(c),
          now,
        );
        return c.json(await loadCampaignConfig(db, id, now), 201);
      },
      createValidationHook,
    )
    .openapi(updateRoute, async (c) => {
      const { id } = c.req.valid('param');
      const now = new Date();
      await updateCampaign(deps, id, c.req.valid('json'), actorOf(c), now);
      return c.json(await loadCampaignConfig(db, id, now), 200);
    })
    .openapi(unitsRoute, async (c) => {
      const { id } = c.req.valid('param');
      const now = new Date();
      await setCampaignUnits(deps, id, c.req.valid('json').unitIds, actorOf(c), now);
      return c.json(await loadCampaignConfig(db, id, now), 200);
    })
    .openapi(categoriesRoute, async (c) => {
      const { id } = c.req.valid('param');
      const now = new Date();
      await setUnrankedCategories(deps, id, c.req.valid('json').unrankedCategoryIds, actorOf(c), now);
      return c.json(await loadCampaignConfig(db, id, now), 200);
    })
    .openapi(raterTypesRoute, async (c) => {
      const { id } = c.req.valid('param');
      const now = new Date();
      const raterTypes = c.req
        .valid('json')
        .raterTypes.map((r) => ({ ...r, minCount: r.minCount ?? DEFAULT_MIN_COUNTS[r.raterType] }));
      await setCampaignRaterTypes(deps, id, raterTypes, actorOf(c), now);
      return c.json(await loadCampaignConfig(db, id, now), 200);
    })
    .openapi(openRoute, async (c) => {
      const { id } = c.req.valid('param');
      const now = new Date();
      await openCampaign(deps, id, actorOf(c), now);
      return c.json(await loadCampaignConfig(db, id, now), 200);
    })
    .openapi(closeRoute, async (c) => {
      const { id } = c.req.valid('param');
      const now = new Date();
      await closeCampaign(deps, hooks, id, actorOf(c), now);
      return c.json(await loadCampaignConfig(db, id, now), 200);
    })
    .openapi(archiveRoute, async (c) => {
      const { id } = c.req.valid('param');
      const now = new Date();
      const { withoutPublishing = false } = c.req.valid('json');
      await archiveCampaign(deps, hooks, id, actorOf(c), now, { withoutPublishing });
      return c.json(await loadCampaignConfig(db, id, now), 200);
    });
}
