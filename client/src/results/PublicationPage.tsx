import { useEffect, useState } from 'react';
import { api, call } from '../shared/api.ts';
import { errorText } from '../shared/error-text.ts';
import { t, useLang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import { NoticeDocument, type Publication } from './notice/NoticeDocument.tsx';

/**
 * The public notice (通报) of a campaign's results, laid out as the office issues it and printing on A4
 * (styles.css, "Published notice"): figures above the anonymity thresholds only. The same version
 * downloads as a Word document to file and as an Excel workbook.
 */
export default function PublicationPage({ slug }: { slug: string }) {
  const lang = useLang();
  const [publication, setPublication] = useState<Publication | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call(api.publications[':slug'].$get({ param: { slug: encodeURIComponent(slug) } })).then(setPublication, setError);
  }, [slug]);

  if (error)
    return (
      <main className="page">
        <p className="notice notice-warn">{errorText(lang, error)}</p>
      </main>
    );
  if (!publication) return <p className="loading">{t(lang, '加载中…', 'Loading…')}</p>;
  const exportPath = `/api/publications/${encodeURIComponent(slug)}/versions/${publication.version}/export`;
  const published = new Date(publication.publishedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'long',
    timeStyle: 'short',
  });
  return (
    <main className="page publication">
      <nav className="notice-toolbar no-print" aria-label={t(lang, '通报操作', 'Notice actions')}>
        <button type="button" className="button-secondary" onClick={() => window.print()}>
          {t(lang, '打印', 'Print')}
        </button>
        <a className="button-secondary" href={`${exportPath}.docx`} download>
          {t(lang, '下载Word', 'Word')}
        </a>
        <a className="button-secondary" href={`${exportPath}.xlsx`} download>
          {t(lang, '下载Excel', 'Excel')}
        </a>
        <LangSwitch />
      </nav>
      <NoticeDocument publication={publication} />
      <footer className="muted small publication-footer">
        {t(
          lang,
          `第 ${publication.version} 版（共 ${publication.versions} 版），发布于 ${published}。内容校验码（SHA-256）：`,
          `Version ${publication.version} of ${publication.versions}, published ${published}. Content hash (SHA-256): `,
        )}
        <code>{publication.contentHash}</code>
      </footer>
    </main>
  );
}
