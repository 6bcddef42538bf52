// Rows as any spreadsheet import reads them, and the problems an import reports: every problem named by
// row, column and value, so an office can fix its file in one pass.

/** A cell as read from the file: its text, or what stands in its place (a spreadsheet error such as #N/A, a date) and why it is unusable. */
export type SheetCell = string | { error: string; message: string };

export interface SheetRow {
  /** The row number a spreadsheet shows (1 = first row). */
  number: number;
  cells: SheetCell[];
}

export interface ImportProblem {
  row: number;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
}

/**
 * Which sheet of a workbook an import read, as a stable code with its parameters (for the UI to word) and a
 * message: `sheet_with_header` (the best-fitting sheet, e.g. 单位 behind an instructions sheet 说明),
 * `only_sheet`, or `no_sheet_with_header` (no sheet has the header; the first one, or the one named for
 * the import, was read and its problems say what is missing).
 */
export interface SheetChoice {
  code: 'sheet_with_header' | 'only_sheet' | 'no_sheet_with_header';
  /** The sheet's name as written in the workbook. */
  sheet: string;
  /** Its place among the workbook's sheets, 1 = first. */
  position: number;
  sheetCount: number;
  message: string;
}
