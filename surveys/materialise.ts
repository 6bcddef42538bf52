import type { LocalizedText } from './templates/text.ts';
import { writeTextLimits } from './text-limits.ts';

export interface UnitInScope {
  readonly id: number;
  readonly name: string;
  readonly nameEn?: string;
}

export interface QuestionnaireContext {
  /** The units a superior or peer rater rates; fills every `pyUnitRows` matrix. */
  readonly units?: readonly UnitInScope[];
  /** The rater's own unit: a peer never rates itself. */
  readonly excludeUnitId?: number;
  /** The unit a service recipient rates. */
  readonly targetUnitId?: number;
}

function unitRow(unit: UnitInScope): { value: number; text: string | LocalizedText } {
  return { value: unit.id, text: unit.nameEn ? { default: unit.name, en: unit.nameEn } : unit.name };
}

type UnitRow = { value: number; text: string | LocalizedText };

function rowValue(row: unknown): unknown {
  return row !== null && typeof row === 'object' ? (row as { value?: unknown }).value : row;
}

function visit(node: unknown, rows: UnitRow[] | undefined, excluded: number | undefined): void {
  if (Array.isArray(node)) {
    for (const child of node) visit(child, rows, excluded);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const element = node as Record<string, unknown>;
  if (element['pyUnitRows'] === true) {
    const current = element['rows'];
    // Rows written into the definition itself are filtered too: the own unit is never offered.
    if (rows !== undefined) element['rows'] = rows;
    else if (Array.isArray(current)) element['rows'] = current.filter((row) => rowValue(row) !== excluded);
  }
  for (const value of Object.values(element)) visit(value, rows, excluded);
}

/**
 * Returns a copy of the definition for one context: unit matrices get one row per unit in scope
 * (row value = unit id, so answers come back keyed by id) and never the rater's own unit, and every
 * text box carries the length cap the server enforces.
 */
export function materialise(definition: object, context: QuestionnaireContext): object {
  const copy = structuredClone(definition) as Record<string, unknown>;
  const rows = context.units?.filter((unit) => unit.id !== context.excludeUnitId).map(unitRow);
  visit(copy, rows, context.excludeUnitId);
  writeTextLimits(copy);
  return copy;
}
