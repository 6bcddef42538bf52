import { columnLetter } from '../catalog/unit-sheet.ts';
import type { ProblemSource } from '../db/schema.ts';
import type { ImportProblem, SheetCell, SheetRow } from '../sheets/sheet-rows.ts';
import { addDays, isDay } from './working-days.ts';

// The office's rectification ledger (整改台账) as a spreadsheet: its columns, and turning its rows into
// checked values, with every problem named by row, column and value. Knows nothing of the database
// (problem-import.ts resolves units and types) nor of files (server/sheets/ reads them).

export type LedgerColumnKey =
  | 'number'
  | 'title'
  | 'measures'
  | 'unit'
  | 'leader'
  | 'owner'
  | 'deadline'
  | 'progress'
  | 'source'
  | 'type'
  | 'status';

interface ColumnSpec {
  key: LedgerColumnKey;
  header: string;
  required: boolean;
  aliases: readonly string[];
  /** What the template's instructions say about the column. */
  help: string;
}

export const LEDGER_COLUMNS: readonly ColumnSpec[] = [
  { key: 'number', header: '序号', required: false, aliases: ['编号', 'no', 'number'], help: '选填；填了就不能重复。' },
  {
    key: 'title',
    header: '问题',
    required: true,
    aliases: ['问题描述', '存在问题', '问题清单', '具体问题', '问题表现', 'problem', 'title'],
    help: '必填，具体到事例。第一句作为问题标题，全文作为问题详情。',
  },
  {
    key: 'measures',
    header: '整改措施',
    required: true,
    aliases: ['措施', '整改举措', 'measures'],
    help: '必填。',
  },
  {
    key: 'unit',
    header: '责任单位',
    required: true,
    aliases: ['单位', '牵头单位', '整改单位', 'unit'],
    help: '必填：单位全称或单位编码（见“单位”名册）。',
  },
  { key: 'owner', header: '责任人', required: false, aliases: ['具体责任人', 'owner'], help: '选填。' },
  {
    key: 'deadline',
    header: '时限',
    required: true,
    aliases: ['整改时限', '完成时限', '时间节点', '完成时间', 'deadline'],
    help: '必填：日期，如 2026-10-13、2026/10/13、2026年10月13日、2026年10月底；没有期限的写“长期坚持”。',
  },
  {
    key: 'progress',
    header: '进展',
    required: false,
    aliases: ['整改进展', '进展情况', '整改情况', '完成情况', 'progress'],
    help: '选填：写入问题的时间线；以“已完成”“已整改”“已销号”开头的视为已完成整改。',
  },
  {
    key: 'leader',
    header: '责任领导',
    required: false,
    aliases: ['分管领导', 'leader'],
    help: '选填。',
  },
  {
    key: 'source',
    header: '问题来源',
    required: false,
    aliases: ['来源', 'source'],
    help: '选填：自查、评议、走访、12345、督查（暗访）、媒体、上级交办；不填为自查。',
  },
  {
    key: 'type',
    header: '问题类型',
    required: false,
    aliases: ['类型', '类别', 'type'],
    help: '选填：问题类型的名称。',
  },
  {
    key: 'status',
    header: '状态',
    required: false,
    aliases: ['整改状态', '是否完成', 'status'],
    help: '选填：未开始、整改中或已完成（已销号）；不填时看“进展”。',
  },
];

/** Where an imported problem ends up: filed as the office's ledger already is, in progress, or closed (销号). */
export type LedgerOutcome = 'filed' | 'in_progress' | 'closed';

/** A checked row, ready to be resolved against the units and types. */
export interface LedgerRow {
  row: number;
  number: string | null;
  title: string;
  detail: string;
  measures: string;
  unit: string;
  leader: string | null;
  owner: string | null;
  /** `YYYY-MM-DD`, or null for a standing item (长期坚持), whose words are kept in `deadlineNote`. */
  deadline: string | null;
  deadlineNote: string | null;
  progress: string | null;
  source: ProblemSource;
  type: string | null;
  outcome: LedgerOutcome;
}

export interface ParsedLedger {
  rows: LedgerRow[];
  headers: Partial<Record<LedgerColumnKey, string>>;
  problems: ImportProblem[];
  warnings: ImportProblem[];
  /** Data rows read (blank rows and example rows not counted). */
  rowCount: number;
}

export const MAX_TITLE = 80;
export const MAX_TEXT = 2000;
export const MAX_NAME = 100;
const HEADER_SEARCH_ROWS = 10;

