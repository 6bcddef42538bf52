import { useState, type ReactNode } from 'react';
import { t, useLang, type Lang } from '../shared/i18n.ts';

/** A day and a time of day in the UI's language: "5月3日 14:05", "3 May, 14:05". */
export function shortMoment(lang: Lang, at: Date): string {
  return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    month: lang === 'zh' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

interface RespondReceiptProps {
  receipt: string;
  /** When it was sent, for a receipt kept on this device and shown again after a reload. */
  submittedAt?: string | null;
  /** What the person may do next (rate again, or when they may). */
  children?: ReactNode;
  /** The ballot had waited on this phone for the network and was sent by itself once it was back. */
  sentLater?: boolean;
  /**
   * With a problem report: its follow-up code, shown on this screen only (never kept on the device: a
   * reload shows the receipt without it), and whether an SMS will bring it too.
   */
  followup?: { code: string; sms: boolean } | null;
}

/** The follow-up code, big, with where to use it and a copy button (decision 017). */
function FollowupCode({ code, sms }: { code: string; sms: boolean }) {
  const lang = useLang();
  const [copied, setCopied] = useState(false);
  const url = `${location.origin}/f/${code}`;
  const copy = () => {
    void navigator.clipboard?.writeText(code).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <div className="followup-receipt" data-testid="followup-receipt">
      <p>
        {t(
          lang,
          '记下此查询码，可在下面的网址查看处理进展并评价整改：',
          'Note this follow-up code: at the address below you can see what is done about your report and rate the fix:',
        )}
      </p>
      <p className="receipt followup-code" data-testid="followup-code">
        {code}
      </p>
      <p className="followup-url">
        <a href={url}>{url}</a>
      </p>
      <button type="button" onClick={copy}>
        {copied ? t(lang, '已复制', 'Copied') : t(lang, '复制查询码', 'Copy the code')}
      </button>
      <p className="muted">
        {sms
          ? t(
              lang,
              '查询码还将通过短信发送到您留下的手机号（问题转交单位时发出）。',
              'The code will also come by SMS to the phone number you left (when the report reaches the unit).',
            )
          : t(
              lang,
              '查询码不会另行发送，也不会保存在本机：请截图或抄下。',
              'The code is not sent anywhere else nor kept on this phone: take a screenshot or write it down.',
            )}
      </p>
    </div>
  );
}

/** The thank-you with the receipt number: right after sending, and again on this device after a reload. */
export function RespondReceipt({
  receipt,
  submittedAt,
  children,
  sentLater = false,
  followup = null,
}: RespondReceiptProps) {
  const lang = useLang();
  return (
    <section className="notice notice-ok" data-testid="thank-you">
      <h2>
        {sentLater
          ? t(lang, '已发送，感谢您的评价！', 'Sent. Thank you for your rating!')
          : t(lang, '提交成功，感谢您的评价！', 'Thank you! Your rating was received.')}
      </h2>
      {sentLater && (
        <p data-testid="sent-later">
          {t(
            lang,
            '保存在本机等待发送的评价，已在网络恢复后自动发送并被接收。',
            'The rating that was waiting on this phone was sent automatically once the network was back, and it was received.',
          )}
        </p>
      )}
      {submittedAt && (
        <p className="muted" data-testid="receipt-time">
          {t(
            lang,
            `提交时间：${shortMoment(lang, new Date(submittedAt))}`,
            `Sent ${shortMoment(lang, new Date(submittedAt))}`,
          )}
        </p>
      )}
      <p>{t(lang, '您的评价回执号（可截图保存）：', 'Your receipt number (keep a screenshot if you like):')}</p>
      <p className="receipt" data-testid="receipt">
        {receipt}
      </p>
      <p className="muted">
        {t(
          lang,
          '评价为匿名，回执号不含您的任何个人信息。',
          'Your rating is anonymous; the receipt holds nothing about you.',
        )}
      </p>
      {followup && <FollowupCode code={followup.code} sms={followup.sms} />}
      {children}
    </section>
  );
}
