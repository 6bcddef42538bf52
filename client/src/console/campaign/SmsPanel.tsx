import { useState, type FormEvent } from 'react';
import { api, call, type ResponseOf } from '../../shared/api.ts';
import { t, useLang, type Lang } from '../../shared/i18n.ts';
import { defaultBatchLabel } from '../../shared/labels.ts';
import { Card, ErrorNote } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import type { CampaignConfig } from './campaign-types.ts';

type SmsOutcome = ResponseOf<(typeof api.campaigns)[':id']['sms-invitations']['$post']>;

/** Pingyi's own reasons; anything else is the vendor's result code, shown as it came. */
const REASON: Record<string, [string, string]> = {
  timeout: ['短信网关未及时应答，可能未送达', 'The gateway did not answer in time; it may not have arrived'],
  network_error: ['无法连接短信网关', 'Could not reach the SMS gateway'],
  bad_response: ['短信网关的应答无法识别', 'The gateway answered something unreadable'],
  gateway_error: ['短信网关出错', 'The SMS gateway failed'],
};

/** What the commonest of Tencent Cloud's result codes mean, by their prefix; the code itself is shown too. */
const VENDOR_REASON: ReadonlyArray<[string, [string, string]]> = [
  [
    'LimitExceeded.PhoneNumber',
    ['该号码接收短信的次数已达上限，请稍后再发', 'this number has had its limit of texts; try later'],
  ],
  ['InvalidParameterValue.IncorrectPhoneNumber', ['号码有误', 'the number is wrong']],
  ['FailedOperation.InsufficientBalance', ['短信套餐余量不足', 'the SMS package has run out']],
  ['FailedOperation.PhoneNumberInBlacklist', ['该号码已退订短信', 'this number has opted out of texts']],
  [
    'UnauthorizedOperation',
    ['短信平台未授权此次发送，请检查网关配置', 'the gateway refused the credentials; check its settings'],
  ],
];

function reasonText(lang: Lang, reason: string): string {
  const known = REASON[reason];
  if (known) return t(lang, ...known);
  const meaning = VENDOR_REASON.find(([prefix]) => reason.startsWith(prefix))?.[1];
  return meaning
    ? t(lang, `${meaning[0]}（短信平台代码 ${reason}）`, `${meaning[1]} (gateway code ${reason})`)
    : t(lang, `短信平台返回代码 ${reason}`, `The gateway answered ${reason}`);
}

/**
 * Texts service recipients a one-time code each, bound to the unit that served them. Without a gateway
 * (SMS_PROVIDER) it says so and sends nothing; afterwards it shows what was not sent, and why.
 */
export function SmsPanel({ campaign, onSent }: { campaign: CampaignConfig; onSent: () => void }) {
  const lang = useLang();
  const deployment = useApi(() => api.deployment.$get(), []);
  const [unitId, setUnitId] = useState<number>(campaign.units[0]?.id ?? 0);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<SmsOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const phones = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const configured = Boolean(deployment.data?.smsGateway);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setOutcome(null);
    setSending(true);
    try {
      const answer = await call(
        api.campaigns[':id']['sms-invitations'].$post({
          param: { id: String(campaign.id) },
          json: { unitId, phones, label: defaultBatchLabel(lang, 'sms', new Date()) },
        }),
      );
      setOutcome(answer);
      setText('');
      onSent();
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <Card title={t(lang, '短信发送评议码', 'Text codes to service recipients')}>
      {deployment.data && !configured && (
        <p className="notice notice-warn" role="status">
          {t(
            lang,
            '未配置短信网关：短信不会发送。请在部署时设置 SMS_PROVIDER（见部署文档 docs/deploy.md）。',
            'No SMS gateway is configured: no text will be sent. Set SMS_PROVIDER when deploying (see docs/deploy.md).',
          )}
        </p>
      )}
      <form className="inline-form" onSubmit={send}>
        <label>
          {t(lang, '被评单位（办事单位）', 'Unit that served them')}
          <select value={unitId} onChange={(e) => setUnitId(Number(e.target.value))}>
            {campaign.units.map((u) => (
              <option key={u.id} value={u.id}>
                {t(lang, u.name, u.nameEn)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(lang, '手机号码（每行一个）', 'Phone numbers (one per line)')}
          <textarea
            rows={6}
            cols={22}
            value={text}
            placeholder="13800138000"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button
          className="button-primary"
          type="submit"
          disabled={!configured || sending || phones.length === 0 || phones.length > 1000}
        >
          {sending
            ? t(lang, '正在发送…', 'Sending…')
            : t(lang, `发送（${phones.length} 个号码）`, `Send (${phones.length} numbers)`)}
        </button>
      </form>
      <p className="muted">
        {t(
          lang,
          '每个号码收到一个只能用一次的评议码，只能评价所选单位。系统不保存手机号码；未发送成功的评议码立即作废。',
          'Each number gets a one-time code that rates the chosen unit only. Phone numbers are not stored; the codes of messages not sent are withdrawn at once.',
        )}
      </p>
      {outcome && (
        <div className={`notice ${outcome.notSent.length > 0 ? 'notice-warn' : 'notice-ok'}`} role="status">
          <strong>{t(lang, `已发送 ${outcome.sent} 条`, `Sent ${outcome.sent}`)}</strong>
          {outcome.notSent.length > 0 && (
            <>
              <p>
                {t(
                  lang,
                  `未发送 ${outcome.notSent.length} 条（其评议码已作废，可重新发送）：`,
                  `Not sent: ${outcome.notSent.length} (their codes are withdrawn; send again later):`,
                )}
              </p>
              <ul>
                {outcome.notSent.map((n, i) => (
                  <li key={i}>{t(lang, `${n.phone}：`, `${n.phone}: `) + reasonText(lang, n.reason)}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <ErrorNote error={error ?? deployment.error} />
    </Card>
  );
}
