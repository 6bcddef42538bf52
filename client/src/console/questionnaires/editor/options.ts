import { DONT_KNOW } from '../../../../../surveys/templates/scales.ts';
import { isJson, type Json } from './editor-model.ts';
import { readText, setTextProperty, type Bilingual } from './localized.ts';

/*
 * The options of a question: a radio group's (or a unit matrix's) `choices`, a rating's `rateValues`.
 * Each is a SurveyJS item value, a bare value or `{ value, text, pyPoints, pyNotCounted, … }`. These
 * functions change the element they are given in place: the editor calls them on its own copy only
 * (editor-ops.ts), and an option's properties they do not edit stay as they were.
 */

export type OptionList = 'choices' | 'rateValues';

export interface OptionView {
  readonly value: unknown;
  readonly text: Bilingual;
  /** The points it is worth (pyPoints), null when not set. */
  readonly points: number | null;
  /** 不了解 / don't know: a valid answer that is not a vote (pyNotCounted). */
  readonly notCounted: boolean;
}

function entries(element: Json, list: OptionList): unknown[] {
  const value = element[list];
  if (Array.isArray(value)) return value;
  const created: unknown[] = [];
  element[list] = created;
  return created;
}

export function optionsOf(element: Json, list: OptionList): OptionView[] {
  const value = element[list];
  if (!Array.isArray(value)) return [];
  return value.map((entry): OptionView => {
    if (!isJson(entry)) return { value: entry, text: readText(entry), points: null, notCounted: false };
    const points = entry['pyPoints'];
    return {
      value: entry['value'],
      text: readText(entry['text']),
      points: typeof points === 'number' && Number.isFinite(points) ? points : null,
      notCounted: entry['pyNotCounted'] === true,
    };
  });
}

/** The option as an object, turning a bare value into `{ value }` (survey-core reads both alike). */
function optionObject(element: Json, list: OptionList, index: number): Json | null {
  const all = entries(element, list);
  if (index < 0 || index >= all.length) return null;
  const entry = all[index];
  if (isJson(entry)) return entry;
  // A bare value shows itself as its text; keep that text when the object takes its place.
  const object: Json = { value: entry };
  all[index] = object;
  return object;
}

export function setOptionText(element: Json, list: OptionList, index: number, text: Bilingual): void {
  const option = optionObject(element, list, index);
  if (option) setTextProperty(option, 'text', text);
}

export function setOptionPoints(element: Json, list: OptionList, index: number, points: number | null): void {
  const option = optionObject(element, list, index);
  if (!option) return;
  if (points === null || !Number.isFinite(points)) delete option['pyPoints'];
  else option['pyPoints'] = points;
}

const valueOf = (entry: unknown): unknown => (isJson(entry) ? entry['value'] : entry);

/** Where new options go: before the 不了解 options, which stay last. */
function insertionPoint(all: readonly unknown[]): number {
  let at = all.length;
  while (at > 0 && isJson(all[at - 1]) && (all[at - 1] as Json)['pyNotCounted'] === true) at -= 1;
  return at;
}

/** A value no option has yet: the next number on a rating scale, `choiceN` for a choice. */
function newValue(all: readonly unknown[], list: OptionList): string | number {
  const values = new Set(all.map((entry) => String(valueOf(entry))));
  if (list === 'rateValues') {
    const numbers = all.map(valueOf).filter((value): value is number => typeof value === 'number');
    let next = numbers.length > 0 ? Math.max(...numbers) + 1 : 1;
    while (values.has(String(next))) next += 1;
    return next;
  }
  for (let n = 1; ; n += 1) if (!values.has(`choice${n}`)) return `choice${n}`;
}

/** Adds an option with a new value (and no text yet), before any 不了解 option; returns its index. */
export function addOption(element: Json, list: OptionList): number {
  const all = entries(element, list);
  const at = insertionPoint(all);
  all.splice(at, 0, { value: newValue(all, list) });
  return at;
}

export function removeOption(element: Json, list: OptionList, index: number): void {
  const all = entries(element, list);
  if (index >= 0 && index < all.length) all.splice(index, 1);
}

/** Moves an option one place up (-1) or down (+1); false when it is already at that end. */
export function moveOption(element: Json, list: OptionList, index: number, delta: -1 | 1): boolean {
  const all = entries(element, list);
  const to = index + delta;
  if (index < 0 || index >= all.length || to < 0 || to >= all.length) return false;
  const [moved] = all.splice(index, 1);
  all.splice(to, 0, moved);
  return true;
}

export function hasDontKnow(element: Json, list: OptionList): boolean {
  return optionsOf(element, list).some((option) => option.notCounted);
}

/** Adds the standard 不了解 option (last, not counted) or removes every option marked not counted. */
export function setDontKnow(element: Json, list: OptionList, on: boolean): void {
  const all = entries(element, list);
  if (!on) {
    element[list] = all.filter((entry) => !(isJson(entry) && entry['pyNotCounted'] === true));
    return;
  }
  if (hasDontKnow(element, list)) return;
  const option: Json = structuredClone(DONT_KNOW) as Json;
  const values = new Set(all.map((entry) => String(valueOf(entry))));
  for (let n = 2; values.has(String(option['value'])); n += 1) option['value'] = `unknown${n}`;
  all.push(option);
}

/**
 * Replaces the counted options with a ready-made scale (levels and their points); 不了解 options stay as
 * they are, after the new levels.
 */
export function applyScale(element: Json, list: OptionList, levels: readonly object[]): void {
  const kept = entries(element, list).filter((entry) => isJson(entry) && entry['pyNotCounted'] === true);
  const fresh = levels.map((level) => structuredClone(level) as Json).filter((level) => level['pyNotCounted'] !== true);
  element[list] = [...fresh, ...kept];
}
