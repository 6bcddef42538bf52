// Writing CSV as offices open it: UTF-8 with a BOM (so Excel shows Chinese), CRLF line ends, and no cell
// a spreadsheet would run as a formula. Pure: the server's exports and the console's downloads share it.

/** Spreadsheets run a cell starting with one of these as a formula (CSV injection). */
export const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One CSV cell: quoted when needed, and with a leading apostrophe where a spreadsheet would see a formula. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV document: UTF-8 with a BOM and CRLF line ends. */
export function csvDocument(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
