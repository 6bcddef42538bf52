import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';
import { createElement } from 'react';

/** The client's top-level routes. Plain path patterns: few pages, and a router library costs bytes on phones. */
const ROUTES = [
  { name: 'respondOpen', pattern: /^\/r\/([^/]+)\/([^/]+)\/?$/, keys: ['campaign', 'unit'] },
  { name: 'respondCode', pattern: /^\/code(?:\/([A-Za-z0-9-]+))?\/?$/, keys: ['code'] },
  { name: 'liveResults', pattern: /^\/results\/(\d+)\/?$/, keys: ['id'] },
  { name: 'login', pattern: /^\/login\/?$/, keys: [] },
  { name: 'console', pattern: /^\/console(\/.*)?$/, keys: ['rest'] },
  { name: 'publication', pattern: /^\/p\/([^/]+)\/?$/, keys: ['slug'] },
  { name: 'followup', pattern: /^\/f\/([A-Za-z0-9-]+)\/?$/, keys: ['code'] },
  { name: 'ledger', pattern: /^\/ledger(?:\/(\d+))?\/?$/, keys: ['unitId'] },
  { name: 'weekly', pattern: /^\/weekly(?:\/(\d{4}-\d{2}-\d{2}))?\/?$/, keys: ['week'] },
  { name: 'home', pattern: /^\/?$/, keys: [] },
] as const;

export type Route =
  | { name: 'respondOpen'; params: { campaign: string; unit: string } }
  | { name: 'respondCode'; params: { code: string } }
  | { name: 'liveResults'; params: { id: string } }
  | { name: 'login'; params: Record<string, never> }
  | { name: 'console'; params: { rest: string } }
  | { name: 'publication'; params: { slug: string } }
  | { name: 'followup'; params: { code: string } }
  | { name: 'ledger'; params: { unitId: string } }
  | { name: 'weekly'; params: { week: string } }
  | { name: 'home'; params: Record<string, never> }
  | { name: 'notFound'; params: Record<string, never> };

export function matchRoute(path: string): Route {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    route.keys.forEach((key, index) => {
      params[key] = decodeURIComponent(match[index + 1] ?? '');
    });
    return { name: route.name, params } as Route;
  }
  return { name: 'notFound', params: {} };
}

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => listeners.forEach((listener) => listener()));

/** The current path; re-renders on navigate() and on the browser's back and forward buttons. */
export function usePath(): string {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => window.location.pathname + window.location.search,
  );
}

export function navigate(to: string, replace = false): void {
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  listeners.forEach((listener) => listener());
  window.scrollTo(0, 0);
}

/** An <a> that navigates inside the app without reloading (and still opens in a new tab when asked). */
export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  };
  return createElement('a', { href: to, onClick, className }, children);
}
