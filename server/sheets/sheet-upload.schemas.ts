import { z } from '@hono/zod-openapi';

// The contracts every spreadsheet import shares (the units, the rectification ledger): the uploaded file
// inside JSON (so the upload passes the same JSON-only guard against cross-site requests as every other
// write), a problem found in a row, and which sheet of a workbook was read. Each import names its own
// OpenAPI components and examples.

const DATA_URL_PREFIX = /^data:[^,]*;base64,/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f]/;

/** The file: a name for messages and the audit log, and its bytes (base64, a data: URL prefix accepted). */
export function sheetFileBody(component: string, example: string, shownIn: string) {
  return z
    .object({
      filename: z
        .string()
        .trim()
        .min(1)
        .max(255)
        .refine((name) => !CONTROL.test(name), 'no control characters')
        .openapi({ example, description: `Shown in ${shownIn}; the format is judged from the content` }),
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
    .openapi(component);
}

/** One problem found in the file, where it is and what to do about it. */
export function sheetProblemSchema(component: string, example: { code: string; message: string }) {
  return z
    .object({
      row: z.number().openapi({ description: 'Row number as the spreadsheet shows it (the header row is usually 1)' }),
      column: z
        .string()
        .nullable()
        .openapi({ description: 'The column header as written in the file (a letter for a cell without a header)' }),
      value: z.string().nullable(),
      code: z.string().openapi({ example: example.code }),
      message: z.string().openapi({ example: example.message }),
    })
    .openapi(component);
}

/** For a workbook: which sheet was read, and why. */
export function sheetChoiceSchema(component: string, fallback: string) {
  return z
    .object({
      code: z.enum(['sheet_with_header', 'only_sheet', 'no_sheet_with_header']).openapi({
        description: `sheet_with_header: the sheet whose header row has the most of the columns (an instructions sheet such as 说明 before it is skipped); only_sheet; no_sheet_with_header: none has the header, ${fallback} was read`,
      }),
      sheet: z.string().openapi({ description: 'The name of the sheet read' }),
      position: z.number().int().openapi({ example: 2, description: 'Its place in the workbook, 1 = first' }),
      sheetCount: z.number().int().openapi({ example: 3 }),
      message: z.string(),
    })
    .openapi(component);
}
