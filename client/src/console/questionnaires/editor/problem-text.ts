import { t, type Lang } from '../../../shared/i18n.ts';
import type { EditorProblem } from './editor-checks.ts';

// The editor's words for its own problems, in the UI's language (the server's: server-problem-text.ts).

const nth = (lang: Lang, index: number, zh: string, en: string) =>
  t(lang, `第 ${index + 1} 个${zh}`, `${en} ${index + 1}`);

export function editorProblemText(lang: Lang, problem: EditorProblem): string {
  switch (problem.code) {
    case 'survey_title_missing':
      return t(lang, '请填写问卷的中文标题。', 'Give the questionnaire a Chinese title.');
    case 'no_questions':
      return t(lang, '问卷还没有题目。', 'The questionnaire has no questions yet.');
    case 'title_missing':
      return t(lang, '请填写题目的中文标题。', 'Give the question a Chinese title.');
    case 'no_options':
      return t(lang, '请至少添加一个选项。', 'Add at least one option.');
    case 'no_items':
      return t(lang, '请至少添加一个评价项目。', 'Add at least one item to grade.');
    case 'scored_outside_matrix':
      return t(
        lang,
        '上级领导评和同级部门评的计分题只能是单位矩阵中的项目：请取消计分，或改用单位矩阵。',
        'On superior and peer questionnaires only the items of a unit matrix can be scored: turn scoring off here, or use a unit matrix.',
      );
    case 'option_text_missing':
      return t(
        lang,
        `${nth(lang, problem.option, '选项', 'Option')}没有中文文字。`,
        `${nth(lang, problem.option, '选项', 'Option')} has no Chinese text.`,
      );
    case 'option_value_duplicate':
      return t(
        lang,
        `${nth(lang, problem.option, '选项', 'Option')}与前面的选项取值相同。`,
        `${nth(lang, problem.option, '选项', 'Option')} has the same value as an option before it.`,
      );
    case 'points_missing':
      return t(
        lang,
        `${nth(lang, problem.option, '选项', 'Option')}没有分值：计分题的每个选项都要有分值（“不了解”除外）。`,
        `${nth(lang, problem.option, '选项', 'Option')} has no points: every option of a scored question needs points (except "Don't know").`,
      );
    case 'item_title_missing':
      return t(
        lang,
        `${nth(lang, problem.item, '评价项目', 'Item')}没有中文名称。`,
        `${nth(lang, problem.item, '评价项目', 'Item')} has no Chinese name.`,
      );
  }
}

/**
 * The refusal as a whole: on saving, its problems sit beside their questions; on importing, they are
 * listed under it.
 */
export function refusalSummary(lang: Lang, code: string, count: number, on: 'save' | 'import'): string {
  if (code === 'definition_too_large')
    return on === 'save'
      ? t(lang, '问卷过大，未保存。', 'The questionnaire is too large and was not saved.')
      : t(lang, '问卷过大，未导入：', 'The questionnaire is too large and was not imported:');
  if (code === 'title_required') return t(lang, '请填写问卷标题。', 'Give the questionnaire a title.');
  const problems = count === 1 ? 'problem' : 'problems';
  return on === 'save'
    ? t(
        lang,
        `服务器检查发现 ${count} 个问题，未保存；问题列在相应题目下方。`,
        `The server found ${count} ${problems} and saved nothing; each is shown under its question.`,
      )
    : t(
        lang,
        `服务器检查发现 ${count} 个问题，未导入：`,
        `The server found ${count} ${problems} and imported nothing:`,
      );
}
