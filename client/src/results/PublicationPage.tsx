import { useEffect, useState } from 'react';
import { api, call, type ResponseOf } from '../shared/api.ts';
import { errorText } from '../shared/error-text.ts';
import { t, useLang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import { RankingView } from './RankingView.tsx';

type Publication = ResponseOf<(typeof api.publications)[':slug']['$get']>;

/** The public notice (通报) of a campaign's results: print-friendly, figures above the anonymity thresholds only. */
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
  return (
    <main className="page publication">
      <header className="page-header">
        <h1>{t(lang, `关于${publication.campaign.name}结果的通报`, `Results of ${publication.campaign.nameEn}`)}</h1>
        <div className="no-print">
          <button type="button" className="button-secondary" onClick={() => window.print()}>
            {t(lang, '打印', 'Print')}
          </button>{' '}
          <a
            className="button-secondary"
            href={`/api/publications/${encodeURIComponent(slug)}/versions/${publication.version}/export.xlsx`}
          >
            {t(lang, '导出Excel', 'Excel')}
          </a>{' '}
          <LangSwitch />
        </div>
      </header>
      <p className="muted">
        {t(lang, `第 ${publication.version} 版 · 发布于 `, `Version ${publication.version} · published `)}
        {new Date(publication.publishedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}
      </p>
      <RankingView categories={publication.categories} units={publication.units} />
      <footer className="muted small publication-footer">
        {t(
          lang,
          '名次区间为考虑抽样误差后的可能名次范围；份数低于匿名保护下限的评议主体不显示得分。内容校验码（SHA-256）：',
          'Rank ranges allow for sampling error; rater groups under the anonymity minimum show no score. Content hash (SHA-256): ',
        )}
        <code>{publication.contentHash}</code>
      </footer>
    </main>
  );
}
