import { api, call, type ResponseOf } from '../shared/api.ts';
import { errorText } from '../shared/error-text.ts';
import { t, useLang, type Lang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import { Link } from '../shared/router.ts';
import { dayText, FEED_HREF, weekText } from './ledger-words.ts';
import { EntryLine } from './PublicHistory.tsx';
import { useFeedLinkAndTitle, usePublic } from './use-public.ts';

type Digest = ResponseOf<(typeof api.public.weekly)[':week']['$get']>;

const DIGEST_FIGURES: ReadonlyArray<[keyof Digest['figures'], string, string]> = [
  ['units', '有动态的单位', 'Units with changes'],
  ['filed', '新备案', 'Filed'],
  ['progressed', '整改进展', 'Progress'],
  ['claimed', '申请销号', 'Claimed'],
  ['closed', '销号', 'Closed'],
  ['reopened', '重新整改', 'Reopened'],
  ['explained', '解释说明', 'Explained'],
  ['extended', '延期', 'Extended'],
];

function Figures({ lang, digest }: { lang: Lang; digest: Digest }) {
  return (
    <dl className="ledger-figures" aria-label={t(lang, '本周数字', "The week's figures")}>
      {DIGEST_FIGURES.map(([key, zh, en]) => (
        <div key={key}>
          <dt>{t(lang, zh, en)}</dt>
          <dd>{digest.figures[key]}</dd>
        </div>
      ))}
    </dl>
  );
}

/** /weekly/{Monday}: 整改周周见 — every public change of the week per unit; prints on A4. */
export function WeekDigest({ week }: { week: string }) {
  const lang = useLang();
  const { data, error } = usePublic(() => call(api.public.weekly[':week'].$get({ param: { week } })), week);
  const title = data ? weekText(lang, data.week, data.weekEnd) : '';
  useFeedLinkAndTitle(`${t(lang, '整改周周见', 'This week in rectification')}${title ? ` · ${title}` : ''}`);
  if (error !== null)
    return (
      <main className="page ledger-page">
        <p className="notice notice-warn">{errorText(lang, error)}</p>
        <Link to="/weekly">{t(lang, '返回整改周周见', 'Back to the weeks')}</Link>
      </main>
    );
  if (!data) return <p className="loading">{t(lang, '加载中…', 'Loading…')}</p>;
  return (
    <main className="page ledger-page weekly-digest">
      <nav className="ledger-toolbar no-print" aria-label={t(lang, '翻页和操作', 'Weeks and actions')}>
        {data.previous ? (
          <Link to={`/weekly/${data.previous}`}>{t(lang, '‹ 上一周', '‹ Previous week')}</Link>
        ) : (
          <span className="muted">{t(lang, '‹ 上一周', '‹ Previous week')}</span>
        )}
        <Link to="/weekly">{t(lang, '全部周次', 'All weeks')}</Link>
        {data.next ? (
          <Link to={`/weekly/${data.next}`}>{t(lang, '下一周 ›', 'Next week ›')}</Link>
        ) : (
          <span className="muted">{t(lang, '下一周 ›', 'Next week ›')}</span>
        )}
        <span className="ledger-toolbar-gap" />
        <button type="button" className="button-secondary" onClick={() => window.print()}>
          {t(lang, '打印', 'Print')}
        </button>
        <a className="button-secondary" href={FEED_HREF} type="application/atom+xml">
          {t(lang, '订阅', 'Subscribe')}
        </a>
        <LangSwitch />
      </nav>
      <header className="weekly-head">
        <h1 className={lang === 'zh' ? 'weekly-title-zh' : undefined}>
          {t(lang, '整改周周见', 'This week in rectification')}
        </h1>
        <p className="weekly-dates">
          {title}
          {!data.complete && <span className="badge badge-open">{t(lang, '本周进行中', 'Week in progress')}</span>}
        </p>
      </header>
      <Figures lang={lang} digest={data} />
      {data.units.length === 0 && (
        <p className="muted">{t(lang, '本周没有公开的整改动态。', 'Nothing public changed this week.')}</p>
      )}
      {data.units.map((unit) => (
        <section key={unit.unitId} className="weekly-unit">
          <h2>
            <Link to={`/ledger/${unit.unitId}`}>{t(lang, unit.name, unit.nameEn)}</Link>
          </h2>
          <table className="weekly-table">
            <thead>
              <tr>
                <th scope="col" className="weekly-day">
                  {t(lang, '日期', 'Day')}
                </th>
                <th scope="col" className="weekly-problem">
                  {t(lang, '问题', 'Problem')}
                </th>
                <th scope="col">{t(lang, '动态', 'Change')}</th>
              </tr>
            </thead>
            <tbody>
              {unit.entries.map((entry) => (
                <tr key={entry.id}>
                  <td className="weekly-day">
                    <time dateTime={entry.day}>{dayText(lang, entry.day, false)}</time>
                  </td>
                  <td className="weekly-problem">{entry.title}</td>
                  <td>
                    <div className="weekly-change">
                      <EntryLine lang={lang} entry={entry} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <footer className="muted small weekly-foot">
        {t(
          lang,
          '本页只列出已审核备案并公开的问题的公开记录；日期按北京时间。',
          'Only public entries of filed, public problems are listed; days are Beijing time.',
        )}
      </footer>
    </main>
  );
}
