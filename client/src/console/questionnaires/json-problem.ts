import { t, type Lang } from '../../shared/i18n.ts';

/**
 * Why pasted JSON could not be read, in the UI's language. The browser's parser speaks English only, so
 * the Chinese text keeps just where it stopped (line and column, or the character position it names).
 */
export function jsonParseProblem(lang: Lang, error: unknown): string {
  const detail = error instanceof Error ? error.message : '';
  if (lang === 'en') return `Malformed JSON: ${detail}`;
  const lineColumn = /line (\d+) column (\d+)/.exec(detail);
  if (lineColumn) return `JSON 格式有误：第 ${lineColumn[1]} 行第 ${lineColumn[2]} 列附近。`;
  const position = /position (\d+)/.exec(detail);
  if (position) return `JSON 格式有误：第 ${Number(position[1]) + 1} 个字符附近。`;
  return t(lang, 'JSON 格式有误，请检查括号、引号和逗号。', detail);
}
