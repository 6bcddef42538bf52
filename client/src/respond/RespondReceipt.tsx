import type { ReactNode } from 'react';
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
}

/** The thank-you with the receipt number: right after sending, and again on this device after a reload. */
export function RespondReceipt({ receipt, submittedAt, children, sentLater = false }: RespondReceiptProps) {
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
      {children}
    </section>
  );
}
