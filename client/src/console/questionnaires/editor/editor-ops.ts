import type { RaterType } from '../../../../../scoring/rater-type.ts';
import {
  isJson,
  sectionsOf,
  uniqueName,
  type Definition,
  type ElementRef,
  type Json,
  type QuestionKind,
} from './editor-model.ts';
import { setTextProperty, type Bilingual } from './localized.ts';
import { ITEM_PREFIX, NAME_PREFIX, newQuestion } from './questions.ts';

/*
 * Edits of a whole definition. Each returns a new definition and never changes the one it is given, so
 * the page can keep the last saved one to compare with; what an edit does not touch stays exactly as it
 * was (key order included), whatever SurveyJS or Pingyi property it is.
 */

/** A blank questionnaire: one page, no questions yet. */
export function blankDefinition(): Definition {
  return {
    title: '',
    showQuestionNumbers: 'off',
    widthMode: 'responsive',
    pages: [{ name: 'page1', elements: [] }],
  };
}

/** The list an element reference points into, on a copy of the definition. */
function listOf(copy: Definition, section: number): unknown[] | null {
  const where = sectionsOf(copy)[section];
  if (!where) return null;
  if (where.page === null) return copy['elements'] as unknown[];
  const page = (copy['pages'] as unknown[])[where.page] as Json;
  if (!Array.isArray(page['elements'])) page['elements'] = [];
  return page['elements'] as unknown[];
}

/** Makes sure there is somewhere to put a question: the last page, made if there is none. */
function lastSection(copy: Definition): number {
  const count = sectionsOf(copy).length;
  if (count > 0) return count - 1;
  if (!Array.isArray(copy['pages'])) copy['pages'] = [];
  (copy['pages'] as unknown[]).push({ name: uniqueName(copy, 'page'), elements: [] });
  return sectionsOf(copy).length - 1;
}

/**
 * Adds a new question of a kind right after `after` (or at the end of the last page) with a new name no
 * other element, column or item uses; returns the definition and where the question is.
 */
export function addQuestion(
  definition: Definition,
  kind: QuestionKind,
  raterType: RaterType,
  after?: ElementRef | null,
): { definition: Definition; ref: ElementRef } {
  const copy = structuredClone(definition);
  const name = uniqueName(copy, NAME_PREFIX[kind]);
  const itemName = uniqueName(copy, ITEM_PREFIX, [name]);
  const question = newQuestion(kind, name, raterType, itemName);
  const target = after && listOf(copy, after.section) ? after : null;
  const section = target ? target.section : lastSection(copy);
  const list = listOf(copy, section) as unknown[];
  const index = target ? Math.min(target.index + 1, list.length) : list.length;
  list.splice(index, 0, question);
  return { definition: copy, ref: { section, index } };
}

/**
 * Applies `edit` to a copy of one element (it may change the element in place or return a replacement);
 * the definition is returned unchanged when the reference points at nothing.
 */
export function updateElement(
  definition: Definition,
  ref: ElementRef,
  edit: (element: Json, definition: Definition) => Json | void,
): Definition {
  const copy = structuredClone(definition);
  const list = listOf(copy, ref.section);
  const element = list?.[ref.index];
  if (!list || !isJson(element)) return definition;
  const replaced = edit(element, copy);
  if (replaced) list[ref.index] = replaced;
  return copy;
}

/** Replaces an element with JSON the office wrote (the JSON-only path for types without a form). */
export function replaceElement(definition: Definition, ref: ElementRef, element: Json): Definition {
  const copy = structuredClone(definition);
  const list = listOf(copy, ref.section);
  if (!list || ref.index >= list.length) return definition;
  list[ref.index] = structuredClone(element);
  return copy;
}

export function deleteElement(definition: Definition, ref: ElementRef): Definition {
  const copy = structuredClone(definition);
  const list = listOf(copy, ref.section);
  if (!list || ref.index >= list.length) return definition;
  list.splice(ref.index, 1);
  return copy;
}

/**
 * Moves an element one place up (-1) or down (+1). At the top or bottom of a page it moves to the end of
 * the page before or the start of the page after; null when there is nowhere to go.
 */
export function moveElement(
  definition: Definition,
  ref: ElementRef,
  delta: -1 | 1,
): { definition: Definition; ref: ElementRef } | null {
  const copy = structuredClone(definition);
  const list = listOf(copy, ref.section);
  if (!list || ref.index < 0 || ref.index >= list.length) return null;
  const to = ref.index + delta;
  if (to >= 0 && to < list.length) {
    const [moved] = list.splice(ref.index, 1);
    list.splice(to, 0, moved);
    return { definition: copy, ref: { section: ref.section, index: to } };
  }
  const next = listOf(copy, ref.section + delta);
  if (!next) return null;
  const [moved] = list.splice(ref.index, 1);
  const index = delta === -1 ? next.length : 0;
  next.splice(index, 0, moved);
  return { definition: copy, ref: { section: ref.section + delta, index } };
}

/** The survey's own title or description. */
export function setSurveyText(definition: Definition, key: 'title' | 'description', text: Bilingual): Definition {
  const copy = structuredClone(definition);
  setTextProperty(copy, key, text);
  return copy;
}

/** Whether two definitions hold the same JSON (for "unsaved changes"). */
export function sameDefinition(a: Definition, b: Definition): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