/** The first sentence of a problem's text as its title; long sentences are cut with an ellipsis. */
export function titleOf(text: string): string {
  const first = text.split(/(?<=[。！？；!?;])|\n/)[0]?.trim() ?? text;
  const sentence = first.replace(/[。；;]$/, '');
  return sentence.length <= MAX_TITLE ? sentence : `${sentence.slice(0, MAX_TITLE - 1)}…`;
}

function normalizeHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s_\-*＊:：]/g, '');
}

const HEADER_LOOKUP = new Map<string, ColumnSpec>(
  LEDGER_COLUMNS.flatMap((spec) =>
    [spec.header, spec.key, ...spec.aliases].map((text) => [normalizeHeader(text), spec] as const),
  ),
);

const cellText = (cell: SheetCell | undefined): string =>
  cell === undefined ? '' : typeof cell === 'string' ? cell.trim() : cell.error;
const isBlank = (row: SheetRow) => row.cells.every((cell) => cellText(cell) === '');

/** How well a row serves as the header: 0 without a 问题 column, more when it names every required one. */
function headerFit(row: SheetRow): number {
  const keys = new Set(row.cells.map((cell) => HEADER_LOOKUP.get(normalizeHeader(cellText(cell)))?.key));
  if (!keys.has('title')) return 0;
  keys.delete(undefined);
  const complete = LEDGER_COLUMNS.every((spec) => !spec.required || keys.has(spec.key));
  return keys.size + (complete ? LEDGER_COLUMNS.length : 0);
}

/** How well a sheet fits the ledger import, for picking the sheet of a workbook. */
export function ledgerSheetFit(rows: readonly SheetRow[]): number {
  return Math.max(0, ...rows.slice(0, HEADER_SEARCH_ROWS).map(headerFit));
}

interface Column {
  index: number;
  spec: ColumnSpec;
  header: string;
}

function mapHeaders(headerRow: SheetRow, problems: ImportProblem[], warnings: ImportProblem[]) {
  const columns: Column[] = [];
  const labelled = new Set<number>();
  const seen = new Map<LedgerColumnKey, string>();
  headerRow.cells.forEach((cell, index) => {
    const header = cellText(cell);
    if (header === '') return;
    labelled.add(index);
    const spec = HEADER_LOOKUP.get(normalizeHeader(header));
    const at = { row: headerRow.number, column: header, value: header };
    if (!spec) {
      const names = LEDGER_COLUMNS.map((c) => c.header).join(', ');
      warnings.push({
        ...at,
        code: 'unknown_column',
        message: `not a column of the ledger; ignored (columns: ${names})`,
      });
      return;
    }
    const earlier = seen.get(spec.key);
    if (earlier !== undefined) {
      problems.push({ ...at, code: 'duplicate_column', message: `the same column as "${earlier}"; keep only one` });
      return;
    }
    seen.set(spec.key, header);
    columns.push({ index, spec, header });
  });
  for (const spec of LEDGER_COLUMNS) {
    if (spec.required && !seen.has(spec.key))
      problems.push({
        row: headerRow.number,
        column: spec.header,
        value: null,
        code: 'missing_column',
        message: `the required column ${spec.header} is missing`,
      });
  }
  return { columns, labelled };
}

