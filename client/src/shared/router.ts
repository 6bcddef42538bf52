/** The client's routes. Plain path patterns: the app has few pages and a router library would cost bytes on phones. */
const ROUTES = [
  { name: 'respondOpen', pattern: /^\/r\/([^/]+)\/([^/]+)\/?$/, keys: ['campaign', 'unit'] },
  { name: 'respondCode', pattern: /^\/code(?:\/([A-Za-z0-9-]+))?\/?$/, keys: ['code'] },
  { name: 'liveResults', pattern: /^\/results\/(\d+)\/?$/, keys: ['id'] },
  { name: 'home', pattern: /^\/?$/, keys: [] },
] as const;

export type Route =
  | { name: 'respondOpen'; params: { campaign: string; unit: string } }
  | { name: 'respondCode'; params: { code: string } }
  | { name: 'liveResults'; params: { id: string } }
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
