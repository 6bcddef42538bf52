import { useMemo } from 'react';
import { api } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Card, ErrorNote, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import type { CampaignConfig } from './campaign-types.ts';
import { FLAG_LABEL, RATER_LABEL } from '../../shared/labels.ts';
import { Chart } from '../../shared/charts/Chart.tsx';
import { codesChart, recipientsChart } from './participation-charts.ts';
import { PageReportsNote } from './PageReportsNote.tsx';

/** Participation counts every ballot received; results count only those with a valid rating. */
const RECEIVED_HINT = {
  zh: '收到的评价票：服务器收到的全部评价票。其中复核排除的和仅答“不了解”的不计分，其余为计分票（见“评议结果”）。',
  en: 'Received: every ballot the server accepted. Those excluded after review or answering only “don’t know” are not counted; the rest are the counted ballots (see Results).',
};

/** Live participation, refreshed every 15 seconds: counts only, never who voted how. */
export function ParticipationTab({ campaign }: { campaign: CampaignConfig }) {
  const lang = useLang();
  const live = campaign.status === 'open';
  const participation = useApi(
    () => api.campaigns[':id'].participation.$get({ param: { id: String(campaign.id) } }),
    [campaign.id],
    live ? 15_000 : undefined,
  );
  const minimum = new Map(campaign.raterTypes.map((r) => [r.raterType as string, r.minCount]));
  const recipientMinimum = minimum.get('recipient') ?? 0;
  const recipients = campaign.raterTypes.some((r) => r.raterType === 'recipient');
  const charts = useMemo(() => {
    const p = participation.data;
    return {
      recipients: p && recipients ? recipientsChart(lang, p.units, recipientMinimum) : null,
      codes: p ? codesChart(lang, p.batches) : null,
    };
  }, [participation.data, recipients, recipientMinimum, lang]);
  if (participation.error) return <ErrorNote error={participation.error} />;
  if (!participation.data) return <Loading />;
  const p = participation.data;
  const flagLabel = (flag: string) => t(lang, ...(FLAG_LABEL[flag] ?? [flag, flag]));
  return (
    <>
      <PageReportsNote campaignId={campaign.id} />
      <Card title={t(lang, `收到的评价票 ${p.totalBallots} 张`, `${p.totalBallots} ballots received`)}>
        {live && (
          <p className="muted">
            {t(
              lang,
              '每15秒自动刷新。评议期间只显示份数，得分在评议结束后计算。红色表示份数尚未达到匿名保护下限，结果中将不显示得分。',
              'Refreshes every 15 s. While voting runs only counts are shown; scores are computed after close. Red: below the anonymity minimum, so no score will be shown.',
            )}
          </p>
        )}
        <p className="muted small">{RECEIVED_HINT[lang]}</p>
        <table className="data" data-testid="participation-types">
          <thead>
            <tr>
              <th>{t(lang, '评议主体', 'Rater type')}</th>
              <th className="num" title={RECEIVED_HINT[lang]}>
                {t(lang, '收到的评价票', 'Received')}
              </th>
              <th>{t(lang, '说明', 'Notes')}</th>
            </tr>
          </thead>
          <tbody>
            {p.raterTypes.map((r) => (
              <tr key={r.raterType}>
                <td>{t(lang, ...(RATER_LABEL[r.raterType] ?? [r.raterType, r.raterType]))}</td>
                <td className={`num ${r.ballots < (minimum.get(r.raterType) ?? 0) ? 'below-min' : ''}`}>{r.ballots}</td>
                <td className="muted">
                  {r.waiting > 0 &&
                    t(
                      lang,
                      `其中 ${r.waiting} 份加密保存，评议结束时计入`,
                      `${r.waiting} kept sealed until the campaign closes`,
                    )}
                  {r.flags.map((f) => `${flagLabel(f.flag)} ${f.ballots}`).join('，')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {charts.recipients && (
          <Chart
            caption={t(
              lang,
              '各单位服务对象评份数（由少到多；空心：未达匿名保护下限）',
              'Recipient ballots per unit, fewest first (hollow: below the anonymity minimum)',
            )}
            spec={charts.recipients}
            testId="chart-recipients"
          />
        )}
        {recipients && (
          <div className="table-wrap">
            <table className="data" data-testid="participation">
              <thead>
                <tr>
                  <th>{t(lang, '单位', 'Unit')}</th>
                  <th className="num">{t(lang, '服务对象评', 'Service recipients')}</th>
                  <th className="num">{t(lang, '待审核', 'Flagged')}</th>
                </tr>
              </thead>
              <tbody>
                {p.units.map((unit) => (
                  <tr key={unit.unitId}>
                    <td>{unit.name}</td>
                    <td className={`num ${unit.recipientBallots < (minimum.get('recipient') ?? 0) ? 'below-min' : ''}`}>
                      {unit.recipientBallots}
                    </td>
                    <td className="num">{unit.recipientFlagged || ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="muted">
          {t(
            lang,
            '上级领导和同级部门的评议按评议主体汇总，不按单位显示：同级部门不评本单位，按单位的份数会暴露评议人所在单位。',
            "Leaders' and peers' ballots are counted per rater type, not per unit: a peer never rates its own unit, so per-unit counts would show which unit a peer belongs to.",
          )}
        </p>
      </Card>
      <Card title={t(lang, '评议码使用情况', 'Access codes used')}>
        {charts.codes && (
          <Chart
            caption={t(
              lang,
              '各评议主体评议码使用情况（作废的不计）',
              'Codes used per rater type (withdrawn ones left out)',
            )}
            spec={charts.codes}
            testId="chart-codes"
          />
        )}
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t(lang, '批次', 'Batch')}</th>
                <th>{t(lang, '评议主体', 'Rater type')}</th>
                <th className="num">{t(lang, '发放', 'Issued')}</th>
                <th className="num">{t(lang, '已使用', 'Used')}</th>
                <th className="num">{t(lang, '已作废', 'Withdrawn')}</th>
              </tr>
            </thead>
            <tbody>
              {p.batches.map((b) => (
                <tr key={b.id}>
                  <td>{b.label}</td>
                  <td>{t(lang, ...(RATER_LABEL[b.raterType] ?? [b.raterType, b.raterType]))}</td>
                  <td className="num">{b.size}</td>
                  <td className="num">{b.spent}</td>
                  <td className="num">{b.voided}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
