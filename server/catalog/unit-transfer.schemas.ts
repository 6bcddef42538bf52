import { z } from '@hono/zod-openapi';
import { hasControlCharacters } from './catalog.schemas.ts';

// Contracts of the units import: the uploaded file and the report that answers it.

const DATA_URL_PREFIX = /^data:[^,]*;base64,/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const ImportFileBody = z
  .object({
    filename: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .refine((name) => !hasControlCharacters(name), 'no control characters')
      .openapi({
        example: '单位.xlsx',
        description: 'Shown in the audit log and messages; the format is judged from the content',
      }),
    contentBase64: z
      .string()
      .max(1_400_000)
      .transform((text) => text.replace(DATA_URL_PREFIX, '').replace(/\s+/g, ''))
      .refine((text) => BASE64.test(text) && text.length % 4 === 0, 'not base64 (standard alphabet, padded with =)')
      .openapi({ description: 'The file, base64-encoded; a data: URL prefix is accepted' }),
  })
  .strict()
  .transform(({ filename, contentBase64 }) => ({
    filename,
    bytes: new Uint8Array(Buffer.from(contentBase64, 'base64')),
  }))
  .openapi('UnitImportFile');

const ImportProblemSchema = z
  .object({
    row: z.number().openapi({ description: 'Row number as the spreadsheet shows it (the header row is usually 1)' }),
    column: z
      .string()
      .nullable()
      .openapi({ description: 'The column header as written in the file (a letter for a cell without a header)' }),
    value: z.string().nullable(),
    code: z.string().openapi({ example: 'unknown_parent' }),
    message: z.string().openapi({ example: 'no unit with this code in the file or the database' }),
  })
  .openapi('UnitImportProblem');

const SheetChoiceSchema = z
  .object({
    code: z.enum(['sheet_with_header', 'only_sheet', 'no_sheet_with_header']).openapi({
      description:
        'sheet_with_header: the sheet whose header row has the most of the columns (an instructions sheet such as 说明 before it is skipped); only_sheet; no_sheet_with_header: none has the header, the sheet named 单位 or units (else the first) was read',
    }),
    sheet: z.string().openapi({ example: '单位', description: 'The name of the sheet read' }),
    position: z.number().int().openapi({ example: 2, description: 'Its place in the workbook, 1 = first' }),
    sheetCount: z.number().int().openapi({ example: 3 }),
    message: z.string(),
  })
  .openapi('UnitImportSheet');

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
