import { csvDocument } from '../../formats/csv.ts';
import { addTable, newWorkbook, workbookBytes } from '../sheets/xlsx-write.ts';
import type { HotlineExportRow } from './hotline-export.ts';

// The one layout of the 12345 export, for CSV and Excel alike (docs/hotline-12345.md documents each
// column): the header row, then one row per problem. Every cell is text, so a number such as a phone keeps
// its leading digits; the CSV writer guards formulas and text a spreadsheet would re-type.

export const HOTLINE_COLUMNS: ReadonlyArray<readonly [string, keyof HotlineExportRow, number]> = [
  ['问题编号', 'number', 14],
  ['受理日期', 'heardOn', 12],
  ['来源', 'source', 6],
  ['姓名', 'name', 10],
  ['电话', 'phone', 14],
  ['乡镇', 'township', 14],
  ['村/社区或企业', 'target', 24],
  ['地址', 'address', 30],
  ['问题描述', 'description', 60],
  ['建议承办单位', 'suggestedUnit', 20],
  ['反馈时限', 'feedbackDueOn', 12],
  ['走访干部', 'cadres', 20],
  ['服务队', 'team', 20],
];

function table(rows: readonly HotlineExportRow[]): string[][] {
  return [
    HOTLINE_COLUMNS.map(([header]) => header),
    ...rows.map((row) => HOTLINE_COLUMNS.map(([, key]) => String(row[key]))),
  ];
}

export function hotlineCsv(rows: readonly HotlineExportRow[]): string {
  return csvDocument(table(rows));
}

export async function hotlineWorkbook(rows: readonly HotlineExportRow[], now: Date): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = newWorkbook(now);
  addTable(
    workbook,
    '转12345问题',
    table(rows),
    HOTLINE_COLUMNS.map(([, , width]) => width),
  );
  return workbookBytes(workbook);
}

/** Content-Disposition with an ASCII name and the Chinese one (RFC 6266 / RFC 5987 filename*). */
export function hotlineAttachment(day: string, extension: 'csv' | 'xlsx'): string {
  const chinese = `转12345问题-${day}.${extension}`;
  return `attachment; filename="hotline-12345-${day}.${extension}"; filename*=UTF-8''${encodeURIComponent(chinese)}`;
}
