import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { RespondShell } from './respond/FormSkeleton.tsx';
import { readRespondShell } from './respond/respond-shell.ts';
import { matchRoute, usePath } from './shared/router.ts';
import './styles.css';

// The respondent routes are what a phone on a weak network loads: everything else is a lazy chunk.
const RespondOpenPage = lazy(() => import('./respond/RespondOpenPage.tsx'));
const RespondCodePage = lazy(() => import('./respond/RespondCodePage.tsx'));
const HomePage = lazy(() => import('./home/HomePage.tsx'));
const LiveResultsPage = lazy(() => import('./results/LiveResultsPage.tsx'));
const LoginPage = lazy(() => import('./console/LoginPage.tsx'));
const ConsoleApp = lazy(() => import('./console/ConsoleApp.tsx'));
const PublicationPage = lazy(() => import('./results/PublicationPage.tsx'));
const NotFoundPage = lazy(() => import('./home/NotFoundPage.tsx'));
const FollowupPage = lazy(() => import('./followup/FollowupPage.tsx'));
const PublicLedgerPage = lazy(() => import('./ledger/PublicLedgerPage.tsx'));
const WeeklyDigestPage = lazy(() => import('./ledger/WeeklyDigestPage.tsx'));

function App() {
  const path = usePath();
  const route = matchRoute(path.split('?')[0] ?? '/');
  // A QR page keeps the shell the server drew (its names and a skeleton) until its own code is there.
  const fallback =
    route.name === 'respondOpen' ? (
      <RespondShell names={readRespondShell(route.params.campaign, route.params.unit)} />
    ) : (
      <div className="loading" aria-busy="true">
        加载中… Loading…
      </div>
    );
  return (
    <Suspense fallback={fallback}>
      {route.name === 'respondOpen' && <RespondOpenPage campaign={route.params.campaign} unit={route.params.unit} />}
      {route.name === 'respondCode' && <RespondCodePage initialCode={route.params.code} />}
      {route.name === 'home' && <HomePage />}
      {route.name === 'liveResults' && <LiveResultsPage campaignId={Number(route.params.id)} />}
      {route.name === 'login' && <LoginPage />}
      {route.name === 'console' && <ConsoleApp path={route.params.rest || '/'} />}
      {route.name === 'publication' && <PublicationPage slug={route.params.slug} />}
      {route.name === 'followup' && <FollowupPage code={route.params.code} />}
      {route.name === 'ledger' && (
        <PublicLedgerPage unitId={route.params.unitId ? Number(route.params.unitId) : null} />
      )}
      {route.name === 'weekly' && <WeeklyDigestPage week={route.params.week || null} />}
      {route.name === 'notFound' && <NotFoundPage />}
    </Suspense>
  );
}

// The boot script's fallback to the legacy build stops here (client/boot/boot.js).
window.__pingyiStarted = true;

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
