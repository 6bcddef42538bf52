import type { UnitLevel } from '../db/schema.ts';
import type { ImportProblem, SheetCell, SheetRow } from '../sheets/sheet-rows.ts';
import { CODE_PATTERN, CODE_RULE, hasControlCharacters, MAX_NAME, MAX_NAME_EN, MAX_SORT } from './catalog.schemas.ts';

// The units spreadsheet: its columns, and turning its rows into checked values, with every problem named
// by row, column and value. Knows nothing of the database (unit-import.ts resolves codes) nor of files.

export type ColumnKey = 'code' | 'name' | 'nameEn' | 'parentCode' | 'level' | 'category' | 'sortOrder' | 'active';

interface ColumnSpec {
  key: ColumnKey;
  header: string;
  english: string;
  required: boolean;
  aliases: readonly string[];
  /** What the template says about the column. */
  help: string;
}

export const UNIT_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'code',
    header: '单位编码',
    english: 'code',
    required: true,
    aliases: ['unitcode', '编码'],
    help: '必填，唯一；字母、数字、点、下划线或连字符，最长40位。已有编码的行会更新该单位。',
  },
  {
    key: 'name',
    header: '单位名称',
    english: 'name',
    required: true,
    aliases: ['unitname', '名称'],
    help: '必填，最长100字。',
  },
  {
    key: 'nameEn',
    header: '英文名称',
    english: 'name_en',
    required: false,
    aliases: ['nameen', 'englishname'],
    help: '选填。',
  },
  {
    key: 'parentCode',
    header: '上级单位编码',
    english: 'parent_code',
    required: false,
    aliases: ['parent', 'parentcode', '上级编码', '上级单位'],
    help: '市不填；县填市或不填；乡镇填县；部门填市、县或乡镇。可以是本表中的单位。',
  },
  {
    key: 'level',
    header: '层级',
    english: 'level',
    required: true,
    aliases: ['单位层级'],
    help: '必填：市、县、乡镇或部门（也可写 city、county、township、department）。',
  },
  {
    key: 'category',
    header: '单位类别',
    english: 'category',
    required: false,
    aliases: ['类别', '类别编码'],
    help: '选填：类别编码或类别名称（见“类别”表）。',
  },
  {
    key: 'sortOrder',
    header: '排序',
    english: 'sort_order',
    required: false,
    aliases: ['sort', 'sortorder', '序号排序'],
    help: '选填整数，同级单位按它排列；新单位不填时按行号。',
  },
  {
    key: 'active',
    header: '状态',
    english: 'active',
    required: false,
    aliases: ['status', '是否启用'],
    help: '选填：启用或停用；不填时新单位为启用，已有单位不变。',
  },
];

export const LEVEL_LABELS: Record<UnitLevel, string> = {
  city: '市',
  county: '县',
  township: '乡镇',
  department: '部门',
};
const LEVEL_WORDS: Record<string, UnitLevel> = {
  市: 'city',
  城市: 'city',
  地级市: 'city',
  city: 'city',
  县: 'county',
  区: 'county',
  县区: 'county',
  '县(区)': 'county',
  县级市: 'county',
  county: 'county',
  district: 'county',
  乡镇: 'township',
  乡: 'township',
  镇: 'township',
  街道: 'township',
  '乡镇(街道)': 'township',
  township: 'township',
  town: 'township',
  部门: 'department',
  department: 'department',
  dept: 'department',
};
export const ACTIVE_LABELS = { true: '启用', false: '停用' } as const;
const ACTIVE_WORDS: Record<string, boolean> = {
  启用: true,
  在用: true,
  有效: true,
  是: true,
  active: true,
  yes: true,
  true: true,
  '1': true,
  停用: false,
  禁用: false,
  无效: false,
  否: false,
  inactive: false,
  no: false,
  false: false,
  '0': false,
};

/** A checked row. `undefined`: the column is not in the file (keep what is stored); `null`: the cell is empty. */
export interface UnitSheetRow {
  row: number;
  code: string;
  name: string;
  nameEn: string | undefined;
  parentCode: string | null | undefined;
  level: UnitLevel;
  category: string | null | undefined;
  sortOrder: number | null | undefined;
  active: boolean | null | undefined;
}

export interface ParsedSheet {
  rows: UnitSheetRow[];
  /** Columns found, by key, with the header as written in the file. */
  headers: Partial<Record<ColumnKey, string>>;
  problems: ImportProblem[];
  warnings: ImportProblem[];
  /** Data rows read (blank rows not counted). */
  rowCount: number;
  /** Codes of rows refused for other reasons: other rows may name them as parents without a second complaint. */
  refusedCodes: Set<string>;
}

const HEADER_SEARCH_ROWS = 10;

