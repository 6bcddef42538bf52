import { useMemo, useState } from 'react';
import { api, call } from '../shared/api.ts';
import { errorText } from '../shared/error-text.ts';
import { t, useLang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import { Link } from '../shared/router.ts';
import { FIGURE_WORDS, FigureStrip } from './LedgerFigures.tsx';
import { dayText } from './ledger-words.ts';
import { useFeedLinkAndTitle, usePublic } from './use-public.ts';

/** /ledger: the units with public, filed problems, by category, with their figures; searchable by name. */
export function LedgerOverview() {
  const lang = useLang();
  const { data, error } = usePublic(() => call(api.public.ledger.$get()), 'overview');
  const [query, setQuery] = useState('');
  useFeedLinkAndTitle(t(lang, '整改台账 · 评议', 'Rectification ledger · Pingyi'));

  const groups = useMemo(() => {
    if (!data) return [];
    const needle = query.trim().toLowerCase();
    const units = data.units.filter(
      (unit) => needle === '' || unit.name.toLowerCase().includes(needle) || unit.nameEn.toLowerCase().includes(needle),
    );
    const named = data.categories.map((category) => ({
      key: String(category.id),
      name: t(lang, category.name, category.nameEn),
      units: units.filter((unit) => unit.categoryId === category.id),
    }));
    const known = new Set(data.categories.map((category) => category.id));
    const other = units.filter((unit) => unit.categoryId === null || !known.has(unit.categoryId));
    return [...named, { key: 'other', name: t(lang, '其他单位', 'Other units'), units: other }].filter(
      (group) => group.units.length > 0,
    );
  }, [data, query, lang]);

  return (
    <main className="page ledger-page">
      <header className="page-header">
        <h1>{t(lang, '整改台账', 'Rectification ledger')}</h1>
        <LangSwitch />
      </header>
      <p className="ledger-intro">
        {t(
          lang,
          '各单位经评议办审核备案的问题清单及整改进展：整改措施、责任人、时限和销号情况。',
          "Each unit's problems as filed by the evaluation office, with the measures, the people responsible, the deadlines and what has been closed.",
        )}{' '}
        <Link to="/weekly">{t(lang, '整改周周见', 'This week in rectification')}</Link>
      </p>
      {error !== null && <p className="notice notice-warn">{errorText(lang, error)}</p>}
      {!data && error === null && <p className="loading">{t(lang, '加载中…', 'Loading…')}</p>}
      {data && (
        <>
          <section className="card">
            <h2>
              {t(lang, '全部单位', 'All units')}{' '}
              <span className="muted">
                {t(lang, `截至${dayText(lang, data.today)}`, `as of ${dayText(lang, data.today)}`)}
              </span>
            </h2>
            <FigureStrip lang={lang} figures={data.totals} label={t(lang, '全部单位合计', 'All units together')} />
          </section>
          {data.units.length === 0 ? (
            <p className="muted">{t(lang, '还没有公开的备案问题。', 'No filed problem is public yet.')}</p>
          ) : (
            <label className="ledger-search">
              <span>{t(lang, '查找单位', 'Find a unit')}</span>
              <input
                type="search"
                value={query}
                onChange={(event) => setQuery(event.target.value)}
                placeholder={t(lang, '输入单位名称', 'Type a unit name')}
              />
            </label>
          )}
          {data.units.length > 0 && groups.length === 0 && (
            <p className="muted">{t(lang, '没有找到名称相符的单位。', 'No unit has a name like that.')}</p>
          )}
          {groups.map((group) => (
            <section key={group.key} className="ledger-group">
              <h2>{group.name}</h2>
              <div className="table-wrap ledger-wide">
                <table className="results ledger-units-table">
                  <thead>
                    <tr>
                      <th scope="col">{t(lang, '单位', 'Unit')}</th>
                      {FIGURE_WORDS.map(([key, zh, en]) => (
                        <th key={key} scope="col" className="num">
                          {t(lang, zh, en)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {group.units.map((unit) => (
                      <tr key={unit.unitId}>
                        <th scope="row">
                          <Link to={`/ledger/${unit.unitId}`}>{t(lang, unit.name, unit.nameEn)}</Link>
                        </th>
                        {FIGURE_WORDS.map(([key]) => (
                          <td
                            key={key}
                            className={`num${key === 'overdue' && unit.figures.overdue > 0 ? ' ledger-warn' : ''}`}
                          >
                            {unit.figures[key]}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <ul className="ledger-cards">
                {group.units.map((unit) => (
                  <li key={unit.unitId} className="ledger-card">
                    <Link to={`/ledger/${unit.unitId}`} className="ledger-card-title">
                      {t(lang, unit.name, unit.nameEn)}
                    </Link>
                    <FigureStrip lang={lang} figures={unit.figures} label={t(lang, unit.name, unit.nameEn)} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </main>
  );
}
