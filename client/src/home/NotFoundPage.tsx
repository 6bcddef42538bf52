import { t, useLang } from '../shared/i18n.ts';

export default function NotFoundPage() {
  const lang = useLang();
  return (
    <main className="page">
      <section className="notice notice-warn">
        <h2>{t(lang, '页面不存在', 'Page not found')}</h2>
        <p>
          <a href="/">{t(lang, '返回首页', 'Back to the home page')}</a>
        </p>
      </section>
    </main>
  );
}