/** Header text as compared: no case, spaces, underscores, required-marks or bracketed hints like（选填）. */
function normalizeHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s_\-*＊:：]/g, '');
}

const HEADER_LOOKUP = new Map<string, ColumnSpec>(
  UNIT_COLUMNS.flatMap((spec) =>
    [spec.header, spec.english, spec.key, ...spec.aliases].map((text) => [normalizeHeader(text), spec] as const),
  ),
);

const cellText = (cell: SheetCell | undefined): string =>
  cell === undefined ? '' : typeof cell === 'string' ? cell.trim() : cell.error;
const isBlank = (row: SheetRow) => row.cells.every((cell) => cellText(cell) === '');

interface HeaderMap {
  headerRow: SheetRow;
  columns: Array<{ index: number; spec: ColumnSpec; header: string }>;
  /** Indexes of every cell of the header row with text, read or ignored. */
  labelled: Set<number>;
}

/**
 * How well a row serves as the header: 0 without a code column, else how many of the columns it names, and
 * more than any partial header when it names every required one. An instructions sheet (说明) that lists
 * the columns one per row never beats the sheet whose header names them all.
 */
function headerFit(row: SheetRow): number {
  const keys = new Set(row.cells.map((cell) => HEADER_LOOKUP.get(normalizeHeader(cellText(cell)))?.key));
  if (!keys.has('code')) return 0;
  keys.delete(undefined);
  const complete = UNIT_COLUMNS.every((spec) => !spec.required || keys.has(spec.key));
  return keys.size + (complete ? UNIT_COLUMNS.length : 0);
}

/** How well a sheet fits the units import: the fit of its best header row (0: it has none), for picking the sheet. */
export function unitSheetFit(rows: readonly SheetRow[]): number {
  return Math.max(0, ...rows.slice(0, HEADER_SEARCH_ROWS).map(headerFit));
}

/** The best header row among the first rows; the earliest among equals. */
function findHeaderRow(rows: readonly SheetRow[]): SheetRow | undefined {
  let best: { row: SheetRow; fit: number } | undefined;
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const fit = headerFit(row);
    if (fit > (best?.fit ?? 0)) best = { row, fit };
  }
  return best?.row;
}

function mapHeaders(headerRow: SheetRow, problems: ImportProblem[], warnings: ImportProblem[]): HeaderMap {
  const columns: HeaderMap['columns'] = [];
  const labelled = new Set<number>();
  const seen = new Map<ColumnKey, string>();
  headerRow.cells.forEach((cell, index) => {
    const header = cellText(cell);
    if (header === '') return;
    labelled.add(index);
    const spec = HEADER_LOOKUP.get(normalizeHeader(header));
    const at = { row: headerRow.number, column: header, value: header };
    if (!spec) {
      warnings.push({
        ...at,
        code: 'unknown_column',
        message: `not a column Pingyi reads; it was ignored (columns: ${UNIT_COLUMNS.map((c) => c.header).join(', ')})`,
      });
      return;
    }
    const earlier = seen.get(spec.key);
    if (earlier !== undefined) {
      return problems.push({
        ...at,
        code: 'duplicate_column',
        message: `the same column as "${earlier}"; keep only one`,
      });
    }
    seen.set(spec.key, header);
    return columns.push({ index, spec, header });
  });
  for (const spec of UNIT_COLUMNS) {
    if (spec.required && !seen.has(spec.key)) {
      problems.push({
        row: headerRow.number,
        column: spec.header,
        value: null,
        code: 'missing_column',
        message: `the required column ${spec.header} (${spec.english}) is missing`,
      });
    }
  }
  return { headerRow, columns, labelled };
}

/** Reads the header row and checks every data row; all problems are collected, none stops the others. */
export function parseUnitSheet(rows: readonly SheetRow[]): ParsedSheet {
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const headerRow = findHeaderRow(rows);
  if (!headerRow) {
    const first = rows.find((row) => !isBlank(row))?.number ?? 1;
    problems.push({
      row: first,
      column: null,
      value: null,
      code: 'missing_header',
      message: `no header row with a ${UNIT_COLUMNS[0]?.header} (code) column in the first ${HEADER_SEARCH_ROWS} rows`,
    });
    return { rows: [], headers: {}, problems, warnings, rowCount: 0, refusedCodes: new Set() };
  }
  const map = mapHeaders(headerRow, problems, warnings);
  const headers = Object.fromEntries(
    map.columns.map((column) => [column.spec.key, column.header]),
  ) as ParsedSheet['headers'];
  const dataRows = rows.filter((row) => row.number > headerRow.number && !isBlank(row));
  if (problems.length > 0)
    return { rows: [], headers, problems, warnings, rowCount: dataRows.length, refusedCodes: new Set() };

  const parsed: UnitSheetRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  const refusedCodes = new Set<string>();
  const codeIndex = map.columns.find((column) => column.spec.key === 'code')?.index ?? 0;
  for (const row of dataRows) {
    const result = parseRow(row, map, problems);
    row.cells.forEach((cell, index) => {
      if (!map.labelled.has(index) && cellText(cell) !== '') {
        problems.push({
          row: row.number,
          column: columnLetter(index),
          value: cellText(cell),
          code: 'value_without_column',
          message: 'this cell has no column header; add the header or clear the cell',
        });
      }
    });
    if (!result) {
      const code = cellText(row.cells[codeIndex]);
      if (CODE_PATTERN.test(code)) refusedCodes.add(code);
      continue;
    }
    const earlier = firstRowOfCode.get(result.code);
    if (earlier !== undefined) {
      problems.push({
        row: row.number,
        column: headers.code ?? null,
        value: result.code,
        code: 'duplicate_code',
        message: `the same code is on row ${earlier}; each unit appears once`,
      });
      continue;
    }
    firstRowOfCode.set(result.code, row.number);
    parsed.push(result);
  }
  return { rows: parsed, headers, problems, warnings, rowCount: dataRows.length, refusedCodes };
}

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

