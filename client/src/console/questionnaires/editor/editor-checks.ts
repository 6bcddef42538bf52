import type { RaterType } from '../../../../../scoring/rater-type.ts';
import { elementsOf, isJson, kindOf, scoresOutsideMatrix, type Definition, type Json } from './editor-model.ts';
import { readText } from './localized.ts';
import { optionsOf, type OptionList } from './options.ts';
import { columnsOf, isScored } from './questions.ts';

/*
 * What the editor itself can tell is wrong before saving, as codes the page words in the UI's language
 * (problem-text.ts). They block saving: each is something a respondent would see broken. Whatever else
 * the server refuses comes back from it and is shown beside the question too (server-problems.ts).
 */

export type EditorProblem =
  | { readonly code: 'survey_title_missing' | 'no_questions' }
  | { readonly code: 'title_missing' | 'no_options' | 'no_items' | 'scored_outside_matrix'; readonly element: string }
  | {
      readonly code: 'option_text_missing' | 'option_value_duplicate' | 'points_missing';
      readonly element: string;
      /** 0-based place of the option. */
      readonly option: number;
    }
  | { readonly code: 'item_title_missing'; readonly element: string; readonly item: number };

const blank = (text: string): boolean => text.trim() === '';

function optionProblems(element: Json, name: string, list: OptionList, scored: boolean): EditorProblem[] {
  const options = optionsOf(element, list);
  if (options.length === 0)
    return Array.isArray(element[list]) || scored ? [{ code: 'no_options', element: name }] : [];
  const problems: EditorProblem[] = [];
  const seen = new Set<string>();
  options.forEach((option, index) => {
    // Star and number levels show their value when they have no text; choices would show a bare code.
    if (list === 'choices' && blank(option.text.zh) && !option.notCounted)
      problems.push({ code: 'option_text_missing', element: name, option: index });
    const key = JSON.stringify(option.value ?? null);
    if (seen.has(key)) problems.push({ code: 'option_value_duplicate', element: name, option: index });
    seen.add(key);
    if (scored && !option.notCounted && option.points === null)
      problems.push({ code: 'points_missing', element: name, option: index });
  });
  return problems;
}

/** The problems of one question the editor has a form for; none for elements kept as JSON. */
export function elementProblems(element: unknown, raterType: RaterType): EditorProblem[] {
  const kind = kindOf(element);
  if (kind === null || !isJson(element)) return [];
  const name = String(element['name'] ?? '');
  const problems: EditorProblem[] = [];
  if (blank(readText(element['title']).zh)) problems.push({ code: 'title_missing', element: name });
  if (kind === 'rating' || kind === 'radiogroup') {
    if (isScored(element) && !scoresOutsideMatrix(raterType))
      problems.push({ code: 'scored_outside_matrix', element: name });
    const list = kind === 'rating' ? 'rateValues' : 'choices';
    // A rating without its own levels uses SurveyJS's 1–5, which carry no points.
    if (kind === 'radiogroup' || Array.isArray(element['rateValues']) || isScored(element))
      problems.push(...optionProblems(element, name, list, isScored(element)));
  }
  if (kind === 'unitMatrix') {
    const columns = columnsOf(element);
    if (columns.length === 0) problems.push({ code: 'no_items', element: name });
    columns.forEach((column, item) => {
      if (blank(column.title.zh)) problems.push({ code: 'item_title_missing', element: name, item });
    });
    problems.push(
      ...optionProblems(
        element,
        name,
        'choices',
        columns.some((column) => column.scored),
      ),
    );
  }
  return problems;
}

export function definitionProblems(definition: Definition, raterType: RaterType): EditorProblem[] {
  const problems: EditorProblem[] = [];
  if (blank(readText(definition['title']).zh)) problems.push({ code: 'survey_title_missing' });
  const elements = elementsOf(definition);
  if (elements.length === 0) problems.push({ code: 'no_questions' });
  for (const { element } of elements) problems.push(...elementProblems(element, raterType));
  return problems;
}
