import ExcelJS from 'exceljs';
import { unguardCellText } from '../../formats/csv.ts';

// Writing .xlsx workbooks the way every export of Pingyi does: a frozen bold header row, column widths,
// and cells that keep their JavaScript types (text stays text: a leading "=" is never a formula).
// The readers take a text cell's ="…" or leading '= as CSV guards (formats/csv.ts); the rare text that
// looks like one gets one more apostrophe, so every text reads back as written.

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type SheetValue = string | number | null;

export function newWorkbook(created?: Date): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pingyi 评议';
  if (created) {
    workbook.created = created;
    workbook.modified = created;
  }
  return workbook;
}

/** A sheet of rows whose first row is the header. */
export function addTable(
  workbook: ExcelJS.Workbook,
  name: string,
  rows: readonly (readonly SheetValue[])[],
  widths: readonly number[],
): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRows(rows.map((row) => row.map(cellOf)));
  sheet.getRow(1).font = { bold: true };
  widths.forEach((width, index) => (sheet.getColumn(index + 1).width = width));
  return sheet;
}

function cellOf(value: SheetValue): SheetValue {
  return typeof value === 'string' && unguardCellText(value) !== value ? `'${value}` : value;
}

export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array<ArrayBuffer>> {
  // exceljs types its Node Buffer as its own interface; copy it into a plain byte array.
  return Uint8Array.from((await workbook.xlsx.writeBuffer()) as unknown as ArrayLike<number>);
}
