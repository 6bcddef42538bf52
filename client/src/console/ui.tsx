import type { ReactNode } from 'react';
import { errorText } from '../shared/error-text.ts';
import { t, useLang } from '../shared/i18n.ts';
import { STATUS_LABEL } from '../shared/labels.ts';

export function StatusBadge({ status }: { status: string }) {
  const lang = useLang();
  return <span className={`badge badge-${status}`}>{t(lang, ...(STATUS_LABEL[status] ?? [status, status]))}</span>;
}

export function ErrorNote({ error }: { error: unknown }) {
  const lang = useLang();
  if (!error) return null;
  return (
    <p className="notice notice-warn" role="alert">
      {errorText(lang, error)}
    </p>
  );
}

export function Loading() {
  const lang = useLang();
  return <p className="loading">{t(lang, '加载中…', 'Loading…')}</p>;
}

export function Card({ title, children, actions }: { title?: ReactNode; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="card">
      {(title || actions) && (
        <div className="card-head">
          {title && <h2>{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}

/**
 * An instant as China time, whatever the browser's zone: deadlines, weekly cut-offs and China days are
 * all counted there, and a timeline read abroad must agree with them.
 */
export function formatTime(iso: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Shanghai',
  });
}
