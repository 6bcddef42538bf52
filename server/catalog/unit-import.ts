import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './categories.service.ts';
import { insertUnits, listCategories, listUnits, lockCatalog, updateUnit } from './catalog.repository.ts';
import type { CsvEncoding } from '../sheets/csv-read.ts';
import { readSheetFile, type SheetFormat, type SheetPick } from '../sheets/sheet-file.ts';
import { planUnitImport, type ImportPlan, type PlannedUnit, type UnitChanges } from './unit-import-plan.ts';
import type { ImportProblem, SheetChoice } from '../sheets/sheet-rows.ts';
import { parseUnitSheet, unitSheetFit } from './unit-sheet.ts';

// Importing units from a spreadsheet: every row checked, all problems reported at once, and either every
// row applied in one transaction or none.

/** Of a workbook, the sheet whose header has the units columns is read; among equals, one with these names. */
const UNITS_SHEET: SheetPick = { names: ['单位', 'units'], fit: unitSheetFit };

/** More rows than any city's unit list; keeps one import's transaction short. */
export const MAX_IMPORT_ROWS = 10_000;
/** Lists in the report stop here (the counts stay exact), so a report stays small enough to show. */
const MAX_LISTED = 1000;

export interface ImportReport {
  dryRun: boolean;
  applied: boolean;
  format: SheetFormat;
  encoding: CsvEncoding | null;
  /** For a workbook: which sheet was read, and why. */
  sheet: SheetChoice | null;
  rowCount: number;
  createdCount: number;
  updatedCount: number;
  unchangedCount: number;
  problemCount: number;
  created: Array<{ row: number; code: string; name: string }>;
  updated: Array<{ row: number; code: string; name: string; changes: UnitChanges }>;
  problems: ImportProblem[];
  warnings: ImportProblem[];
}

export interface ImportFile {
  filename: string;
  bytes: Uint8Array;
}

export async function importUnits(
  deps: AppDeps,
  actor: Actor,
  file: ImportFile,
  dryRun: boolean,
  now: Date,
): Promise<ImportReport> {
  const sheetFile = await readSheetFile(file.filename, file.bytes, UNITS_SHEET);
  const sheet = parseUnitSheet(sheetFile.rows);
  if (sheet.rowCount > MAX_IMPORT_ROWS) {
    throw new AppError(
      422,
      'too_many_rows',
      `The sheet has ${sheet.rowCount} rows of units; import at most ${MAX_IMPORT_ROWS} at a time.`,
    );
  }
  if (sheet.rowCount === 0 && sheet.problems.length === 0) {
    const which = sheetFile.sheet ? ` "${sheetFile.sheet.sheet}"` : '';
    throw new AppError(422, 'empty_file', `The sheet${which} has a header row but no units under it.`);
  }
  return deps.db.transaction().execute(async (trx) => {
    await lockCatalog(trx, deps.dialect);
    // Rows that passed their own checks are still planned, so a bad file's report is complete in one go.
    const plan: ImportPlan = planUnitImport(sheet, await listUnits(trx), await listCategories(trx));
    const problems = [...sheet.problems, ...plan.problems].sort((a, b) => a.row - b.row);
    const apply = !dryRun && problems.length === 0;
    if (apply && (plan.creates.length > 0 || plan.updates.length > 0)) {
      await applyPlan(trx, plan, now);
      await recordAudit(
        trx,
        {
          actorUserId: actor.userId,
          action: 'units_imported',
          entityType: 'unit',
          detail: {
            filename: file.filename,
            created: plan.creates.length,
            updated: plan.updates.length,
            createdCodes: plan.creates.slice(0, MAX_LISTED).map((unit) => unit.code),
            updatedCodes: plan.updates.slice(0, MAX_LISTED).map((update) => update.unit.code),
          },
        },
        now,
      );
    }
    return {
      dryRun,
      applied: apply,
      format: sheetFile.format,
      encoding: sheetFile.encoding,
      sheet: sheetFile.sheet,
      rowCount: sheet.rowCount,
      createdCount: plan.creates.length,
      updatedCount: plan.updates.length,
      unchangedCount: plan.unchanged,
      problemCount: problems.length,
      created: plan.creates.slice(0, MAX_LISTED).map((unit) => ({ row: unit.row, code: unit.code, name: unit.name })),
      updated: plan.updates
        .slice(0, MAX_LISTED)
        .map(({ unit, changes }) => ({ row: unit.row, code: unit.code, name: unit.name, changes })),
      problems: problems.slice(0, MAX_LISTED),
      warnings: sheet.warnings,
    };
  });
}

function columns(unit: PlannedUnit, parentId: number | null) {
  return {
    name: unit.name,
    name_en: unit.name_en,
    parent_id: parentId,
    level: unit.level,
    category_id: unit.category_id,
    sort_order: unit.sort_order,
    active: unit.active ? (1 as const) : (0 as const),
  };
}

/** Inserts new units parents first (a row may name a parent further down the file), then updates. */
async function applyPlan(trx: Db, plan: ImportPlan, now: Date): Promise<void> {
  const ids = new Map((await listUnits(trx)).map((unit) => [unit.code, unit.id]));
  const parentId = (unit: PlannedUnit) => (unit.parentCode === null ? null : (ids.get(unit.parentCode) ?? null));
  let pending = plan.creates;
  while (pending.length > 0) {
    const ready = pending.filter((unit) => unit.parentCode === null || ids.has(unit.parentCode));
    // The plan refused cycles and unknown parents, so every round places at least one unit.
    if (ready.length === 0)
      throw new Error(`import plan left units without a placeable parent: ${pending.map((u) => u.code).join(', ')}`);
    const inserted = await insertUnits(
      trx,
      ready.map((unit) => ({ code: unit.code, ...columns(unit, parentId(unit)), created_at: now.toISOString() })),
    );
    for (const [code, id] of inserted) ids.set(code, id);
    pending = pending.filter((unit) => !ids.has(unit.code));
  }
  for (const { id, unit } of plan.updates) await updateUnit(trx, id, columns(unit, parentId(unit)));
}
