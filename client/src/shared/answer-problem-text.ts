import type { AnswerErrorCode } from '../../../surveys/validation/types.ts';
import { t, type Lang } from './i18n.ts';

// The respondent's part of the problem words (problem-text.ts holds the rest and the whole table): its own
// module, so the page a phone loads first carries only these.

// A respondent sees these when the server refuses answers the page let through (an old page, a tampered
// ballot): what kind of answer is wrong, not which internal question name.
export const ANSWER_WORDS: Record<AnswerErrorCode, (lang: Lang) => string> = {
  not_an_object: (lang) => t(lang, '提交的答案格式有误。', 'The answers were not sent in the right form.'),
  unknown_key: (lang) =>
    t(lang, '答案中有问卷里没有的题目。', 'The answers include a question the questionnaire does not have.'),
  required: (lang) => t(lang, '有必答题尚未回答。', 'A required question has no answer.'),
  wrong_type: (lang) => t(lang, '有答案的格式不对。', 'An answer has the wrong form.'),
  not_allowed: (lang) => t(lang, '有答案不在问卷给出的选项中。', 'An answer is not one of the choices offered.'),
  too_long: (lang) => t(lang, '有答案超过了字数限制。', 'An answer is longer than allowed.'),
  too_many: (lang) => t(lang, '有题目的选择超过了上限。', 'A question has more answers than allowed.'),
  too_few: (lang) => t(lang, '有题目的选择少于要求。', 'A question has fewer answers than needed.'),
  out_of_range: (lang) => t(lang, '有数值超出了允许的范围。', 'A number is outside the range allowed.'),
  bad_format: (lang) => t(lang, '有答案的写法不符合要求。', 'An answer is not in the expected format.'),
  duplicate: (lang) => t(lang, '有选项被重复选择。', 'A choice is chosen twice.'),
  validator_failed: (lang) => t(lang, '有答案不符合该题的要求。', "An answer does not meet its question's rule."),
};

/**
 * What is wrong with refused answers, one sentence per kind of problem, in the UI's language; a code this
 * list does not know (a newer server) gets a general sentence, never the server's English.
 */
export function answerProblemsText(lang: Lang, problems: readonly unknown[] | undefined): string {
  const codes = new Set(
    (problems ?? []).flatMap((entry) => {
      const code = entry !== null && typeof entry === 'object' ? (entry as { code?: unknown }).code : undefined;
      return typeof code === 'string' ? [code] : [];
    }),
  );
  const sentences = new Set(
    [...codes].map((code) =>
      Object.hasOwn(ANSWER_WORDS, code)
        ? ANSWER_WORDS[code as AnswerErrorCode](lang)
        : t(lang, '有答案不符合问卷要求。', 'An answer is not accepted.'),
    ),
  );
  if (sentences.size === 0)
    return t(lang, '有的答案不符合问卷要求，请返回修改。', 'Some answers are not accepted; please edit them.');
  return t(lang, `${[...sentences].join('')}请返回修改。`, `${[...sentences].join(' ')} Please edit your answers.`);
}
