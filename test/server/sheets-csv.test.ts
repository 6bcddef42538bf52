import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvCellText, csvDocument, retypedBySpreadsheet } from '../../formats/csv.ts';
import { decodeCsv, parseCsv } from '../../server/sheets/csv-read.ts';

// The CSV writer (formats/csv.ts) and the reader (server/sheets/csv-read.ts) are exact inverses, and
// the writer leaves nothing a spreadsheet would re-type or run (decision 015).

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** The values that break naive CSV: each kind the decision names, and anything else. */
const cellValue = fc.oneof(
  digits(1, 6).map((rest) => `0${rest}`), // unit codes with leading zeros
  digits(12, 30), // long digit strings (ID card numbers, 统一社会信用代码 digits)
  fc
    .tuple(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom('-', '/', '.'))
    .map(([a, b, sep]) => `${a}${sep}${b}`), // date-like 1-2, 3/12
  fc.constantFrom('1.50', '1e5', '50%', 'TRUE', 'false', '12:30', '1月2日', 'Jan-12', '(12)', '¥5', '-0', '0 1/2'),
  fc
    .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', "'=", '="'), fc.string({ maxLength: 12 }))
    .map(([start, rest]) => start + rest), // formula-like
  fc.constantFrom('=HYPERLINK("http://evil","点我")', '="0012"', "'0012", '=""', '-12', '-1-2'),
  fc.string({ unit: fc.constantFrom('单', '位', '，', ',', '"', '\n', '\r', ' ', 'a', '0'), maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
);

/** What the reader gives for the bytes the writer made: decoded as an upload is, then parsed. */
function readBack(rows: string[][]): string[][] {
  const { text, encoding } = decodeCsv(new TextEncoder().encode(csvDocument(rows)));
  expect(encoding).toBe('utf-8');
  return parseCsv(text).map((row) => row.cells as string[]);
}

describe('CSV written by formats/csv.ts', () => {
  it('reads back exactly as written: leading zeros, long digits, dates, formulas, Chinese, commas, quotes, line breaks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellValue, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          expect(readBack(rows)).toEqual(rows);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads back a single column whose first cell holds a tab, and a first row that is all one quoted cell', () => {
    const rows = [['a\tb'], ['c,d'], ['"e"\n\tf']];
    expect(readBack(rows)).toEqual(rows);
  });

  it('keeps text that a spreadsheet would re-type as the text constant ="…"', () => {
    for (const text of ['0012', '123456789012', '1-2', '3/12', '2026-01-02', '1.50', '1e5', '50%', 'TRUE', '12:30'])
      expect([text, csvCellText(text)]).toEqual([text, `="${text}"`]);
    expect(csvCell('0012')).toBe('"=""0012"""');
    expect(csvDocument([['QX-001', '0012', '青溪市']])).toBe('\uFEFFQX-001,"=""0012""",青溪市\r\n');
  });

  it('leaves alone what a spreadsheet shows as written: codes with letters, short whole numbers, access codes', () => {
    for (const text of ['D01', 'QX-YS-T01', '12', '-5', '0', '0.5', '12345678901', 'SJPY-AA22', '2345-6789', '单位'])
      expect([text, retypedBySpreadsheet(text), csvCellText(text)]).toEqual([text, false, text]);
  });

  it('never writes a formula but the text constant: every formula start is defused with an apostrophe', () => {
    fc.assert(
      fc.property(cellValue, (value) => {
        const text = csvCellText(value);
        if (!/^[=+\-@\t\r]/.test(text) || /^-?\d+(\.\d+)?$/.test(text)) return;
        expect(text).toMatch(/^="[^"]*"$/);
        expect(value).toBe(text.slice(2, -1));
      }),
      { numRuns: 2000 },
    );
  });
});
