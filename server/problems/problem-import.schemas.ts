import { z } from '@hono/zod-openapi';
import { PROBLEM_STATES } from '../db/schema.ts';

// Contracts of the ledger import: the uploaded file (inside JSON, as the units import takes it, so the upload
// passes the same JSON-only guard against cross-site requests) and the report that answers it.

const DATA_URL_PREFIX = /^data:[^,]*;base64,/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/;

export const LedgerFileBody = z
  .object({
    filename: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .refine((name) => !CONTROL.test(name), 'no control characters')
      .openapi({
        example: '整改台账.xlsx',
        description: 'Shown in the timeline and the audit log; the format is judged from the content',
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
  .openapi('LedgerImportFile');

const ProblemSchema = z
  .object({
    row: z.number().openapi({ description: 'Row number as the spreadsheet shows it' }),
    column: z
      .string()
      .nullable()
      .openapi({ description: 'The column header as written in the file (a letter for a cell without a header)' }),
    value: z.string().nullable(),
    code: z.string().openapi({ example: 'unknown_unit' }),
    message: z.string().openapi({ example: 'no unit with this name or code; check the unit list' }),
  })
  .openapi('LedgerImportProblem');

const SheetChoiceSchema = z
  .object({
    code: z.enum(['sheet_with_header', 'only_sheet', 'no_sheet_with_header']),
    sheet: z.string(),
    position: z.number().int(),
    sheetCount: z.number().int(),
    message: z.string(),
  })
  .openapi('LedgerImportSheet');

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
