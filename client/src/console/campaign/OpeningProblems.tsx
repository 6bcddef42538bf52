import { t, useLang } from '../../shared/i18n.ts';
import { problemText, type ServerProblem } from '../../shared/problem-text.ts';

/** What still stops a draft from opening, each in the UI's language, under a heading that says so. */
export function OpeningProblems({ problems, title }: { problems: readonly ServerProblem[]; title?: string }) {
  const lang = useLang();
  if (problems.length === 0) return null;
  return (
    <div className="notice notice-warn" data-testid="opening-problems" role="status">
      <strong>{title ?? t(lang, '开启前还需处理：', 'Before it can open:')}</strong>
      <ul>
        {problems.map((problem, i) => (
          <li key={i} data-code={problem.code}>
            {problemText(lang, 'opening', problem)}
          </li>
        ))}
      </ul>
    </div>
  );
}
