import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { XLSX_TYPE } from '../sheets/xlsx-write.ts';
import { DOCX_TYPE } from '../publications/publication-docx.ts';
import { attachment, weeklyExport } from './weekly-export.ts';
import { weeklyDocx } from './weekly-export-docx.ts';
import { weeklyWorkbook } from './weekly-export-xlsx.ts';
import { myReminders, sendReminders, unitHistory } from './weekly-reminders.ts';
import {
  MyRemindersSchema,
  ReminderRequestSchema,
  ReminderResultSchema,
  ReportTextsSchema,
  UnitHistorySchema,
  WeekParam,
  WeeklyOverviewSchema,
  WeeklyReportSchema,
  WeekUnitParams,
} from './weekly-reports.schemas.ts';
import { reportView, weekOverview, writeUnitReport } from './weekly-reports.service.ts';

// The weekly reports (每周五上报): a unit's report of a week, its draft and submission; the office's
// overview of the week, its reminders and its summary for the city committee in Word and Excel.

const READERS = ['admin', 'leader', 'unit_staff'] as const;
const denied = { 401: errorResponse('Not signed in'), 403: errorResponse('A role that may not do this') };
const badWeek = {
  400: errorResponse('Not a Monday written YYYY-MM-DD (invalid_week), or the body breaks the schema'),
  422: errorResponse('The week has not begun (week_in_future)'),
};

const reportRoute = createRoute({
  method: 'get',
  path: '/weekly-reports/{week}/units/{unitId}',
  tags: ['weekly-reports'],
  summary:
    "A unit's report of a week: stored texts and, until submitted, the summary assembled now from the week's timeline (frozen at submission)",
  middleware: [requireRole(...READERS)] as const,
  request: { params: WeekUnitParams },
  responses: {
    200: jsonResponse(WeeklyReportSchema, 'The report'),
    404: errorResponse("No such unit (or another unit's, for unit staff)"),
    ...badWeek,
    ...denied,
  },
});

const writeResponses = {
  200: jsonResponse(WeeklyReportSchema, 'The report as stored'),
  404: errorResponse("No such unit (or another unit's, for unit staff)"),
  409: errorResponse('Already submitted: a submitted report is final (weekly_report_submitted)'),
  ...WRITE_ERRORS,
  ...badWeek,
  422: errorResponse(
    'The week has not begun (week_in_future), or submitting without 本周进展 (weekly_progress_required)',
  ),
};

const saveRoute = createRoute({
  method: 'put',
  path: '/weekly-reports/{week}/units/{unitId}',
  tags: ['weekly-reports'],
  summary: "Saves a unit's draft (its staff, or the office on its behalf)",
  middleware: [requireRole('admin', 'unit_staff')] as const,
  request: {
    params: WeekUnitParams,
    body: { content: { 'application/json': { schema: ReportTextsSchema } }, required: true },
  },
  responses: writeResponses,
});

const submitRoute = createRoute({
  method: 'post',
  path: '/weekly-reports/{week}/units/{unitId}/submit',
  tags: ['weekly-reports'],
  summary:
    "Submits a unit's report with these texts, freezing the week's summary (final; after the deadline it counts as late)",
  middleware: [requireRole('admin', 'unit_staff')] as const,
  request: {
    params: WeekUnitParams,
    body: { content: { 'application/json': { schema: ReportTextsSchema } }, required: true },
  },
  responses: writeResponses,
});

const overviewRoute = createRoute({
  method: 'get',
  path: '/weekly-reports/{week}',
  tags: ['weekly-reports'],
  summary:
    'The office overview of a week: every unit that reports (active, with a filed problem or a unit staff account) and its status',
  middleware: [requireRole('admin', 'leader')] as const,
  request: { params: z.object({ week: WeekParam }) },
  responses: { 200: jsonResponse(WeeklyOverviewSchema, 'The overview'), ...badWeek, ...denied },
});

const remindRoute = createRoute({
  method: 'post',
  path: '/weekly-reports/{week}/reminders',
  tags: ['weekly-reports'],
  summary:
    'Reminds units that have not submitted (all of them when no unitIds are given), in the app or by SMS to their staff',
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ week: WeekParam }),
    body: { content: { 'application/json': { schema: ReminderRequestSchema } }, required: true },
  },
  responses: {
    200: jsonResponse(ReminderResultSchema, 'Who was reminded'),
    ...WRITE_ERRORS,
    ...badWeek,
    422: errorResponse(
      'The week has not begun (week_in_future); a unit that does not report (invalid_units); SMS without a gateway (sms_not_configured) or without SMS_WEEKLY_TEMPLATE_ID (sms_template_missing)',
    ),
  },
});

