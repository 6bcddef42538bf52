import { lazy, Suspense, useEffect, useState } from 'react';
import type { RaterType } from '../../../scoring/rater-type.ts';
import { api, call, type ResponseOf } from '../shared/api.ts';
import { t, useLang } from '../shared/i18n.ts';
import { LangSwitch } from '../shared/LangSwitch.tsx';
import { Link, navigate } from '../shared/router.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { consolePageTitle } from './page-title.ts';
import { Card, ErrorNote, Loading } from './ui.tsx';
import { useApi } from './use-api.ts';
import { WeeklyReminderBanner } from './weekly/WeeklyReminderBanner.tsx';

const CampaignListPage = lazy(() => import('./CampaignListPage.tsx'));
const CampaignDetailPage = lazy(() => import('./campaign/CampaignDetailPage.tsx'));
const CampaignWizardPage = lazy(() => import('./wizard/CampaignWizardPage.tsx'));
const UnitsPage = lazy(() => import('./units/UnitsPage.tsx'));
const QuestionnairesPage = lazy(() => import('./questionnaires/QuestionnairesPage.tsx'));
const QuestionnaireEditorPage = lazy(() => import('./questionnaires/editor/QuestionnaireEditorPage.tsx'));
const UnitReportPage = lazy(() => import('./reports/UnitReportPage.tsx'));
const UsersPage = lazy(() => import('./users/UsersPage.tsx'));
const CategoriesPage = lazy(() => import('./categories/CategoriesPage.tsx'));
const ProblemsPage = lazy(() => import('./problems/ProblemsPage.tsx'));
const ProblemDetailPage = lazy(() => import('./problems/ProblemDetailPage.tsx'));
const RectificationDashboardPage = lazy(() => import('./problems/RectificationDashboardPage.tsx'));
const RectificationSettingsPage = lazy(() => import('./problems/RectificationSettingsPage.tsx'));
const InboxPage = lazy(() => import('./inbox/InboxPage.tsx'));
const WeeklyReportsPage = lazy(() => import('./weekly/WeeklyReportsPage.tsx'));
const WebhooksPage = lazy(() => import('./webhooks/WebhooksPage.tsx'));

function PasswordPage() {
  const lang = useLang();
  const [done, setDone] = useState(false);
  return (
    <Card title={t(lang, '修改密码', 'Change password')}>
      {done ? (
        <p className="notice notice-ok">{t(lang, '密码已修改。', 'The password has been changed.')}</p>
      ) : (
        <ChangePasswordForm required={false} onDone={() => setDone(true)} />
      )}
    </Card>
  );
}

function NotFoundNote() {
  const lang = useLang();
  return <p className="notice notice-warn">{t(lang, '没有这个页面。', 'There is no such page.')}</p>;
}

/** The signed-in user (GET /api/auth/me). */
export type Me = ResponseOf<typeof api.auth.me.$get>;

function page(path: string, me: Me) {
  let match: RegExpExecArray | null;
  // Unit staff read their own unit's report; the server refuses any other unit whatever the URL says.
  if ((match = /^\/reports\/([a-z0-9-]+)(?:\/(\d+))?$/.exec(path))) {
    const unitId = me.role === 'unit_staff' ? me.unitId : Number(match[2]);
    return unitId ? <UnitReportPage slug={match[1]!} unitId={unitId} /> : <NotFoundNote />;
  }
  if (path === '/password') return <PasswordPage />;
  // Rectification (issue 15): every role has a view; the server decides what each may see and do.
  if (path === '/problems') return <ProblemsPage me={me} />;
  if (path === '/problems/new') return <ProblemDetailPage id={null} />;
  if ((match = /^\/problems\/([1-9]\d*)$/.exec(path))) return <ProblemDetailPage id={Number(match[1])} />;
  if (path === '/inbox') return <InboxPage me={me} />;
  if ((match = /^\/weekly(?:\/(\d{4}-\d{2}-\d{2}))?$/.exec(path)))
    return <WeeklyReportsPage me={me} week={match[1] ?? null} />;
  if (path === '/rectification') return <RectificationDashboardPage />;
  if (me.role !== 'admin') return <CampaignListPage me={me} />;
  if (path === '/rectification/settings') return <RectificationSettingsPage />;
  if (path === '/users') return <UsersPage />;
  if (path === '/webhooks') return <WebhooksPage />;
  if (path === '/' || path === '') return <CampaignListPage me={me} />;
  if (path === '/campaigns/new') return <CampaignWizardPage />;
  if ((match = /^\/campaigns\/(\d+)\/edit$/.exec(path))) return <CampaignWizardPage campaignId={Number(match[1])} />;
  if ((match = /^\/campaigns\/(\d+)(?:\/(\w+))?$/.exec(path)))
    return <CampaignDetailPage campaignId={Number(match[1])} tab={match[2] ?? 'overview'} />;
  if (path === '/units') return <UnitsPage />;
  if (path === '/categories') return <CategoriesPage />;
  if (path === '/questionnaires') return <QuestionnairesPage />;
  if ((match = /^\/questionnaires\/([1-9]\d*)\/edit$/.exec(path)))
    return <QuestionnaireEditorPage id={Number(match[1])} />;
  if ((match = /^\/questionnaires\/new\/(superior|peer|recipient)(\/from-import)?$/.exec(path)))
    return <QuestionnaireEditorPage raterType={match[1] as RaterType} fromImport={match[2] !== undefined} />;
  return <NotFoundNote />;
}

