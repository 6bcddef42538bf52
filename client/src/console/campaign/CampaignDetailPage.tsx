import { useState } from 'react';
import { api, ApiError, call } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { serverProblems } from '../../shared/problem-text.ts';
import { Link } from '../../shared/router.ts';
import { Card, ErrorNote, formatTime, Loading, StatusBadge } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { CodesTab } from './CodesTab.tsx';
import { OpeningProblems } from './OpeningProblems.tsx';
import { ParticipationTab } from './ParticipationTab.tsx';
import { ResultsTab } from './ResultsTab.tsx';
import { ReviewTab } from './ReviewTab.tsx';

const TABS: Array<[string, string, string]> = [
  ['overview', '参评情况', 'Participation'],
  ['codes', '评议码与二维码', 'Codes and QR'],
  ['review', '质量审核', 'Review'],
  ['results', '结果与通报', 'Results'],
];

type Action = 'open' | 'close' | 'archive';

/** The status's next step: the button's words and a confirmation that names what the step cannot undo. */
const ACTIONS: Record<
  string,
  Array<{ action: Action; zh: string; en: string; confirmZh: string; confirmEn: string }>
> = {
  draft: [
    {
      action: 'open',
      zh: '开启评议',
      en: 'Open',
      confirmZh: '开启后评议范围、问卷和计分规则将冻结，确定开启？',
      confirmEn: 'Opening freezes the scope, questionnaires and scoring. Open?',
    },
  ],
  open: [
    {
      action: 'close',
      zh: '结束评议',
      en: 'Close',
      confirmZh: '结束后将不再接收评议，确定结束？',
      confirmEn: 'After closing no more ratings are accepted. Close?',
    },
  ],
  published: [
    {
      action: 'archive',
      zh: '归档',
      en: 'Archive',
      confirmZh: '归档后活动只读，不能再发布新版本的通报。确定归档？',
      confirmEn: 'An archived campaign is read-only: no new version of the notice can be published. Archive?',
    },
  ],
  archived: [],
};

export default function CampaignDetailPage({ campaignId, tab }: { campaignId: number; tab: string }) {
  const lang = useLang();
  const campaign = useApi(() => api.admin.campaigns[':id'].$get({ param: { id: String(campaignId) } }), [campaignId]);
  const [actionError, setActionError] = useState<unknown>(null);
  if (campaign.error) return <ErrorNote error={campaign.error} />;
  if (!campaign.data) return <Loading />;
  const c = campaign.data;
  // Opening refused for what is missing: listed like the draft's own problems, each in the UI's language.
  const incomplete =
    actionError instanceof ApiError && actionError.code === 'campaign_incomplete' && actionError.problems?.length
      ? actionError
      : null;

  const act = async (action: Action, confirmText: string, withoutPublishing = false) => {
    if (!window.confirm(confirmText)) return;
    setActionError(null);
    try {
      const param = { id: String(campaignId) };
      const route = api.campaigns[':id'];
      if (action === 'archive') await call(route.archive.$post({ param, json: { withoutPublishing } }));
      else if (action === 'open') await call(route.open.$post({ param }));
      else await call(route.close.$post({ param }));
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
            {c.status === 'closed' && (
              <>
                {/* After closing the next step is the notice; archiving first would make it impossible. */}
                <Link to={`/console/campaigns/${c.id}/results`} className="button-primary">
                  {t(lang, '核对结果并发布通报', 'Check the results and publish')}
                </Link>
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() =>
                    act(
                      'archive',
                      t(
                        lang,
                        '本次评议的结果尚未发布。归档后活动只读，结果将永远不能发布。确定不发布就归档？',
                        'The results have not been published. An archived campaign is read-only and its results can never be published. Archive without publishing?',
                      ),
                      true,
                    )
                  }
                >
                  {t(lang, '不发布，直接归档', 'Archive without publishing')}
                </button>
              </>
            )}
            {ACTIONS[c.status]?.map(({ action, zh, en, confirmZh, confirmEn }) => (
              <button
                key={action}
                type="button"
                className="button-primary"
                onClick={() => act(action, t(lang, confirmZh, confirmEn))}
              >
                {t(lang, zh, en)}
              </button>
            ))}
          </>
        }
      >
        <p className="muted">
          {formatTime(c.startsAt, lang)} — {formatTime(c.endsAt, lang)} ·{' '}
          {t(lang, `${c.units.length} 个被评议单位`, `${c.units.length} unit${c.units.length === 1 ? '' : 's'}`)} ·{' '}
          {t(
            lang,
            `${c.raterTypes.length} 类评议主体`,
            `${c.raterTypes.length} rater type${c.raterTypes.length === 1 ? '' : 's'}`,
          )}
        </p>
        {incomplete ? (
          <OpeningProblems
            problems={serverProblems(incomplete.problems)}
            title={t(lang, '尚不能开启，还需处理：', 'It cannot open yet:')}
          />
        ) : (
          <ErrorNote error={actionError} />
        )}
        {c.status === 'draft' && !incomplete && <OpeningProblems problems={c.openingProblems ?? []} />}
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
