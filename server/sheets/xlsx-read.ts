import ExcelJS from 'exceljs';
import { unguardCellText } from '../../formats/csv.ts';
import { AppError } from '../errors.ts';
import type { SheetCell, SheetRow } from './sheet-rows.ts';
import { assertZipUnpacksWithin } from './zip-guard.ts';

// Reading the sheets of an .xlsx workbook into plain rows of text. A text cell is read as the CSV reader
// reads one (formats/csv.ts): a CSV export opened in LibreOffice and saved as .xlsx can keep ="0012" as text.

/** A unit list of ten thousand rows unpacks to a few megabytes; this leaves room for formatting. */
const MAX_UNPACKED_BYTES = 40 * 1024 * 1024;

/** Excel keeps 15 significant digits: a longer number typed into a General cell has already lost some. */
const MAX_EXACT_NUMBER = 1e15;

function numberValue(value: number): SheetCell {
  if (!Number.isFinite(value)) return '';
  if (Math.abs(value) < MAX_EXACT_NUMBER) return String(value);
  return {
    error: String(value),
    message:
      'the cell holds a number of more than 15 digits, which Excel cannot keep exactly; format the column as text and type the value again',
  };
}

/** The cell as text; formulas give their cached result, rich text its plain text. */
function cellValue(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return unguardCellText(value);
  if (typeof value === 'number') return numberValue(value);
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
  if ('richText' in value) return unguardCellText(value.richText.map((run) => run.text).join(''));
  if ('formula' in value || 'sharedFormula' in value)
    return 'result' in value && value.result !== undefined ? cellValue(value.result as ExcelJS.CellValue) : '';
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellValue(value.text as ExcelJS.CellValue);
  return '';
}

/** One worksheet of a workbook: its name, where it stands (1 = first) and its rows. */
export interface WorkbookSheet {
  name: string;
  position: number;
  rows: SheetRow[];
}

/** Every worksheet of an .xlsx workbook, in order, as rows of text. */
export async function readXlsxSheets(bytes: Uint8Array): Promise<WorkbookSheet[]> {
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
  if (workbook.worksheets.length === 0)
    throw new AppError(
      422,
      'unreadable_file',
      'The file is a zip archive but not an Excel workbook (it has no worksheet); save the sheet from Excel as .xlsx.',
    );
  return workbook.worksheets.map((sheet, index) => {
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows.push({ number, cells: Array.from(values, (value) => cellValue(value as ExcelJS.CellValue)) });
    });
    return { name: sheet.name, position: index + 1, rows };
  });
}
