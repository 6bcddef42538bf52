import { z } from '@hono/zod-openapi';
import { PROBLEM_STATES } from '../db/schema.ts';
import { sheetChoiceSchema, sheetFileBody, sheetProblemSchema } from '../sheets/sheet-upload.schemas.ts';

// Contracts of the ledger import: the uploaded file (inside JSON, as the units import takes it, so the upload
// passes the same JSON-only guard against cross-site requests) and the report that answers it.

export const LedgerFileBody = sheetFileBody('LedgerImportFile', '整改台账.xlsx', 'the timeline and the audit log');

const ProblemSchema = sheetProblemSchema('LedgerImportProblem', {
  code: 'unknown_unit',
  message: 'no unit with this name or code; check the unit list',
});

const SheetChoiceSchema = sheetChoiceSchema(
  'LedgerImportSheet',
  'the sheet named 整改台账, 台账, 问题清单 or ledger (else the first)',
);

export const LedgerImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean().openapi({ description: 'Whether the problems were written' }),
    format: z.enum(['xlsx', 'csv']),
    encoding: z.enum(['utf-8', 'gb18030', 'utf-16le']).nullable(),
    sheet: SheetChoiceSchema.nullable().openapi({ description: 'For a workbook: which sheet was read, and why' }),
    rowCount: z.number().openapi({ description: 'Data rows read (blank rows and the example row skipped)' }),
    createdCount: z.number().openapi({ description: 'Problems imported (or, on a clean dry run, to be imported)' }),
    states: z
      .object({ filed: z.number(), in_progress: z.number(), closed: z.number() })
      .openapi({ description: 'Of the rows that passed, how many go in filed, in progress and closed' }),
    problemCount: z.number(),
    created: z
      .array(
        z.object({
          row: z.number(),
          number: z.string().nullable().openapi({ description: '序号 as written' }),
          unit: z.string(),
          title: z.string(),
          state: z.enum(PROBLEM_STATES),
          id: z.number().nullable().openapi({ description: 'The new problem (null on a dry run)' }),
        }),
      )
      .openapi({ description: 'The problems, at most 1000 listed' }),
    problems: z
      .array(ProblemSchema)
      .openapi({ description: 'Every problem, in row order (at most 1000 listed; problemCount is exact)' }),
    warnings: z
      .array(ProblemSchema)
      .openapi({ description: 'Things ignored that did not stop the import: unknown columns, the example row' }),
  })
  .openapi('LedgerImportReport');

export const LedgerImportRefusedSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string() }),
    report: LedgerImportReportSchema.optional().openapi({ description: 'With invalid_rows: the full report' }),
  })
  .openapi('LedgerImportRefused');
