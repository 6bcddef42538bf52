import { useMemo } from 'react';
import { api } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Card, ErrorNote, formatTime, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { Chart } from '../../shared/charts/Chart.tsx';
import { itemChart, itemLabeller } from './report-charts.ts';
import { RATER_LABEL } from '../../shared/labels.ts';
import { UnitLedgerFigures } from '../problems/UnitLedgerFigures.tsx';

/** A unit's own report (本单位评议报告): its scores by rater type and item, recipients' words, change since last time. */
export default function UnitReportPage({ slug, unitId }: { slug: string; unitId: number }) {
  const lang = useLang();
  const report = useApi(
    () =>
      api.reports[':slug'].units[':unitId'].$get({ param: { slug: encodeURIComponent(slug), unitId: String(unitId) } }),
    [slug, unitId],
  );
  const chart = useMemo(() => (report.data ? itemChart(lang, report.data) : null), [report.data, lang]);
  if (report.error) return <ErrorNote error={report.error} />;
  if (!report.data) return <Loading />;
  const data = report.data;
  const { unit, category, previous } = data;
  const delta = previous?.composite != null && unit.composite != null ? unit.composite - previous.composite : null;
  return (
    <>
      <Card title={t(lang, `${unit.name} · 评议报告`, `${unit.nameEn} · evaluation report`)}>
        <p className="muted">
          {t(lang, report.data.campaign.name, report.data.campaign.nameEn)} ·{' '}
          {t(lang, `第${report.data.publication.version}版通报`, `publication v${report.data.publication.version}`)} ·{' '}
          {formatTime(report.data.publication.publishedAt, lang)}
        </p>
        <div className="report-figures" data-testid="report-figures">
          <div>
            <span>{t(lang, '综合得分', 'Composite')}</span>
            <strong>{unit.composite?.toFixed(2) ?? '—'}</strong>
          </div>
          <div>
            <span>{t(lang, '等次', 'Grade')}</span>
            <strong>{unit.grade ?? '—'}</strong>
          </div>
          {category?.ranked && (
            <div>
              <span>{t(lang, `${category.name}内排名`, `Rank in ${category.nameEn}`)}</span>
              <strong>
                {unit.rank ?? '—'} / {category.size}
              </strong>
              {unit.rankRange && (
                <small className="muted">
                  {t(
                    lang,
                    `可能区间 ${unit.rankRange.best}–${unit.rankRange.worst}`,
                    `plausible ${unit.rankRange.best}–${unit.rankRange.worst}`,
                  )}
                </small>
              )}
            </div>
          )}
          {previous && (
            <div>
              <span>{t(lang, `较“${previous.campaignName}”`, `vs "${previous.campaignNameEn}"`)}</span>
              <strong className={delta !== null && delta < 0 ? 'down' : 'up'}>
                {delta === null ? '—' : `${delta >= 0 ? '+' : ''}${delta.toFixed(2)}`}
              </strong>
            </div>
          )}
        </div>
      </Card>
      {/* The rectification ledger beside the scores (issue 15). */}
      <UnitLedgerFigures ledger={data.ledger} unitId={unitId} />
      <Card title={t(lang, '分项得分', 'Scores by item')}>
        {chart && (
          <Chart
            caption={t(lang, '各分项平均得分（按评议主体）', 'Mean score per item, by rater type')}
            spec={chart}
            className="item-chart"
            testId="item-chart"
          />
        )}
        <table className="data">
          <thead>
            <tr>
              <th>{t(lang, '评议主体', 'Rater type')}</th>
              <th className="num">{t(lang, '份数', 'Ballots')}</th>
              <th className="num">{t(lang, '得分', 'Score')}</th>
              <th>{t(lang, '分项', 'Items')}</th>
            </tr>
          </thead>
          <tbody>
            {unit.groups.map((g) => (
              <tr key={g.raterType}>
                <td>{t(lang, ...(RATER_LABEL[g.raterType] ?? [g.raterType, g.raterType]))}</td>
                <td className="num">{g.ballots}</td>
                <td className="num">
                  {g.suppressed
                    ? t(lang, `不足${g.minCount}份，不显示`, `under ${g.minCount}: hidden`)
                    : (g.score ?? g.mean)?.toFixed(2)}
                </td>
                <td>
                  {g.suppressed
                    ? ''
                    : (g.items ?? [])
                        .map((i) => `${itemLabeller(lang, data, g.raterType)(i)} ${i.mean?.toFixed(1) ?? '—'}`)
                        .join(t(lang, '；', '; '))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title={t(lang, '服务对象意见', 'What service recipients said')}>
        {report.data.comments === null ? (
          <p className="muted">
            {t(
              lang,
              '服务对象评议份数未达到匿名保护下限，不显示意见。',
              'Too few recipient ballots to show comments without risking anonymity.',
            )}
          </p>
        ) : (
          <>
            {report.data.badHabits && report.data.badHabits.length > 0 && (
              <p>
                {t(lang, '反映的作风问题：', 'Problems reported: ')}
                {report.data.badHabits.map((h) => `${t(lang, h.label, h.labelEn)}（${h.count}）`).join('；')}
              </p>
            )}
            <ul className="comments" data-testid="comments">
              {report.data.comments.map((comment, i) => (
                <li key={i}>{comment}</li>
              ))}
              {report.data.comments.length === 0 && (
                <li className="muted">{t(lang, '暂无文字意见。', 'No written comments.')}</li>
              )}
            </ul>
          </>
        )}
      </Card>
    </>
  );
}
