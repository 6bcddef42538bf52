import { AppError } from '../errors.ts';
import { decodeCsv, parseCsv, type CsvEncoding } from './csv-read.ts';
import { readXlsxRows } from './xlsx-read.ts';
import type { SheetRow } from './sheet-rows.ts';
import { looksLikeZip } from './zip-guard.ts';

// Which kind of spreadsheet an uploaded file is, judged by its bytes (browsers label CSV files
// inconsistently, e.g. application/vnd.ms-excel on Windows), and its rows.

export type SheetFormat = 'xlsx' | 'csv';

export interface SheetFile {
  format: SheetFormat;
  /** For CSV: the text encoding it was read in. */
  encoding: CsvEncoding | null;
  rows: SheetRow[];
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/** Reads an uploaded .xlsx or CSV file; in a workbook, the sheet named one of `sheetNames` (lower case) is read. */
export async function readSheetFile(
  filename: string,
  bytes: Uint8Array,
  sheetNames: readonly string[],
): Promise<SheetFile> {
  if (bytes.byteLength === 0) throw new AppError(422, 'empty_file', `The file ${filename} is empty.`);
  const file = await readRows(filename, bytes, sheetNames);
  const blank = file.rows.every((row) => row.cells.every((cell) => typeof cell === 'string' && cell.trim() === ''));
  if (blank) throw new AppError(422, 'empty_file', `The file ${filename} has nothing in it.`);
  return file;
}

async function readRows(filename: string, bytes: Uint8Array, sheetNames: readonly string[]): Promise<SheetFile> {
  if (looksLikeZip(bytes)) return { format: 'xlsx', encoding: null, rows: await readXlsxRows(bytes, sheetNames) };
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
  return { format: 'csv', encoding, rows: parseCsv(text) };
}
