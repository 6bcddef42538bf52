import type {
  ItemValue,
  PageModel,
  Question,
  QuestionMatrixDropdownModel,
  QuestionMatrixModel,
  QuestionSelectBase,
} from 'survey-core';

// "Same grade for all items of this unit" (本单位各项同一评价): one tap fills every item of the unit on the
// page with one grade, and each item stays editable. Offered only where every item of the unit takes
// the same scale, so one grade means the same thing in every item; "don't know" is on the scale when
// the items offer it.

/** One answer the shortcut fills: a matrix cell, or a single-choice matrix's row. */
interface Slot {
  readonly choices: readonly ItemValue[];
  readonly value: unknown;
  set(value: unknown): void;
}

export interface Grade {
  readonly value: unknown;
  readonly text: string;
}

const CHOICE_CELLS = new Set(['radiogroup', 'dropdown']);

function cellChoices(question: QuestionSelectBase): ItemValue[] {
  const special = [question.otherItem, question.noneItem].map((item) => item?.value);
  return question.visibleChoices.filter((choice) => !special.includes(choice.value));
}

/** The answers on the page, or null when one of its graded items is not a one-of-a-list choice. */
function slotsOf(page: PageModel): Slot[] | null {
  const slots: Slot[] = [];
  for (const question of page.questions) {
    if (!question.isVisible || question.isReadOnly) continue;
    if (question.getType() === 'matrix') {
      const matrix = question as QuestionMatrixModel;
      for (const row of matrix.visibleRows) {
        slots.push({ choices: matrix.visibleColumns, value: row.value, set: (value) => (row.value = value) });
      }
      continue;
    }
    if (question.getType() !== 'matrixdropdown') continue;
    for (const row of (question as QuestionMatrixDropdownModel).visibleRows) {
      for (const cell of row.cells) {
        const cellQuestion: Question = cell.question;
        if (!cellQuestion.isVisible || cellQuestion.isReadOnly) continue;
        if (!CHOICE_CELLS.has(cellQuestion.getType())) {
          // A graded item on another kind of scale (stars, numbers): one grade cannot fill it.
          if (cell.column.getPropertyValue('pyScored') === true) return null;
          continue;
        }
        const select = cellQuestion as QuestionSelectBase;
        slots.push({ choices: cellChoices(select), value: select.value, set: (value) => (select.value = value) });
      }
    }
  }
  return slots;
}

const scaleKey = (choices: readonly ItemValue[]) =>
  JSON.stringify(choices.map((choice) => [choice.value, choice.text]));

/** The grades one tap can give every item on this page, or null where the items' scales differ. */
export function sameGradeScale(page: PageModel): Grade[] | null {
  const slots = slotsOf(page);
  if (slots === null || slots.length < 2) return null;
  const key = scaleKey(slots[0]!.choices);
  if (slots[0]!.choices.length === 0 || slots.some((slot) => scaleKey(slot.choices) !== key)) return null;
  return slots[0]!.choices.map((choice) => ({ value: choice.value, text: choice.text }));
}

/** The grade every item on the page has, if they all have the same one. */
export function commonGrade(page: PageModel): unknown {
  const slots = slotsOf(page) ?? [];
  const first = slots[0]?.value;
  return first !== undefined && slots.every((slot) => slot.value === first) ? first : undefined;
}

export function giveSameGrade(page: PageModel, value: unknown): void {
  for (const slot of slotsOf(page) ?? []) if (slot.value !== value) slot.set(value);
}
