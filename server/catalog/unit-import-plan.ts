import type { Category, Unit, UnitLevel } from '../db/schema.ts';
import { placementProblem, wouldCreateCycle, type Placement } from './unit-tree.ts';
import type { ImportProblem } from '../sheets/sheet-rows.ts';
import type { ParsedSheet, UnitSheetRow } from './unit-sheet.ts';

// What an import would do to the stored units: which rows create, which update (and how), and every
// problem the rows cause against each other and the database. Pure: the caller loads and writes.

export type StoredUnit = Omit<Unit, 'created_at'>;

/** A unit as the import would leave it, in database terms (parent by code until ids exist). */
export interface PlannedUnit {
  row: number;
  code: string;
  name: string;
  name_en: string;
  parentCode: string | null;
  level: UnitLevel;
  category_id: number | null;
  sort_order: number;
  active: boolean;
}

export type UnitChanges = Record<string, { from: unknown; to: unknown }>;

export interface ImportPlan {
  creates: PlannedUnit[];
  updates: Array<{ id: number; unit: PlannedUnit; changes: UnitChanges }>;
  unchanged: number;
  problems: ImportProblem[];
}

interface FinalNode extends Placement {
  parentCode: string | null;
  row: UnitSheetRow | null;
}

function categoryResolver(categories: readonly Category[]) {
  const byCode = new Map(categories.map((category) => [category.code, category]));
  const byName = new Map<string, Category[]>();
  for (const category of categories) byName.set(category.name, [...(byName.get(category.name) ?? []), category]);
  return (text: string): { id: number } | { code: string; message: string } => {
    const byCodeMatch = byCode.get(text);
    if (byCodeMatch) return { id: byCodeMatch.id };
    const named = byName.get(text) ?? [];
    if (named.length === 1 && named[0]) return { id: named[0].id };
    if (named.length > 1)
      return {
        code: 'ambiguous_category',
        message: `${named.length} categories have this name; write the category code instead (${named.map((c) => c.code).join(', ')})`,
      };
    return {
      code: 'unknown_category',
      message: 'no category with this code or name; create the category first (see the 类别 sheet of the template)',
    };
  };
}

/** Plans the import of checked rows over the stored units and categories. */
export function planUnitImport(
  sheet: ParsedSheet,
  stored: readonly StoredUnit[],
  categories: readonly Category[],
): ImportPlan {
  const problems: ImportProblem[] = [];
  const column = (key: keyof ParsedSheet['headers']) => sheet.headers[key] ?? null;
  const byCode = new Map(stored.map((unit) => [unit.code, unit]));
  const codeById = new Map(stored.map((unit) => [unit.id, unit.code]));
  const storedParentCode = (unit: StoredUnit) =>
    unit.parent_id === null ? null : (codeById.get(unit.parent_id) ?? null);
  const resolveCategory = categoryResolver(categories);

  // The tree as it would be: stored units, overlaid by the file's rows.
  const final = new Map<string, FinalNode>();
  for (const unit of stored)
    final.set(unit.code, {
      level: unit.level,
      active: unit.active === 1,
      parentCode: storedParentCode(unit),
      row: null,
    });
  const planned = new Map<string, PlannedUnit>();
  for (const row of sheet.rows) {
    const existing = byCode.get(row.code);
    let categoryId = existing?.category_id ?? null;
    if (row.category === null) categoryId = null;
    else if (row.category !== undefined) {
      const resolved = resolveCategory(row.category);
      if ('id' in resolved) categoryId = resolved.id;
      else problems.push({ row: row.row, column: column('category'), value: row.category, ...resolved });
    }
    const unit: PlannedUnit = {
      row: row.row,
      code: row.code,
      name: row.name,
      name_en: row.nameEn ?? existing?.name_en ?? '',
      parentCode: row.parentCode === undefined ? (existing ? storedParentCode(existing) : null) : row.parentCode,
      level: row.level,
      category_id: categoryId,
      sort_order: row.sortOrder ?? existing?.sort_order ?? row.row,
      active: row.active ?? (existing ? existing.active === 1 : true),
    };
    planned.set(row.code, unit);
    final.set(row.code, { level: unit.level, active: unit.active, parentCode: unit.parentCode, row });
  }

  checkTree(sheet, planned, byCode, storedParentCode, final, problems);
  return { ...diff(planned, byCode, storedParentCode, categories), problems };
}

