import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, call, NetworkError } from '../shared/api.ts';
import { t, useLang } from '../shared/i18n.ts';
import { useAutoRetry } from './auto-retry.ts';
import { deviceId } from './device-id.ts';
import { FormSkeleton } from './FormSkeleton.tsx';
import { preloadSurveyForm } from './LazySurveyForm.tsx';
import type { OpenLimit, RatingSession } from './rating-session.ts';
import { readRespondShell } from './respond-shell.ts';
import { RespondFlow } from './RespondFlow.tsx';
import { RespondHeader } from './RespondHeader.tsx';
import { PendingBallotNotice, PendingExpiredNotice } from './PendingBallotNotice.tsx';
import { limitText, RespondLimitNotice, RespondNotice } from './RespondNotice.tsx';
import { RespondReceipt } from './RespondReceipt.tsx';
import { submissionStore, type KeptReceipt } from './submission-store.ts';
import { findWaitingBallot, useWaitingBallot } from './waiting-ballot.ts';

type Opened = RatingSession & { openLimit: OpenLimit };

/** Under a kept receipt: another rating, if the limits would take it, or when they will. */
function NextRating({ limit, onRateAgain }: { limit: OpenLimit; onRateAgain: () => void }) {
  const lang = useLang();
  if (limit && !limit.allowed) {
    return (
      <p className="muted" data-testid="next-rating">
        {limitText(lang, limit)}
      </p>
    );
  }
  return (
    <button type="button" className="button-secondary" onClick={onRateAgain}>
      {t(lang, '再评价一次', 'Rate again')}
    </button>
  );
}

/**
 * A service recipient's rating of one unit, opened from a QR code or link: /r/{campaign}/{unit}. The
 * names the server wrote into the page show at once; the page asks whether this device may still rate the
 * unit before showing the form; a receipt kept on the device is shown again after a reload.
 */
export default function RespondOpenPage({ campaign, unit }: { campaign: string; unit: string }) {
  const scope = `open.${campaign}.${unit}`;
  const store = useMemo(() => submissionStore(scope), [scope]);
  const shell = useMemo(() => readRespondShell(campaign, unit), [campaign, unit]);
  const device = useMemo(() => deviceId(), []);
  // A ballot still waiting to be confirmed goes first (the form's flow sends it again); its scope comes
  // from the link alone, so the page says it is waiting even when the rating cannot be opened offline.
  const { waiting, expire } = useWaitingBallot(scope);
  const [kept, setKept] = useState<KeptReceipt | null>(() => (waiting ? null : store.loadReceipt()));
  const [opened, setOpened] = useState<Opened | null>(null);
  const [error, setError] = useState<ApiError | NetworkError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // The QR page's HTML preloads the form library; reached another way, start it now.
    if (!kept && !waiting) preloadSurveyForm();
  }, [kept, waiting]);

  useEffect(() => {
    let cancelled = false;
    call(
      api.respond.open[':campaign'][':unit'].$get({
        param: { campaign: encodeURIComponent(campaign), unit: encodeURIComponent(unit) },
        query: { deviceId: device },
      }),
    )
      .then((answer) => !cancelled && setOpened(answer))
      .catch((e: unknown) => {
        if (cancelled) return;
        if (!(e instanceof ApiError || e instanceof NetworkError)) throw e;
        setError(e);
        // Closed while a ballot waited here: it can no longer count.
        if (e instanceof ApiError && e.code === 'campaign_closed' && findWaitingBallot(scope)) expire();
      });
    return () => {
      cancelled = true;
    };
  }, [campaign, unit, scope, device, attempt, expire]);

  const access = useMemo(
    () => ({ kind: 'open' as const, unitId: opened?.unit?.id ?? 0, deviceId: device }),
    [opened, device],
  );
  const keepReceipt = useCallback((receipt: string) => store.saveReceipt(receipt), [store]);
  const rateAgain = () => {
    store.clearReceipt();
    setKept(null);
  };
  const retry = useCallback(() => {
    setError(null);
    setAttempt((n) => n + 1);
  }, []);
  const unreachable = error instanceof NetworkError || (error instanceof ApiError && error.status >= 500);
  // A waiting ballot needs the rating opened to be sent: keep trying to open it, without a tap.
  useAutoRetry(waiting?.kind === 'waiting' && unreachable, retry);

  const keptReceipt = (next: ReactNode) =>
    kept && (
      <RespondReceipt receipt={kept.receipt} submittedAt={kept.submittedAt}>
        {next}
      </RespondReceipt>
    );

  let body: ReactNode;
  if (waiting?.kind === 'expired') {
    body = <PendingExpiredNotice closesAt={waiting.closesAt} />;
  } else if (waiting && opened) {
    body = <RespondFlow session={opened} storeScope={scope} access={access} onSent={keepReceipt} />;
  } else if (waiting && (!error || unreachable)) {
    body = (
      <PendingBallotNotice
        closesAt={waiting.ballot.closesAt}
        trying={!error}
        reason={error ? (error instanceof NetworkError ? 'offline' : 'server') : null}
        onSendNow={retry}
      />
    );
  } else if (error) {
    body = (
      <>
        <RespondNotice error={error} campaignSlug={campaign} onRetry={retry} />
        {keptReceipt(null)}
      </>
    );
  } else if (kept) {
    body = keptReceipt(opened && <NextRating limit={opened.openLimit} onRateAgain={rateAgain} />);
  } else if (!opened) {
    body = <FormSkeleton />;
  } else if (opened.openLimit && !opened.openLimit.allowed) {
    body = <RespondLimitNotice limit={opened.openLimit} />;
  } else {
    body = <RespondFlow session={opened} storeScope={scope} access={access} onSent={keepReceipt} />;
  }

  return (
    <main className="respond">
      <RespondHeader session={opened} shell={shell} />
      {body}
    </main>
  );
}
