import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, call, NetworkError, type RequestOf } from '../shared/api.ts';
import { t, useLang } from '../shared/i18n.ts';
import { ensureToken, forgetToken } from './access-token.ts';
import type { RatingSession } from './rating-session.ts';
import { RespondNotice } from './RespondNotice.tsx';
import { submissionStore, type PendingBallot } from './submission-store.ts';
import { SurveyForm } from './SurveyForm.tsx';

type State =
  | { step: 'answering' }
  | { step: 'sending' }
  | { step: 'sendFailed'; error: ApiError | NetworkError }
  | { step: 'done'; receipt: string };

/** How this ballot proves it may be cast: open rating by QR link, or a code exchanged for a token. */
export type RespondAccess = { kind: 'open'; unitId: number; deviceId: string } | { kind: 'code'; code: string };

interface RespondFlowProps {
  session: RatingSession;
  /** Where drafts, unsent ballots and the token are kept on this device. */
  storeScope: string;
  access: RespondAccess;
}

type AccessFields = Pick<RequestOf<typeof api.ballots.$post>['json'], 'token' | 'unitId' | 'deviceId'>;

async function accessFields(access: RespondAccess, session: RatingSession, scope: string): Promise<AccessFields> {
  if (access.kind === 'open') return { unitId: access.unitId, deviceId: access.deviceId };
  if (!session.token) throw new Error('a code session carries its token key');
  return { token: await ensureToken(scope, access.code, session.token) };
}

/** Answer → send → receipt, for every way of opening a rating. A network failure retries with the same id. */
export function RespondFlow({ session, storeScope, access }: RespondFlowProps) {
  const lang = useLang();
  const store = useMemo(() => submissionStore(storeScope), [storeScope]);
  const [openedAt] = useState(() => Date.now());
  const [state, setState] = useState<State>({ step: 'answering' });

  const send = useCallback(
    async (pending: PendingBallot) => {
      setState({ step: 'sending' });
      try {
        const fields = await accessFields(access, session, storeScope);
        const result = await call(
          api.ballots.$post({
            json: {
              campaignId: session.campaign.id,
              questionnaireId: session.questionnaire.id,
              submissionId: pending.submissionId,
              answers: pending.answers,
              fillSeconds: pending.fillSeconds,
              ...fields,
            },
          }),
        );
        store.clear();
        forgetToken(storeScope);
        setState({ step: 'done', receipt: result.receipt });
      } catch (error) {
        if (!(error instanceof ApiError || error instanceof NetworkError)) throw error;
        // A refusal (4xx) will not change on retry: keep the answers as a draft to correct, not as pending.
        if (error instanceof ApiError && error.status < 500) {
          store.clearPending();
          store.saveDraft(pending.answers);
        }
        setState({ step: 'sendFailed', error });
      }
    },
    [session, access, store, storeScope],
  );

  useEffect(() => {
    // A ballot finished before a reload but never confirmed: send it again with the same id.
    const pending = store.loadPending();
    if (pending) void send(pending);
  }, [store, send]);

  const onComplete = useCallback(
    (answers: Record<string, unknown>) => {
      const pending = {
        submissionId: crypto.randomUUID(),
        answers,
        fillSeconds: Math.round((Date.now() - openedAt) / 1000),
      };
      store.savePending(pending);
      void send(pending);
    },
    [store, send, openedAt],
  );

  switch (state.step) {
    case 'answering':
      return (
        <SurveyForm
          definition={session.questionnaire.definition}
          lang={lang}
          draft={store.loadDraft()}
          onDraft={store.saveDraft}
          onComplete={onComplete}
        />
      );
    case 'sending':
      return <p className="loading">{t(lang, '正在提交…', 'Sending…')}</p>;
    case 'sendFailed':
      return (
        <RespondNotice
          error={state.error}
          onRetry={() => {
            const pending = store.loadPending();
            if (pending) void send(pending);
          }}
          onEdit={() => setState({ step: 'answering' })}
        />
      );
    case 'done':
      return (
        <section className="notice notice-ok" data-testid="thank-you">
          <h2>{t(lang, '提交成功，感谢您的评价！', 'Thank you! Your rating was received.')}</h2>
          <p>{t(lang, '您的评价回执号（可截图保存）：', 'Your receipt number (keep a screenshot if you like):')}</p>
          <p className="receipt" data-testid="receipt">
            {state.receipt}
          </p>
          <p className="muted">
            {t(
              lang,
              '评价为匿名，回执号不含您的任何个人信息。',
              'Your rating is anonymous; the receipt holds nothing about you.',
            )}
          </p>
        </section>
      );
  }
}