const mineRoute = createRoute({
  method: 'get',
  path: '/weekly-reports/reminders/mine',
  tags: ['weekly-reports'],
  summary: "The reminders of the signed-in unit staff's unit for weeks it has not submitted (empty for other roles)",
  middleware: [requireRole(...READERS)] as const,
  responses: { 200: jsonResponse(MyRemindersSchema, 'Reminders, newest week first'), ...denied },
});

const historyRoute = createRoute({
  method: 'get',
  path: '/units/{unitId}/weekly-reports',
  tags: ['weekly-reports'],
  summary: "A unit's last twelve weeks with each week's status, newest first",
  middleware: [requireRole(...READERS)] as const,
  request: { params: z.object({ unitId: IdParam }) },
  responses: {
    200: jsonResponse(UnitHistorySchema, 'The weeks'),
    404: errorResponse("No such unit (or another unit's, for unit staff)"),
    ...denied,
  },
});

const exportRoute = (format: 'docx' | 'xlsx') =>
  createRoute({
    method: 'get',
    path: `/weekly-reports/{week}/export.${format}`,
    tags: ['weekly-reports'],
    summary:
      format === 'docx'
        ? "The week's summary for the city committee as a Word document (A4, 仿宋/黑体, GB/T 9704 layout)"
        : "The week's summary for the city committee as an Excel workbook (figures, reports, overdue items)",
    middleware: [requireRole('admin', 'leader')] as const,
    request: { params: z.object({ week: WeekParam }) },
    responses: {
      200: {
        description: 'The file',
        content: {
          [format === 'docx' ? DOCX_TYPE : XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      ...badWeek,
      ...denied,
    },
  });

export function createWeeklyReportRoutes(deps: AppDeps) {
  const viewer = (c: Parameters<typeof currentUser>[0]) => {
    const user = currentUser(c);
    return { id: user.id, role: user.role, unitId: user.unitId };
  };
  return createRouter()
    .openapi(mineRoute, async (c) => c.json(await myReminders(deps, viewer(c), new Date()), 200))
    .openapi(historyRoute, async (c) =>
      c.json(await unitHistory(deps, viewer(c), c.req.valid('param').unitId, new Date()), 200),
    )
    .openapi(reportRoute, async (c) => {
      const { week, unitId } = c.req.valid('param');
      return c.json(await reportView(deps, viewer(c), week, unitId, new Date()), 200);
    })
    .openapi(saveRoute, async (c) => {
      const { week, unitId } = c.req.valid('param');
      const now = new Date();
      await writeUnitReport(deps, viewer(c), week, unitId, c.req.valid('json'), false, now);
      return c.json(await reportView(deps, viewer(c), week, unitId, now), 200);
    })
    .openapi(submitRoute, async (c) => {
      const { week, unitId } = c.req.valid('param');
      const now = new Date();
      await writeUnitReport(deps, viewer(c), week, unitId, c.req.valid('json'), true, now);
      return c.json(await reportView(deps, viewer(c), week, unitId, now), 200);
    })
    .openapi(overviewRoute, async (c) => {
      const overview = await weekOverview(deps, c.req.valid('param').week, new Date());
      const rows = overview.rows.map(({ report: _report, summary, ...row }) => ({
        ...row,
        figures: summary?.figures ?? null,
      }));
      return c.json({ ...overview, rows }, 200);
    })
    .openapi(remindRoute, async (c) =>
      c.json(await sendReminders(deps, viewer(c), c.req.valid('param').week, c.req.valid('json'), new Date()), 200),
    )
    .openapi(exportRoute('docx'), async (c) => {
      const data = await weeklyExport(deps, c.req.valid('param').week, new Date());
      return c.body(await weeklyDocx(data), 200, {
        'content-type': DOCX_TYPE,
        'content-disposition': attachment(data, 'docx'),
        'cache-control': 'no-store',
      });
    })
    .openapi(exportRoute('xlsx'), async (c) => {
      const data = await weeklyExport(deps, c.req.valid('param').week, new Date());
      return c.body(await weeklyWorkbook(data), 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': attachment(data, 'xlsx'),
        'cache-control': 'no-store',
      });
    });
}