/** Reads the header row and checks every data row; all problems are collected, none stops the others. */
export function parseLedgerSheet(rows: readonly SheetRow[]): ParsedLedger {
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  let headerRow: SheetRow | undefined;
  let bestFit = 0;
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const fit = headerFit(row);
    if (fit > bestFit) [headerRow, bestFit] = [row, fit];
  }
  if (!headerRow) {
    problems.push({
      row: rows.find((row) => !isBlank(row))?.number ?? 1,
      column: null,
      value: null,
      code: 'missing_header',
      message: `no header row with a 问题 column in the first ${HEADER_SEARCH_ROWS} rows`,
    });
    return { rows: [], headers: {}, problems, warnings, rowCount: 0 };
  }
  const { columns, labelled } = mapHeaders(headerRow, problems, warnings);
  const headers = Object.fromEntries(columns.map((c) => [c.spec.key, c.header])) as ParsedLedger['headers'];
  const dataRows = rows.filter((row) => row.number > (headerRow?.number ?? 0) && !isBlank(row));
  const numberIndex = columns.find((c) => c.spec.key === 'number')?.index;
  // The template's example row (序号 示例) is skipped, so a filled-in template imports as it is.
  const examples = dataRows.filter(
    (row) => numberIndex !== undefined && /^示例|^例$/.test(cellText(row.cells[numberIndex])),
  );
  for (const row of examples)
    warnings.push({
      row: row.number,
      column: headers.number ?? null,
      value: cellText(row.cells[numberIndex ?? 0]),
      code: 'example_row',
      message: "the template's example row; skipped",
    });
  const real = dataRows.filter((row) => !examples.includes(row));
  if (problems.length > 0) return { rows: [], headers, problems, warnings, rowCount: real.length };

  const parsed: LedgerRow[] = [];
  const firstRowOfNumber = new Map<string, number>();
  for (const row of real) {
    row.cells.forEach((cell, index) => {
      if (!labelled.has(index) && cellText(cell) !== '')
        problems.push({
          row: row.number,
          column: columnLetter(index),
          value: cellText(cell),
          code: 'value_without_column',
          message: 'this cell has no column header; add the header or clear the cell',
        });
    });
    const result = parseRow(row, columns, problems);
    // A repeated 序号 is reported also on a row refused for other reasons: the file is fixed in one pass.
    const number = numberIndex === undefined ? '' : cellText(row.cells[numberIndex]);
    const earlier = number === '' ? undefined : firstRowOfNumber.get(number);
    if (earlier !== undefined) {
      problems.push({
        row: row.number,
        column: headers.number ?? null,
        value: number,
        code: 'duplicate_number',
        message: `the same 序号 is on row ${earlier}; each item appears once`,
      });
      continue;
    }
    if (number !== '') firstRowOfNumber.set(number, row.number);
    if (result) parsed.push(result);
  }
  return { rows: parsed, headers, problems, warnings, rowCount: real.length };
}

type FieldResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const bad = (code: string, message: string): FieldResult<never> => ({ ok: false, code, message });

// eslint-disable-next-line no-control-regex -- the point is to find control characters (line breaks and tabs allowed)
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function text(max: number, required: string | null, lines = true): (cell: SheetCell) => FieldResult<string | null> {
  return (cell) => {
    if (typeof cell !== 'string') return bad('unusable_cell', cell.message);
    const value = cell.trim();
    if (value === '') return required ? bad('required', required) : ok(null);
    if (value.length > max) return bad('too_long', `at most ${max} characters`);
    if (CONTROL.test(value) || (!lines && /[\r\n]/.test(value)))
      return bad('invalid_text', 'remove the line breaks or control characters');
    return ok(value);
  };
}

/** Words that say an item has no end date: kept as a note beside an empty deadline. */
const STANDING = /^(长期坚持|长期|长期推进|持续推进|持续整改|常态化|常态长效|立行立改|立即整改)$/;

/** The day of an Excel serial date (days since 1899-12-30), for a date typed into a number cell. */
function serialDay(serial: number): string {
  return addDays('1899-12-30', serial);
}

