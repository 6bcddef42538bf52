import type { QuestionKind } from './editor-model.ts';

/** What each kind of question is called: [中文, English]. */
export const KIND_LABEL: Readonly<Record<QuestionKind, readonly [string, string]>> = {
  rating: ['评分题', 'Rating'],
  radiogroup: ['单选题', 'Single choice'],
  boolean: ['是非题', 'Yes or no'],
  comment: ['意见题（多行文字）', 'Comment (long text)'],
  unitMatrix: ['单位 × 项目矩阵', 'Units × items matrix'],
};

/** SurveyJS types the editor keeps as JSON, named for the list of what only JSON edits. */
const OTHER_TYPE_LABEL: Readonly<Record<string, readonly [string, string]>> = {
  checkbox: ['多选题', 'Multiple choice'],
  dropdown: ['下拉选择题', 'Dropdown'],
  tagbox: ['多选下拉题', 'Tag box'],
  ranking: ['排序题', 'Ranking'],
  text: ['单行文字题', 'Single-line text'],
  multipletext: ['多项文字题', 'Multiple texts'],
  matrix: ['矩阵单选题', 'Matrix'],
  matrixdropdown: ['矩阵题', 'Matrix of dropdowns'],
  matrixdynamic: ['动态矩阵题', 'Dynamic matrix'],
  panel: ['题组（面板）', 'Panel'],
  paneldynamic: ['动态题组', 'Dynamic panel'],
  html: ['说明文字', 'HTML text'],
  image: ['图片', 'Image'],
  expression: ['计算值', 'Expression'],
};

export function typeLabel(kind: QuestionKind | null, type: unknown): readonly [string, string] {
  if (kind !== null) return KIND_LABEL[kind];
  const name = typeof type === 'string' ? type : '?';
  return OTHER_TYPE_LABEL[name] ?? [name, name];
}
