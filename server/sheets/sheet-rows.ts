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
