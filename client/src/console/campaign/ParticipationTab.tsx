import { api } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Card, ErrorNote, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import type { CampaignConfig } from './campaign-types.ts';
import { RATER_LABEL } from '../../shared/labels.ts';

/** Live participation, refreshed every 15 seconds: counts only, never who voted how. */
export function ParticipationTab({ campaign }: { campaign: CampaignConfig }) {
  const lang = useLang();
  const live = campaign.status === 'open';
  const participation = useApi(
    () => api.campaigns[':id'].participation.$get({ param: { id: String(campaign.id) } }),
    [campaign.id],
    live ? 15_000 : undefined,
  );
  if (participation.error) return <ErrorNote error={participation.error} />;
  if (!participation.data) return <Loading />;
  const p = participation.data;
  const raterTypes = p.units[0]?.counts.map((c) => c.raterType) ?? [];
  const minimum = new Map(campaign.raterTypes.map((r) => [r.raterType as string, r.minCount]));
  return (
    <>
      <Card title={t(lang, `已收到评议 ${p.totalBallots} 份`, `${p.totalBallots} ballots received`)}>
        {live && (
          <p className="muted">
            {t(
              lang,
              '每15秒自动刷新。红色表示份数尚未达到匿名保护下限，结果中将不显示得分。',
              'Refreshes every 15 s. Red: below the anonymity minimum, so no score will be shown.',
            )}
          </p>
        )}
        <div className="table-wrap">
          <table className="data" data-testid="participation">
            <thead>
              <tr>
                <th>{t(lang, '单位', 'Unit')}</th>
                {raterTypes.map((type) => (
                  <th key={type} className="num">
                    {t(lang, ...(RATER_LABEL[type] ?? [type, type]))}
                  </th>
                ))}
                <th className="num">{t(lang, '待审核', 'Flagged')}</th>
              </tr>
            </thead>
            <tbody>
              {p.units.map((unit) => (
                <tr key={unit.unitId}>
                  <td>{unit.name}</td>
                  {unit.counts.map((c) => (
                    <td
                      key={c.raterType}
                      className={`num ${c.ballots < (minimum.get(c.raterType) ?? 0) ? 'below-min' : ''}`}
                    >
                      {c.ballots}
                    </td>
                  ))}
                  <td className="num">{unit.counts.reduce((sum, c) => sum + c.flagged, 0) || ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={t(lang, '评议码使用情况', 'Access codes used')}>
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
      </Card>
    </>
  );
}
