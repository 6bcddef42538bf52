import { useState } from 'react';
import { api, call } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Link } from '../../shared/router.ts';
import { Card, ErrorNote, formatTime, Loading, StatusBadge } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { CodesTab } from './CodesTab.tsx';
import { ParticipationTab } from './ParticipationTab.tsx';
import { ResultsTab } from './ResultsTab.tsx';
import { ReviewTab } from './ReviewTab.tsx';

const TABS: Array<[string, string, string]> = [
  ['overview', '参评情况', 'Participation'],
  ['codes', '评议码与二维码', 'Codes and QR'],
  ['review', '质量审核', 'Review'],
  ['results', '结果与通报', 'Results'],
];

const ACTIONS: Record<string, Array<['open' | 'close' | 'archive', string, string, string]>> = {
  draft: [['open', '开启评议', 'Open', '开启后评议范围、问卷和计分规则将冻结，确定开启？']],
  open: [['close', '结束评议', 'Close', '结束后将不再接收评议，确定结束？']],
  closed: [['archive', '归档', 'Archive', '确定归档？']],
  published: [['archive', '归档', 'Archive', '确定归档？']],
  archived: [],
};

export default function CampaignDetailPage({ campaignId, tab }: { campaignId: number; tab: string }) {
  const lang = useLang();
  const campaign = useApi(() => api.admin.campaigns[':id'].$get({ param: { id: String(campaignId) } }), [campaignId]);
  const [actionError, setActionError] = useState<unknown>(null);
  if (campaign.error) return <ErrorNote error={campaign.error} />;
  if (!campaign.data) return <Loading />;
  const c = campaign.data;

  const act = async (action: 'open' | 'close' | 'archive', confirmText: string) => {
    if (!window.confirm(confirmText)) return;
    setActionError(null);
    try {
      await call(api.campaigns[':id'][action].$post({ param: { id: String(campaignId) } }));
      campaign.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <>
      <Card
        title={
          <>
            {t(lang, c.name, c.nameEn)} <StatusBadge status={c.status} />
          </>
        }
        actions={
          <>
            {c.status === 'draft' && (
              <Link to={`/console/campaigns/${c.id}/edit`} className="button-secondary">
                {t(lang, '编辑设置', 'Edit settings')}
              </Link>
            )}
            {ACTIONS[c.status]?.map(([action, zh, en, confirmZh]) => (
              <button
                key={action}
                type="button"
                className="button-primary"
                onClick={() => act(action, lang === 'zh' ? confirmZh : `${en}?`)}
              >
                {t(lang, zh, en)}
              </button>
            ))}
          </>
        }
      >
        <p className="muted">
          {formatTime(c.startsAt, lang)} — {formatTime(c.endsAt, lang)} ·{' '}
          {t(lang, `${c.units.length} 个被评议单位`, `${c.units.length} units`)} · {c.raterTypes.length}{' '}
          {t(lang, '类评议主体', 'rater types')}
        </p>
        <ErrorNote error={actionError} />
        <nav className="tabs">
          {TABS.map(([key, zh, en]) => (
            <Link key={key} to={`/console/campaigns/${c.id}/${key}`} className={tab === key ? 'tab active' : 'tab'}>
              {t(lang, zh, en)}
            </Link>
          ))}
        </nav>
      </Card>
      {tab === 'overview' && <ParticipationTab campaign={c} />}
      {tab === 'codes' && <CodesTab campaign={c} />}
      {tab === 'review' && <ReviewTab campaign={c} />}
      {tab === 'results' && <ResultsTab campaign={c} onChanged={campaign.reload} />}
    </>
  );
}
