import type { ItemValue, QuestionMatrixModel } from 'survey-core';
import { fieldBase } from './base.ts';
import type { Enclosure } from './base.ts';
import type { ChoiceSet } from './choices.ts';
import { compileCondition } from './conditions.ts';
import { choiceSetOf, scoringOf } from './fields-choice.ts';
import type { Condition, EmitRating, Field, Place, Report, Scope } from './types.ts';
import { describeValue, isEmptyAnswer, isPlainObject, valueKey } from './values.ts';
import type { PlainObject } from './values.ts';

/** A matrix row; answers are keyed by the row value as a string, e.g. unit 12 → "12". */
export interface MatrixRow {
  readonly key: string;
  readonly value: unknown;
  readonly visibleIf: Condition | null;
}

export class MatrixRows {
  readonly byKey: Map<string, MatrixRow>;
  readonly conditional: boolean;

  constructor(
    readonly rows: readonly MatrixRow[],
    private readonly rowsVisibleIf: Condition | null,
  ) {
    this.byKey = new Map(rows.map((row) => [row.key, row]));
    this.conditional = rowsVisibleIf !== null || rows.some((row) => row.visibleIf !== null);
  }

  static of(items: readonly ItemValue[], rowsVisibleIf: unknown): MatrixRows | string {
    const rows: MatrixRow[] = [];
    for (const item of items) {
      if (valueKey(item.value) === null) return `row value ${JSON.stringify(item.value)} must be a string or number`;
      rows.push({ key: String(item.value), value: item.value, visibleIf: compileCondition(item.visibleIf) });
    }
    return new MatrixRows(rows, compileCondition(rowsVisibleIf));
  }

  visible(row: MatrixRow, scope: Scope): boolean {
    if (row.visibleIf && !row.visibleIf.holds(scope)) return false;
    return !this.rowsVisibleIf || this.rowsVisibleIf.holds(() => ({ ...scope(), item: row.value }));
  }

  /** Drops hidden rows and empty cells; same reference if nothing changed. */
  prune(value: PlainObject, scope: Scope, pruneRow: (row: MatrixRow, cell: unknown) => unknown): PlainObject {
    let out: PlainObject | null = null;
    for (const [key, cell] of Object.entries(value)) {
      const row = this.byKey.get(key);
      if (row === undefined) continue; // unknown rows stay so that check() refuses them
      const next =
        isEmptyAnswer(cell) || (this.conditional && !this.visible(row, scope)) ? undefined : pruneRow(row, cell);
      if (next === cell) continue;
      out ??= { ...value };
      if (next === undefined) delete out[key];
      else out[key] = next;
    }
    return out ?? value;
  }

  /** Rows that are shown and so may need an answer. */
  shown(scope: Scope): MatrixRow[] {
    return this.conditional ? this.rows.filter((row) => this.visible(row, scope)) : [...this.rows];
  }

  unitId(row: MatrixRow, unitRows: boolean): number | undefined {
    return unitRows && typeof row.value === 'number' ? row.value : undefined;
  }
}

function checkCells(rows: MatrixRows, columns: ChoiceSet, multi: boolean) {
  return (value: PlainObject, scope: Scope, place: Place, report: Report): void => {
    for (const [key, cell] of Object.entries(value)) {
      const rowPlace = place.child('row', key);
      if (!rows.byKey.has(key)) {
        report(rowPlace, 'unknown_key', `${JSON.stringify(key)} is not a row of this matrix`);
        continue;
      }
      const entries = multi ? cell : [cell];
      if (!Array.isArray(entries)) {
        report(rowPlace, 'wrong_type', `${describeValue(cell)} has the wrong type; expected an array of columns`);
        continue;
      }
      for (const entry of entries as unknown[]) {
        const verdict = columns.judge(entry, scope);
        if (!verdict.ok)
          report(
            rowPlace,
            verdict.wrongType ? 'wrong_type' : 'not_allowed',
            verdict.detail.replace('choices', 'columns'),
          );
      }
    }
  };
}

/** Single-select matrix (`matrix`): `{ "<row>": <column value> }`. */
export function matrixField(question: QuestionMatrixModel, outer: Enclosure): Field | string {
  const rows = MatrixRows.of(question.rows, question.rowsVisibleIf);
  if (typeof rows === 'string') return rows;
  const columns = choiceSetOf(question.columns, []);
  if (typeof columns === 'string') return columns;
  const multi = question.getPropertyValue('cellType') === 'checkbox';
  const eachRow = question.eachRowRequired === true;
  const unitRows = question.getPropertyValue('pyUnitRows') === true;
  const item = scoringOf(question);
  const cells = checkCells(rows, columns, multi);
  const base = fieldBase(question, outer);
  return {
    ...base,
    // A matrix with no rows (no units in scope) cannot be answered, so it cannot be required.
    isRequired: rows.rows.length > 0 && (base.isRequired || eachRow),
    prune: (value, scope) => (isPlainObject(value) ? rows.prune(value, scope, (_row, cell) => cell) : value),
    check(value, scope, place, report) {
      if (!isPlainObject(value))
        return report(
          place,
          'wrong_type',
          `${describeValue(value)} has the wrong type; expected an object keyed by row`,
        );
      cells(value, scope, place, report);
      if (!eachRow) return;
      for (const row of rows.shown(scope)) {
        if (isEmptyAnswer(value[row.key])) report(place.child('row', row.key), 'required', 'every row needs an answer');
      }
    },
    score(value: unknown, emit: EmitRating) {
      if (item === null || !isPlainObject(value) || multi) return;
      for (const [key, cell] of Object.entries(value)) {
        const row = rows.byKey.get(key);
        const option = columns.options.find((o) => o.key === valueKey(cell));
        if (row && option && !option.notCounted && option.points !== undefined)
          emit(rows.unitId(row, unitRows), item, option.points);
      }
    },
  };
}
