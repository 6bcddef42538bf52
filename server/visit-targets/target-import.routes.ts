import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { ADMIN_ERRORS, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { sheetFileBody } from '../sheets/sheet-upload.schemas.ts';
import { XLSX_TYPE } from '../sheets/xlsx-write.ts';
import { importTargets, MAX_TARGET_ROWS } from './target-import.ts';
import { targetTemplate } from './target-template.ts';

// Visit targets in from a spreadsheet (office only), and the template. docs/visit-targets-import.md.

const TargetFileBody = sheetFileBody('VisitTargetImportFile', '三遍访对象.xlsx', 'the audit log');

const ProblemSchema = z
  .object({
    sheet: z.string().nullable().openapi({ description: 'The sheet as named in the workbook (CSV: null)' }),
    row: z.number(),
    column: z.string().nullable(),
    value: z.string().nullable(),
    code: z.string().openapi({ example: 'credit_code_check' }),
    message: z
      .string()
      .openapi({ example: 'the check character (character 18) should be B, not C; a character was mistyped' }),
  })
  .openapi('VisitTargetImportProblem');

const counts = z.object({ created: z.number(), updated: z.number() });
export const TargetImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean(),
    format: z.enum(['xlsx', 'csv']),
    encoding: z.enum(['utf-8', 'gb18030', 'utf-16le']).nullable(),
    sheets: z.array(
      z.object({
        sheet: z.string().nullable(),
        kind: z.enum(['villages', 'enterprises', 'households']),
        rowCount: z.number(),
      }),
    ),
    counts: z
      .object({ villages: counts, enterprises: counts, households: counts })
      .openapi({ description: 'Rows that create or update a target (on a clean dry run: would)' }),
    problemCount: z.number(),
    problems: z.array(ProblemSchema).openapi({ description: 'Every problem, by sheet and row (at most 1000 listed)' }),
    warnings: z
      .array(ProblemSchema)
      .openapi({ description: 'Ignored: unknown columns, sheets of no kind, example rows' }),
  })
  .openapi('VisitTargetImportReport');

const RefusedSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }), report: TargetImportReportSchema.optional() })
  .openapi('VisitTargetImportRefused');

const importRoute = createRoute({
  method: 'post',
  path: '/visit-targets/import',
  tags: ['visit-targets'],
  summary:
    'Imports villages, enterprises and households from a workbook (sheets 村社区 / 企业 / 住户) or a CSV file of one kind: all rows or none',
  description: [
    'The file travels inside a JSON body, {"filename", "contentBase64"}, as for the other imports. Each sheet is recognised by its header row (see docs/visit-targets-import.md and the template).',
    'Every row is checked first: townships are units of level township (name or code); an enterprise or household names a village of its township, recorded or in the sheet 村社区;',
    'a credit code is checked by GB 32100-2015 (codes credit_code_length, credit_code_character, credit_code_region, credit_code_organization_check, credit_code_check — the message names the expected character).',
    'Re-importing updates villages by (township, name), enterprises by credit code, households by (village, 户主).',
    `At most ${MAX_TARGET_ROWS} rows. With dryRun=true nothing is written; rows with problems answer 200 (applied=false) on a dry run and 422 invalid_rows otherwise.`,
  ].join(' '),
  middleware: [requireRole('admin')] as const,
  request: {
    query: z.object({ dryRun: z.enum(['true', 'false']).default('false') }),
    body: { required: true, content: { 'application/json': { schema: TargetFileBody } } },
  },
  responses: {
    200: jsonResponse(TargetImportReportSchema, 'Checked (dry run) or imported: the report'),
    422: jsonResponse(
      RefusedSchema,
      'Nothing imported: invalid_rows (report attached), empty_file, unreadable_file, unsupported_format, file_too_large, too_many_rows',
    ),
    ...WRITE_ERRORS,
  },
});

const templateRoute = createRoute({
  method: 'get',
  path: '/visit-targets/import/template.xlsx',
  tags: ['visit-targets'],
  summary: 'The visit-target import template: 说明, 村社区, 企业, 住户 with one example row each',
  middleware: [requireRole('admin')] as const,
  responses: {
    200: {
      description: 'The template',
      content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...ADMIN_ERRORS,
  },
});

export function createTargetImportRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(importRoute, async (c) => {
      const { filename, bytes } = c.req.valid('json');
      const dryRun = c.req.valid('query').dryRun === 'true';
      const report = await importTargets(deps, { userId: currentUser(c).id }, { filename, bytes }, dryRun, new Date());
      if (!dryRun && report.problemCount > 0) {
        const message = `${report.problemCount} problem(s) in the file; nothing was imported. Fix the rows listed and import again.`;
        return c.json({ error: { code: 'invalid_rows', message }, report }, 422);
      }
      return c.json(report, 200);
    })
    .openapi(templateRoute, async (c) =>
      c.body(await targetTemplate(deps.db), 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': 'attachment; filename="visit-targets-template.xlsx"',
        'cache-control': 'no-store',
      }),
    );
}
