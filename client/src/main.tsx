import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { matchRoute } from './shared/router.ts';
import './styles.css';

// The respondent route is the one a phone on a weak network loads: everything else is lazy.
const RespondOpenPage = lazy(() => import('./respond/RespondOpenPage.tsx'));
const RespondCodePage = lazy(() => import('./respond/RespondCodePage.tsx'));
const HomePage = lazy(() => import('./home/HomePage.tsx'));
const LiveResultsPage = lazy(() => import('./results/LiveResultsPage.tsx'));
const NotFoundPage = lazy(() => import('./home/NotFoundPage.tsx'));

function App() {
  const route = matchRoute(window.location.pathname);
  return (
    <Suspense fallback={<div className="loading" aria-busy="true">加载中… Loading…</div>}>
      {route.name === 'respondOpen' && <RespondOpenPage campaign={route.params.campaign} unit={route.params.unit} />}
      {route.name === 'respondCode' && <RespondCodePage initialCode={route.params.code} />}
      {route.name === 'home' && <HomePage />}
      {route.name === 'liveResults' && <LiveResultsPage campaignId={Number(route.params.id)} />}
      {route.name === 'notFound' && <NotFoundPage />}
    </Suspense>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
