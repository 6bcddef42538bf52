import { AppError } from '../errors.ts';
import { decodeCsv, parseCsv, type CsvEncoding } from './csv-read.ts';
import { readXlsxSheets, type WorkbookSheet } from './xlsx-read.ts';
import type { SheetChoice, SheetRow } from './sheet-rows.ts';
import { looksLikeZip } from './zip-guard.ts';

// Which kind of spreadsheet an uploaded file is, judged by its bytes (browsers label CSV files
// inconsistently, e.g. application/vnd.ms-excel on Windows), which sheet of a workbook to read, and its rows.

export type SheetFormat = 'xlsx' | 'csv';

export interface SheetFile {
  format: SheetFormat;
  /** For CSV: the text encoding it was read in. */
  encoding: CsvEncoding | null;
  /** For a workbook: which sheet was read, and why. */
  sheet: SheetChoice | null;
  rows: SheetRow[];
}

/** How an import picks the sheet of a workbook it reads. */
export interface SheetPick {
  /** Sheet names (lower case) preferred among sheets that fit equally well. */
  names: readonly string[];
  /** How well a sheet's rows fit the import, e.g. how many of its columns the header row has; 0: not at all. */
  fit: (rows: readonly SheetRow[]) => number;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/** Reads an uploaded .xlsx or CSV file; of a workbook, the sheet that fits `pick` best. */
export async function readSheetFile(filename: string, bytes: Uint8Array, pick: SheetPick): Promise<SheetFile> {
  if (bytes.byteLength === 0) throw new AppError(422, 'empty_file', `The file ${filename} is empty.`);
  const file = await readRows(filename, bytes, pick);
  const blank = file.rows.every((row) => row.cells.every((cell) => typeof cell === 'string' && cell.trim() === ''));
  const where = file.sheet ? ` (sheet "${file.sheet.sheet}")` : '';
  if (blank) throw new AppError(422, 'empty_file', `The file ${filename}${where} has nothing in it.`);
  return file;
}

async function readRows(filename: string, bytes: Uint8Array, pick: SheetPick): Promise<SheetFile> {
  if (looksLikeZip(bytes)) {
    const sheets = await readXlsxSheets(bytes);
    const { sheet, choice } = chooseSheet(sheets, pick);
    return { format: 'xlsx', encoding: null, sheet: choice, rows: sheet.rows };
  }
  if (OLE_MAGIC.every((byte, index) => bytes[index] === byte)) {
    throw new AppError(
      422,
      'unsupported_format',
      'This is an old Excel 97–2003 (.xls) file; open it in Excel and save it as .xlsx or as CSV (UTF-8).',
    );
  }
  if (/\.xlsx$/i.test(filename))
    throw new AppError(
      422,
      'unreadable_file',
      `${filename} is not a readable .xlsx workbook; open it in Excel and save it again.`,
    );
  const { text, encoding } = decodeCsv(bytes);
  return { format: 'csv', encoding, sheet: null, rows: parseCsv(text) };
}

/** The best-fitting sheet; among equals the one named for the import, then the first. */
export function chooseSheet(
  sheets: readonly WorkbookSheet[],
  pick: SheetPick,
): { sheet: WorkbookSheet; choice: SheetChoice } {
  const ranked = sheets
    .map((sheet) => ({
      sheet,
      fit: pick.fit(sheet.rows),
      named: pick.names.includes(sheet.name.trim().toLowerCase()),
    }))
    .sort((a, b) => b.fit - a.fit || Number(b.named) - Number(a.named) || a.sheet.position - b.sheet.position);
  const best = ranked[0]!;
  const { name, position } = best.sheet;
  const at = { sheet: name, position, sheetCount: sheets.length };
  if (sheets.length === 1)
    return { sheet: best.sheet, choice: { code: 'only_sheet', ...at, message: `Read the only sheet, "${name}".` } };
  if (best.fit > 0)
    return {
      sheet: best.sheet,
      choice: {
        code: 'sheet_with_header',
        ...at,
        message: `Read the sheet "${name}" (${position} of ${sheets.length}): its header row has the columns of the import.`,
      },
    };
  return {
    sheet: best.sheet,
    choice: {
      code: 'no_sheet_with_header',
      ...at,
      message: `No sheet has a header row with the columns of the import; read the sheet "${name}" (${position} of ${sheets.length}).`,
    },
  };
}
