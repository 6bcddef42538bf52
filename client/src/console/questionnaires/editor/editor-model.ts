import type { RaterType } from '../../../../../scoring/rater-type.ts';

/*
 * The editor works on the SurveyJS JSON itself: a definition is a plain JSON object, and every edit
 * returns a changed copy in which everything the editor does not understand is exactly as it was.
 */

export type Json = Record<string, unknown>;
export type Definition = Json;

/** The question types the editor has a form for; every other element is kept and edited as JSON. */
export const QUESTION_KINDS = ['rating', 'radiogroup', 'boolean', 'comment', 'unitMatrix'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Where an element sits: the index of its list (a page, or the survey's own `elements`) and its place in it. */
export interface ElementRef {
  readonly section: number;
  readonly index: number;
}

/** A list of elements the editor shows: one per page (and the survey's top-level `elements`, if any). */
export interface Section {
  /** Path from the definition to the list: `['pages', 0, 'elements']` or `['elements']`. */
  readonly path: readonly (string | number)[];
  /** The page's index, or null for the survey's top-level list. */
  readonly page: number | null;
  readonly elements: readonly unknown[];
}

export const isJson = (value: unknown): value is Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Which form edits this element, or null when it is kept as JSON. */
export function kindOf(element: unknown): QuestionKind | null {
  if (!isJson(element)) return null;
  switch (element['type']) {
    case 'rating':
    case 'radiogroup':
    case 'boolean':
    case 'comment':
      return element['type'];
    case 'matrixdropdown':
      // A matrix of units × items: its rows are the campaign's units, filled when it is served.
      return element['pyUnitRows'] === true ? 'unitMatrix' : null;
    default:
      return null;
  }
}

/** The lists of elements, in the order the respondent meets them. */
export function sectionsOf(definition: Definition): Section[] {
  const sections: Section[] = [];
  if (Array.isArray(definition['elements']))
    sections.push({ path: ['elements'], page: null, elements: definition['elements'] });
  const pages = Array.isArray(definition['pages']) ? definition['pages'] : [];
  pages.forEach((page, i) => {
    if (!isJson(page)) return;
    const elements = Array.isArray(page['elements']) ? page['elements'] : [];
    sections.push({ path: ['pages', i, 'elements'], page: i, elements });
  });
  return sections;
}

export function elementAt(definition: Definition, ref: ElementRef): unknown {
  return sectionsOf(definition)[ref.section]?.elements[ref.index];
}

/** Every element with its place, in order. */
export function elementsOf(definition: Definition): Array<{ ref: ElementRef; element: unknown }> {
  return sectionsOf(definition).flatMap((section, s) =>
    section.elements.map((element, index) => ({ ref: { section: s, index }, element })),
  );
}

export function nameOf(element: unknown): string | null {
  return isJson(element) && typeof element['name'] === 'string' && element['name'] !== '' ? element['name'] : null;
}

/** Where the element named so is now, or null. */
export function findByName(definition: Definition, name: string): ElementRef | null {
  return elementsOf(definition).find(({ element }) => nameOf(element) === name)?.ref ?? null;
}

/** Every name and item key used anywhere in the definition, so a new one never collides with any. */
function usedNames(definition: Definition): Set<string> {
  const used = new Set<string>();
  const pending: unknown[] = [definition];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    else if (isJson(value)) {
      for (const key of ['name', 'pyItem'])
        if (typeof value[key] === 'string') used.add((value[key] as string).toLowerCase());
      pending.push(...Object.values(value));
    }
  }
  return used;
}

/**
 * A new name: `prefix` and the lowest number not used anywhere in the definition (compared without case,
 * as answers keyed `Rating1` and `rating1` would be confusing). Names never change after they are given:
 * answers, ratings and item keys are stored under them.
 */
export function uniqueName(definition: Definition, prefix: string, alsoTaken: readonly string[] = []): string {
  const used = usedNames(definition);
  for (const name of alsoTaken) used.add(name.toLowerCase());
  for (let n = 1; ; n += 1) if (!used.has(`${prefix}${n}`.toLowerCase())) return `${prefix}${n}`;
}

/** Scored questions of superior and peer ballots must be columns of a unit matrix (decision 007). */
export function scoresOutsideMatrix(raterType: RaterType): boolean {
  return raterType === 'recipient';
}

/** The kinds the office may add to a questionnaire for this rater type. */
export function addableKinds(raterType: RaterType): QuestionKind[] {
  return raterType === 'recipient'
    ? ['rating', 'radiogroup', 'boolean', 'comment']
    : ['unitMatrix', 'rating', 'radiogroup', 'boolean', 'comment'];
}

/** The properties each form edits; an element's other properties are listed as kept unchanged. */
const COMMON_KEYS = ['type', 'name', 'title', 'description', 'isRequired'];
export const EDITED_KEYS: Readonly<Record<QuestionKind, readonly string[]>> = {
  rating: [...COMMON_KEYS, 'rateType', 'rateValues', 'pyScored', 'pyItem'],
  radiogroup: [...COMMON_KEYS, 'choices', 'pyScored', 'pyItem'],
  boolean: COMMON_KEYS,
  comment: [...COMMON_KEYS, 'maxLength', 'rows'],
  unitMatrix: [...COMMON_KEYS, 'pyUnitRows', 'rows', 'choices', 'columns'],
};

/** The element's properties no form field edits: they are kept exactly as they are. */
export function keptProperties(element: unknown, kind: QuestionKind): string[] {
  if (!isJson(element)) return [];
  const edited = new Set(EDITED_KEYS[kind]);
  return Object.keys(element).filter((key) => !edited.has(key));
}

/**
 * A key per element that follows it when it moves: its name (names are unique; a repeated one gets its
 * place added), or its place for an element without a name.
 */
export function elementKeys(definition: Definition): Array<{ ref: ElementRef; element: unknown; key: string }> {
  const seen = new Set<string>();
  return elementsOf(definition).map(({ ref, element }) => {
    const name = nameOf(element);
    let key = name !== null ? `name:${name}` : `at:${ref.section}:${ref.index}`;
    if (seen.has(key)) key = `${key}@${ref.section}:${ref.index}`;
    seen.add(key);
    return { ref, element, key };
  });
}
