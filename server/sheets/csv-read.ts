import { AppError } from '../errors.ts';
import { unguardCellText } from '../../formats/csv.ts';
import type { SheetRow } from './sheet-rows.ts';

// CSV as Chinese offices produce it: Excel's "CSV UTF-8" (with a BOM), plain UTF-8, or the local ANSI
// code page (GBK, read as GB18030, its superset), comma- or tab-separated, CRLF or LF.

export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le';

/** Decodes the bytes of a text spreadsheet, choosing the encoding from the BOM or from what decodes cleanly. */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: decodeStrict('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: decodeStrict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.includes(0)) throw unreadable('it holds binary data; save the sheet as .xlsx or as CSV (UTF-8)');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: Excel on Chinese Windows saves "CSV (comma delimited)" in GBK.
    return { text: decodeStrict('gb18030', bytes), encoding: 'gb18030' };
  }
}

function decodeStrict(encoding: CsvEncoding, bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw unreadable(`it is not valid ${encoding.toUpperCase()} text; save the sheet as .xlsx or as CSV (UTF-8)`);
  }
}

function unreadable(why: string): AppError {
  return new AppError(422, 'unreadable_file', `The file could not be read as CSV: ${why}.`);
}

/** Splits CSV text into rows of cells (RFC 4180 quoting); row numbers are the ones a spreadsheet would show. */
export function parseCsv(text: string): SheetRow[] {
  const delimiter = delimiterOf(text);
  const rows: Array<{ number: number; cells: string[] }> = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let quoteStartRow = 0;
  const endRow = () => {
    cells.push(cell);
    rows.push({ number: rows.length + 1, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
      quoteStartRow = rows.length + 1;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else {
      cell += ch;
    }
  }
  if (quoted) throw unreadable(`a quote opened on row ${quoteStartRow} is never closed`);
  if (cell !== '' || cells.length > 0) endRow();
  return rows.map((row) => ({ number: row.number, cells: row.cells.map(unguardCellText) }));
}

/** Tab when the first row has a tab and no comma outside quotes (Excel's "Unicode text"), else comma. */
function delimiterOf(text: string): ',' | '\t' {
  let quoted = false;
  let tab = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === ',') return ',';
    else if (ch === '\t') tab = true;
    else if (ch === '\n' || ch === '\r') break;
  }
  return tab ? '\t' : ',';
}
