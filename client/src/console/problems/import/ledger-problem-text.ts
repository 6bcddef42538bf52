import { t, type Lang } from '../../../shared/i18n.ts';

/**
 * The ledger import's row problems in the UI's language, by their stable code (server/problems/ledger-sheet.ts,
 * problem-import.ts). Row, column and value stand beside the text, so the words say what is wrong and what
 * to do. A code this table does not know shows a general sentence in Chinese, the server's own in English.
 */
const WORDS: Record<string, string> = {
  unknown_column: '不是台账读取的列，已忽略。',
  duplicate_column: '与前面的某一列相同，请只保留一列。',
  missing_column: '缺少必填的列（问题、整改措施、责任单位、时限）。',
  missing_header: '前几行中找不到含“问题”列的列名行。',
  value_without_column: '此单元格没有列名：请补上列名或清空此格。',
  example_row: '模板的示例行，已跳过。',
  required: '此项必填。',
  too_long: '内容太长。',
  invalid_text: '请删去换行符或控制字符。',
  unusable_cell: '此单元格的内容无法读取（公式错误值或过长的数字），请改为文字。',
  invalid_date: '时限请填写日期，如 2026-10-13 或 2026年10月13日；没有期限的写“长期坚持”。',
  invalid_source: '问题来源请填写：自查、评议、走访、12345、督查、暗访、媒体或上级交办。',
  invalid_status: '状态请填写：未开始、整改中或已完成。',
  duplicate_number: '同一序号在文件中出现了不止一次。',
  unknown_unit: '系统中没有这个名称或编码的单位，请对照单位名册填写。',
  ambiguous_unit: '有多个单位叫这个名称，请改填单位编码。',
  inactive_unit: '该单位已停用。',
  unknown_type: '没有这个问题类型：请先在整改设置中添加，或清空此格。',
  duplicate_problem: '该单位的台账中已有同一问题（可能已经导入过），或文件中重复出现。',
};

export function ledgerProblemText(lang: Lang, problem: { code: string; message: string }): string {
  return t(lang, WORDS[problem.code] ?? '此行有一处不符合要求，请检查。', problem.message);
}
