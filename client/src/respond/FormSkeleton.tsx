import { t, useLang } from '../shared/i18n.ts';
import type { ShellNames } from './respond-shell.ts';

/**
 * Grey question cards while the form library loads: the same markup as the server's shell
 * (server/http/respondent-shell.ts), so nothing moves when React takes the page over.
 */
export function FormSkeleton() {
  const lang = useLang();
  return (
    <div className="form-skeleton" role="status" data-testid="form-skeleton">
      <span className="sr-only">{t(lang, '正在加载问卷…', 'Loading the questionnaire…')}</span>
      {[0, 1, 2].map((card) => (
        <div key={card} className="form-skeleton-card" aria-hidden="true">
          <div className="form-skeleton-bar form-skeleton-title" />
          <div className="form-skeleton-bar" />
        </div>
      ))}
    </div>
  );
}

/** The server's shell drawn by React while the page's own code loads: the names, then the skeleton. */
export function RespondShell({ names }: { names: ShellNames | null }) {
  const lang = useLang();
  return (
    <main className="respond" aria-busy="true">
      <header className="respond-header">
        <div>
          <div className="respond-campaign">
            {names ? t(lang, names.campaign.name, names.campaign.nameEn) : t(lang, '评议', 'Pingyi')}
          </div>
          {names?.unit && <h1 className="respond-unit">{t(lang, names.unit.name, names.unit.nameEn)}</h1>}
        </div>
        <span className="lang-switch respond-switch-place" aria-hidden="true">
          {lang === 'zh' ? 'English' : '中文'}
        </span>
      </header>
      <FormSkeleton />
    </main>
  );
}
