import { sql, type Transaction } from 'kysely';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import type { Db } from '../db/database.ts';
import type { Database, ProblemState } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { CsvEncoding } from '../sheets/csv-read.ts';
import { readSheetFile, type SheetFormat, type SheetPick } from '../sheets/sheet-file.ts';
import type { ImportProblem, SheetChoice } from '../sheets/sheet-rows.ts';
import { addTable, newWorkbook, workbookBytes } from '../sheets/xlsx-write.ts';
import { LEDGER_COLUMNS, ledgerSheetFit, parseLedgerSheet, type LedgerRow, type ParsedLedger } from './ledger-sheet.ts';
import { createProblem, moveProblem, type Actor } from './problem-writes.ts';

// Importing an existing ledger (整改台账) from a spreadsheet, as the unit import does (decision 008): every
// row checked against the units, the types and the ledger, every problem reported at once, and either every
// row applied in one transaction or none. Imported problems go in as `filed` (the office's ledger has been
// reviewed already) through the one writer, and a finished item through claim → close, so the timeline
// says what happened: imported, then completed as the ledger said.

const LEDGER_SHEET: SheetPick = { names: ['整改台账', '台账', '问题清单', 'ledger'], fit: ledgerSheetFit };

/** More rows than any unit's or city's ledger; keeps one import's transaction short. */
export const MAX_LEDGER_ROWS = 2000;
const MAX_LISTED = 1000;

export const DONE_ON_IMPORT = '导入时已完成';

export interface LedgerImportReport {
  dryRun: boolean;
  applied: boolean;
  format: SheetFormat;
  encoding: CsvEncoding | null;
  sheet: SheetChoice | null;
  rowCount: number;
  createdCount: number;
  /** How many would be (or were) imported in each state. */
  states: { filed: number; in_progress: number; closed: number };
  problemCount: number;
  created: Array<{
    row: number;
    number: string | null;
    unit: string;
    title: string;
    state: ProblemState;
    id: number | null;
  }>;
  problems: ImportProblem[];
  warnings: ImportProblem[];
}

export interface LedgerFile {
  filename: string;
  bytes: Uint8Array;
}

interface PlannedProblem {
  line: LedgerRow;
  unitId: number;
  unitName: string;
  typeId: number | null;
}

export async function importLedger(
  deps: Pick<AppDeps, 'db' | 'dialect'>,
  actor: { userId: number },
  file: LedgerFile,
  dryRun: boolean,
  now: Date,
): Promise<LedgerImportReport> {
  const sheetFile = await readSheetFile(file.filename, file.bytes, LEDGER_SHEET);
  const sheet = parseLedgerSheet(sheetFile.rows);
  if (sheet.rowCount > MAX_LEDGER_ROWS)
    throw new AppError(
      422,
      'too_many_rows',
      `The sheet has ${sheet.rowCount} rows of problems; import at most ${MAX_LEDGER_ROWS} at a time.`,
    );
  if (sheet.rowCount === 0 && sheet.problems.length === 0) {
    const which = sheetFile.sheet ? ` "${sheetFile.sheet.sheet}"` : '';
    throw new AppError(422, 'empty_file', `The sheet${which} has a header row but no problems under it.`);
  }
  return deps.db.transaction().execute(async (trx) => {
    if (deps.dialect === 'postgres')
      await sql`select pg_advisory_xact_lock(hashtext('pingyi.problem-import'))`.execute(trx);
    const { planned, problems } = await planLedgerImport(trx, sheet);
    const apply = !dryRun && problems.length === 0;
    const ids = apply ? await applyLedger(trx, planned, file.filename, actor, now) : [];
    if (apply)
      await recordAudit(
        trx,
        {
          actorUserId: actor.userId,
          action: 'problems_imported',
          entityType: 'problem',
          detail: { filename: file.filename, created: ids.length, ids: ids.slice(0, MAX_LISTED) },
        },
        now,
      );
    const states = { filed: 0, in_progress: 0, closed: 0 };
    for (const { line } of planned) states[line.outcome] += 1;
    return {
      dryRun,
      applied: apply,
      format: sheetFile.format,
      encoding: sheetFile.encoding,
      sheet: sheetFile.sheet,
      rowCount: sheet.rowCount,
      createdCount: problems.length === 0 ? planned.length : 0,
      states,
      problemCount: problems.length,
      created: (problems.length === 0 ? planned : []).slice(0, MAX_LISTED).map((p, index) => ({
        row: p.line.row,
        number: p.line.number,
        unit: p.unitName,
        title: p.line.title,
        state: p.line.outcome,
        id: ids[index] ?? null,
      })),
      problems: problems.slice(0, MAX_LISTED),
      warnings: sheet.warnings,
    };
  });
}

