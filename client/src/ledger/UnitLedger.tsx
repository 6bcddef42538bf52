import { Fragment, useState } from 'react';
import { api, call, type ResponseOf } from '../shared/api.ts';
import { errorText } from '../shared/error-text.ts';
import { t, useLang, type Lang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import { Link } from '../shared/router.ts';
import { FigureStrip } from './LedgerFigures.tsx';
import { SOURCE_WORDS, STATE_WORDS } from '../shared/problem-words.ts';
import { dayText, words } from './ledger-words.ts';
import { PublicHistory } from './PublicHistory.tsx';
import { useFeedLinkAndTitle, usePublic } from './use-public.ts';

type UnitLedgerAnswer = ResponseOf<(typeof api.public.ledger.units)[':unitId']['$get']>;
type Problem = UnitLedgerAnswer['problems'][number];

const FILTERS = [
  ['all', '全部', 'All'],
  ['open', '整改中', 'In progress'],
  ['overdue', '逾期', 'Overdue'],
  ['closed', '已销号', 'Closed'],
  ['explained', '解释说明', 'Explained'],
] as const;
type Filter = (typeof FILTERS)[number][0];

function matches(problem: Problem, filter: Filter): boolean {
  if (filter === 'all') return true;
  if (filter === 'overdue') return problem.overdue;
  if (filter === 'open') return ['filed', 'in_progress', 'claimed'].includes(problem.state);
  return problem.state === filter;
}

function StateBadge({ lang, problem }: { lang: Lang; problem: Problem }) {
  return (
    <>
      <span className={`badge ledger-state-${problem.state}`}>{words(lang, STATE_WORDS[problem.state])}</span>
      {problem.overdue && <span className="badge ledger-overdue">{t(lang, '逾期', 'Overdue')}</span>}
    </>
  );
}

function Deadline({ lang, problem }: { lang: Lang; problem: Problem }) {
  if (!problem.deadline) return <span className="muted">—</span>;
  return <time dateTime={problem.deadline}>{dayText(lang, problem.deadline)}</time>;
}

function People({ lang, problem }: { lang: Lang; problem: Problem }) {
  return (
    <>
      {problem.leader && <div>{t(lang, `责任领导：${problem.leader}`, `Leader: ${problem.leader}`)}</div>}
      {problem.owner && <div>{t(lang, `责任人：${problem.owner}`, `Owner: ${problem.owner}`)}</div>}
    </>
  );
}

function Origin({ lang, problem }: { lang: Lang; problem: Problem }) {
  return (
    <>
      {words(lang, SOURCE_WORDS[problem.source])}
      {problem.type && <div className="muted">{t(lang, problem.type.name, problem.type.nameEn)}</div>}
    </>
  );
}

function Details({ lang, problem }: { lang: Lang; problem: Problem }) {
  return (
    <div className="ledger-details">
      <p className="ledger-detail-text">{problem.detail}</p>
      {problem.explanation && (
        <p>
          <strong>{t(lang, '解释说明：', 'Explanation: ')}</strong>
          {problem.explanation}
        </p>
      )}
      <h4>{t(lang, '整改记录', 'History')}</h4>
      <PublicHistory lang={lang} history={problem.history} />
    </div>
  );
}

/** /ledger/{unitId}: a unit's public, filed problems — a table on a PC, cards on a phone — each opening to its history. */
export function UnitLedger({ unitId }: { unitId: number }) {
  const lang = useLang();
  const { data, error } = usePublic(
    () => call(api.public.ledger.units[':unitId'].$get({ param: { unitId: String(unitId) } })),
    String(unitId),
  );
  const [filter, setFilter] = useState<Filter>('all');
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const name = data ? t(lang, data.unit.name, data.unit.nameEn) : '';
  useFeedLinkAndTitle(
    name ? `${name} · ${t(lang, '整改台账', 'Rectification ledger')}` : t(lang, '整改台账', 'Rectification ledger'),
  );
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (error !== null)
    return (
      <main className="page ledger-page">
        <p className="notice notice-warn">{errorText(lang, error)}</p>
        <Link to="/ledger">{t(lang, '返回整改台账', 'Back to the ledger')}</Link>
      </main>
    );
  if (!data) return <p className="loading">{t(lang, '加载中…', 'Loading…')}</p>;
  const shown = data.problems.filter((problem) => matches(problem, filter));
  return (
    <main className="page ledger-page">
      <nav className="ledger-crumbs" aria-label={t(lang, '位置', 'Where you are')}>
        <Link to="/ledger">{t(lang, '整改台账', 'Rectification ledger')}</Link>
        {data.unit.category && <span> › {t(lang, data.unit.category.name, data.unit.category.nameEn)}</span>}
      </nav>
      <header className="page-header">
        <h1>{t(lang, `${name}整改台账`, `${name}: rectification ledger`)}</h1>
        <LangSwitch />
      </header>
      <FigureStrip lang={lang} figures={data.figures} label={t(lang, '本单位合计', 'This unit')} />
      {data.problems.length === 0 ? (
        <p className="muted">{t(lang, '本单位还没有公开的备案问题。', 'This unit has no public filed problem yet.')}</p>
      ) : (
        <div className="ledger-filters" role="group" aria-label={t(lang, '按状态筛选', 'Filter by state')}>
          {FILTERS.map(([key, zh, en]) => (
            <button key={key} type="button" aria-pressed={filter === key} onClick={() => setFilter(key)}>
              {t(lang, zh, en)}
            </button>
          ))}
        </div>
      )}
      {data.problems.length > 0 && shown.length === 0 && (
        <p className="muted">{t(lang, '没有符合条件的问题。', 'No problem in this state.')}</p>
      )}
      {shown.length > 0 && (
        <div className="table-wrap ledger-wide">
          <table className="results ledger-problems-table">
            <thead>
              <tr>
                <th scope="col">{t(lang, '序号', 'No.')}</th>
                <th scope="col">{t(lang, '问题', 'Problem')}</th>
                <th scope="col">{t(lang, '来源', 'Source')}</th>
                <th scope="col">{t(lang, '整改措施', 'Measures')}</th>
                <th scope="col">{t(lang, '责任人', 'Responsible')}</th>
                <th scope="col">{t(lang, '时限', 'Deadline')}</th>
                <th scope="col">{t(lang, '进展', 'State')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((problem) => {
                const expanded = open.has(problem.id);
                return (
                  <Fragment key={problem.id}>
                    <tr>
                      <td className="num">{data.problems.indexOf(problem) + 1}</td>
                      <td className="ledger-title-cell">
                        <button
                          type="button"
                          className="ledger-expand"
                          aria-expanded={expanded}
                          aria-controls={`ledger-details-${problem.id}`}
                          onClick={() => toggle(problem.id)}
                        >
                          {problem.title}
                        </button>
                      </td>
                      <td>
                        <Origin lang={lang} problem={problem} />
                      </td>
                      <td className="ledger-measures">{problem.measures ?? '—'}</td>
                      <td className="ledger-people">
                        <People lang={lang} problem={problem} />
                      </td>
                      <td>
                        <Deadline lang={lang} problem={problem} />
                      </td>
                      <td>
                        <StateBadge lang={lang} problem={problem} />
                      </td>
                    </tr>
                    {expanded && (
                      <tr id={`ledger-details-${problem.id}`} className="ledger-details-row">
                        <td />
                        <td colSpan={6}>
                          <Details lang={lang} problem={problem} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ul className="ledger-cards">
        {shown.map((problem) => (
          <li key={problem.id} className="ledger-card">
            <div className="ledger-card-head">
              <span className="ledger-card-title">{problem.title}</span>
              <StateBadge lang={lang} problem={problem} />
            </div>
            <dl className="ledger-card-fields">
              <div>
                <dt>{t(lang, '来源', 'Source')}</dt>
                <dd>
                  <Origin lang={lang} problem={problem} />
                </dd>
              </div>
              <div>
                <dt>{t(lang, '时限', 'Deadline')}</dt>
                <dd>
                  <Deadline lang={lang} problem={problem} />
                </dd>
              </div>
              <div className="ledger-card-wide">
                <dt>{t(lang, '整改措施', 'Measures')}</dt>
                <dd>{problem.measures ?? '—'}</dd>
              </div>
              {(problem.leader || problem.owner) && (
                <div className="ledger-card-wide">
                  <dt>{t(lang, '责任人', 'Responsible')}</dt>
                  <dd>
                    <People lang={lang} problem={problem} />
                  </dd>
                </div>
              )}
            </dl>
            <details>
              <summary>
                {t(
                  lang,
                  `详情和整改记录（${problem.history.length}条）`,
                  `Details and history (${problem.history.length})`,
                )}
              </summary>
              <Details lang={lang} problem={problem} />
            </details>
          </li>
        ))}
      </ul>
      <p className="ledger-foot">
        <Link to="/weekly">{t(lang, '整改周周见', 'This week in rectification')}</Link>
      </p>
    </main>
  );
}
