import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, ApiError, call, NetworkError, type RequestOf } from '../shared/api.ts';
import { t, useLang } from '../shared/i18n.ts';
import { ensureToken, forgetToken } from './access-token.ts';
import type { RatingSession } from './rating-session.ts';
import { RespondNotice } from './RespondNotice.tsx';
import { submissionStore, type PendingBallot } from './submission-store.ts';
// The form library is a lazy chunk of its own, so the page around it paints first (LazySurveyForm.tsx).
import { LazySurveyForm as SurveyForm } from './LazySurveyForm.tsx';
import { RespondReceipt } from './RespondReceipt.tsx';

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
  /** Called with the receipt once the ballot is accepted (the QR page keeps it on the device). */
  onSent?: (receipt: string) => void;
}

type AccessFields = Pick<RequestOf<typeof api.ballots.$post>['json'], 'token' | 'unitId' | 'deviceId'>;

async function accessFields(access: RespondAccess, session: RatingSession, scope: string): Promise<AccessFields> {
  if (access.kind === 'open') return { unitId: access.unitId, deviceId: access.deviceId };
  if (!session.token) throw new Error('a code session carries its token key');
  return { token: await ensureToken(scope, access.code, session.token) };
}

/** Answer → send → receipt, for every way of opening a rating. A network failure retries with the same id. */
export function RespondFlow({ session, storeScope, access, onSent }: RespondFlowProps) {
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
        onSent?.(result.receipt);
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
    [session, access, store, storeScope, onSent],
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
          position={store.loadPosition()}
          onPosition={store.savePosition}
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
      return <RespondReceipt receipt={state.receipt} />;
  }
}
