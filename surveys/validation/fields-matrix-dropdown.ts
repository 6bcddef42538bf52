import type {
  MatrixDropdownColumn,
  Question,
  QuestionMatrixDropdownModel,
  QuestionMatrixDynamicModel,
} from 'survey-core';
import { fieldBase, numberProperty, TOP_LEVEL } from './base.ts';
import type { Enclosure } from './base.ts';
import { compileCondition, lazyScope } from './conditions.ts';
import { MatrixRows } from './fields-matrix.ts';
import { FieldGroup } from './group.ts';
import type { EmitRating, Field, Place, Report, Scope } from './types.ts';
import { describeValue, isPlainObject } from './values.ts';
import type { PlainObject } from './values.ts';

export type QuestionCompiler = (question: Question, outer: Enclosure) => Field[] | string;

/**
 * A column is compiled as the cell question it renders, with the column's own conditions; a cell's
 * "Other" text sits beside it in the row, under `<column>-Comment`.
 */
function columnFields(
  matrix: QuestionMatrixDropdownModel | QuestionMatrixDynamicModel,
  column: MatrixDropdownColumn,
  compile: QuestionCompiler,
): Field[] | string {
  const cell = column.templateQuestion;
  const ownChoices = cell.getPropertyValue('choices') as unknown[] | undefined;
  // Cells without their own choices use the matrix's, as survey-core does when it renders a cell.
  if (Array.isArray(ownChoices) && ownChoices.length === 0 && matrix.choices.length > 0)
    cell.setPropertyValue('choices', matrix.choices);
  cell.setPropertyValue('pyScored', column.getPropertyValue('pyScored'));
  cell.setPropertyValue('pyItem', column.getPropertyValue('pyItem') ?? column.name);
  cell.name = column.name;
  const compiled = compile(cell, TOP_LEVEL);
  if (typeof compiled === 'string') return compiled;
  const [field, ...companions] = compiled;
  if (field === undefined) return `column "${column.name}" holds no answer`;
  const conditions = (source: unknown) => [compileCondition(source)].filter((c) => c !== null);
  const shown = {
    visibleIf: conditions(column.visibleIf),
    hidden: column.visible === false,
    enableIf: conditions(column.enableIf),
    readOnly: column.readOnly === true,
  };
  const main: Field = {
    ...field,
    ...shown,
    name: column.name,
    isRequired: column.isRequired === true,
    requiredIf: compileCondition(column.requiredIf),
  };
  return [main, ...companions.map((companion) => ({ ...companion, ...shown }))];
}

export function columnGroup(
  matrix: QuestionMatrixDropdownModel | QuestionMatrixDynamicModel,
  compile: QuestionCompiler,
): FieldGroup | string {
  const fields: Field[] = [];
  for (const column of matrix.columns) {
    const compiled = columnFields(matrix, column, compile);
    if (typeof compiled === 'string') return `column "${column.name}": ${compiled}`;
    fields.push(...compiled);
  }
  return new FieldGroup(fields);
}

function rowScope(outer: Scope, row: unknown, extra: Record<string, unknown>): Scope {
  return lazyScope(() => ({ ...outer(), row, ...extra }));
}

function checkRow(group: FieldGroup, cell: unknown, scope: Scope, place: Place, report: Report): void {
  if (!isPlainObject(cell))
    return report(place, 'wrong_type', `${describeValue(cell)} has the wrong type; expected an object keyed by column`);
  group.check(cell, scope, (name) => place.child('column', name), report);
}

/** Multi-select matrix (`matrixdropdown`): `{ "<row>": { "<column>": <cell value> } }`. */
export function matrixDropdownField(
  question: QuestionMatrixDropdownModel,
  outer: Enclosure,
  compile: QuestionCompiler,
): Field | string {
  const rows = MatrixRows.of(question.rows, question.rowsVisibleIf);
  if (typeof rows === 'string') return rows;
  const group = columnGroup(question, compile);
  if (typeof group === 'string') return group;
  const unitRows = question.getPropertyValue('pyUnitRows') === true;
  const scopeOf = (outerScope: Scope, value: PlainObject, key: string) =>
    rowScope(outerScope, value[key] ?? {}, { rowName: key });
  const base = fieldBase(question, outer);
  return {
    ...base,
    isRequired: rows.rows.length > 0 && (base.isRequired || group.fields.some((f) => f.isRequired || f.requiredIf)),
    prune: (value, scope) =>
      isPlainObject(value)
        ? rows.prune(value, scope, (row, cell) =>
            isPlainObject(cell) ? group.prune(cell, scopeOf(scope, value, row.key)) : cell,
          )
        : value,
    check(value, scope, place, report) {
      if (!isPlainObject(value))
        return report(
          place,
          'wrong_type',
          `${describeValue(value)} has the wrong type; expected an object keyed by row`,
        );
      for (const key of Object.keys(value)) {
        if (!rows.byKey.has(key))
          report(place.child('row', key), 'unknown_key', `${JSON.stringify(key)} is not a row of this matrix`);
      }
      for (const row of rows.shown(scope))
        checkRow(group, value[row.key] ?? {}, scopeOf(scope, value, row.key), place.child('row', row.key), report);
    },
    score(value: unknown, emit: EmitRating) {
      if (!isPlainObject(value)) return;
      for (const [key, cell] of Object.entries(value)) {
        const row = rows.byKey.get(key);
        if (row === undefined || !isPlainObject(cell)) continue;
        const unitId = rows.unitId(row, unitRows);
        group.score(cell, (fallback, item, points) => emit(unitId ?? fallback, item, points));
      }
    },
  };
}

/** Dynamic matrix (`matrixdynamic`): `[ { "<column>": <cell value> }, … ]`. */
export function matrixDynamicField(
  question: QuestionMatrixDynamicModel,
  outer: Enclosure,
  compile: QuestionCompiler,
): Field | string {
  const group = columnGroup(question, compile);
  if (typeof group === 'string') return group;
  const min = numberProperty(question, 'minRowCount') ?? 0;
  const max = numberProperty(question, 'maxRowCount') ?? 1000;
  const scopeOf = (outerScope: Scope, row: unknown, index: number) =>
    rowScope(outerScope, row, { rowIndex: index + 1 });
  return {
    ...fieldBase(question, outer),
    prune(value, scope) {
      if (!Array.isArray(value)) return value;
      const next = value.map((row: unknown, i) =>
        isPlainObject(row) ? group.prune(row, scopeOf(scope, row, i)) : row,
      );
      return next.every((row, i) => row === value[i]) ? value : next;
    },
    check(value, scope, place, report) {
      if (!Array.isArray(value))
        return report(place, 'wrong_type', `${describeValue(value)} has the wrong type; expected an array of rows`);
      if (value.length > max) return report(place, 'too_many', `${value.length} rows; at most ${max} allowed`);
      if (value.length < min) return report(place, 'too_few', `${value.length} rows; at least ${min} needed`);
      value.forEach((row: unknown, i) => checkRow(group, row, scopeOf(scope, row, i), place.child('row', i), report));
    },
  };
}
