import type { ReactNode } from 'react';
import { errorText } from '../shared/error-text.ts';
import { t, useLang } from '../shared/i18n.ts';

export const STATUS_LABEL: Record<string, [string, string]> = {
  draft: ['筹备中', 'Draft'],
  open: ['进行中', 'Open'],
  closed: ['已结束', 'Closed'],
  published: ['已通报', 'Published'],
  archived: ['已归档', 'Archived'],
};

export const RATER_LABEL: Record<string, [string, string]> = {
  superior: ['上级领导评', 'Superiors'],
  peer: ['同级部门评', 'Peer units'],
  recipient: ['服务对象评', 'Service recipients'],
};

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

export function formatTime(iso: string | null | undefined, lang: 'zh' | 'en'): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
