import { useState } from 'react';
import { api, call } from '../../shared/api.ts';
import { t, type Lang } from '../../shared/i18n.ts';
import { ErrorNote } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { serverFilter, type ReviewFilterState } from './ReviewFilterBar.tsx';

type Decision = 'accepted' | 'excluded';

/**
 * Accepts or excludes every ballot the filter shows, after a preview of the count and a confirmation.
 * The server decides each ballot as a single review (one audit entry each) and refuses a set smaller
 * than the recipient group's minimum: those are reviewed one by one (decision 011).
 */
export function FilterReviewActions(props: {
  lang: Lang;
  campaignId: number;
  filter: ReviewFilterState;
  /** Changes whenever the list reloads, so the preview follows it. */
  version: number;
  note: string;
  onDone: (message: string) => void;
}) {
  const { lang, campaignId } = props;
  const filter = serverFilter(props.filter);
  const key = JSON.stringify(filter);
  const preview = useApi(
    () =>
      api.campaigns[':id']['flagged-ballots']['review-by-filter'].preview.$post({
        param: { id: String(campaignId) },
        json: { filter },
      }),
    [campaignId, key, props.version],
  );
  const [confirming, setConfirming] = useState<{ decision: Decision; count: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const counts = preview.data;
  if (!counts) return preview.error ? <ErrorNote error={preview.error} /> : null;

  const apply = async (decision: Decision, expected: number) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await call(
        api.campaigns[':id']['flagged-ballots']['review-by-filter'].$post({
          param: { id: String(campaignId) },
          json: { filter, decision, expected, ...(props.note.trim() ? { note: props.note.trim() } : {}) },
        }),
      );
      setConfirming(null);
      props.onDone(
        decision === 'excluded'
          ? t(lang, `已剔除筛选出的 ${answer.reviewed} 份评议。`, `${answer.reviewed} filtered ballots excluded.`)
          : t(lang, `已确认筛选出的 ${answer.reviewed} 份评议有效。`, `${answer.reviewed} filtered ballots accepted.`),
      );
    } catch (e) {
      setError(e);
      preview.reload();
    } finally {
      setBusy(false);
    }
  };
  const tooFew = (n: number) => n > 0 && n < counts.minimum;
  const button = (decision: Decision, count: number) => (
    <button
      type="button"
      className={decision === 'excluded' ? 'button-primary' : 'button-secondary'}
      disabled={busy || count === 0 || tooFew(count)}
      onClick={() => {
        setError(null);
        setConfirming({ decision, count });
      }}
    >
      {decision === 'excluded'
        ? t(lang, `剔除筛选出的 ${count} 份`, `Exclude the ${count} filtered`)
        : t(lang, `确认筛选出的 ${count} 份有效`, `Accept the ${count} filtered`)}
    </button>
  );

  return (
    <div className="filter-review" data-testid="filter-review">
      <p className="muted" data-testid="filter-count">
        {t(lang, `筛选出被标记的评议 ${counts.matched} 份。`, `${counts.matched} flagged ballots match the filter.`)}
        {(tooFew(counts.toAccept) || tooFew(counts.toExclude)) &&
          t(
            lang,
            ` 按筛选审核一次至少 ${counts.minimum} 份（服务对象评议的最少份数，保护评议人）；更少的请逐份审核。`,
            ` A review by filter decides at least ${counts.minimum} ballots (the recipients' minimum, to protect raters); review fewer one by one.`,
          )}
      </p>
      {confirming ? (
        <div className="notice" role="alertdialog" aria-label={t(lang, '确认', 'Confirm')} data-testid="filter-confirm">
          <p>
            {confirming.decision === 'excluded'
              ? t(
                  lang,
                  `剔除筛选出的 ${confirming.count} 份评议？剔除后不再计入结果（通报前可恢复），每份分别记入审计日志。`,
                  `Exclude the ${confirming.count} filtered ballots? They stop counting (until publication they can be restored); each is audited.`,
                )
              : t(
                  lang,
                  `确认筛选出的 ${confirming.count} 份评议有效？它们照常计入结果，每份分别记入审计日志。`,
                  `Accept the ${confirming.count} filtered ballots? They keep counting; each is audited.`,
                )}
          </p>
          <div className="inline-form">
            <button
              type="button"
              className="button-primary"
              disabled={busy}
              onClick={() => apply(confirming.decision, confirming.count)}
            >
              {confirming.decision === 'excluded'
                ? t(lang, `确认剔除 ${confirming.count} 份`, `Exclude ${confirming.count}`)
                : t(lang, `确认 ${confirming.count} 份有效`, `Accept ${confirming.count}`)}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirming(null)}>
              {t(lang, '取消', 'Cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="inline-form">
          {button('accepted', counts.toAccept)}
          {button('excluded', counts.toExclude)}
        </div>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
