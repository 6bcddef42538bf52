import { sql } from 'kysely';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Db } from '../db/database.ts';
import type { EnterpriseSize, VillageKind } from '../db/schema-visits.ts';
import { AppError } from '../errors.ts';
import type { CsvEncoding } from '../sheets/csv-read.ts';
import { readSheetFile } from '../sheets/sheet-file.ts';
import type { ImportProblem, SheetRow } from '../sheets/sheet-rows.ts';
import { readXlsxSheets } from '../sheets/xlsx-read.ts';
import { looksLikeZip } from '../sheets/zip-guard.ts';
import { classifySheet, parseTargetSheet, type ParsedTargetSheet, type TargetSheetKind } from './target-sheet.ts';
import { planTargets, type TargetPlan } from './target-plan.ts';

// Importing visit targets (decision 018, docs/visit-targets-import.md): one workbook with the sheets 村社区,
// 企业 and 住户 (any of them; each recognised by its header row), or one CSV file of one kind. Every row is
// checked first, every problem reported with its sheet, row, column and code, and then all rows are
// written in one transaction or none. Re-importing updates: villages by (township, name), enterprises by
// credit code, households by (village, 户主).

export const MAX_TARGET_ROWS = 10_000;
const MAX_LISTED = 1000;

export interface TargetImportProblem extends ImportProblem {
  /** The sheet's name as written (CSV: null). */
  sheet: string | null;
}

export interface TargetImportReport {
  dryRun: boolean;
  applied: boolean;
  format: 'xlsx' | 'csv';
  encoding: CsvEncoding | null;
  sheets: Array<{ sheet: string | null; kind: TargetSheetKind; rowCount: number }>;
  counts: Record<TargetSheetKind, { created: number; updated: number }>;
  problemCount: number;
  problems: TargetImportProblem[];
  warnings: TargetImportProblem[];
}

export interface ReadTargetSheet {
  name: string | null;
  parsed: ParsedTargetSheet;
}

/** The file's sheets that are target sheets, parsed; sheets of no kind (说明) become warnings. */
async function readTargetFile(filename: string, bytes: Uint8Array) {
  const warnings: TargetImportProblem[] = [];
  let raw: Array<{ name: string | null; rows: SheetRow[] }>;
  let format: 'xlsx' | 'csv' = 'xlsx';
  let encoding: CsvEncoding | null = null;
  if (bytes.byteLength > 0 && looksLikeZip(bytes)) {
    raw = (await readXlsxSheets(bytes)).map((sheet) => ({ name: sheet.name, rows: sheet.rows }));
  } else {
    const file = await readSheetFile(filename, bytes, { names: [], fit: () => 1 });
    [format, encoding] = [file.format, file.encoding];
    raw = [{ name: null, rows: file.rows }];
  }
  const sheets: ReadTargetSheet[] = [];
  for (const { name, rows } of raw) {
    const kind = classifySheet(rows, name ?? '');
    if (!kind) {
      if (rows.length > 0)
        warnings.push({
          sheet: name,
          row: 1,
          column: null,
          value: null,
          code: 'sheet_skipped',
          message: 'no header row of 村社区, 企业 or 住户 in the first 10 rows; the sheet was not read',
        });
      continue;
    }
    sheets.push({ name, parsed: parseTargetSheet(kind.kind, kind.header, rows) });
  }
  if (sheets.length === 0)
    throw new AppError(
      422,
      'empty_file',
      `${filename} has no sheet of villages (村社区), enterprises (企业) or households (住户): check the header row against the template.`,
    );
  return { format, encoding, sheets, warnings };
}

export async function importTargets(
  deps: Pick<AppDeps, 'db' | 'dialect'>,
  actor: { userId: number },
  file: { filename: string; bytes: Uint8Array },
  dryRun: boolean,
  now: Date,
): Promise<TargetImportReport> {
  const read = await readTargetFile(file.filename, file.bytes);
  const rowCount = read.sheets.reduce((n, s) => n + s.parsed.lines.length, 0);
  if (rowCount > MAX_TARGET_ROWS)
    throw new AppError(
      422,
      'too_many_rows',
      `The file has ${rowCount} rows of targets; import at most ${MAX_TARGET_ROWS} at a time.`,
    );
  return deps.db.transaction().execute(async (trx) => {
    if (deps.dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(hashtext('pingyi.visit-target-import'))`.execute(trx);
    const plan = await planTargets(trx, read.sheets);
    const problems = plan.problems;
    const apply = !dryRun && problems.length === 0;
    if (apply) {
      await applyPlan(trx, plan, now);
      await recordAudit(
        trx,
        {
          actorUserId: actor.userId,
          action: 'visit_targets_imported',
          entityType: 'visit_target',
          detail: { filename: file.filename, counts: plan.counts },
        },
        now,
      );
    }
    return {
      dryRun,
      applied: apply,
      format: read.format,
      encoding: read.encoding,
      sheets: read.sheets.map((s) => ({ sheet: s.name, kind: s.parsed.kind, rowCount: s.parsed.lines.length })),
      counts: plan.counts,
      problemCount: problems.length,
      problems: problems.slice(0, MAX_LISTED),
      warnings: [
        ...read.warnings,
        ...read.sheets.flatMap((s) => s.parsed.warnings.map((w) => ({ ...w, sheet: s.name }))),
      ],
    };
  });
}

/** Writes the plan: villages first (enterprises and households may name a village of the same file). */
async function applyPlan(db: Db, plan: TargetPlan, now: Date): Promise<void> {
  const at = now.toISOString();
  const villageIds = new Map<string, number>();
  for (const v of plan.villages) {
    const values = { code: v.code, kind: v.kind as VillageKind, households: v.households };
    if (v.existingId !== null) {
      await db.updateTable('visit_villages').set(values).where('id', '=', v.existingId).execute();
      villageIds.set(v.key, v.existingId);
    } else {
      const row = await db
        .insertInto('visit_villages')
        .values({
          ...values,
          township_id: v.townshipId,
          name: v.name,
          sort_order: v.sortOrder,
          active: 1,
          created_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      villageIds.set(v.key, row.id);
    }
  }
  const villageOf = (ref: { id: number | null; key: string | null }) =>
    ref.id ?? (ref.key ? (villageIds.get(ref.key) ?? null) : null);
  for (const e of plan.enterprises) {
    const values = {
      name: e.name,
      address: e.address,
      township_id: e.townshipId,
      village_id: e.village === undefined ? undefined : villageOf(e.village),
      industry: e.industry,
      size: e.size as EnterpriseSize,
    };
    if (e.existingId !== null)
      await db.updateTable('visit_enterprises').set(values).where('id', '=', e.existingId).execute();
    else
      await db
        .insertInto('visit_enterprises')
        .values({ ...values, credit_code: e.creditCode, active: 1, created_at: at })
        .execute();
  }
  for (const h of plan.households) {
    if (h.existingId !== null)
      await db.updateTable('visit_households').set({ address: h.address }).where('id', '=', h.existingId).execute();
    else
      await db
        .insertInto('visit_households')
        .values({ village_id: villageOf(h.village)!, label: h.label, address: h.address, created_at: at })
        .execute();
  }
}
