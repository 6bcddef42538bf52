import { useState } from 'react';
import { api, ApiError, call, type ResponseOf } from '../../shared/api.ts';
import { RankingView } from '../../results/RankingView.tsx';
import { t, useLang } from '../../shared/i18n.ts';
import { Card, ErrorNote, formatTime, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import type { CampaignConfig } from './campaign-types.ts';
import { UnitReportLinks } from '../reports/UnitReportLinks.tsx';
import { ResultsCharts } from './ResultsCharts.tsx';
import { NoticeFields, noticeRequest, type NoticeFieldsValue } from '../../results/notice/NoticeFields.tsx';

type Verification = ResponseOf<(typeof api.campaigns)[':id']['results']['verify']['$post']>;

/**
 * The office's results: while voting runs only counts (no figure is shown to anyone: a figure read before
 * and after one known person voted would give their ballot away); after close the ranking, a recount
 * check, and publication (通报).
 */
export function ResultsTab({ campaign, onChanged }: { campaign: CampaignConfig; onChanged: () => void }) {
  const lang = useLang();
  const results = useApi(
    () => api.campaigns[':id'].results.$get({ param: { id: String(campaign.id) } }),
    [campaign.id],
    campaign.status === 'open' ? 30_000 : undefined,
  );
  const [verification, setVerification] = useState<Verification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeFieldsValue | null>(null);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const verify = () =>
    run(async () =>
      setVerification(await call(api.campaigns[':id'].results.verify.$post({ param: { id: String(campaign.id) } }))),
    );
  const publish = () =>
    run(async () => {
      if (
        !window.confirm(
          t(
            lang,
            '通报后结果将冻结并向所有单位公开（可再次通报生成新版本，旧版本保留）。确定通报？',
            'Publishing freezes the results and shows them to all units (publishing again makes a new version). Publish?',
          ),
        )
      )
        return;
      const param = { id: String(campaign.id) };
      try {
        await call(api.campaigns[':id'].publish.$post({ param, json: { notice: noticeRequest(notice) } }));
      } catch (e) {
        // Flagged ballots still undecided: say how many and what publishing now means, and let the office choose.
        if (!(e instanceof ApiError) || e.code !== 'flagged_unreviewed') throw e;
        const n = e.count ?? 0;
        const goAhead = window.confirm(
          t(
            lang,
            `还有 ${n} 张被标记的选票尚未审核，现在通报将按现状计入结果。建议先到"质量审核"逐一处理。仍要现在通报？`,
            `${n} flagged ballot(s) have not been reviewed; publishing now counts them as they stand. Reviewing them first is advised. Publish anyway?`,
          ),
        );
        if (!goAhead) return;
        await call(
          api.campaigns[':id'].publish.$post({
            param,
            json: { acceptUnreviewed: true, notice: noticeRequest(notice) },
          }),
        );
      }
      onChanged();
    });
  const canPublish = campaign.status === 'closed' || campaign.status === 'published';
  const voting = campaign.status === 'open' || campaign.status === 'draft';

  return (
    <Card
      title={t(
        lang,
        voting ? '评议进行中：仅显示份数' : '评议结果',
        voting ? 'Voting is running: counts only' : 'Results',
      )}
      actions={
        <>
          {!voting && (
            <button type="button" className="button-secondary" disabled={busy} onClick={verify}>
              {t(lang, '全量重算核对', 'Recount and compare')}
            </button>
          )}
          {canPublish && (
            <button type="button" className="button-primary" disabled={busy} onClick={publish}>
              {campaign.status === 'published'
                ? t(lang, '重新通报（新版本）', 'Publish a new version')
                : t(lang, '通报结果', 'Publish')}
            </button>
          )}
          {campaign.status === 'published' && (
            <a className="button-secondary" href={`/p/${campaign.slug}`} target="_blank" rel="noreferrer">
              {t(lang, '查看通报', 'Open the publication')}
            </a>
          )}
        </>
      }
    >
      <ErrorNote error={error ?? results.error} />
      {canPublish && <NoticeFields campaignId={campaign.id} value={notice} onChange={setNotice} error={error} />}
      {verification && (
        <p className={`notice ${verification.equal ? 'notice-ok' : 'notice-warn'}`} data-testid="verification">
          {verification.equal
            ? t(lang, '全量重算结果与实时结果完全一致。', 'The full recount equals the live figures exactly.')
            : t(
                lang,
                `发现 ${verification.differences.length} 处差异：${verification.differences.map((d) => d.path).join('、')}`,
                `${verification.differences.length} differences: ${verification.differences.map((d) => d.path).join(', ')}`,
              )}
        </p>
      )}
      {!results.data && !results.error && <Loading />}
      {results.data && (
        <>
          <p className="muted">
            {t(
              lang,
              `计分票 ${results.data.totalBallots} 张（收到的评价票中至少有一项有效评分的票） · 计算于 `,
              `${results.data.totalBallots} counted ballots (received with at least one valid rating) · computed `,
            )}
            {formatTime(results.data.computedAt, lang)}
            {results.data.settingsDefaulted &&
              t(lang, ' · 尚未设置计分规则，暂按等权重计算', ' · no scoring settings yet: equal weights used')}
          </p>
          {results.data.scoresHidden ? (
            <p className="notice" data-testid="scores-after-close">
              {t(
                lang,
                '为保护评议人匿名，评议期间任何人（包括评议办）都看不到得分、排名和等次；结束评议后即可查看并核对。各单位的参评份数见“参评情况”。',
                'To keep raters anonymous, nobody (the office included) sees scores, ranks or grades while voting runs; they appear once the campaign is closed. Counts per unit are under Participation.',
              )}
            </p>
          ) : (
            <>
              <ResultsCharts categories={results.data.categories} units={results.data.units} />
              <RankingView categories={results.data.categories} units={results.data.units} />
              {(campaign.status === 'published' || campaign.status === 'archived') && (
                <UnitReportLinks slug={campaign.slug} categories={results.data.categories} units={results.data.units} />
              )}
            </>
          )}
        </>
      )}
    </Card>
  );
}
