import type { Lang } from '../../../shared/i18n.ts';
import { problemText } from '../../../shared/problem-text.ts';
import type { ServerProblem } from './server-problems.ts';

/*
 * The server's definition problems in the UI's language, by their stable `code` and `params`, with the
 * console's one table of words (shared/problem-text.ts, family "definition"). A problem without a code
 * (read from the lines of an older server's message) shows the server's own words.
 */

export function serverProblemText(lang: Lang, problem: ServerProblem): string {
  if (problem.code === null) return problem.message;
  return problemText(lang, 'definition', { code: problem.code, params: problem.params, message: problem.message });
}

/** Whether the problem is shown in the server's English words in the Chinese UI (marked lang="en"). */
export function inServerWords(lang: Lang, problem: ServerProblem): boolean {
  return lang === 'zh' && problem.code === null;
}
