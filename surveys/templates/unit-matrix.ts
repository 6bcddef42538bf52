import { text } from './text.ts';
import type { LocalizedText } from './text.ts';
import { gradeChoices } from './scales.ts';

export interface UnitItem {
  readonly item: string;
  readonly title: LocalizedText;
}

/**
 * One row per unit in scope (filled at serve time from `pyUnitRows`), one graded column per item.
 * A single matrix lets a leader rate thirty units in one sitting and compare them side by side.
 */
export function unitMatrix(name: string, title: LocalizedText, items: readonly UnitItem[]): object {
  return {
    type: 'matrixdropdown',
    name,
    title,
    pyUnitRows: true,
    rows: [],
    // Radio buttons, not dropdowns: one tap per grade on a phone, and every option visible at once.
    cellType: 'radiogroup',
    choices: gradeChoices(),
    columnMinWidth: '7em',
    columns: items.map(({ item, title: columnTitle }) => ({
      name: item,
      title: columnTitle,
      isRequired: true,
      pyItem: item,
      pyScored: true,
    })),
  };
}

export function commentQuestion(): object {
  return {
    type: 'comment',
    name: 'comment',
    title: text('意见和建议（选填）', 'Comments and suggestions (optional)'),
    maxLength: 1000,
    rows: 3,
  };
}
