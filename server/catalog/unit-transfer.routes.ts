import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { createRouter } from '../http/router.ts';
import { ADMIN_ERRORS, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { listCategories, listUnits } from './catalog.repository.ts';

import { XLSX_TYPE } from '../sheets/xlsx-write.ts';
import { templateWorkbook, unitsCsv, unitsWorkbook } from './unit-export.ts';
import { importUnits, MAX_IMPORT_ROWS } from './unit-import.ts';
import { ImportFileBody, ImportRefusedSchema, ImportReportSchema } from './unit-transfer.schemas.ts';

// Units in and out of spreadsheets (admin only).

const binary = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } },
});

const importRoute = createRoute({
  method: 'post',
  path: '/units/import',
  tags: ['units'],
  summary:
    'Imports units from an .xlsx workbook or a CSV file: checks every row, reports every problem, and applies all rows or none',
  description: [
    'The file travels inside a JSON body, `{"filename": "单位.xlsx", "contentBase64": "…"}` (a `data:…;base64,` prefix from FileReader.readAsDataURL is accepted),',
    'so the upload passes the same JSON-only guard against cross-site requests as every other signed-in write. With the 1 MB body limit the file itself may be about 750 KB.',
    'The format is judged from the content: an .xlsx workbook, or CSV in UTF-8 (with or without BOM), GB18030/GBK or UTF-16 with BOM, comma- or tab-separated.',
    'Of a workbook, the sheet whose header row has the columns is read (an instructions sheet such as 说明 before it is skipped; among equals the sheet named 单位 or units, then the first); the report says which (sheet).',
    'A text cell ="…" is read as its text and one apostrophe before = + - @ is removed, undoing what the CSV export writes (also when a spreadsheet saved that CSV as .xlsx).',
    'Columns (Chinese or English headers, any order; the header row may follow up to nine title rows): 单位编码 code, 单位名称 name, 英文名称 name_en, 上级单位编码 parent_code,',
    '层级 level (市/县/乡镇/部门 or city/county/township/department), 单位类别 category (code or name), 排序 sort_order, 状态 active (启用/停用).',
    'Rows upsert by code; a column left out of the file leaves that field of existing units alone.',
    `At most ${MAX_IMPORT_ROWS} rows. With dryRun=true nothing is written and the report says what would be created and updated.`,
    'Row problems answer 200 with applied=false on a dry run and 422 (code invalid_rows, with the report) otherwise.',
  ].join(' '),
  middleware: [requireRole('admin')] as const,
  request: {
    query: z.object({
      dryRun: z.enum(['true', 'false']).default('false').openapi({ description: 'true: check and report only' }),
    }),
    body: { required: true, content: { 'application/json': { schema: ImportFileBody } } },
  },
  responses: {
    200: jsonResponse(ImportReportSchema, 'Checked (dry run) or imported: the report'),
    422: jsonResponse(
      ImportRefusedSchema,
      'Nothing imported: rows with problems (invalid_rows, report attached), or a file that cannot be used (empty_file, unreadable_file, unsupported_format, file_too_large, too_many_rows)',
    ),
    ...WRITE_ERRORS,
  },
});

const exportXlsxRoute = createRoute({
  method: 'get',
  path: '/units/export.xlsx',
  tags: ['units'],
  summary:
    'All units as an .xlsx workbook (sheet 单位 in the import layout, sheet 类别 for reference); re-imports unchanged',
  middleware: [requireRole('admin')] as const,
  responses: { 200: binary(XLSX_TYPE, 'The workbook'), ...ADMIN_ERRORS },
});

const exportCsvRoute = createRoute({
  method: 'get',
  path: '/units/export.csv',
  tags: ['units'],
  summary: 'All units as CSV in the import layout (UTF-8 with BOM, CRLF); re-imports unchanged',
  description: [
    'The .xlsx export is the better one to edit; this CSV still opens in Excel and LibreOffice without losing anything.',
    'A cell that a spreadsheet would run as a formula (= + - @) starts with an apostrophe, and text that a spreadsheet would turn into a number or a date (0012, 1-2, 3/12, long digit strings) is written as the text constant ="0012", so that Excel and LibreOffice keep it as text (decision 015).',
    'The import undoes both.',
  ].join(' '),
  middleware: [requireRole('admin')] as const,
  responses: { 200: { description: 'The CSV file', content: { 'text/csv': { schema: z.string() } } }, ...ADMIN_ERRORS },
});

const templateRoute = createRoute({
  method: 'get',
  path: '/units/import-template.xlsx',
  tags: ['units'],
  summary:
    'An empty import workbook: the 单位 columns with notes and drop-downs, the current categories, and instructions (说明)',
  middleware: [requireRole('admin')] as const,
  responses: { 200: binary(XLSX_TYPE, 'The template'), ...ADMIN_ERRORS },
});

const stamp = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');
const attachment = (name: string) => `attachment; filename="${name}"`;

export function createUnitTransferRoutes(deps: AppDeps) {
  const { db } = deps;
  return createRouter()
    .openapi(importRoute, async (c) => {
      const { filename, bytes } = c.req.valid('json');
      const dryRun = c.req.valid('query').dryRun === 'true';
      const report = await importUnits(deps, { userId: currentUser(c).id }, { filename, bytes }, dryRun, new Date());
      if (!dryRun && report.problemCount > 0) {
        const message = `${report.problemCount} problem(s) in the file; nothing was imported. Fix the rows listed and import again.`;
        return c.json({ error: { code: 'invalid_rows', message }, report }, 422);
      }
      return c.json(report, 200);
    })
    .openapi(exportXlsxRoute, async (c) => {
      const body = await unitsWorkbook(await listUnits(db), await listCategories(db));
      return c.body(body, 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': attachment(`units-${stamp()}.xlsx`),
        'cache-control': 'no-store',
      });
    })
    .openapi(exportCsvRoute, async (c) => {
      const body = unitsCsv(await listUnits(db), await listCategories(db));
      return c.body(body, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': attachment(`units-${stamp()}.csv`),
        'cache-control': 'no-store',
      });
    })
    .openapi(templateRoute, async (c) => {
      const body = await templateWorkbook(await listCategories(db));
      return c.body(body, 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': attachment('units-import-template.xlsx'),
        'cache-control': 'no-store',
      });
    });
}
