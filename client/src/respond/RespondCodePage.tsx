import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, call, NetworkError, type ResponseOf } from '../shared/api.ts';
import { t, useLang } from '../shared/i18n.ts';
import { withProofOfWork } from '../shared/proof-of-work.ts';
import { ensureToken, hasStoredToken } from './access-token.ts';
import { useAutoRetry } from './auto-retry.ts';
import { codeScope, forgetCode, lastCode, rememberCode, resumableCode } from './code-resume.ts';
import { PendingBallotNotice, PendingExpiredNotice } from './PendingBallotNotice.tsx';
import { RespondFlow } from './RespondFlow.tsx';
import { RespondHeader } from './RespondHeader.tsx';
import { RespondNotice } from './RespondNotice.tsx';
import { RespondReceipt } from './RespondReceipt.tsx';
import { submissionStore, type KeptReceipt } from './submission-store.ts';
import { useWaitingBallot } from './waiting-ballot.ts';

/** Shows what people type as XXXX-XXXX, whatever they type. */
function formatCode(input: string): string {
  const clean = input
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 8);
  return clean.length > 4 ? `${clean.slice(0, 4)}-${clean.slice(4)}` : clean;
}

/** A kept receipt is shown again for a working day; after that the page opens on the code form. */
const RECEIPT_SHOWN_MS = 12 * 60 * 60 * 1000;

/**
 * The receipt of a ballot this device sent with the code, kept only here, so a reload (or the code's link
 * opened again) shows the thank-you rather than a code form that can only answer "already used". The
 * receipt is not stored with the ballot (decision 011): pairing it with a spent code tells nothing.
 */
function keptReceipt(code: string): KeptReceipt | null {
  if (code.length < 9) return null;
  const store = submissionStore(codeScope(code));
  const kept = store.loadReceipt();
  if (kept && Date.now() - Date.parse(kept.submittedAt) < RECEIPT_SHOWN_MS) return kept;
  if (kept) store.clearReceipt();
  return null;
}

/** What opening a rating by code answers: the rating, and the unit a peer rates as. */
type CodeSession = ResponseOf<typeof api.respond.code.$post>;

