import { useState } from 'react';
import { api, call } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Card, ErrorNote, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import type { CampaignConfig } from './campaign-types.ts';
import { FLAG_LABEL, RATER_LABEL } from '../../shared/labels.ts';

/** Flagged ballots: the office accepts or excludes each (audited); nothing is dropped silently. */
export function ReviewTab({ campaign }: { campaign: CampaignConfig }) {
  const lang = useLang();
  const flagged = useApi(
    () => api.campaigns[':id']['flagged-ballots'].$get({ param: { id: String(campaign.id) }, query: {} }),
    [campaign.id],
  );
  const [error, setError] = useState<unknown>(null);
  const unitName = new Map(campaign.units.map((u) => [u.id, t(lang, u.name, u.nameEn)]));
  const frozen = campaign.status === 'published' || campaign.status === 'archived';

  const review = async (id: string, decision: 'accepted' | 'excluded') => {
    setError(null);
    try {
      await call(api.ballots[':id'].review.$post({ param: { id }, json: { decision } }));
      flagged.reload();
    } catch (e) {
      setError(e);
    }
  };

  if (!flagged.data) return flagged.error ? <ErrorNote error={flagged.error} /> : <Loading />;
  return (
    <Card
      title={t(
        lang,
        `待审核的评议 ${flagged.data.ballots.length} 份`,
        `${flagged.data.ballots.length} flagged ballots`,
      )}
    >
      <p className="muted">
        {t(
          lang,
          '被标记的评议照常计入，直至评议办决定“剔除”。每次审核都记入审计日志。',
          'Flagged ballots count until the office excludes them. Every review is audited.',
        )}
      </p>
      <ErrorNote error={error} />
      <table className="data">
        <thead>
          <tr>
            <th>{t(lang, '时间（小时）', 'Hour')}</th>
            <th>{t(lang, '评议主体', 'Rater type')}</th>
            <th>{t(lang, '被评单位', 'Unit')}</th>
            <th>{t(lang, '标记', 'Flags')}</th>
            <th>{t(lang, '审核', 'Review')}</th>
          </tr>
        </thead>
        <tbody>
          {flagged.data.ballots.map((b) => (
            <tr key={b.id}>
              <td>{b.submittedHour.slice(0, 13).replace('T', ' ')}:00</td>
              <td>{t(lang, ...(RATER_LABEL[b.raterType] ?? [b.raterType, b.raterType]))}</td>
              <td>{b.targetUnitId ? unitName.get(b.targetUnitId) : t(lang, '（多个单位）', '(many units)')}</td>
              <td>{b.flags.map((f) => t(lang, ...(FLAG_LABEL[f] ?? [f, f]))).join('、')}</td>
              <td>
                {b.reviewStatus === 'excluded' ? (
                  <span className="badge badge-closed">{t(lang, '已剔除', 'Excluded')}</span>
                ) : b.reviewStatus === 'accepted' ? (
                  <span className="badge badge-open">{t(lang, '已确认有效', 'Accepted')}</span>
                ) : null}{' '}
                {!frozen && b.reviewStatus !== 'accepted' && (
                  <button type="button" className="link-button" onClick={() => review(b.id, 'accepted')}>
                    {t(lang, '确认有效', 'Accept')}
                  </button>
                )}
                {!frozen && b.reviewStatus !== 'excluded' && (
                  <button type="button" className="link-button danger" onClick={() => review(b.id, 'excluded')}>
                    {t(lang, '剔除', 'Exclude')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
