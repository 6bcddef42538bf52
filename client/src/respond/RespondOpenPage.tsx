import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError, apiFetch, NetworkError } from '../shared/api.ts';
import { t, useLang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import { deviceId } from './device-id.ts';
import { RespondNotice } from './RespondNotice.tsx';
import { submissionStore, type PendingBallot } from './submission-store.ts';
import { SurveyForm } from './SurveyForm.tsx';

interface OpenRating {
  campaign: { id: number; slug: string; name: string; nameEn: string; endsAt: string };
  unit: { id: number; code: string; name: string; nameEn: string };
  questionnaire: { id: number; definition: Record<string, unknown> };
}

type State =
  | { step: 'loading' }
  | { step: 'unavailable'; error: ApiError | NetworkError }
  | { step: 'answering'; rating: OpenRating }
  | { step: 'sending'; rating: OpenRating }
  | { step: 'sendFailed'; rating: OpenRating; error: ApiError | NetworkError }
  | { step: 'done'; rating: OpenRating; receipt: string };

/** A service recipient's rating of one unit, opened from a QR code or link: /r/{campaign}/{unit}. */
export default function RespondOpenPage({ campaign, unit }: { campaign: string; unit: string }) {
  const lang = useLang();
  const [state, setState] = useState<State>({ step: 'loading' });
  const store = useMemo(() => submissionStore(`${campaign}.${unit}`), [campaign, unit]);
  const [openedAt] = useState(() => Date.now());

  const send = useCallback(
    async (rating: OpenRating, pending: PendingBallot) => {
      setState({ step: 'sending', rating });
      try {
        const result = await apiFetch<{ receipt: string }>('/api/ballots', {
          method: 'POST',
          body: JSON.stringify({
            campaignId: rating.campaign.id,
            unitId: rating.unit.id,
            questionnaireId: rating.questionnaire.id,
            submissionId: pending.submissionId,
            answers: pending.answers,
            deviceId: deviceId(),
            fillSeconds: pending.fillSeconds,
          }),
        });
        store.clear();
        setState({ step: 'done', rating, receipt: result.receipt });
      } catch (error) {
        if (!(error instanceof ApiError || error instanceof NetworkError)) throw error;
        // A refusal (4xx) will not change on retry: keep the answers as a draft to correct, not as pending.
        if (error instanceof ApiError && error.status < 500) {
          store.clearPending();
          store.saveDraft(pending.answers);
        }
        setState({ step: 'sendFailed', rating, error });
      }
    },
    [store],
  );

  useEffect(() => {
    let cancelled = false;
    apiFetch<OpenRating>(`/api/respond/open/${encodeURIComponent(campaign)}/${encodeURIComponent(unit)}`)
      .then((rating) => {
        if (cancelled) return;
        const pending = store.loadPending();
        // A ballot finished before a reload but never confirmed: send it again with the same id.
        if (pending) void send(rating, pending);
        else setState({ step: 'answering', rating });
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError || error instanceof NetworkError) setState({ step: 'unavailable', error });
        else throw error;
      });
    return () => {
      cancelled = true;
    };
  }, [campaign, unit, store, send]);

  const onComplete = useCallback(
    (answers: Record<string, unknown>) => {
      if (state.step !== 'answering') return;
      const pending = { submissionId: crypto.randomUUID(), answers, fillSeconds: Math.round((Date.now() - openedAt) / 1000) };
      store.savePending(pending);
      void send(state.rating, pending);
    },
    [state, store, send, openedAt],
  );

  const rating = 'rating' in state ? state.rating : null;
  return (
    <main className="respond">
      <header className="respond-header">
        <div>
          <div className="respond-campaign">{rating ? t(lang, rating.campaign.name, rating.campaign.nameEn) : t(lang, '评议', 'Pingyi')}</div>
          {rating && <h1 className="respond-unit">{t(lang, rating.unit.name, rating.unit.nameEn)}</h1>}
        </div>
        <LangSwitch />
      </header>
      {state.step === 'loading' && <p className="loading">{t(lang, '正在打开问卷…', 'Opening the questionnaire…')}</p>}
      {state.step === 'answering' && (
        <SurveyForm definition={state.rating.questionnaire.definition} lang={lang} draft={store.loadDraft()} onDraft={store.saveDraft} onComplete={onComplete} />
      )}
      {state.step === 'sending' && <p className="loading">{t(lang, '正在提交…', 'Sending…')}</p>}
      {state.step === 'unavailable' && <RespondNotice error={state.error} />}
      {state.step === 'sendFailed' && (
        <RespondNotice
          error={state.error}
          onRetry={() => {
            const pending = store.loadPending();
            if (pending) void send(state.rating, pending);
          }}
          onEdit={() => setState({ step: 'answering', rating: state.rating })}
        />
      )}
      {state.step === 'done' && (
        <section className="notice notice-ok" data-testid="thank-you">
          <h2>{t(lang, '提交成功，感谢您的评价！', 'Thank you! Your rating was received.')}</h2>
          <p>{t(lang, '您的评价回执号（可截图保存）：', 'Your receipt number (keep a screenshot if you like):')}</p>
          <p className="receipt" data-testid="receipt">{state.receipt}</p>
          <p className="muted">{t(lang, '评价为匿名，回执号不含您的任何个人信息。', 'Your rating is anonymous; the receipt holds nothing about you.')}</p>
        </section>
      )}
    </main>
  );
}
