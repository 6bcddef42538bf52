import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { ADMIN_ERRORS, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { XLSX_TYPE } from '../sheets/xlsx-write.ts';
import { importLedger, ledgerTemplate, MAX_LEDGER_ROWS } from './problem-import.ts';
import { LedgerFileBody, LedgerImportRefusedSchema, LedgerImportReportSchema } from './problem-import.schemas.ts';

// The office's existing ledger (整改台账) in from a spreadsheet, and its template (admin only).

const importRoute = createRoute({
  method: 'post',
  path: '/problems/import',
  tags: ['problems'],
  summary:
    'Imports an existing rectification ledger from an .xlsx workbook or a CSV file: checks every row, reports every problem, and applies all rows or none',
  description: [
    'The file travels inside a JSON body, `{"filename": "整改台账.xlsx", "contentBase64": "…"}`, as for the units import (the JSON-only guard against cross-site requests; the file may be about 750 KB).',
    'Columns (any order; the header row may follow up to nine title rows): 序号, 问题 (问题描述, 存在问题), 整改措施, 责任单位 (unit name or code), 责任领导 (optional), 责任人,',
    '时限 (整改时限, 完成时限: an Excel date, 2026-10-13, 2026/10/13, 2026年10月13日, 2026年10月底, or 长期坚持 for none, kept as a note), 进展 (整改进展, 进展情况),',
    '问题来源 (自查 by default), 问题类型 (a type the office set up), 状态 (未开始, 整改中, 已完成).',
    'Every problem goes in as filed (the office has reviewed its ledger already) with the timeline entry "imported from <file> row N"; 进展 becomes a progress entry;',
    'an item whose 状态 is 已完成 (or whose 进展 begins with 已完成, 已整改, 已销号) is then claimed and closed with the note 导入时已完成; an item with progress and no 状态 goes in progress.',
    `At most ${MAX_LEDGER_ROWS} rows. A unit's problem with the same title already in the ledger is refused (duplicate_problem), so importing a file twice adds nothing.`,
    'With dryRun=true nothing is written. Row problems answer 200 with applied=false on a dry run and 422 (invalid_rows, with the report) otherwise.',
  ].join(' '),
  middleware: [requireRole('admin')] as const,
  request: {
    query: z.object({
      dryRun: z.enum(['true', 'false']).default('false').openapi({ description: 'true: check and report only' }),
    }),
    body: { required: true, content: { 'application/json': { schema: LedgerFileBody } } },
  },
  responses: {
    200: jsonResponse(LedgerImportReportSchema, 'Checked (dry run) or imported: the report'),
    422: jsonResponse(
      LedgerImportRefusedSchema,
      'Nothing imported: rows with problems (invalid_rows, report attached), or a file that cannot be used (empty_file, unreadable_file, unsupported_format, file_too_large, too_many_rows)',
    ),
    ...WRITE_ERRORS,
  },
});

const templateRoute = createRoute({
  method: 'get',
  path: '/problems/import/template.xlsx',
  tags: ['problems'],
  summary: 'The ledger import template: instructions (说明) and the 整改台账 columns with one example row',
  middleware: [requireRole('admin')] as const,
  responses: {
    200: {
      description: 'The template',
      content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...ADMIN_ERRORS,
  },
});

export function createProblemImportRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(importRoute, async (c) => {
      const { filename, bytes } = c.req.valid('json');
      const dryRun = c.req.valid('query').dryRun === 'true';
      const report = await importLedger(deps, { userId: currentUser(c).id }, { filename, bytes }, dryRun, new Date());
      if (!dryRun && report.problemCount > 0) {
        const message = `${report.problemCount} problem(s) in the file; nothing was imported. Fix the rows listed and import again.`;
        return c.json({ error: { code: 'invalid_rows', message }, report }, 422);
      }
      return c.json(report, 200);
    })
    .openapi(templateRoute, async (c) =>
      c.body(await ledgerTemplate(deps.db), 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': 'attachment; filename="ledger-import-template.xlsx"',
        'cache-control': 'no-store',
      }),
    );
}
