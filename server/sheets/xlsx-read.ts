import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';
import type { SheetCell, SheetRow } from './sheet-rows.ts';
import { assertZipUnpacksWithin } from './zip-guard.ts';

// Reading one sheet of an .xlsx workbook into plain rows of text.

/** A unit list of ten thousand rows unpacks to a few megabytes; this leaves room for formatting. */
const MAX_UNPACKED_BYTES = 40 * 1024 * 1024;

/** The cell as text; formulas give their cached result, rich text its plain text. */
function cellValue(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    // Excel turns codes such as 3-12 into dates as they are typed; a date is never a valid value here.
    const shown = Number.isNaN(value.getTime()) ? 'a date' : value.toISOString().slice(0, 10);
    return {
      error: shown,
      message:
        'the cell holds a date (Excel may have turned what was typed into one); format the column as text and type the value again',
    };
  }
  if ('error' in value)
    return {
      error: String(value.error),
      message: `the cell shows the spreadsheet error ${String(value.error)}; fix its formula or type the value`,
    };
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return 'result' in value && value.result !== undefined ? cellValue(value.result as ExcelJS.CellValue) : '';
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellValue(value.text as ExcelJS.CellValue);
  return '';
}

/** The rows of the first sheet named one of `sheetNames` (any case), else of the first sheet. */
export async function readXlsxRows(bytes: Uint8Array, sheetNames: readonly string[]): Promise<SheetRow[]> {
  assertZipUnpacksWithin(bytes, MAX_UNPACKED_BYTES);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's own Buffer type is an interface over Node's; a Node Buffer is what it reads.
    await workbook.xlsx.load(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer,
    );
  } catch {
    throw new AppError(
      422,
      'unreadable_file',
      'The file is not a readable .xlsx workbook; open it in Excel and save it again as .xlsx (Excel 2007 or later).',
    );
  }
  const sheet =
    workbook.worksheets.find((ws) => sheetNames.includes(ws.name.trim().toLowerCase())) ?? workbook.worksheets[0];
  if (!sheet)
    throw new AppError(
      422,
      'unreadable_file',
      'The file is a zip archive but not an Excel workbook (it has no worksheet); save the sheet from Excel as .xlsx.',
    );
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const values = Array.isArray(row.values) ? row.values.slice(1) : [];
    rows.push({ number, cells: Array.from(values, (value) => cellValue(value as ExcelJS.CellValue)) });
  });
  return rows;
}
