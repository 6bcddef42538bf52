import { useEffect, useState } from 'react';
import { api, call } from '../shared/api.ts';
import { t, useLang, type Lang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import { RATER_LABEL } from '../shared/labels.ts';
import type { LiveResults, RankedGroup } from './results-types.ts';

function cell(lang: Lang, group: RankedGroup | undefined) {
  if (!group) return '—';
  if (group.suppressed) return t(lang, `不足${group.minCount}份，不显示`, `under ${group.minCount}, hidden`);
  return group.mean?.toFixed(2) ?? '—';
}

/** Counts while a campaign runs (decision 011: nobody sees a figure while voting runs); the office sees the results after close. */
export default function LiveResultsPage({ campaignId }: { campaignId: number }) {
  const lang = useLang();
  const [results, setResults] = useState<LiveResults | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call(api.campaigns[':id'].results.$get({ param: { id: String(campaignId) } }))
      .then(setResults)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [campaignId]);

  const raterTypes = results?.units[0]?.groups.map((g) => g.raterType) ?? [];
  return (
    <main className="page">
      <header className="page-header">
        <h1>{results ? results.campaign.name : t(lang, '实时统计', 'Live figures')}</h1>
        <LangSwitch />
      </header>
      {error && <p className="notice notice-warn">{error}</p>}
      {results && (
        <>
          <p data-testid="total-ballots">
            {t(lang, '已收到有效评议', 'Ballots received')}: <strong>{results.totalBallots}</strong>
            {results.raterTypeBallots.map((r) => (
              <span key={r.raterType} className="muted">
                {' · '}
                {t(lang, ...(RATER_LABEL[r.raterType] ?? [r.raterType, r.raterType]))} {r.ballots}
              </span>
            ))}
          </p>
          {results.scoresHidden && (
            <p className="muted">
              {t(
                lang,
                '评议结果在评议结束后由评议办核对并统一通报，此处仅显示份数；上级领导和同级部门的评议只按评议主体汇总。',
                "Scores are published by the evaluation office after the campaign closes; only counts are shown here, leaders' and peers' per rater type only.",
              )}
            </p>
          )}
          <div className="table-wrap">
            <table className="results">
              <thead>
                <tr>
                  <th>{t(lang, '单位', 'Unit')}</th>
                  {raterTypes.map((type) => (
                    <th key={type} colSpan={2}>
                      {t(lang, ...(RATER_LABEL[type] ?? [type, type]))}
                    </th>
                  ))}
                </tr>
                <tr>
                  <th />
                  {raterTypes.map((type) => [
                    <th key={`${type}-n`}>{t(lang, '份数', 'n')}</th>,
                    <th key={`${type}-m`}>{t(lang, '平均分', 'Mean')}</th>,
                  ])}
                </tr>
              </thead>
              <tbody>
                {results.units.map((unit) => (
                  <tr key={unit.unitId} data-unit={unit.code}>
                    <td>{t(lang, unit.name, unit.nameEn)}</td>
                    {unit.groups.map((group) => [
                      <td key={`${group.raterType}-n`} className="num">
                        {group.ballots}
                      </td>,
                      <td key={`${group.raterType}-m`} className="num">
                        {cell(lang, group)}
                      </td>,
                    ])}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </main>
  );
}