/** Leaders, peer units and invited recipients type the access code (评议码) they were given: /code. */
export default function RespondCodePage({ initialCode }: { initialCode?: string }) {
  const lang = useLang();
  // A ballot of the code this device last rated with, left unsent: still waiting (the page says so, and
  // sends it once the rating opens), or dropped because its campaign closed first (with its token).
  const [lastScope] = useState(() => {
    const last = lastCode();
    return last !== null && (!initialCode || formatCode(initialCode) === last) ? codeScope(last) : null;
  });
  const { waiting, expire } = useWaitingBallot(lastScope);
  // A reload while rating: open the code this device holds a token for again, straight to the form.
  const [resuming] = useState(() => {
    const stored = resumableCode();
    const resumes = stored !== null && (!initialCode || formatCode(initialCode) === stored);
    return resumes && waiting?.kind !== 'expired' ? stored : null;
  });
  const [code, setCode] = useState(resuming ?? formatCode(initialCode ?? ''));
  const [kept, setKept] = useState(() =>
    resuming === null ? keptReceipt(initialCode ? formatCode(initialCode) : (lastCode() ?? '')) : null,
  );
  const keepReceipt = useCallback(
    (receipt: string) => {
      submissionStore(codeScope(code)).saveReceipt(receipt);
      rememberCode(code);
    },
    [code],
  );
  const [session, setSession] = useState<CodeSession | null>(null);
  const [error, setError] = useState<ApiError | NetworkError | null>(null);
  const [busy, setBusy] = useState(resuming !== null);
  const [solving, setSolving] = useState(false);
  const access = useMemo(() => ({ kind: 'code' as const, code }), [code]);

  const open = async (typed: string) => {
    setBusy(true);
    setError(null);
    try {
      // After many wrong codes from this network the server asks for a proof of work: solved here.
      const opened = await withProofOfWork(
        (proofOfWork) =>
          call(api.respond.code.$post({ json: { code: typed, ...(proofOfWork ? { proofOfWork } : {}) } })),
        setSolving,
      );
      // Exchanged by another page (or this one lost its token): only the page holding the token can vote.
      if (opened.token?.exchanged && !hasStoredToken(codeScope(typed))) {
        throw new ApiError(409, 'code_spent', 'This code has already been used; each code can be used once.');
      }
      setSession(opened);
      rememberCode(typed);
      // Exchange the code for a token now, while the person fills in the form, not when they send it: the
      // exchange and the ballot then happen minutes apart, among other raters' (decision 011). A failure
      // here is retried when the ballot is sent.
      if (opened.token) void ensureToken(codeScope(typed), typed, opened.token).catch(() => undefined);
    } catch (e) {
      if (!(e instanceof ApiError || e instanceof NetworkError)) throw e;
      setError(e);
      // Closed while a ballot waited here: it can no longer count.
      if (e instanceof ApiError && e.code === 'campaign_closed' && codeScope(typed) === lastScope) expire();
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void open(code);
  };

  const unreachable = error instanceof NetworkError || (error instanceof ApiError && error.status >= 500);
  const waitingToOpen = waiting?.kind === 'waiting' && resuming !== null && !session;
  // The waiting ballot is sent once its rating opens: keep trying to open it, without a tap.
  useAutoRetry(waitingToOpen && !busy && unreachable, () => resuming !== null && void open(resuming));

  const resumed = useRef(false);
  useEffect(() => {
    if (resuming === null || resumed.current) return;
    resumed.current = true;
    // Once, on the first render: `open` only reads what it is given.
    void open(resuming);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `open` is a new function every render; this runs once
  }, [resuming]);

  return (
    <main className="respond">
      <RespondHeader
        session={session}
        raterUnit={session?.raterUnit ?? null}
        title={t(lang, '凭评议码评议', 'Rate with an access code')}
      />
      {session ? (
        <RespondFlow session={session} storeScope={codeScope(code)} access={access} onSent={keepReceipt} />
      ) : waitingToOpen && (busy || unreachable) ? (
        <PendingBallotNotice
          closesAt={waiting.ballot.closesAt}
          trying={busy}
          reason={error ? (error instanceof NetworkError ? 'offline' : 'server') : null}
          onSendNow={() => void open(resuming)}
        />
      ) : kept ? (
        <RespondReceipt receipt={kept.receipt} submittedAt={kept.submittedAt}>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              forgetCode();
              setCode('');
              setKept(null);
            }}
          >
            {t(lang, '输入另一个评议码', 'Enter another code')}
          </button>
        </RespondReceipt>
      ) : resuming !== null && busy && !error ? (
        <p className="loading" role="status">
          {t(lang, '正在恢复您未完成的评议…', 'Reopening the rating you had started…')}
        </p>
      ) : (
        <form className="code-form" onSubmit={submit}>
          {waiting?.kind === 'expired' && <PendingExpiredNotice closesAt={waiting.closesAt} />}
          <label htmlFor="code">{t(lang, '请输入评议码', 'Enter your access code')}</label>
          <input
            id="code"
            name="code"
            inputMode="text"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="ABCD-2345"
            value={code}
            onChange={(e) => setCode(formatCode(e.target.value))}
          />
          <p className="muted">
            {t(
              lang,
              '评议码由评议办发放，每码限用一次。评价匿名，评议码与您的评价不会关联保存。',
              'Codes are issued by the evaluation office and work once. Ratings are anonymous: your code is never stored with your answers.',
            )}
          </p>
          <button type="submit" className="button-primary" disabled={busy || code.length < 9}>
            {t(lang, '开始评议', 'Start')}
          </button>
          {solving && (
            <p className="notice" role="status">
              {t(
                lang,
                '此网络近期输错评议码较多，正在进行安全验证（通常需几秒钟），请稍候…',
                'Many wrong codes from this network lately: running a short security check (usually a few seconds)…',
              )}
            </p>
          )}
          {error && <RespondNotice error={error} />}
        </form>
      )}
    </main>
  );
}
