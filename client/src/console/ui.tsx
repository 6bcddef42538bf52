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

/** Previous / next through numbered pages; nothing when everything fits on one. */
export function Pager({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  const lang = useLang();
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t(lang, '翻页', 'Pages')}>
      <button type="button" className="button-secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t(lang, '上一页', 'Previous')}
      </button>
      <span>{t(lang, `第 ${page} / ${pages} 页`, `Page ${page} of ${pages}`)}</span>
      <button type="button" className="button-secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t(lang, '下一页', 'Next')}
      </button>
    </nav>
  );
}
