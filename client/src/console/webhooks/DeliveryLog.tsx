import { useState } from 'react';
import { api, call, type ResponseOf } from '../../shared/api.ts';
import { t, useLang } from '../../shared/i18n.ts';
import { Card, ErrorNote, formatTime, Loading } from '../ui.tsx';
import { useApi } from '../use-api.ts';
import { DELIVERY_STATUS_WORDS, EVENT_WORDS } from './webhook-words.ts';

type Delivery = ResponseOf<typeof api.webhooks.deliveries.$get>[number];
type Status = '' | 'pending' | 'succeeded' | 'failed';

function statusText(lang: 'zh' | 'en', status: string): string {
  return t(lang, ...(DELIVERY_STATUS_WORDS[status] ?? [status, status]));
}

function eventText(lang: 'zh' | 'en', type: string): string {
  const words = (EVENT_WORDS as Record<string, readonly [string, string]>)[type];
  return words ? t(lang, ...words) : type;
}

/** One delivery's attempts: when, the answer, how long, the error excerpt. */
function Attempts({ id }: { id: number }) {
  const lang = useLang();
  const detail = useApi(() => api.webhooks.deliveries[':id'].$get({ param: { id: String(id) } }), [id]);
  if (!detail.data) return detail.error ? <ErrorNote error={detail.error} /> : <Loading />;
  return (
    <table className="data" data-testid="webhook-attempts">
      <thead>
        <tr>
          <th>{t(lang, '尝试时间', 'Attempted')}</th>
          <th>{t(lang, '响应', 'Answer')}</th>
          <th className="num">{t(lang, '耗时（毫秒）', 'Duration (ms)')}</th>
          <th>{t(lang, '错误摘要', 'Error excerpt')}</th>
        </tr>
      </thead>
      <tbody>
        {detail.data.attempts.map((attempt) => (
          <tr key={attempt.id}>
            <td>{formatTime(attempt.attemptedAt, lang)}</td>
            <td>{attempt.statusCode ?? t(lang, '无响应', 'No answer')}</td>
            <td className="num">{attempt.durationMs}</td>
            <td>{attempt.error ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The delivery log, newest first, filtered by status; a finished delivery can be sent again. */
export function DeliveryLog() {
  const lang = useLang();
  const [status, setStatus] = useState<Status>('');
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const deliveries = useApi(
    () => api.webhooks.deliveries.$get({ query: status ? { status, limit: '100' } : { limit: '100' } }),
    [status],
  );
  const replay = async (delivery: Delivery) => {
    setError(null);
    try {
      await call(api.webhooks.deliveries[':id'].replay.$post({ param: { id: String(delivery.id) } }));
      deliveries.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Card
      title={t(lang, '推送记录', 'Delivery log')}
      actions={
        <label>
          {t(lang, '状态 ', 'Status ')}
          <select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            <option value="">{t(lang, '全部', 'All')}</option>
            {(['pending', 'succeeded', 'failed'] as const).map((s) => (
              <option key={s} value={s}>
                {statusText(lang, s)}
              </option>
            ))}
          </select>
        </label>
      }
    >
      <ErrorNote error={error ?? deliveries.error} />
      {!deliveries.data ? (
        <Loading />
      ) : deliveries.data.length === 0 ? (
        <p className="muted">{t(lang, '暂无推送记录。', 'No deliveries yet.')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data" data-testid="webhook-deliveries">
            <thead>
              <tr>
                <th>{t(lang, '时间', 'Created')}</th>
                <th>{t(lang, '事件', 'Event')}</th>
                <th>{t(lang, '接收地址', 'Address')}</th>
                <th>{t(lang, '状态', 'Status')}</th>
                <th className="num">{t(lang, '尝试次数', 'Attempts')}</th>
                <th>{t(lang, '下次重试', 'Next attempt')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {deliveries.data.flatMap((delivery) => [
                <tr key={delivery.id}>
                  <td>{formatTime(delivery.createdAt, lang)}</td>
                  <td>{eventText(lang, delivery.eventType)}</td>
                  <td>{delivery.endpointUrl}</td>
                  <td>
                    {statusText(lang, delivery.status)}
                    {delivery.replayOf !== null && (
                      <div className="muted">
                        {t(lang, `重推自 #${delivery.replayOf}`, `Replay of #${delivery.replayOf}`)}
                      </div>
                    )}
                  </td>
                  <td className="num">{delivery.attempts}</td>
                  <td>{formatTime(delivery.nextAttemptAt, lang)}</td>
                  <td className="nowrap">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setOpen(open === delivery.id ? null : delivery.id)}
                    >
                      {open === delivery.id ? t(lang, '收起', 'Hide') : t(lang, '尝试记录', 'Attempts')}
                    </button>{' '}
                    {delivery.status !== 'pending' && (
                      <button type="button" className="link-button" onClick={() => void replay(delivery)}>
                        {t(lang, '重新推送', 'Replay')}
                      </button>
                    )}
                  </td>
                </tr>,
                open === delivery.id && (
                  <tr key={`${delivery.id}-attempts`}>
                    <td colSpan={7}>
                      <p className="muted">
                        {t(lang, '事件编号（接收方据此去重）：', 'Event id (receivers deduplicate by it): ')}
                        <code>{delivery.eventId}</code>
                      </p>
                      <Attempts id={delivery.id} />
                    </td>
                  </tr>
                ),
              ])}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