function monthEnd(year: number, month: number): string {
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

const pad = (n: string) => n.padStart(2, '0');

/** 时限: an Excel date, 2026-10-13, 2026/10/13, 2026.10.13, 2026年10月13日(前), 2026年10月(底), or 长期坚持. */
export function parseDeadline(cell: SheetCell): FieldResult<{ day: string | null; note: string | null }> {
  // The sheet reader hands an Excel date cell over as an unusable cell holding its day (sheets/xlsx-read.ts).
  if (typeof cell !== 'string')
    return isDay(cell.error) ? ok({ day: cell.error, note: null }) : bad('unusable_cell', cell.message);
  const value = cell.trim().replace(/\s+/g, '');
  if (value === '') return bad('required', 'the deadline is required; write 长期坚持 for an item without one');
  if (STANDING.test(value)) return ok({ day: null, note: value });
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(前|之前)?$/.exec(value);
  if (full) {
    const day = `${full[1]}-${pad(full[2] ?? '')}-${pad(full[3] ?? '')}`;
    return isDay(day) ? ok({ day, note: null }) : bad('invalid_date', 'not a day of the calendar');
  }
  const month = /^(\d{4})[-/.年](\d{1,2})月?(底|末)?(前|之前)?$/.exec(value);
  if (month) {
    const m = Number(month[2]);
    return m >= 1 && m <= 12
      ? ok({ day: monthEnd(Number(month[1]), m), note: null })
      : bad('invalid_date', 'no such month');
  }
  // A date cell saved as its serial number (a General-formatted column): 36526 is 2000-01-01, 73050 2099-12-31.
  if (/^\d{5}(\.0+)?$/.test(value) && Number(value) >= 36526 && Number(value) <= 73050)
    return ok({ day: serialDay(Math.floor(Number(value))), note: null });
  return bad('invalid_date', 'write a date such as 2026-10-13 or 2026年10月13日, or 长期坚持 for no end date');
}

const SOURCE_WORDS: Record<string, ProblemSource> = {
  自查: 'self',
  自查自纠: 'self',
  自身查摆: 'self',
  查摆: 'self',
  self: 'self',
  评议: 'rating',
  好差评: 'rating',
  满意度评议: 'rating',
  群众评议: 'rating',
  服务对象评议: 'rating',
  rating: 'rating',
  走访: 'visit',
  走访调研: 'visit',
  座谈: 'visit',
  visit: 'visit',
  '12345': 'hotline',
  '12345热线': 'hotline',
  热线: 'hotline',
  hotline: 'hotline',
  督查: 'inspection',
  暗访: 'inspection',
  明察暗访: 'inspection',
  督查暗访: 'inspection',
  '督查（暗访）': 'inspection',
  '督查(暗访)': 'inspection',
  inspection: 'inspection',
  媒体: 'media',
  媒体曝光: 'media',
  舆情: 'media',
  media: 'media',
  上级交办: 'assigned',
  交办: 'assigned',
  上级督办: 'assigned',
  assigned: 'assigned',
};

const DONE = /^(已完成|已整改|已销号|整改完成|完成整改|完成)/;
const STATUS_WORDS: Record<string, LedgerOutcome> = {
  已完成: 'closed',
  已整改: 'closed',
  已销号: 'closed',
  完成: 'closed',
  整改完成: 'closed',
  是: 'closed',
  整改中: 'in_progress',
  推进中: 'in_progress',
  正在整改: 'in_progress',
  进行中: 'in_progress',
  未完成: 'in_progress',
  否: 'in_progress',
  未开始: 'filed',
  待整改: 'filed',
  已备案: 'filed',
};

const FIELDS: { [K in LedgerColumnKey]: (cell: SheetCell) => FieldResult<unknown> } = {
  number: text(20, null, false),
  title: text(MAX_TEXT, 'the problem is required: what is wrong, with an example'),
  measures: text(MAX_TEXT, 'the measures are required'),
  unit: text(MAX_NAME, 'the responsible unit is required (its name or code)', false),
  leader: text(MAX_NAME, null, false),
  owner: text(MAX_NAME, null, false),
  deadline: parseDeadline,
  progress: text(MAX_TEXT, null),
  source: (cell) => {
    const value = text(20, null, false)(cell);
    if (!value.ok || value.value === null) return value.ok ? ok('self') : value;
    const source = SOURCE_WORDS[value.value.toLowerCase()];
    return source ? ok(source) : bad('invalid_source', 'write 自查, 评议, 走访, 12345, 督查, 暗访, 媒体 or 上级交办');
  },
  type: text(MAX_NAME, null, false),
  status: (cell) => {
    const value = text(20, null, false)(cell);
    if (!value.ok || value.value === null) return value;
    const outcome = STATUS_WORDS[value.value];
    return outcome ? ok(outcome) : bad('invalid_status', 'write 未开始, 整改中 or 已完成 (已销号)');
  },
};

function parseRow(row: SheetRow, columns: readonly Column[], problems: ImportProblem[]): LedgerRow | null {
  const values: Partial<Record<LedgerColumnKey, unknown>> = {};
  let valid = true;
  for (const { index, spec, header } of columns) {
    const cell = row.cells[index] ?? '';
    const result = FIELDS[spec.key](cell);
    if (result.ok) values[spec.key] = result.value;
    else {
      problems.push({
        row: row.number,
        column: header,
        value: cellText(cell),
        code: result.code,
        message: result.message,
      });
      valid = false;
    }
  }
  if (!valid) return null;
  const problem = values.title as string;
  const deadline = values.deadline as { day: string | null; note: string | null };
  const progress = (values.progress as string | null | undefined) ?? null;
  const status = values.status as LedgerOutcome | null | undefined;
  return {
    row: row.number,
    number: (values.number as string | null | undefined) ?? null,
    title: titleOf(problem),
    detail: problem,
    measures: values.measures as string,
    unit: values.unit as string,
    leader: (values.leader as string | null | undefined) ?? null,
    owner: (values.owner as string | null | undefined) ?? null,
    deadline: deadline.day,
    deadlineNote: deadline.note,
    progress,
    source: (values.source as ProblemSource | undefined) ?? 'self',
    type: (values.type as string | null | undefined) ?? null,
    outcome: status ?? (progress && DONE.test(progress) ? 'closed' : progress ? 'in_progress' : 'filed'),
  };
}
