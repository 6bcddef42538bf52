import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
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

function App() {
  const path = usePath();
  const route = matchRoute(path.split('?')[0] ?? '/');
  return (
    <Suspense
      fallback={
        <div className="loading" aria-busy="true">
          加载中… Loading…
        </div>
      }
    >
      {route.name === 'respondOpen' && <RespondOpenPage campaign={route.params.campaign} unit={route.params.unit} />}
      {route.name === 'respondCode' && <RespondCodePage initialCode={route.params.code} />}
      {route.name === 'home' && <HomePage />}
      {route.name === 'liveResults' && <LiveResultsPage campaignId={Number(route.params.id)} />}
      {route.name === 'login' && <LoginPage />}
      {route.name === 'console' && <ConsoleApp path={route.params.rest || '/'} />}
      {route.name === 'publication' && <PublicationPage slug={route.params.slug} />}
      {route.name === 'notFound' && <NotFoundPage />}
    </Suspense>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
