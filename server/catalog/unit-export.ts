import type ExcelJS from 'exceljs';
import type { Category } from '../db/schema.ts';
import type { StoredUnit } from './unit-import-plan.ts';
import { csvDocument } from '../../formats/csv.ts';
import { addTable, newWorkbook, workbookBytes } from '../sheets/xlsx-write.ts';
import { ACTIVE_LABELS, LEVEL_LABELS, UNIT_COLUMNS } from './unit-sheet.ts';
import { buildTree, flattenTree } from './unit-tree.ts';

// Exporting units (and the categories they name) in exactly the layout the importer reads, so an export
// re-imports unchanged; and the empty template with the same columns and notes on how to fill them.

const UNITS_SHEET = '单位';
const CATEGORIES_SHEET = '类别';
const HELP_SHEET = '说明';
const CATEGORY_HEADERS = ['类别编码', '类别名称', '英文名称', '参与排名', '排序'];
/** Rows of the template that get drop-down lists for level and state. */
const TEMPLATE_ROWS = 2000;

type Cell = string | number;

/** Header and unit rows, parents before their sub-units, siblings in sort order. */
export function unitRows(units: readonly StoredUnit[], categories: readonly Category[]): Cell[][] {
  const codeById = new Map(units.map((unit) => [unit.id, unit.code]));
  const categoryCode = new Map(categories.map((category) => [category.id, category.code]));
  const ordered = flattenTree(
    buildTree(units.map((unit) => ({ ...unit, parentId: unit.parent_id, sortOrder: unit.sort_order }))),
  );
  return [
    UNIT_COLUMNS.map((column) => column.header),
    ...ordered.map((unit) => [
      unit.code,
      unit.name,
      unit.name_en,
      unit.parent_id === null ? '' : (codeById.get(unit.parent_id) ?? ''),
      LEVEL_LABELS[unit.level],
      unit.category_id === null ? '' : (categoryCode.get(unit.category_id) ?? ''),
      unit.sort_order,
      unit.active === 1 ? ACTIVE_LABELS.true : ACTIVE_LABELS.false,
    ]),
  ];
}

function categoryRows(categories: readonly Category[]): Cell[][] {
  return [
    CATEGORY_HEADERS,
    ...categories.map((c) => [c.code, c.name, c.name_en, c.ranked === 1 ? '是' : '否', c.sort_order]),
  ];
}

export function unitsCsv(units: readonly StoredUnit[], categories: readonly Category[]): string {
  return csvDocument(unitRows(units, categories));
}

const UNIT_WIDTHS = [14, 28, 32, 14, 8, 14, 8, 8];

function addUnitSheet(workbook: ExcelJS.Workbook, rows: Cell[][], listRows: number): void {
  const sheet = addTable(workbook, UNITS_SHEET, rows, UNIT_WIDTHS);
  UNIT_COLUMNS.forEach((column, index) => (sheet.getCell(1, index + 1).note = `${column.english}: ${column.help}`));
  // Codes are text: typed into a General column, 001 would become 1 and 3-12 a date.
  for (const index of [1, 4, 6]) sheet.getColumn(index).numFmt = '@';
  const last = Math.max(rows.length, listRows);
  const levelColumn = UNIT_COLUMNS.findIndex((column) => column.key === 'level') + 1;
  const activeColumn = UNIT_COLUMNS.findIndex((column) => column.key === 'active') + 1;
  for (let row = 2; row <= last; row++) {
    sheet.getCell(row, levelColumn).dataValidation = {
      type: 'list',
      allowBlank: false,
      formulae: [`"${Object.values(LEVEL_LABELS).join(',')}"`],
    };
    sheet.getCell(row, activeColumn).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`"${ACTIVE_LABELS.true},${ACTIVE_LABELS.false}"`],
    };
  }
}

export async function unitsWorkbook(
  units: readonly StoredUnit[],
  categories: readonly Category[],
): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = newWorkbook();
  addUnitSheet(workbook, unitRows(units, categories), 0);
  addTable(workbook, CATEGORIES_SHEET, categoryRows(categories), [14, 20, 32, 10, 8]);
  return workbookBytes(workbook);
}

/** The instructions sheet (说明) the template opens on: each column, how to fill it, and how the import reads the file. */
function helpRows(): Cell[][] {
  return [
    ['列', '英文列名', '说明'],
    ...UNIT_COLUMNS.map((column) => [column.header, column.english, column.help]),
    [],
    [
      '填写',
      '',
      '在“单位”表中每行填写一个单位，第一行是列名，不要改动。编码列已设为文本格式，001、3-12 这样的编码会原样保留。',
    ],
    [
      '导入',
      '',
      '导入时读取列名行含有上述列的工作表（本说明表会被跳过），并在结果中写明读取了哪个工作表。先“检查”（不写入），所有问题都会按行列出；有任何问题时不导入任何一行。',
    ],
    ['示例', '', 'QX,青溪市,,,市 / QX-YS,云山县,,QX,县 / QX-YS-T01,桃源镇,,QX-YS,乡镇 / D01,市委办公室,,QX,部门,party'],
  ];
}

/** The empty template: the instructions first (offices read them before filling in), then 单位 and 类别. */
export async function templateWorkbook(categories: readonly Category[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = newWorkbook();
  addTable(workbook, HELP_SHEET, helpRows(), [14, 14, 100]);
  addUnitSheet(workbook, unitRows([], categories), TEMPLATE_ROWS);
  addTable(workbook, CATEGORIES_SHEET, categoryRows(categories), [14, 20, 32, 10, 8]);
  return workbookBytes(workbook);
}
