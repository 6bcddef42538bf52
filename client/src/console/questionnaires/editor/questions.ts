import { gradeChoices, satisfactionChoices, satisfactionStars } from '../../../../../surveys/templates/scales.ts';
import type { RaterType } from '../../../../../scoring/rater-type.ts';
import { isJson, scoresOutsideMatrix, type Json, type QuestionKind } from './editor-model.ts';
import { readText, setTextProperty, type Bilingual } from './localized.ts';

/*
 * A question's own properties. Like options.ts, these change the element they are given in place and
 * leave every property they do not edit alone.
 */

/** The start of every new name of a kind: `rating1`, `choice2`, `units1` … */
export const NAME_PREFIX: Readonly<Record<QuestionKind, string>> = {
  rating: 'rating',
  radiogroup: 'choice',
  boolean: 'yesno',
  comment: 'comment',
  unitMatrix: 'units',
};

/** The start of every new item (unit-matrix column) name. */
export const ITEM_PREFIX = 'item';

/** A new matrix column: one scored item every unit is graded on. */
export function newColumn(name: string): Json {
  return { name, title: '', isRequired: true, pyItem: name, pyScored: true };
}

/**
 * A new question of a kind, with an empty title for the office to write. Ratings and radio groups of a
 * recipient questionnaire start scored (they feed the item named like the question); on superior and
 * peer questionnaires only unit matrices score (decision 007).
 */
export function newQuestion(kind: QuestionKind, name: string, raterType: RaterType, itemName: string): Json {
  const scored = scoresOutsideMatrix(raterType) ? { pyItem: name, pyScored: true } : {};
  switch (kind) {
    case 'rating':
      return {
        type: 'rating',
        name,
        title: '',
        rateType: 'stars',
        isRequired: true,
        rateValues: satisfactionStars(),
        ...scored,
      };
    case 'radiogroup':
      return { type: 'radiogroup', name, title: '', isRequired: true, choices: satisfactionChoices(), ...scored };
    case 'boolean':
      return { type: 'boolean', name, title: '' };
    case 'comment':
      return { type: 'comment', name, title: '', maxLength: 500, rows: 3 };
    case 'unitMatrix':
      return {
        type: 'matrixdropdown',
        name,
        title: '',
        pyUnitRows: true,
        rows: [],
        cellType: 'radiogroup',
        choices: gradeChoices(),
        columnMinWidth: '7em',
        columns: [newColumn(itemName)],
      };
  }
}

export function questionText(element: Json, key: 'title' | 'description'): Bilingual {
  return readText(element[key]);
}

export function setQuestionText(element: Json, key: 'title' | 'description', text: Bilingual): void {
  setTextProperty(element, key, text);
}

export function setRequired(element: Json, required: boolean): void {
  if (required) element['isRequired'] = true;
  else delete element['isRequired'];
}

export const isScored = (element: Json): boolean => element['pyScored'] === true;

/** The item key a scored question feeds: its pyItem, else its name (surveys/items.ts). */
export function itemKeyOf(element: Json): string {
  const item = element['pyItem'];
  return typeof item === 'string' && item !== '' ? item : String(element['name'] ?? '');
}

/** Scored: pyScored true and the item it feeds; not scored: neither (pyItem alone is a lint problem). */
export function setScored(element: Json, scored: boolean): void {
  if (scored) {
    element['pyScored'] = true;
    if (typeof element['pyItem'] !== 'string' || element['pyItem'] === '') element['pyItem'] = element['name'];
  } else {
    delete element['pyScored'];
    delete element['pyItem'];
  }
}

/** A positive whole number, or null to remove the property. */
export function setPositive(element: Json, key: 'maxLength' | 'rows', value: number | null): void {
  if (value === null || !Number.isInteger(value) || value <= 0) delete element[key];
  else element[key] = value;
}

export function setRateType(element: Json, rateType: string): void {
  element['rateType'] = rateType;
}

export interface ColumnView {
  readonly name: string;
  readonly title: Bilingual;
  readonly required: boolean;
  readonly scored: boolean;
  /** The column has options of its own, which override the matrix's: edited as JSON only. */
  readonly ownOptions: boolean;
}

function columns(element: Json): unknown[] {
  if (!Array.isArray(element['columns'])) element['columns'] = [];
  return element['columns'] as unknown[];
}

export function columnsOf(element: Json): ColumnView[] {
  const list = Array.isArray(element['columns']) ? element['columns'] : [];
  return list.filter(isJson).map((column) => ({
    name: String(column['name'] ?? ''),
    title: readText(column['title']),
    required: column['isRequired'] === true,
    scored: column['pyScored'] === true,
    ownOptions: Array.isArray(column['choices']) || Array.isArray(column['rateValues']),
  }));
}

function column(element: Json, index: number): Json | null {
  const entry = columns(element)[index];
  return isJson(entry) ? entry : null;
}

export function addColumn(element: Json, name: string): void {
  columns(element).push(newColumn(name));
}

export function setColumnTitle(element: Json, index: number, title: Bilingual): void {
  const entry = column(element, index);
  if (entry) setTextProperty(entry, 'title', title);
}

export function setColumnRequired(element: Json, index: number, required: boolean): void {
  const entry = column(element, index);
  if (entry) setRequired(entry, required);
}

export function moveColumn(element: Json, index: number, delta: -1 | 1): boolean {
  const all = columns(element);
  const to = index + delta;
  if (index < 0 || index >= all.length || to < 0 || to >= all.length) return false;
  const [moved] = all.splice(index, 1);
  all.splice(to, 0, moved);
  return true;
}

export function removeColumn(element: Json, index: number): void {
  const all = columns(element);
  if (index >= 0 && index < all.length) all.splice(index, 1);
}
