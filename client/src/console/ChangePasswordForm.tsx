import { useState, type FormEvent } from 'react';
import { api, call } from '../shared/api.ts';
import { errorText } from '../shared/error-text.ts';
import { t, useLang } from '../shared/i18n.ts';

interface ChangePasswordFormProps {
  /** The password just typed at sign-in (a one-time password): not asked again. */
  currentPassword?: string;
  /** True for a one-time password, which must be replaced before anything else. */
  required: boolean;
  onDone: () => void;
}

/** Replaces the password; the server ends every other session of the account. */
export function ChangePasswordForm({ currentPassword, required, onDone }: ChangePasswordFormProps) {
  const lang = useLang();
  const [current, setCurrent] = useState(currentPassword ?? '');
  const [next, setNext] = useState('');
  // The refusal itself, worded when shown: switching the language rewords it.
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call(api.auth.password.$post({ json: { currentPassword: current, newPassword: next } }));
      onDone();
    } catch (e) {
      setError(e ?? null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="password-form">
      <p>
        {required
          ? t(
              lang,
              '首次登录请设置新密码（至少10位，不含用户名）。设置前不能进行其他操作。',
              'Set a new password first (at least 10 characters, not containing the user name). Nothing else works until then.',
            )
          : t(
              lang,
              '新密码至少10位，不含用户名。修改后，此账号在其他设备上的登录将被注销。',
              'At least 10 characters, not containing the user name. Other devices signed in to this account are signed out.',
            )}
      </p>
      {currentPassword === undefined && (
        <label>
          {required ? t(lang, '一次性密码', 'One-time password') : t(lang, '当前密码', 'Current password')}
          <input
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            required
          />
        </label>
      )}
      <label>
        {t(lang, '新密码', 'New password')}
        <input
          name="newPassword"
          type="password"
          autoComplete="new-password"
          minLength={10}
          value={next}
          onChange={(e) => setNext(e.target.value)}
          required
        />
      </label>
      <button className="button-primary" type="submit" disabled={busy}>
        {required ? t(lang, '保存并进入', 'Save and continue') : t(lang, '修改密码', 'Change password')}
      </button>
      {error !== null && (
        <p className="form-error" role="alert">
          {errorText(lang, error)}
        </p>
      )}
    </form>
  );
}
