// Writing CSV as offices open it: UTF-8 with a BOM (so Excel shows Chinese), CRLF line ends, no cell a
// spreadsheet would run as a formula, and no text a spreadsheet would turn into a number or a date on
// opening (decision 015). Pure: the server's exports and the console's downloads share it; the reader
// (server/sheets/csv-read.ts) undoes exactly what this does.

/** Spreadsheets run a cell starting with one of these as a formula (CSV injection). */
export const FORMULA_START = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The one formula this writer emits: a text constant, ="0012", which Excel and LibreOffice show as the
 * text 0012. Its content never holds a quote, so it can never be more than the constant.
 */
export const TEXT_CONSTANT = /^="([^"]*)"$/;
/** Excel's limit for a text constant inside a formula. */
const MAX_TEXT_CONSTANT = 255;

/** Numbers a spreadsheet shows exactly as written (no leading zero, no trailing decimal zero, ≤ 11 characters). */
const CANONICAL_NUMBER = /^(?!-0$)-?(0|[1-9]\d*)(\.\d*[1-9])?$/;
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\\.?';
const TIME = '\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(\\s*[ap]\\.?m\\.?)?';
const DATE = '\\d{1,4}[-/.]\\d{1,2}([-/.]\\d{1,4})?';

/** Text a spreadsheet re-types when it opens a CSV file, so that saving it again writes something else. */
const RETYPED: readonly RegExp[] = [
  // Numbers in any dress: 0012, 123456789012 (shown as 1.23457E+11), 1.50, 1,234, 1e5, 50%, (12), ¥5.
  /^[+-]?[$¥￥€£]?\(?(\d[\d,]*\.?\d*|\.\d+)(e[+-]?\d+)?\)?%?$/i,
  // Dates and times: 1-2, 3/12, 2026-01-02, 1.2.3, 12:30, 2026-01-02 12:30, 0 1/2.
  new RegExp(`^(${DATE}|${TIME}|${DATE}[ T]${TIME}|\\d+ \\d+/\\d+)$`, 'i'),
  // Dates with a month name: 1-Jan, Jan-12, 12 March 2026.
  new RegExp(`^(\\d{1,2}[-/ ]${MONTH}([-/ ]\\d{1,4})?|${MONTH}[-/ ]\\d{1,4}([-/ ,]+\\d{1,4})?)$`, 'i'),
  // Dates as Chinese Excel reads them: 2026年1月, 1月2日.
  /^(\d{1,4}年\d{1,2}月(\d{1,2}日)?|\d{1,2}月\d{1,2}日)$/,
  /^(true|false)$/i,
];

/** Whether a spreadsheet opening the CSV would show something other than the text itself. */
export function retypedBySpreadsheet(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '' || (trimmed === text && trimmed.length <= 11 && CANONICAL_NUMBER.test(text))) return false;
  return RETYPED.some((pattern) => pattern.test(trimmed));
}

/**
 * The text of one cell before CSV quoting: a formula start gets a leading apostrophe (so the cell is never
 * run), and text a spreadsheet would re-type becomes the text constant ="…" (so 0012 stays 0012).
 */
export function csvCellText(value: string | number): string {
  const text = String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) return `'${text}`;
  if (retypedBySpreadsheet(text) && text.length <= MAX_TEXT_CONSTANT && !text.includes('"')) return `="${text}"`;
  return text;
}

/** One CSV cell: its text (csvCellText), quoted when it holds a delimiter, a quote, a line break or edge spaces. */
export function csvCell(value: string | number): string {
  const text = csvCellText(value);
  return /[",\t\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Undoes csvCellText: the text constant ="…" gives its text; one apostrophe before a formula start goes.
 * Readers apply it to text cells of a workbook too: LibreOffice can keep both as text when it opens the CSV
 * and the office saves it as .xlsx.
 */
export function unguardCellText(text: string): string {
  const constant = TEXT_CONSTANT.exec(text);
  if (constant) return constant[1]!;
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}

/** A whole CSV document: UTF-8 with a BOM and CRLF line ends. */
export function csvDocument(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