/** The signed-in console: the office's workbench (and the results for leaders and unit staff). */
export default function ConsoleApp({ path }: { path: string }) {
  const lang = useLang();
  const me = useApi(() => api.auth.me.$get(), []);
  const { heading, windowTitle } = consolePageTitle(path, lang);
  useEffect(() => {
    document.title = windowTitle;
  }, [windowTitle]);
  if (me.error) return <ErrorNote error={me.error} />;
  if (!me.data) return <Loading />;
  const signOut = async (everywhere: boolean) => {
    await call(everywhere ? api.auth['logout-everywhere'].$post() : api.auth.logout.$post()).catch(() => undefined);
    navigate('/login', true);
  };
  if (me.data.mustChangePassword) {
    // A session on a one-time password may do nothing else (the server refuses it everything else too).
    return (
      <main className="login">
        <div className="login-box">
          <div className="login-head">
            <h1>{t(lang, '设置新密码', 'Set a new password')}</h1>
            <LangSwitch />
          </div>
          <ChangePasswordForm required onDone={me.reload} />
        </div>
      </main>
    );
  }
  const admin = me.data.role === 'admin';
  return (
    <div className="console">
      <header className="console-header">
        <Link to="/console" className="console-brand">
          {t(lang, '评议 · 工作台', 'Pingyi · console')}
        </Link>
        <nav className="console-nav">
          <Link to="/console">{t(lang, '评议活动', 'Campaigns')}</Link>
          <Link to="/console/problems">{t(lang, '整改台账', 'Ledger')}</Link>
          <Link to="/console/inbox">{t(lang, '问题反映', 'Inbox')}</Link>
          <Link to="/console/weekly">{t(lang, '每周报告', 'Weekly reports')}</Link>
          <Link to="/console/rectification">{t(lang, '整改统计', 'Rectification')}</Link>
          {admin && <Link to="/console/units">{t(lang, '单位管理', 'Units')}</Link>}
          {admin && <Link to="/console/categories">{t(lang, '单位类别', 'Categories')}</Link>}
          {admin && <Link to="/console/questionnaires">{t(lang, '问卷', 'Questionnaires')}</Link>}
          {admin && <Link to="/console/users">{t(lang, '账号', 'Accounts')}</Link>}
          {admin && <Link to="/console/webhooks">{t(lang, '事件推送', 'Webhooks')}</Link>}
        </nav>
        <div className="console-user">
          <span>{me.data.displayName}</span>
          <Link to="/console/password">{t(lang, '修改密码', 'Password')}</Link>
          <button type="button" className="link-button" onClick={() => signOut(false)}>
            {t(lang, '退出', 'Sign out')}
          </button>
          <button
            type="button"
            className="link-button"
            onClick={() => signOut(true)}
            title={t(lang, '注销此账号在所有设备上的登录', 'End every session of this account')}
          >
            {t(lang, '全部设备退出', 'Sign out everywhere')}
          </button>
          <LangSwitch />
        </div>
      </header>
      <main className="console-body">
        {/* Each page's one h1 for screen readers; the cards below carry the visible headings. */}
        <h1 className="sr-only">{heading}</h1>
        {me.data.role === 'unit_staff' && <WeeklyReminderBanner />}
        <Suspense fallback={<Loading />}>{page(path, me.data)}</Suspense>
      </main>
    </div>
  );
}
