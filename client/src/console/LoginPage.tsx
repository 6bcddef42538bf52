import { useState, type FormEvent } from 'react';
import { api, call, type ResponseOf } from '../shared/api.ts';
import { errorText } from '../shared/error-text.ts';
import { t, useLang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import { withProofOfWork } from '../shared/proof-of-work.ts';
import { navigate } from '../shared/router.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

type Me = ResponseOf<typeof api.auth.login.$post>;

function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next');
  // Only paths inside this site: never an open redirect.
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/console';
}

/** Sign-in for the office, leaders and unit staff; a one-time password must be replaced first. */
export default function LoginPage() {
  const lang = useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [solving, setSolving] = useState(false);
  const [me, setMe] = useState<Me | null>(null);
  // The refusal itself, worded when shown: switching the language rewords it.
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const run = async (event: FormEvent, action: () => Promise<void>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e ?? null);
    } finally {
      setBusy(false);
    }
  };

  const signIn = (event: FormEvent) =>
    run(event, async () => {
      // After many failed sign-ins the server asks for a proof of work: solved here, then sent again.
      const signedIn = await withProofOfWork(
        (proofOfWork) =>
          call(api.auth.login.$post({ json: { username, password, ...(proofOfWork ? { proofOfWork } : {}) } })),
        setSolving,
      );
      if (signedIn.mustChangePassword) setMe(signedIn);
      else navigate(nextPath(), true);
    });

  return (
    <main className="login">
      <div className="login-box">
        <div className="login-head">
          <h1>{t(lang, '评议 · 工作台登录', 'Pingyi · sign in')}</h1>
          <LangSwitch />
        </div>
        {!me ? (
          <form onSubmit={signIn}>
            <label>
              {t(lang, '用户名', 'User name')}
              <input
                name="username"
                autoComplete="username"
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                required
              />
            </label>
            <label>
              {t(lang, '密码', 'Password')}
              <input
                name="password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                required
              />
            </label>
            <button className="button-primary" type="submit" disabled={busy}>
              {t(lang, '登录', 'Sign in')}
            </button>
          </form>
        ) : (
          <ChangePasswordForm currentPassword={password} required onDone={() => navigate(nextPath(), true)} />
        )}
        {solving && (
          <p className="notice" role="status">
            {t(
              lang,
              '近期此账号或网络登录失败较多，正在进行安全验证（通常需几秒钟），请稍候…',
              'Many failed sign-ins lately: running a short security check (usually a few seconds)…',
            )}
          </p>
        )}
        {error !== null && (
          <p className="form-error" role="alert">
            {errorText(lang, error)}
          </p>
        )}
      </div>
    </main>
  );
}
