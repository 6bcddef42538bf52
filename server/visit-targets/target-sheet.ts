import type { ImportProblem, SheetCell, SheetRow } from '../sheets/sheet-rows.ts';

// The three sheets of a visit-target import (村社区, 企业, 住户): their columns, which kind a sheet is (by its
// header row), and its rows as trimmed texts by column. Knows nothing of the database (target-import.ts
// resolves townships and villages) nor of files (server/sheets/ reads them).

export type TargetSheetKind = 'villages' | 'enterprises' | 'households';

export interface TargetColumn {
  key: string;
  header: string;
  required: boolean;
  aliases: readonly string[];
  help: string;
}

const NOTE: TargetColumn = {
  key: 'note',
  header: '备注',
  required: false,
  aliases: ['说明', 'note'],
  help: '选填，不导入；以“示例”开头的行导入时跳过。',
};
const TOWNSHIP: TargetColumn = {
  key: 'township',
  header: '乡镇（街道）',
  required: true,
  aliases: ['乡镇', '街道', '所属乡镇', '所属乡镇街道', '乡镇名称', 'township'],
  help: '必填：乡镇或街道的全称或单位编码（见“单位”名册，层级为乡镇）。',
};

export const TARGET_SHEETS: Record<
  TargetSheetKind,
  { title: string; names: readonly string[]; columns: readonly TargetColumn[] }
> = {
  villages: {
    title: '村社区',
    names: ['村社区', '村（社区）', '村(社区)', '村', '社区', 'villages'],
    columns: [
      TOWNSHIP,
      {
        key: 'name',
        header: '村（社区）',
        required: true,
        aliases: ['村社区名称', '村名', '社区名称', '名称', 'name', 'village'],
        help: '必填：村或社区的名称；同一乡镇内不重复。',
      },
      {
        key: 'kind',
        header: '类型',
        required: false,
        aliases: ['村或社区', 'kind'],
        help: '选填：村 或 社区；不填时名称以“社区”结尾的为社区，否则为村。',
      },
      {
        key: 'households',
        header: '户数',
        required: true,
        aliases: ['总户数', '住户数', 'households'],
        help: '必填：整数，0 或以上；走访覆盖按此计算。',
      },
      {
        key: 'code',
        header: '编码',
        required: false,
        aliases: ['村社区编码', '代码', 'code'],
        help: '选填：评议办自己的编码，不重复。',
      },
      NOTE,
    ],
  },
  enterprises: {
    title: '企业',
    names: ['企业', 'enterprises'],
    columns: [
      {
        key: 'creditCode',
        header: '统一社会信用代码',
        required: true,
        aliases: ['信用代码', '社会信用代码', 'creditcode'],
        help: '必填：18位，按 GB 32100-2015 校验（含校验码）；已有的企业按此代码更新。',
      },
      { key: 'name', header: '企业名称', required: true, aliases: ['企业', '名称', 'name'], help: '必填。' },
      TOWNSHIP,
      {
        key: 'village',
        header: '村（社区）',
        required: false,
        aliases: ['村社区', '所在村社区', '村', '社区', 'village'],
        help: '选填：须是该乡镇的村或社区（已有的，或本文件“村社区”表中的）。',
      },
      { key: 'address', header: '地址', required: false, aliases: ['企业地址', '住所', 'address'], help: '选填。' },
      { key: 'industry', header: '行业', required: false, aliases: ['所属行业', 'industry'], help: '选填。' },
      {
        key: 'size',
        header: '规模',
        required: true,
        aliases: ['企业规模', 'size'],
        help: '必填：大型、中型、小型 或 微型。',
      },
      NOTE,
    ],
  },
  households: {
    title: '住户',
    names: ['住户', '户', 'households'],
    columns: [
      TOWNSHIP,
      {
        key: 'village',
        header: '村（社区）',
        required: true,
        aliases: ['村社区', '村', '社区', 'village'],
        help: '必填：该乡镇的村或社区（已有的，或本文件“村社区”表中的）。',
      },
      {
        key: 'label',
        header: '户主',
        required: true,
        aliases: ['户', '户主姓名', '门牌', '门牌号', 'household', 'label'],
        help: '必填：户主姓名或门牌；同一村内不重复，已有的按此更新地址。',
      },
      { key: 'address', header: '地址', required: false, aliases: ['住址', 'address'], help: '选填。' },
      NOTE,
    ],
  },
};