type FieldResult<T> = { ok: true; value: T } | { ok: false; code: string; message: string };
const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const bad = (code: string, message: string): FieldResult<never> => ({ ok: false, code, message });

const FIELD_PARSERS: { [K in ColumnKey]: (text: string) => FieldResult<unknown> } = {
  code: (text) =>
    text === ''
      ? bad('required', 'the unit code is required')
      : CODE_PATTERN.test(text)
        ? ok(text)
        : bad('invalid_code', `not a valid unit code: ${CODE_RULE}`),
  name: (text) =>
    text === ''
      ? bad('required', 'the unit name is required')
      : text.length > MAX_NAME
        ? bad('too_long', `at most ${MAX_NAME} characters`)
        : hasControlCharacters(text)
          ? bad('invalid_text', 'remove the line breaks or control characters')
          : ok(text),
  nameEn: (text) =>
    text.length > MAX_NAME_EN
      ? bad('too_long', `at most ${MAX_NAME_EN} characters`)
      : hasControlCharacters(text)
        ? bad('invalid_text', 'remove the line breaks or control characters')
        : ok(text),
  parentCode: (text) =>
    text === ''
      ? ok(null)
      : CODE_PATTERN.test(text)
        ? ok(text)
        : bad('invalid_code', `not a valid unit code: ${CODE_RULE}`),
  level: (text) => {
    const level = LEVEL_WORDS[text.toLowerCase().replace(/\s/g, '').replace(/（/g, '(').replace(/）/g, ')')];
    if (text === '') return bad('required', 'the level is required: 市, 县, 乡镇 or 部门');
    return level
      ? ok(level)
      : bad('invalid_level', 'write 市, 县, 乡镇 or 部门 (or city, county, township, department)');
  },
  category: (text) => ok(text === '' ? null : text),
  sortOrder: (text) => {
    if (text === '') return ok(null);
    const value = /^[+-]?\d+(\.0+)?$/.test(text) ? Number.parseInt(text, 10) : Number.NaN;
    return Number.isInteger(value) && Math.abs(value) <= MAX_SORT
      ? ok(value)
      : bad('invalid_sort', `a whole number between -${MAX_SORT} and ${MAX_SORT}`);
  },
  active: (text) => {
    if (text === '') return ok(null);
    const value = ACTIVE_WORDS[text.toLowerCase()];
    return value === undefined ? bad('invalid_status', 'write 启用 or 停用 (or active, inactive)') : ok(value);
  },
};

function parseRow(row: SheetRow, map: HeaderMap, problems: ImportProblem[]): UnitSheetRow | null {
  const values: Partial<Record<ColumnKey, unknown>> = {};
  let valid = true;
  for (const { index, spec, header } of map.columns) {
    const cell = row.cells[index];
    if (cell !== undefined && typeof cell !== 'string') {
      problems.push({
        row: row.number,
        column: header,
        value: cell.error,
        code: 'unusable_cell',
        message: cell.message,
      });
      valid = false;
      continue;
    }
    const text = cellText(cell);
    const result = FIELD_PARSERS[spec.key](text);
    if (result.ok) values[spec.key] = result.value;
    else {
      problems.push({ row: row.number, column: header, value: text, code: result.code, message: result.message });
      valid = false;
    }
  }
  if (!valid) return null;
  return {
    row: row.number,
    code: values.code as string,
    name: values.name as string,
    nameEn: values.nameEn as string | undefined,
    parentCode: values.parentCode as string | null | undefined,
    level: values.level as UnitLevel,
    category: values.category as string | null | undefined,
    sortOrder: values.sortOrder as number | null | undefined,
    active: values.active as boolean | null | undefined,
  };
}
