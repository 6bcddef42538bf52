import { api, call } from '../shared/api.ts';
import { errorText } from '../shared/error-text.ts';
import { t, useLang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import { Link } from '../shared/router.ts';
import { FEED_HREF, weekText } from './ledger-words.ts';
import { useFeedLinkAndTitle, usePublic } from './use-public.ts';

/** /weekly: every week with public changes, newest first, and this week's page. */
export function WeekList() {
  const lang = useLang();
  const { data, error } = usePublic(() => call(api.public.weekly.$get()), 'weeks');
  useFeedLinkAndTitle(t(lang, '整改周周见 · 评议', 'This week in rectification · Pingyi'));
  return (
    <main className="page ledger-page">
      <header className="page-header">
        <h1>{t(lang, '整改周周见', 'This week in rectification')}</h1>
        <LangSwitch />
      </header>
      <p className="ledger-intro">
        {t(
          lang,
          '每周一晒：各单位本周公开的整改动态——新备案的问题、整改进展、销号、重新整改、解释说明和延期。',
          'Every week, in public: what each unit filed, progressed, closed, reopened, explained or extended.',
        )}{' '}
        <Link to="/ledger">{t(lang, '查看整改台账', 'See the ledger')}</Link> ·{' '}
        <a href={FEED_HREF} type="application/atom+xml">
          {t(lang, '订阅（Atom）', 'Subscribe (Atom)')}
        </a>
      </p>
      {error !== null && <p className="notice notice-warn">{errorText(lang, error)}</p>}
      {!data && error === null && <p className="loading">{t(lang, '加载中…', 'Loading…')}</p>}
      {data && (
        <ul className="ledger-weeks">
          {!data.weeks.some((w) => w.week === data.current) && (
            <li>
              <Link to={`/weekly/${data.current}`}>{t(lang, '本周', 'This week')}</Link>
              <span className="muted"> {t(lang, '暂无公开动态', 'nothing public yet')}</span>
            </li>
          )}
          {data.weeks.map((week) => (
            <li key={week.week}>
              <Link to={`/weekly/${week.week}`}>{weekText(lang, week.week, week.weekEnd)}</Link>
              {week.week === data.current && <span className="badge badge-open">{t(lang, '本周', 'This week')}</span>}
              <span className="muted">
                {' '}
                {t(lang, `${week.changes} 条动态`, `${week.changes} change${week.changes === 1 ? '' : 's'}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