export interface TargetLine {
  row: number;
  values: Record<string, string>;
}

export interface ParsedTargetSheet {
  kind: TargetSheetKind;
  /** Column key → the header as written, for problems. */
  headers: Record<string, string>;
  lines: TargetLine[];
  problems: ImportProblem[];
  warnings: ImportProblem[];
}

const HEADER_SEARCH_ROWS = 10;

function normalizeHeader(text: string): string {
  return text.toLowerCase().replace(/[\s_\-*＊:：()（）]/g, '');
}

const LOOKUPS = Object.fromEntries(
  (Object.keys(TARGET_SHEETS) as TargetSheetKind[]).map((kind) => [
    kind,
    new Map(
      TARGET_SHEETS[kind].columns.flatMap((c) =>
        [c.header, c.key, ...c.aliases].map((t) => [normalizeHeader(t), c] as const),
      ),
    ),
  ]),
) as Record<TargetSheetKind, Map<string, TargetColumn>>;

export const cellText = (cell: SheetCell | undefined): string =>
  cell === undefined ? '' : typeof cell === 'string' ? cell.trim() : cell.error;

/** How well a row serves as the header of `kind`: 0 unless it names every required column. */
function headerFit(kind: TargetSheetKind, row: SheetRow): number {
  const keys = new Set(row.cells.flatMap((cell) => LOOKUPS[kind].get(normalizeHeader(cellText(cell)))?.key ?? []));
  const complete = TARGET_SHEETS[kind].columns.every((c) => !c.required || keys.has(c.key));
  return complete ? keys.size : 0;
}

/** Which kind of target sheet the rows are (by the best header in the first rows), or null. */
export function classifySheet(
  rows: readonly SheetRow[],
  name: string,
): { kind: TargetSheetKind; header: SheetRow } | null {
  let best: { kind: TargetSheetKind; header: SheetRow; fit: number; named: boolean } | null = null;
  for (const kind of Object.keys(TARGET_SHEETS) as TargetSheetKind[])
    for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
      const fit = headerFit(kind, row);
      const named = TARGET_SHEETS[kind].names.includes(name.trim().toLowerCase());
      if (fit > 0 && (!best || fit > best.fit || (fit === best.fit && named && !best.named)))
        best = { kind, header: row, fit, named };
    }
  return best && { kind: best.kind, header: best.header };
}

/** The sheet's data rows as texts by column key; unusable cells, unlabelled values and example rows reported. */
export function parseTargetSheet(
  kind: TargetSheetKind,
  header: SheetRow,
  rows: readonly SheetRow[],
): ParsedTargetSheet {
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const columns = new Map<number, TargetColumn>();
  const headers: Record<string, string> = {};
  header.cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (text === '') return;
    const spec = LOOKUPS[kind].get(normalizeHeader(text));
    const at = { row: header.number, column: text, value: text };
    if (!spec) {
      warnings.push({ ...at, code: 'unknown_column', message: 'not a column of this sheet; ignored' });
    } else if (headers[spec.key] !== undefined) {
      problems.push({
        ...at,
        code: 'duplicate_column',
        message: `the same column as "${headers[spec.key]}"; keep only one`,
      });
    } else {
      headers[spec.key] = text;
      columns.set(index, spec);
    }
  });
  const lines: TargetLine[] = [];
  for (const row of rows) {
    if (row.number <= header.number || row.cells.every((cell) => cellText(cell) === '')) continue;
    const values: Record<string, string> = {};
    let usable = true;
    row.cells.forEach((cell, index) => {
      const spec = columns.get(index);
      if (!spec) return;
      if (typeof cell !== 'string') {
        problems.push({
          row: row.number,
          column: headers[spec.key] ?? null,
          value: cell.error,
          code: 'unusable_cell',
          message: cell.message,
        });
        usable = false;
        return;
      }
      values[spec.key] = cell.trim();
    });
    if (/^示例/.test(values.note ?? '')) {
      warnings.push({
        row: row.number,
        column: headers.note ?? null,
        value: values.note ?? null,
        code: 'example_row',
        message: "the template's example row; skipped",
      });
      continue;
    }
    if (usable) lines.push({ row: row.number, values });
  }
  return { kind, headers, lines, problems, warnings };
}
