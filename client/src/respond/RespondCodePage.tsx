import { useMemo, useState, type FormEvent } from 'react';
import { api, ApiError, call, NetworkError } from '../shared/api.ts';
import { t, useLang } from '../shared/i18n.ts';
import { withProofOfWork } from '../shared/proof-of-work.ts';
import { ensureToken, hasStoredToken } from './access-token.ts';
import type { RatingSession } from './rating-session.ts';
import { RespondFlow } from './RespondFlow.tsx';
import { RespondHeader } from './RespondHeader.tsx';
import { RespondNotice } from './RespondNotice.tsx';

/** Shows what people type as XXXX-XXXX, whatever they type. */
function formatCode(input: string): string {
  const clean = input
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 8);
  return clean.length > 4 ? `${clean.slice(0, 4)}-${clean.slice(4)}` : clean;
}

/** Leaders, peer units and invited recipients type the access code (评议码) they were given: /code. */
export default function RespondCodePage({ initialCode }: { initialCode?: string }) {
  const lang = useLang();
  const [code, setCode] = useState(formatCode(initialCode ?? ''));
  const [session, setSession] = useState<RatingSession | null>(null);
  const [error, setError] = useState<ApiError | NetworkError | null>(null);
  const [busy, setBusy] = useState(false);
  const [solving, setSolving] = useState(false);
  const access = useMemo(() => ({ kind: 'code' as const, code }), [code]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // After many wrong codes from this network the server asks for a proof of work: solved here.
      const opened = await withProofOfWork(
        (proofOfWork) => call(api.respond.code.$post({ json: { code, ...(proofOfWork ? { proofOfWork } : {}) } })),
        setSolving,
      );
      // Exchanged by another page (or this one lost its token): only the page holding the token can vote.
      if (opened.token?.exchanged && !hasStoredToken(`code.${code}`)) {
        throw new ApiError(409, 'code_spent', 'This code has already been used; each code can be used once.');
      }
      setSession(opened);
      // Exchange the code for a token now, while the person fills in the form, not when they send it: the
      // exchange and the ballot then happen minutes apart, among other raters' (decision 011). A failure
      // here is retried when the ballot is sent.
      if (opened.token) void ensureToken(`code.${code}`, code, opened.token).catch(() => undefined);
    } catch (e) {
      if (e instanceof ApiError || e instanceof NetworkError) setError(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="respond">
      <RespondHeader session={session} />
      {session ? (
        <RespondFlow session={session} storeScope={`code.${code}`} access={access} />
      ) : (
        <form className="code-form" onSubmit={submit}>
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
