import { t, type Lang } from '../../shared/i18n.ts';

/**
 * The unit import's problems in the UI's language, by their stable code (server/catalog/unit-sheet.ts,
 * unit-import-plan.ts, unit-tree.ts). The row, column and value stand beside the text in the report, so
 * the words say what is wrong and what to do. A code this table does not know shows a general sentence in
 * Chinese, and the server's own sentence in English.
 */
const WORDS: Record<string, string> = {
  unknown_column: '不是平台读取的列，已忽略。',
  duplicate_column: '与前面的某一列相同，请只保留一列。',
  missing_column: '缺少必填的列。',
  missing_header: '前几行中找不到含“单位编码”列的列名行。',
  value_without_column: '此单元格没有列名：请补上列名或清空此格。',
  duplicate_code: '同一单位编码在文件中出现了不止一次，每个单位只能出现一次。',
  invalid_code: '单位编码格式不对：应为 1–40 位字母、数字或“. _ -”，以字母或数字开头。',
  invalid_level: '层级请填写：市、县、乡镇或部门。',
  invalid_sort: '排序须为整数。',
  invalid_status: '状态请填写：启用或停用。',
  invalid_text: '请删去换行符或控制字符。',
  required: '此项必填。',
  too_long: '内容太长。',
  unusable_cell: '此单元格的内容无法读取（公式、错误值或过长的数字），请改为文字。',
  ambiguous_category: '有多个类别叫这个名称，请改填类别编码。',
  unknown_category: '没有这个编码或名称的类别：请先在“单位类别”中创建（见模板的“类别”工作表）。',
  unknown_parent: '文件和系统中都没有这个上级单位编码。',
  tree_cycle: '单位不能位于自身或自己的下级单位之下。',
  sub_units_conflict: '它的某个下级单位无法继续留在它之下，请一并调整。',
  invalid_parent_level: '上级单位的层级不符合要求。',
  parent_required: '此层级的单位必须填写上级单位。',
  inactive_parent: '上级单位已停用。',
};

export function unitProblemText(lang: Lang, problem: { code: string; message: string }): string {
  return t(lang, WORDS[problem.code] ?? '此行有一处不符合要求，请检查。', problem.message);
}
