import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import type { SessionUser } from '../http/app-env.ts';
import { AppError } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, jsonResponse } from '../http/schemas.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { XLSX_TYPE } from '../sheets/xlsx-write.ts';
import { CoverageQuery, CoverageSchema, UnvisitedQuerySchema, UnvisitedSchema } from './coverage.schemas.ts';
import { visitCoverage } from './coverage.service.ts';
import type { Period } from './coverage.repository.ts';
import { unvisitedAttachment, unvisitedWorkbook } from './unvisited-xlsx.ts';
import { unvisitedTargets } from './unvisited.ts';

// Visit coverage (走访覆盖, decision 018): the figures per township, village, team or unit, and the list of
// targets nobody visited in a period, as JSON or as an Excel workbook. Read-only.

const READERS = ['admin', 'leader', 'unit_staff'] as const;
const READ_ERRORS = {
  400: errorResponse(
    'A parameter breaks the schema (invalid_request), or the period ends before it starts (invalid_window)',
  ),
  401: errorResponse('Not signed in'),
  403: errorResponse('A session that must change its one-time password first'),
} as const;

const coverageRoute = createRoute({
  method: 'get',
  path: '/visit-coverage',
  tags: ['visits'],
  summary:
    'Coverage of the visits (三遍访) in a period per township (with its county, and county subtotals), village, team or unit: enterprises, villages and households visited of all, visits, problems heard by outcome, feedback due/done/overdue, and a total. The office and leaders see every row; unit staff by unit their own unit (visits a member of it took part in), otherwise the rows inside their teams’ areas',
  middleware: [requireRole(...READERS)] as const,
  request: { query: CoverageQuery },
  responses: { 200: jsonResponse(CoverageSchema, 'The figures'), ...READ_ERRORS },
});

const unvisitedRoute = createRoute({
  method: 'get',
  path: '/visit-coverage/unvisited',
  tags: ['visits'],
  summary:
    'The active enterprises or villages/communities nobody visited in the period (未走访名单); unit staff get the targets inside their teams’ areas only. The same list as Excel: /visit-coverage/unvisited.xlsx',
  middleware: [requireRole(...READERS)] as const,
  request: { query: UnvisitedQuerySchema },
  responses: {
    200: jsonResponse(UnvisitedSchema, 'The list'),
    404: errorResponse('No such township'),
    ...READ_ERRORS,
  },
});

// A path of its own for the workbook (as the weekly exports have): one route answering either JSON or a
// file made the typed client's AppType too complex for TypeScript, and every page lost its types.
const unvisitedXlsxRoute = createRoute({
  method: 'get',
  path: '/visit-coverage/unvisited.xlsx',
  tags: ['visits'],
  summary:
    'The unvisited list as an Excel workbook with Chinese headers (序号, 县（市、区）, 乡镇（街道）, 村（社区）, 企业名称, 统一社会信用代码, 规模, 行业, 地址; for villages 村（社区）名称, 类型, 户数)',
  middleware: [requireRole(...READERS)] as const,
  request: { query: UnvisitedQuerySchema },
  responses: {
    200: {
      description: 'The workbook',
      content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    404: errorResponse('No such township'),
    ...READ_ERRORS,
  },
});

function periodOf(query: { from?: string | undefined; to?: string | undefined }): Period {
  const period = { from: query.from ?? null, to: query.to ?? null };
  if (period.from !== null && period.to !== null && period.to < period.from)
    throw new AppError(
      400,
      'invalid_window',
      'The period ends before it starts: choose a last day on or after the first.',
    );
  return period;
}

export function createVisitCoverageRoutes(deps: AppDeps) {
  const unvisitedOf = (user: SessionUser, query: z.output<typeof UnvisitedQuerySchema>) =>
    unvisitedTargets(deps.readDb, user, {
      kind: query.kind,
      townshipId: query.township ?? null,
      period: periodOf(query),
    });
  return createRouter()
    .openapi(coverageRoute, async (c) => {
      const query = c.req.valid('query');
      return c.json(await visitCoverage(deps.readDb, currentUser(c), query.by, periodOf(query), new Date()), 200);
    })
    .openapi(unvisitedRoute, async (c) => c.json(await unvisitedOf(currentUser(c), c.req.valid('query')), 200))
    .openapi(unvisitedXlsxRoute, async (c) => {
      const list = await unvisitedOf(currentUser(c), c.req.valid('query'));
      return c.body(await unvisitedWorkbook(list, new Date()), 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': unvisitedAttachment(list),
        'cache-control': 'no-store',
      });
    });
}