/** Resolves units and types and refuses what is in the ledger already; rows that passed their own checks are still planned. */
async function planLedgerImport(db: Db, sheet: ParsedLedger) {
  const problems = [...sheet.problems];
  const column = (key: keyof ParsedLedger['headers']) => sheet.headers[key] ?? null;
  const units = await db.selectFrom('units').select(['id', 'code', 'name', 'active']).execute();
  const byCode = new Map(units.map((unit) => [unit.code, unit]));
  const byName = new Map<string, typeof units>();
  for (const unit of units) byName.set(squash(unit.name), [...(byName.get(squash(unit.name)) ?? []), unit]);
  const types = await db.selectFrom('problem_types').select(['id', 'name', 'active']).execute();
  const typeByName = new Map(types.map((type) => [type.name, type]));
  const existing = new Set(
    (await db.selectFrom('problems').select(['unit_id', 'title']).execute()).map((p) => `${p.unit_id} ${p.title}`),
  );
  const inFile = new Map<string, number>();
  const planned: PlannedProblem[] = [];
  for (const line of sheet.rows) {
    let ok = true;
    const refuse = (key: keyof ParsedLedger['headers'], value: string, code: string, message: string) => {
      problems.push({ row: line.row, column: column(key), value, code, message });
      ok = false;
    };
    const named = byName.get(squash(line.unit)) ?? [];
    const unit = byCode.get(line.unit) ?? (named.length === 1 ? named[0] : undefined);
    if (!unit && named.length > 1)
      refuse(
        'unit',
        line.unit,
        'ambiguous_unit',
        `${named.length} units have this name; write the unit code instead (${named.map((u) => u.code).join(', ')})`,
      );
    else if (!unit) refuse('unit', line.unit, 'unknown_unit', 'no unit with this name or code; check the unit list');
    else if (unit.active !== 1) refuse('unit', line.unit, 'inactive_unit', `the unit ${unit.code} is deactivated`);
    const type = line.type === null ? null : typeByName.get(line.type);
    if (type === undefined)
      refuse(
        'type',
        line.type ?? '',
        'unknown_type',
        `no problem type with this name (${
          types
            .filter((t) => t.active === 1)
            .map((t) => t.name)
            .join(', ') || 'none set up yet'
        })`,
      );
    if (unit) {
      const key = `${unit.id} ${line.title}`;
      const earlier = inFile.get(key);
      if (existing.has(key))
        refuse(
          'title',
          line.title,
          'duplicate_problem',
          'this unit already has a problem with this title in the ledger; it was imported before?',
        );
      else if (earlier !== undefined)
        refuse('title', line.title, 'duplicate_problem', `the same unit and problem are on row ${earlier}`);
      inFile.set(key, line.row);
    }
    if (ok && unit) planned.push({ line, unitId: unit.id, unitName: unit.name, typeId: type?.id ?? null });
  }
  problems.sort((a, b) => a.row - b.row);
  return { planned, problems };
}

async function applyLedger(
  trx: Transaction<Database>,
  planned: readonly PlannedProblem[],
  filename: string,
  user: { userId: number },
  now: Date,
): Promise<number[]> {
  const db: Db = trx;
  const office: Actor = { kind: 'office', userId: user.userId };
  const ids: number[] = [];
  for (const { line, unitId, typeId } of planned) {
    const standing = line.deadlineNote ? `；时限：${line.deadlineNote}` : '';
    const problem = await createProblem(
      db,
      {
        unit_id: unitId,
        title: line.title,
        detail: line.detail,
        source: line.source,
        type_id: typeId,
        leader: line.leader,
        owner: line.owner,
        measures: line.measures,
        deadline: line.deadline,
        source_ref: line.number ? `台账序号 ${line.number}` : null,
      },
      office,
      now,
      'filed',
      `imported from ${filename} row ${line.row}${standing}`,
    );
    if (line.outcome === 'in_progress') await moveProblem(db, problem.id, { action: 'start' }, office, now);
    if (line.progress) await moveProblem(db, problem.id, { action: 'progress', note: line.progress }, office, now);
    if (line.outcome === 'closed') {
      await moveProblem(db, problem.id, { action: 'claim', note: DONE_ON_IMPORT }, office, now);
      await moveProblem(db, problem.id, { action: 'close', note: DONE_ON_IMPORT }, office, now);
    }
    ids.push(problem.id);
  }
  return ids;
}

/** Unit names as typed: no spaces, full-width brackets as half-width. */
function squash(name: string): string {
  return name.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
}

/**
 * The office's ledger template: an instructions sheet (说明) and the 整改台账 sheet with the columns and one
 * example row (序号 示例, skipped on import) naming a real unit and type, so a filled-in copy imports as it is.
 */
export async function ledgerTemplate(db: Db): Promise<Uint8Array<ArrayBuffer>> {
  const unit = await db
    .selectFrom('units')
    .select('name')
    .where('active', '=', 1)
    .where('level', '=', 'department')
    .orderBy('sort_order')
    .orderBy('id')
    .executeTakeFirst();
  const type = await db
    .selectFrom('problem_types')
    .select('name')
    .where('active', '=', 1)
    .orderBy('sort_order')
    .executeTakeFirst();
  const workbook = newWorkbook();
  addTable(
    workbook,
    '说明',
    [
      ['列', '必填', '说明'],
      ...LEDGER_COLUMNS.map((column) => [column.header, column.required ? '是' : '否', column.help]),
      [],
      ['', '', '在“整改台账”工作表中每行填写一个问题；“示例”一行导入时跳过，可以保留或删除。'],
      ['', '', '导入前先“检查文件”：所有错误一次列出（行、列、内容），有任何错误时不导入任何一行。'],
      ['', '', '导入的问题直接进入“已备案”；进展写入时间线；已完成的问题以“导入时已完成”销号。'],
    ],
    [12, 8, 90],
  );
  const example = [
    '示例',
    '办事指南未一次性告知所需材料，群众反映“来回跑”。如：2026年9月某企业办理备案跑了三趟。',
    '全面梳理办事指南，实行一次性告知和首问负责制。',
    unit?.name ?? '市政务服务中心',
    '李某某（科长）',
    '2026-12-31',
    '已完成办事指南梳理，正在修订告知单。',
    '张某某（副主任）',
    '评议',
    type?.name ?? '',
    '整改中',
  ];
  const headers = LEDGER_COLUMNS.map((column) => column.header);
  const sheet = addTable(workbook, '整改台账', [headers, example], [8, 48, 40, 22, 16, 14, 36, 16, 12, 12, 10]);
  sheet.getColumn(6).numFmt = 'yyyy-mm-dd';
  return workbookBytes(workbook);
}
