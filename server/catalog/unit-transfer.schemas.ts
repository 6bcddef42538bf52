import { z } from '@hono/zod-openapi';
import { sheetChoiceSchema, sheetFileBody, sheetProblemSchema } from '../sheets/sheet-upload.schemas.ts';

// Contracts of the units import: the uploaded file and the report that answers it.

export const ImportFileBody = sheetFileBody('UnitImportFile', '单位.xlsx', 'the audit log and messages');

const ImportProblemSchema = sheetProblemSchema('UnitImportProblem', {
  code: 'unknown_parent',
  message: 'no unit with this code in the file or the database',
});

const SheetChoiceSchema = sheetChoiceSchema('UnitImportSheet', 'the sheet named 单位 or units (else the first)');

const ChangesSchema = z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() }));

export const ImportReportSchema = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean().openapi({ description: 'Whether the rows were written' }),
    format: z.enum(['xlsx', 'csv']),
    encoding: z
      .enum(['utf-8', 'gb18030', 'utf-16le'])
      .nullable()
      .openapi({ description: 'How a CSV file was decoded' }),
    sheet: SheetChoiceSchema.nullable().openapi({ description: 'For a workbook: which sheet was read, and why' }),
    rowCount: z.number().openapi({ description: 'Data rows read (blank rows skipped)' }),
    createdCount: z.number(),
    updatedCount: z.number(),
    unchangedCount: z.number(),
    problemCount: z.number(),
    created: z
      .array(z.object({ row: z.number(), code: z.string(), name: z.string() }))
      .openapi({ description: 'New units (at most 1000 listed)' }),
    updated: z
      .array(z.object({ row: z.number(), code: z.string(), name: z.string(), changes: ChangesSchema }))
      .openapi({ description: 'Changed units with each changed field from → to (at most 1000 listed)' }),
    problems: z
      .array(ImportProblemSchema)
      .openapi({ description: 'Every problem, in row order (at most 1000 listed; problemCount is exact)' }),
    warnings: z
      .array(ImportProblemSchema)
      .openapi({ description: 'Things ignored that did not stop the import, e.g. unknown columns' }),
  })
  .openapi('UnitImportReport');

export const ImportRefusedSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string() }),
    report: ImportReportSchema.optional().openapi({ description: 'With invalid_rows: the full report' }),
  })
  .openapi('UnitImportRefused');
