import { createRoute, z } from '@hono/zod-openapi';
import { DEFAULT_TEMPLATES } from '../../surveys/templates/default-templates.ts';
import type { AppDeps } from '../app-deps.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import type { Definition } from './definition-check.ts';
import { previewAnswers, previewDefinition } from './questionnaire-preview.ts';
import {
  CopyBodySchema,
  CreateBodySchema,
  DEFINITION_REFUSED,
  DefinitionSchema,
  DetailSchema,
  EditBodySchema,
  EditResultSchema,
  ImportQuerySchema,
  ListQuerySchema,
  PreviewBodySchema,
  PreviewDefinitionQuerySchema,
  PreviewResultSchema,
  QuestionnaireIdParam,
  READ_ERRORS,
  SummarySchema,
} from './questionnaires.schemas.ts';
import {
  copyQuestionnaire,
  createFamily,
  editQuestionnaire,
  getQuestionnaire,
  listQuestionnaires,
} from './questionnaires.service.ts';

const tags = ['questionnaires'];
const params = z.object({ id: QuestionnaireIdParam });
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const NOT_FOUND = errorResponse('No such questionnaire');
const CONFLICT = errorResponse(
  'Another change to the same family was saved at the same moment (version_conflict); retry',
);

const listRoute = createRoute({
  method: 'get',
  path: '/questionnaires',
  tags,
  summary: 'Questionnaires (问卷): the latest version of each family, or every version of one family',
  middleware: [requireRole('admin')] as const,
  request: { query: ListQuerySchema },
  responses: {
    200: jsonResponse(
      z.object({ questionnaires: z.array(SummarySchema) }),
      'Newest family first, or versions newest first',
    ),
    ...READ_ERRORS,
    404: errorResponse('No such family'),
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/questionnaires/{id}',
  tags,
  summary: 'One version with its definition, its scored items and the campaigns that use it',
  middleware: [requireRole('admin')] as const,
  request: { params },
  responses: { 200: jsonResponse(DetailSchema, 'The version'), ...READ_ERRORS, 404: NOT_FOUND },
});

const createRouteDef = createRoute({
  method: 'post',
  path: '/questionnaires',
  tags,
  summary: 'Creates a questionnaire family (version 1) from a SurveyJS definition or a default template',
  description:
    'Send `{ "template": "superior" | "peer" | "recipient" }` to start from a default template, or `{ "definition": {…}, "raterType": … }`. ' +
    'The definition must be valid SurveyJS the server can check and score; superior and peer questionnaires score only inside unit-row matrices (pyUnitRows), recipient questionnaires have none.',
  middleware: [requireRole('admin')] as const,
  request: { body: json(CreateBodySchema) },
  responses: { 201: jsonResponse(DetailSchema, 'Created'), ...WRITE_ERRORS, 409: CONFLICT, 422: DEFINITION_REFUSED },
});

const importRoute = createRoute({
  method: 'post',
  path: '/questionnaires/import',
  tags,
  summary: 'Imports a raw SurveyJS definition as a new family (version 1)',
  description:
    'The whole body is the SurveyJS JSON; who answers it and its title go in the query. The same checks as creating.',
  middleware: [requireRole('admin')] as const,
  request: { query: ImportQuerySchema, body: json(DefinitionSchema) },
  responses: { 201: jsonResponse(DetailSchema, 'Imported'), ...WRITE_ERRORS, 409: CONFLICT, 422: DEFINITION_REFUSED },
});

const editRoute = createRoute({
  method: 'put',
  path: '/questionnaires/{id}',
  tags,
  summary: 'Edits a version: in place while unused or used only by drafts, otherwise as a new version',
  description:
    'A version used by any campaign that is not a draft (open, closed, published or archived) is never changed: ballots and results point at it. ' +
    'Editing it creates the next version of the same family and answers **201** with the new version (`newVersion: true`); the campaigns keep the old one. ' +
    'A version used only by draft campaigns, or by none, is changed in place and answers **200** (`newVersion: false`); those drafts see the change. ' +
    'The check and the change happen under a lock, so a campaign cannot open in between. Every edit is audited.',
  middleware: [requireRole('admin')] as const,
  request: { params, body: json(EditBodySchema) },
  responses: {
    200: jsonResponse(EditResultSchema, 'Edited in place'),
    201: jsonResponse(EditResultSchema, 'Saved as a new version of the family'),
    ...WRITE_ERRORS,
    404: NOT_FOUND,
    409: CONFLICT,
    422: DEFINITION_REFUSED,
  },
});

const copyRoute = createRoute({
  method: 'post',
  path: '/questionnaires/{id}/copy',
  tags,
  summary: 'Starts a new family (version 1) from this version, with a new title',
  middleware: [requireRole('admin')] as const,
  request: { params, body: json(CopyBodySchema) },
  responses: {
    201: jsonResponse(DetailSchema, 'Copied'),
    ...WRITE_ERRORS,
    404: NOT_FOUND,
    409: CONFLICT,
    422: DEFINITION_REFUSED,
  },
});

const previewRoute = createRoute({
  method: 'post',
  path: '/questionnaires/{id}/preview',
  tags,
  summary:
    'What the server would accept: validates sample answers exactly as a ballot and returns the answers kept and the ratings',
  description:
    "Answers with the validator's own result: `{ ok: true, answers, ratings }` or `{ ok: false, errors }` (200 either way). " +
    'Unit-row matrices use the given units or three sample units (ids 1–3); a recipient questionnaire rates `targetUnitId` (default: the first unit).',
  middleware: [requireRole('admin')] as const,
  request: { params, body: json(PreviewBodySchema) },
  responses: {
    200: jsonResponse(PreviewResultSchema, 'The validation result'),
    ...WRITE_ERRORS,
    404: NOT_FOUND,
    422: DEFINITION_REFUSED,
  },
});

const previewDefinitionRoute = createRoute({
  method: 'get',
  path: '/questionnaires/{id}/preview-definition',
  tags,
  summary: 'The definition as it would be served, with unit rows filled in, for a live preview',
  middleware: [requireRole('admin')] as const,
  request: { params, query: PreviewDefinitionQuerySchema },
  responses: {
    200: jsonResponse(z.object({ definition: z.record(z.string(), z.unknown()) }), 'The materialised definition'),
    ...READ_ERRORS,
    404: errorResponse('No such questionnaire or unit'),
    422: DEFINITION_REFUSED,
  },
});

export function createQuestionnaireRoutes(deps: AppDeps) {
  const { db } = deps;
  return createRouter()
    .openapi(listRoute, async (c) => {
      const { family } = c.req.valid('query');
      return c.json({ questionnaires: await listQuestionnaires(db, family) }, 200);
    })
    .openapi(importRoute, async (c) => {
      const { raterType, title } = c.req.valid('query');
      const detail = await createFamily(
        deps,
        { raterType, title, definition: c.req.valid('json') },
        { action: 'questionnaire_imported' },
        { userId: currentUser(c).id },
        new Date(),
      );
      return c.json(detail, 201);
    })
    .openapi(getRoute, async (c) => c.json(await getQuestionnaire(db, c.req.valid('param').id), 200))
    .openapi(createRouteDef, async (c) => {
      const body = c.req.valid('json');
      // A template is a frozen constant: the copy is the office's to change.
      const definition =
        body.definition ?? (structuredClone(DEFAULT_TEMPLATES[body.template ?? 'recipient']) as Definition);
      const raterType = body.raterType ?? body.template ?? 'recipient';
      const detail = await createFamily(
        deps,
        { raterType, title: body.title, definition },
        { action: 'questionnaire_created' },
        { userId: currentUser(c).id },
        new Date(),
      );
      return c.json(detail, 201);
    })
    .openapi(editRoute, async (c) => {
      const { detail, newVersion } = await editQuestionnaire(
        deps,
        c.req.valid('param').id,
        c.req.valid('json'),
        { userId: currentUser(c).id },
        new Date(),
      );
      if (newVersion) return c.json({ ...detail, newVersion: true }, 201);
      return c.json({ ...detail, newVersion: false }, 200);
    })
    .openapi(copyRoute, async (c) => {
      const detail = await copyQuestionnaire(
        deps,
        c.req.valid('param').id,
        c.req.valid('json'),
        { userId: currentUser(c).id },
        new Date(),
      );
      return c.json(detail, 201);
    })
    .openapi(previewRoute, async (c) => {
      const { answers, ...units } = c.req.valid('json');
      return c.json(await previewAnswers(db, c.req.valid('param').id, answers, units), 200);
    })
    .openapi(previewDefinitionRoute, async (c) => {
      const { units, excludeUnitId } = c.req.valid('query');
      const unitIds = units === undefined ? undefined : [...new Set(units.split(',').map(Number))];
      return c.json(
        {
          definition: (await previewDefinition(db, c.req.valid('param').id, unitIds, excludeUnitId)) as Record<
            string,
            unknown
          >,
        },
        200,
      );
    });
}
