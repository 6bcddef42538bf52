import { useState, type FormEvent } from 'react';
import { api, call, type ResponseOf } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Card, ErrorNote, formatTime, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { DeliveryLog } from './DeliveryLog.tsx';
import { EVENT_TYPES, EVENT_WORDS } from './webhook-words.ts';

type Endpoint = ResponseOf<typeof api.webhooks.endpoints.$get>[number];
type EventType = Endpoint['eventTypes'][number];

/** The secret just made (creation or rotation): shown once, with what to do with it. */
function SecretNote({ secret, onDone }: { secret: string; onDone: () => void }) {
  const lang = useLang();
  return (
    <div className="notice notice-ok" role="status" data-testid="webhook-secret">
      <p>
        {t(
          lang,
          '签名密钥只显示这一次，请立即复制给接收方，用于校验每次推送的数字签名：',
          'The signing secret is shown this once: copy it to the receiver now (it checks webhook-signature as Standard Webhooks specifies):',
        )}
      </p>
      <p>
        <code>{secret}</code>
      </p>
      <button type="button" className="button-secondary" onClick={onDone}>
        {t(lang, '已复制', 'Copied')}
      </button>
    </div>
  );
}

function EndpointForm({ onSaved, onCancel }: { onSaved: (secret: string) => void; onCancel: () => void }) {
  const lang = useLang();
  const [url, setUrl] = useState('https://');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<EventType[]>([]);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const made = await call(api.webhooks.endpoints.$post({ json: { url, description, eventTypes: types } }));
      onSaved(made.secret);
    } catch (e) {
      setError(e);
    }
  };
  const toggle = (type: EventType) =>
    setTypes((now) => (now.includes(type) ? now.filter((x) => x !== type) : [...now, type]));
  return (
    <form onSubmit={submit} className="stack" data-testid="webhook-form">
      <label>
        {t(lang, '接收地址（以 https:// 开头）', 'Address (https://…)')}
        <input type="url" required value={url} onChange={(e) => setUrl(e.target.value)} />
      </label>
      <label>
        {t(lang, '说明', 'Description')}
        <input value={description} maxLength={200} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <fieldset>
        <legend>{t(lang, '推送的事件', 'Events to send')}</legend>
        {EVENT_TYPES.map((type) => (
          <label key={type} className="checkbox">
            <input type="checkbox" checked={types.includes(type)} onChange={() => toggle(type)} />
            {t(lang, ...EVENT_WORDS[type])}
            {lang === 'en' && <span className="muted"> {type}</span>}
          </label>
        ))}
      </fieldset>
      <ErrorNote error={error} />
      <div className="form-actions">
        <button type="submit" disabled={types.length === 0}>
          {t(lang, '保存', 'Save')}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t(lang, '取消', 'Cancel')}
        </button>
      </div>
    </form>
  );
}

/** Webhooks (decision 019): the office's endpoints (add, rotate the secret, disable) and the delivery log. */
export default function WebhooksPage() {
  const lang = useLang();
  const endpoints = useApi(() => api.webhooks.endpoints.$get(), []);
  const [adding, setAdding] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  if (!endpoints.data) return endpoints.error ? <ErrorNote error={endpoints.error} /> : <Loading />;

  const rotate = async (endpoint: Endpoint) => {
    const ask = t(
      lang,
      '生成新的签名密钥？旧密钥在24小时内仍同时签名，请在此期间更新接收方。',
      'Make a new signing secret? The old one keeps signing too for 24 hours: update the receiver within that time.',
    );
    if (!window.confirm(ask)) return;
    setError(null);
    try {
      const made = await call(api.webhooks.endpoints[':id'].rotate.$post({ param: { id: String(endpoint.id) } }));
      setSecret(made.secret);
      endpoints.reload();
    } catch (e) {
      setError(e);
    }
  };
  const setActive = async (endpoint: Endpoint, active: boolean) => {
    setError(null);
    try {
      await call(api.webhooks.endpoints[':id'].$patch({ param: { id: String(endpoint.id) }, json: { active } }));
      endpoints.reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <Card
        title={t(lang, `事件推送（${endpoints.data.length}）`, `Webhooks (${endpoints.data.length})`)}
        actions={
          <button type="button" className="button-secondary" onClick={() => setAdding(true)}>
            {t(lang, '新增接收地址', 'Add an endpoint')}
          </button>
        }
      >
        <p className="muted">
          {t(
            lang,
            '每次推送都带数字签名，失败会在5秒、5分钟、30分钟、2小时、5小时、10小时后重试。推送内容只有编号、名称、数量、状态和日期，不含任何评议票内容或可识别评议人的信息。',
            'Every delivery is signed (HMAC-SHA256) and retried after 5 s, 5 min, 30 min, 2 h, 5 h and 10 h. Payloads hold ids, names, counts, states and dates only: never ballot content or anything that could identify a rater.',
          )}
        </p>
        {secret && <SecretNote secret={secret} onDone={() => setSecret(null)} />}
        {adding && (
          <EndpointForm
            onSaved={(made) => {
              setAdding(false);
              setSecret(made);
              endpoints.reload();
            }}
            onCancel={() => setAdding(false)}
          />
        )}
        <ErrorNote error={error} />
        <div className="table-scroll">
          <table className="data" data-testid="webhook-endpoints">
            <thead>
              <tr>
                <th>{t(lang, '接收地址', 'Address')}</th>
                <th>{t(lang, '说明', 'Description')}</th>
                <th>{t(lang, '事件', 'Events')}</th>
                <th>{t(lang, '状态', 'State')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {endpoints.data.map((endpoint) => (
                <tr key={endpoint.id}>
                  <td>{endpoint.url}</td>
                  <td>{endpoint.description || '—'}</td>
                  <td>{endpoint.eventTypes.map((type) => t(lang, ...EVENT_WORDS[type])).join(t(lang, '、', ', '))}</td>
                  <td>
                    {endpoint.active ? t(lang, '启用', 'Active') : t(lang, '已停用', 'Disabled')}
                    {endpoint.previousSecretUntil && (
                      <div className="muted">
                        {t(lang, '旧密钥有效至 ', 'Old secret valid until ')}
                        {formatTime(endpoint.previousSecretUntil, lang)}
                      </div>
                    )}
                  </td>
                  <td className="nowrap">
                    <button type="button" className="link-button" onClick={() => void rotate(endpoint)}>
                      {t(lang, '更换密钥', 'Rotate secret')}
                    </button>{' '}
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => void setActive(endpoint, !endpoint.active)}
                    >
                      {endpoint.active ? t(lang, '停用', 'Disable') : t(lang, '启用', 'Enable')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <DeliveryLog />
    </>
  );
}