function placementChanged(
  unit: PlannedUnit,
  existing: StoredUnit | undefined,
  storedParentCode: (unit: StoredUnit) => string | null,
): boolean {
  return (
    !existing ||
    storedParentCode(existing) !== unit.parentCode ||
    existing.level !== unit.level ||
    (existing.active === 1) !== unit.active
  );
}

function checkTree(
  sheet: ParsedSheet,
  planned: ReadonlyMap<string, PlannedUnit>,
  byCode: ReadonlyMap<string, StoredUnit>,
  storedParentCode: (unit: StoredUnit) => string | null,
  final: ReadonlyMap<string, FinalNode>,
  problems: ImportProblem[],
): void {
  const parentColumn = sheet.headers.parentCode ?? '上级单位编码';
  const checked = new Set<string>();
  for (const unit of planned.values()) {
    if (!placementChanged(unit, byCode.get(unit.code), storedParentCode)) continue;
    checked.add(unit.code);
    const at = { row: unit.row, column: parentColumn, value: unit.parentCode ?? '' };
    const parent = unit.parentCode === null ? null : final.get(unit.parentCode);
    if (parent === undefined) {
      // The parent's own row was refused and is reported already.
      if (unit.parentCode !== null && sheet.refusedCodes.has(unit.parentCode)) continue;
      problems.push({ ...at, code: 'unknown_parent', message: 'no unit with this code in the file or the database' });
    } else if (wouldCreateCycle(unit.code, unit.parentCode, (code) => final.get(code)?.parentCode ?? null)) {
      problems.push({
        ...at,
        code: 'tree_cycle',
        message: 'a unit cannot sit under itself or under one of its own sub-units',
      });
    } else {
      const problem = placementProblem(unit, parent && { level: parent.level, active: parent.active });
      if (problem)
        problems.push({
          ...at,
          code: problem.code,
          message: parent ? `${problem.message} (${unit.parentCode} is a ${parent.level})` : problem.message,
        });
    }
  }
  // Sub-units the file does not move must still fit under a unit whose level or state it changes.
  const children = new Map<string, string[]>();
  for (const [code, node] of final) {
    if (node.parentCode === null) continue;
    const siblings = children.get(node.parentCode);
    if (siblings) siblings.push(code);
    else children.set(node.parentCode, [code]);
  }
  for (const unit of planned.values()) {
    if (!checked.has(unit.code)) continue;
    for (const childCode of children.get(unit.code) ?? []) {
      const child = final.get(childCode);
      if (!child || checked.has(childCode)) continue;
      const problem = placementProblem(child, unit);
      if (!problem) continue;
      const levelColumn =
        problem.code === 'inactive_parent' ? (sheet.headers.active ?? null) : (sheet.headers.level ?? null);
      const value = problem.code === 'inactive_parent' ? '停用' : unit.level;
      problems.push({
        row: unit.row,
        column: levelColumn,
        value,
        code: 'sub_units_conflict',
        message: `its sub-unit ${childCode} could not stay under it: ${problem.message}`,
      });
    }
  }
}

function diff(
  planned: ReadonlyMap<string, PlannedUnit>,
  byCode: ReadonlyMap<string, StoredUnit>,
  storedParentCode: (unit: StoredUnit) => string | null,
  categories: readonly Category[],
): Omit<ImportPlan, 'problems'> {
  const categoryCode = new Map(categories.map((category) => [category.id, category.code]));
  const creates: PlannedUnit[] = [];
  const updates: ImportPlan['updates'] = [];
  let unchanged = 0;
  for (const unit of planned.values()) {
    const existing = byCode.get(unit.code);
    if (!existing) {
      creates.push(unit);
      continue;
    }
    const pairs: Array<[string, unknown, unknown]> = [
      ['name', existing.name, unit.name],
      ['nameEn', existing.name_en, unit.name_en],
      ['parentCode', storedParentCode(existing), unit.parentCode],
      ['level', existing.level, unit.level],
      [
        'category',
        categoryCode.get(existing.category_id ?? -1) ?? null,
        categoryCode.get(unit.category_id ?? -1) ?? null,
      ],
      ['sortOrder', existing.sort_order, unit.sort_order],
      ['active', existing.active === 1, unit.active],
    ];
    const changes: UnitChanges = {};
    for (const [key, from, to] of pairs) if (from !== to) changes[key] = { from, to };
    if (Object.keys(changes).length === 0) unchanged++;
    else updates.push({ id: existing.id, unit, changes });
  }
  return { creates, updates, unchanged };
}
