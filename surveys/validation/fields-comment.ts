import { Serializer, type Question, type QuestionSelectBase } from 'survey-core';
import { DEFAULT_COMMENT_AREA_MAX_LENGTH, commentKeyOf } from '../text-limits.ts';
import { fieldBase } from './base.ts';
import type { Enclosure } from './base.ts';
import { stringField } from './fields-text.ts';
import type { Field } from './types.ts';

/** The "Other" item of a choice question, if it shows one. */
function otherItemOf(question: Question): { value: unknown } | null {
  if (!Serializer.isDescendantOf(question.getType(), 'selectbase')) return null;
  const select = question as QuestionSelectBase;
  return select.showOtherItem ? select.otherItem : null;
}

/** survey-core caps comment areas and "Other" texts with the survey's `maxCommentLength` alone. */
function commentMaxLength(question: Question): number {
  const survey = question.survey as unknown as { maxCommentLength?: number } | undefined;
  const max = survey?.maxCommentLength;
  return typeof max === 'number' && max > 0 ? max : DEFAULT_COMMENT_AREA_MAX_LENGTH;
}

/**
 * The text a respondent types into a question's comment area (`showCommentArea`, formerly
 * `hasComment`) or next to its "Other" choice; survey-core stores both under `<name>-Comment`.
 * `question.showCommentArea` is survey-core's own answer, false for types it draws no comment area
 * for (text, comment, multipletext …), so their `-Comment` keys stay unknown.
 */
export function commentField(question: Question, outer: Enclosure): Field | null {
  const commentArea = question.showCommentArea === true;
  const other = otherItemOf(question);
  if (!commentArea && other === null) return null;
  const owner = fieldBase(question, outer);
  const otherChosen = (group: Readonly<Record<string, unknown>>): boolean => {
    const answer = group[owner.name];
    return other !== null && (Array.isArray(answer) ? answer.includes(other.value) : answer === other.value);
  };
  const base = { ...owner, name: commentKeyOf(owner.name), isRequired: false, requiredIf: null };
  return {
    ...stringField(base, commentMaxLength(question), []),
    // An "Other" text outlives its choice only in the browser: once Other is unticked it is dropped.
    keepWhen: (group) => commentArea || otherChosen(group),
    requiredWhen: otherChosen,
  };
}
