import { useEffect, useState } from 'react';
import { api, call } from '../shared/api.ts';
import { errorText } from '../shared/error-text.ts';
import { t, useLang, type Lang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import { RATER_LABEL } from '../shared/labels.ts';
import { liveColumns, nextReadingMs, refreshSeconds } from './live-refresh.ts';
import type { LiveResults, RankedGroup } from './results-types.ts';

function cell(lang: Lang, group: RankedGroup | undefined) {
  if (!group) return '—';
  if (group.suppressed) return t(lang, `不足${group.minCount}份，不显示`, `under ${group.minCount}, hidden`);
  return group.mean?.toFixed(2) ?? '—';
}

const raterLabel = (lang: Lang, raterType: string) => t(lang, ...(RATER_LABEL[raterType] ?? [raterType, raterType]));

function clockTime(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
}

/**
 * Reads the live results, and again while the page is on screen and the campaign open (live-refresh.ts).
 * A failed reading keeps the last good one on screen.
 */
function useLiveResults(campaignId: number, intervalMs: number) {
  const [results, setResults] = useState<LiveResults | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let reading = false;
    let failures = 0;
    let lastAt = 0;
    let open = true;
    const schedule = () => {
      clearTimeout(timer);
      const visible = document.visibilityState === 'visible';
      const wait = nextReadingMs({ intervalMs, visible, failures, sinceLastMs: Date.now() - lastAt, open });
      if (wait !== null) timer = setTimeout(read, wait);
    };
    const read = async () => {
      if (reading) return;
      reading = true;
      try {
        const body = await call(api.campaigns[':id'].results.$get({ param: { id: String(campaignId) } }));
        if (cancelled) return;
        setResults(body);
        setError(null);
        failures = 0;
        open = body.campaign.status === 'open';
      } catch (e) {
        if (cancelled) return;
        setError(e);
        failures += 1;
      } finally {
        reading = false;
        lastAt = Date.now();
      }
      schedule();
    };
    document.addEventListener('visibilitychange', schedule);
    void read();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', schedule);
    };
  }, [campaignId, intervalMs]);

  return { results, error };
}

/** Counts while a campaign runs (decision 011: nobody sees a figure while voting runs); the office sees the results after close. */
export default function LiveResultsPage({ campaignId }: { campaignId: number }) {
  const lang = useLang();
  const [seconds] = useState(() => refreshSeconds(window.location.search));
  const { results, error } = useLiveResults(campaignId, seconds * 1000);
  const columns = results ? liveColumns(results) : { raterTypes: [], means: false };
  const open = results?.campaign.status === 'open';

  return (
    <main className="page">
      <header className="page-header">
        <h1>{results ? results.campaign.name : t(lang, '实时统计', 'Live figures')}</h1>
        <LangSwitch />
      </header>
      {error !== null && (
        <p className="notice notice-warn" role="alert">
          {results
            ? t(
                lang,
                `暂时无法更新（${errorText(lang, error)}），稍后自动重试；下面是上次更新的数据。`,
                `Could not update (${errorText(lang, error)}); trying again shortly. The figures below are from the last update.`,
              )
            : errorText(lang, error)}
        </p>
      )}
      {results && (
        <>
          <p data-testid="total-ballots">
            {t(lang, '计分票（至少有一项有效评分）', 'Counted ballots (at least one valid rating)')}:{' '}
            <strong>{results.totalBallots}</strong>
            {results.raterTypeBallots.map((r) => (
              <span key={r.raterType} className="muted">
                {' · '}
                {raterLabel(lang, r.raterType)} {r.ballots}
              </span>
            ))}
          </p>
          <p className="muted live-updated" data-testid="updated-at" data-computed-at={results.computedAt}>
            {t(lang, `更新于 ${clockTime(results.computedAt, lang)}`, `Updated ${clockTime(results.computedAt, lang)}`)}
            {open &&
              t(lang, ` · 页面打开时每${seconds}秒自动更新`, ` · refreshes every ${seconds} s while the page is open`)}
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
          {columns.raterTypes.length > 0 && (
            <div className="table-wrap">
              <table className={columns.means ? 'results' : 'results live-counts'} data-testid="live-units">
                <thead>
                  {columns.means ? (
                    <>
                      <tr>
                        <th>{t(lang, '单位', 'Unit')}</th>
                        {columns.raterTypes.map((type) => (
                          <th key={type} colSpan={2}>
                            {raterLabel(lang, type)}
                          </th>
                        ))}
                      </tr>
                      <tr>
                        <th />
                        {columns.raterTypes.map((type) => [
                          <th key={`${type}-n`}>{t(lang, '计分票', 'counted')}</th>,
                          <th key={`${type}-m`}>{t(lang, '平均分', 'Mean')}</th>,
                        ])}
                      </tr>
                    </>
                  ) : (
                    <tr>
                      <th>{t(lang, '单位', 'Unit')}</th>
                      {columns.raterTypes.map((type) => (
                        <th key={type} className="num">
                          {t(lang, `${raterLabel(lang, type)}（计分票）`, `${raterLabel(lang, type)} (counted)`)}
                        </th>
                      ))}
                    </tr>
                  )}
                </thead>
                <tbody>
                  {results.units.map((unit) => (
                    <tr key={unit.unitId} data-unit={unit.code}>
                      <td>{t(lang, unit.name, unit.nameEn)}</td>
                      {columns.raterTypes.map((type) => {
                        const group = unit.groups.find((g) => g.raterType === type);
                        return [
                          <td key={`${type}-n`} className="num">
                            {group?.ballots ?? '—'}
                          </td>,
                          columns.means && (
                            <td key={`${type}-m`} className="num">
                              {cell(lang, group)}
                            </td>
                          ),
                        ];
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </main>
  );
}
