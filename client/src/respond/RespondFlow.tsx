import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, ApiError, call, NetworkError, type RequestOf } from '../shared/api.ts';
import { useLang } from '../shared/i18n.ts';
import { ensureToken, forgetToken } from './access-token.ts';
import { useAutoRetry } from './auto-retry.ts';
import { PendingBallotNotice, PendingExpiredNotice, SendingNotice, type WaitReason } from './PendingBallotNotice.tsx';
import { randomId } from './random-id.ts';
import type { RatingSession } from './rating-session.ts';
import { RespondNotice } from './RespondNotice.tsx';
import { submissionStore, type PendingBallot } from './submission-store.ts';
import { dropWaitingBallot, findWaitingBallot, takeWaitingBallot } from './waiting-ballot.ts';
// The form library is a lazy chunk of its own, so the page around it paints first (LazySurveyForm.tsx).
import { LazySurveyForm as SurveyForm } from './LazySurveyForm.tsx';
import { RespondReceipt } from './RespondReceipt.tsx';

type State =
  | { step: 'answering' }
  | { step: 'sending' }
  /** Finished, kept on the device, and sent again by itself until the server confirms it. */
  | { step: 'waiting'; trying: boolean; reason: WaitReason | null; closesAt: string | null }
  /** Refused (4xx): the answers are a draft again, to correct. */
  | { step: 'refused'; error: ApiError }
  | { step: 'expired'; closesAt: string }
  /** `followup`: a problem report's follow-up code, held in memory only (never in the kept receipt). */
  | { step: 'done'; receipt: string; sentLater: boolean; followup: { code: string; sms: boolean } | null };

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

/** What the page shows first: a ballot left unsent goes out before any form. */
function initialState(scope: string): State {
  const waiting = findWaitingBallot(scope);
  if (waiting?.kind === 'expired') return { step: 'expired', closesAt: waiting.closesAt };
  if (waiting) return { step: 'waiting', trying: true, reason: null, closesAt: waiting.ballot.closesAt };
  return { step: 'answering' };
}

/**
 * Answer → send → receipt, for every way of opening a rating. A ballot that cannot reach the server stays
 * on the device and is sent again by itself, always with its first submission id, so it never counts twice.
 */
export function RespondFlow({ session, storeScope, access, onSent }: RespondFlowProps) {
  const lang = useLang();
  const store = useMemo(() => submissionStore(storeScope), [storeScope]);
  const [openedAt] = useState(() => Date.now());
  const [state, setState] = useState<State>(() => initialState(storeScope));
  const inFlight = useRef(false);

  const send = useCallback(
    async (pending: PendingBallot, sentLater: boolean) => {
      if (inFlight.current) return;
      inFlight.current = true;
      try {
        if (navigator.onLine === false) throw new NetworkError('The browser is offline.');
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
        setState({ step: 'done', receipt: result.receipt, sentLater, followup: result.followup ?? null });
      } catch (error) {
        if (!(error instanceof ApiError || error instanceof NetworkError)) throw error;
        if (error instanceof ApiError && error.status < 500) {
          // A refusal will not change on retry: keep the answers as a draft to correct, not as pending.
          store.clearPending();
          store.saveDraft(pending.answers);
          setState({ step: 'refused', error });
        } else {
          const reason = error instanceof NetworkError ? 'offline' : 'server';
          setState({ step: 'waiting', trying: false, reason, closesAt: pending.closesAt });
        }
      } finally {
        inFlight.current = false;
      }
    },
    [session, access, store, storeScope, onSent],
  );

  /** Sends the kept ballot again, unless its campaign has closed meanwhile. */
  const sendWaiting = useCallback(() => {
    if (inFlight.current) return;
    const waiting = takeWaitingBallot(storeScope);
    if (!waiting) return setState({ step: 'answering' });
    if (waiting.kind === 'expired') return setState({ step: 'expired', closesAt: waiting.closesAt });
    setState((s) => (s.step === 'waiting' ? { ...s, trying: true } : s));
    void send(waiting.ballot, true);
  }, [storeScope, send]);

  useEffect(() => {
    // Every time the page opens: a ballot finished earlier but never confirmed goes again, same id.
    if (store.loadPending()) sendWaiting();
  }, [store, sendWaiting]);

  useAutoRetry(state.step === 'waiting' && !state.trying, sendWaiting);

  useEffect(() => {
    // Shown as too late to count: it goes, with its draft and token.
    if (state.step === 'expired') dropWaitingBallot(storeScope);
  }, [state.step, storeScope]);

  const onComplete = useCallback(
    (answers: Record<string, unknown>) => {
      const pending = {
        submissionId: randomId(),
        answers,
        fillSeconds: Math.round((Date.now() - openedAt) / 1000),
        closesAt: session.campaign.endsAt,
      };
      store.savePending(pending);
      setState({ step: 'sending' });
      void send(pending, false);
    },
    [store, send, openedAt, session],
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
      return <SendingNotice />;
    case 'waiting':
      return (
        <PendingBallotNotice
          closesAt={state.closesAt}
          trying={state.trying}
          reason={state.reason}
          onSendNow={sendWaiting}
        />
      );
    case 'refused':
      return <RespondNotice error={state.error} onEdit={() => setState({ step: 'answering' })} />;
    case 'expired':
      return <PendingExpiredNotice closesAt={state.closesAt} />;
    case 'done':
      return <RespondReceipt receipt={state.receipt} sentLater={state.sentLater} followup={state.followup} />;
  }
}
