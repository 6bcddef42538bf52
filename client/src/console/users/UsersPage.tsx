import { useState, type FormEvent } from 'react';
import { api, call, type ResponseOf } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Card, ErrorNote, formatTime, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';

type User = ResponseOf<typeof api.users.$get>['users'][number];

const ROLE: Record<User['role'], [string, string]> = {
  admin: ['评议办管理员', 'Office administrator'],
  leader: ['领导', 'Leader'],
  unit_staff: ['单位联络员', 'Unit staff'],
};

/** Accounts: each gets a one-time password, shown once, to replace at first sign-in. */
export default function UsersPage() {
  const lang = useLang();
  const users = useApi(() => api.users.$get(), []);
  const units = useApi(() => api.units.$get(), []);
  const [form, setForm] = useState({
    username: '',
    displayName: '',
    role: 'unit_staff' as User['role'],
    unitId: 0,
    phone: '',
  });
  const [editing, setEditing] = useState<{ id: number; phone: string } | null>(null);
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const unitName = new Map((units.data?.units ?? []).map((u) => [u.id, t(lang, u.name, u.nameEn)]));

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const body = {
        username: form.username,
        displayName: form.displayName,
        role: form.role,
        ...(form.role === 'unit_staff' ? { unitId: form.unitId } : {}),
        ...(form.phone.trim() !== '' ? { phone: form.phone } : {}),
      };
      const result = await call(api.users.$post({ json: body }));
      setIssued({ username: result.user.username, password: result.oneTimePassword });
      users.reload();
    } catch (e) {
      setError(e);
    }
  };
  const reset = async (user: User) => {
    if (
      !window.confirm(
        t(
          lang,
          `为“${user.displayName}”重置密码？其所有登录将被注销。`,
          `Reset the password of ${user.displayName}? All their sessions end.`,
        ),
      )
    )
      return;
    try {
      const result = await call(api.users[':id']['reset-password'].$post({ param: { id: String(user.id) } }));
      setIssued({ username: user.username, password: result.oneTimePassword });
    } catch (e) {
      setError(e);
    }
  };

  const savePhone = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    setError(null);
    try {
      await call(api.users[':id'].$patch({ param: { id: String(editing.id) }, json: { phone: editing.phone } }));
      setEditing(null);
      users.reload();
    } catch (e) {
      setError(e);
    }
  };

  const setDisabled = async (user: User, disable: boolean) => {
    if (
      disable &&
      !window.confirm(
        t(
          lang,
          `停用“${user.displayName}”的账号？其所有登录将立即注销，恢复前不能再登录。`,
          `Disable the account of ${user.displayName}? All their sessions end and they cannot sign in until it is enabled again.`,
        ),
      )
    )
      return;
    setError(null);
    try {
      const param = { id: String(user.id) };
      await call(disable ? api.users[':id'].disable.$post({ param }) : api.users[':id'].enable.$post({ param }));
      users.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <Card title={t(lang, '新建账号', 'New account')}>
        <form className="inline-form" onSubmit={create}>
          <label>
            {t(lang, '用户名', 'User name')}
            <input
              name="username"
              value={form.username}
              onChange={(e) => setForm({ ...form, username: e.target.value })}
              required
            />
          </label>
          <label>
            {t(lang, '姓名', 'Name')}
            <input
              name="displayName"
              value={form.displayName}
              onChange={(e) => setForm({ ...form, displayName: e.target.value })}
              required
            />
          </label>
          <label>
            {t(lang, '角色', 'Role')}
            <select
              name="role"
              value={form.role}
              onChange={(e) => setForm({ ...form, role: e.target.value as User['role'] })}
            >
              {(Object.keys(ROLE) as User['role'][]).map((r) => (
                <option key={r} value={r}>
                  {t(lang, ...ROLE[r])}
                </option>
              ))}
            </select>
          </label>
          {form.role === 'unit_staff' && (
            <label>
              {t(lang, '所属单位', 'Unit')}
              <select
                name="unitId"
                value={form.unitId}
                onChange={(e) => setForm({ ...form, unitId: Number(e.target.value) })}
              >
                <option value={0}>—</option>
                {units.data?.units
                  .filter((u) => u.level === 'department')
                  .map((u) => (
                    <option key={u.id} value={u.id}>
                      {t(lang, u.name, u.nameEn)}
                    </option>
                  ))}
              </select>
            </label>
          )}
          <label>
            {t(lang, '手机号（选填）', 'Mobile (optional)')}
            <input
              name="phone"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              value={form.phone}
              onChange={(e) => setForm({ ...form, phone: e.target.value })}
              placeholder={t(lang, '用于周报短信提醒', 'For weekly-report SMS reminders')}
            />
          </label>
          <button className="button-primary" type="submit">
            {t(lang, '创建', 'Create')}
          </button>
        </form>
        <ErrorNote error={error} />
        {issued && (
          <p className="notice notice-ok" data-testid="one-time-password">
            {t(lang, `账号 ${issued.username} 的一次性密码：`, `One-time password for ${issued.username}: `)}
            <strong className="receipt">{issued.password}</strong>
            <br />
            {t(
              lang,
              '仅显示这一次，请当面或以安全方式转交；须在72小时内首次登录并修改。',
              'Shown this once: hand it over safely; it must be changed at first sign-in, within 72 hours.',
            )}
          </p>
        )}
      </Card>
      <Card title={t(lang, '账号', 'Accounts')}>
        {!users.data ? (
          <Loading />
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>{t(lang, '用户名', 'User name')}</th>
                <th>{t(lang, '姓名', 'Name')}</th>
                <th>{t(lang, '角色', 'Role')}</th>
                <th>{t(lang, '单位', 'Unit')}</th>
                <th>{t(lang, '手机号', 'Mobile')}</th>
                <th>{t(lang, '创建时间', 'Created')}</th>
                <th>{t(lang, '状态', 'Status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {users.data.users.map((u) => (
                <tr key={u.id}>
                  <td>{u.username}</td>
                  <td>{u.displayName}</td>
                  <td>{t(lang, ...ROLE[u.role])}</td>
                  <td>{u.unitId ? unitName.get(u.unitId) : '—'}</td>
                  <td>
                    {editing?.id === u.id ? (
                      <form className="inline-form" onSubmit={savePhone}>
                        <input
                          name="phone"
                          type="tel"
                          inputMode="tel"
                          autoComplete="off"
                          aria-label={t(lang, `${u.displayName}的手机号`, `Mobile of ${u.displayName}`)}
                          value={editing.phone}
                          onChange={(e) => setEditing({ id: u.id, phone: e.target.value })}
                          placeholder={t(lang, '留空即删除', 'Empty to remove')}
                        />
                        <button type="submit" className="link-button">
                          {t(lang, '保存', 'Save')}
                        </button>
                        <button type="button" className="link-button" onClick={() => setEditing(null)}>
                          {t(lang, '取消', 'Cancel')}
                        </button>
                      </form>
                    ) : (
                      <>
                        {u.phone ?? '—'}{' '}
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setEditing({ id: u.id, phone: u.phone ?? '' })}
                        >
                          {t(lang, '修改', 'Edit')}
                        </button>
                      </>
                    )}
                  </td>
                  <td>{formatTime(u.createdAt, lang)}</td>
                  <td>{u.disabled ? t(lang, '已停用', 'Disabled') : t(lang, '正常', 'Active')}</td>
                  <td className="row-actions">
                    <button type="button" className="link-button" onClick={() => reset(u)}>
                      {t(lang, '重置密码', 'Reset password')}
                    </button>
                    <button type="button" className="link-button" onClick={() => setDisabled(u, !u.disabled)}>
                      {u.disabled ? t(lang, '启用', 'Enable') : t(lang, '停用', 'Disable')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
