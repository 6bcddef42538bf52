import type { OpenAPIHono } from '@hono/zod-openapi';
import type { UserRole } from '../db/schema.ts';
import type { AppEnv } from './app-env.ts';

// The OpenAPI document, made in one place from every route's contract, with what the contracts leave to
// the app around them: a stable operationId for each operation, the session cookie and the office role as
// security schemes (read from each route's guard), the server, and the refusals that the app's own guards
// give before any handler runs (400, 401, 403, 413, 415), all in the one error shape.

type Document = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;
type PathItem = NonNullable<Document['paths']>[string];
type Operation = NonNullable<PathItem['get']>;

/** Who a route's guard lets through (requireRole and requireSession say so, server/sessions/). */
export interface RouteAccess {
  roles: readonly UserRole[] | 'any_session';
}

export interface OpenApiOptions {
  info: Document['info'];
  /** PUBLIC_URL when set; otherwise the document names its own origin. */
  publicUrl: string | undefined;
  sessionCookie: string;
  maxBodyBytes: number;
  /** The access a route handler (a guard among the route's middleware) demands, if it is a guard. */
  accessOf: (handler: unknown) => RouteAccess | undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
/** The evaluation office (评议办) is the admin role. */
const OFFICE_ROLE: UserRole = 'admin';
const ERROR_SCHEMA = '#/components/schemas/Error';
/** Where Hono keeps the handler it wrapped when a sub-app has its own error handler. */
const COMPOSED_HANDLER = '__COMPOSED_HANDLER';

/** The document for every route of `app`, built once all of them are mounted. */
export function buildOpenApiDocument(
  app: Pick<OpenAPIHono<AppEnv>, 'getOpenAPI31Document' | 'routes'>,
  options: OpenApiOptions,
): Document {
  const servers = [
    options.publicUrl
      ? { url: options.publicUrl, description: 'PUBLIC_URL' }
      : { url: '/', description: 'This server (every path starts with /api)' },
  ];
  const document = app.getOpenAPI31Document({ openapi: '3.1.0', info: options.info, servers });
  if (!document.components?.schemas?.['Error']) throw new Error('the Error schema is not in the OpenAPI document');
  // Routes may register schemes of their own (the integrations' Bearer secret); the session's are added here.
  document.components.securitySchemes = {
    ...document.components.securitySchemes,
    ...securitySchemes(options.sessionCookie),
  };
  const access = accessByRoute(app.routes, options.accessOf);
  const operationIds = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${path}`;
      operation.operationId ??= operationIdOf(method, path);
      const taken = operationIds.get(operation.operationId);
      if (taken) throw new Error(`${taken} and ${where} have the same operationId ${operation.operationId}`);
      operationIds.set(operation.operationId, where);
      const guard = access.get(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`);
      describeSecurity(operation, guard);
      addGuardResponses(operation, method, guard, options.maxBodyBytes);
    }
  }
  return document;
}

/** camelCase of the method and the path after /api, a parameter read as "by …": GET /api/units/{id} → getUnitsById. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api(?=\/|$)/, '')
    .split('/')
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      return param ? ['by', ...wordsOf(param[1]!)] : wordsOf(segment);
    });
  return [method.toLowerCase(), ...words.map((word) => word[0]!.toUpperCase() + word.slice(1))].join('');
}

const wordsOf = (text: string) => text.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');

function accessByRoute(
  routes: ReadonlyArray<{ method: string; path: string; handler: unknown }>,
  accessOf: OpenApiOptions['accessOf'],
): Map<string, RouteAccess> {
  const byRoute = new Map<string, RouteAccess>();
  for (const route of routes) {
    const handler = (route.handler as Record<string, unknown>)[COMPOSED_HANDLER] ?? route.handler;
    const access = accessOf(handler);
    if (access) byRoute.set(`${route.method} ${route.path}`, access);
  }
  return byRoute;
}

function securitySchemes(cookie: string) {
  const session = { type: 'apiKey', in: 'cookie', name: cookie } as const;
  return {
    session: {
      ...session,
      description: `The session cookie that POST /api/auth/login sets (HttpOnly, SameSite=Lax). An operation with this scheme admits a signed-in account whose role is in its x-pingyi-roles; one marked x-pingyi-any-session admits any session, even one whose one-time password must still be changed. A write sent with the cookie must be application/json and not cross-site.`,
    },
    officeSession: {
      ...session,
      description: `The same session cookie, of an account with the office role (${OFFICE_ROLE}: the evaluation office, 评议办), which sets up units, questionnaires and campaigns, issues access codes and publishes results. OpenAPI has no scheme for a role, so the role is named here and in each operation's x-pingyi-roles.`,
    },
  };
}

function describeSecurity(operation: Operation, guard: RouteAccess | undefined): void {
  if (!guard) {
    // A route that authenticates by itself (a Bearer secret) declares its own security.
    operation.security ??= [];
    return;
  }
  const roles = guard.roles === 'any_session' ? [] : guard.roles;
  const officeOnly = roles.length === 1 && roles[0] === OFFICE_ROLE;
  operation.security = [officeOnly ? { officeSession: [] } : { session: [] }];
  if (roles.length > 0) operation['x-pingyi-roles'] = [...roles];
  if (guard.roles === 'any_session') operation['x-pingyi-any-session'] = true;
}

/** The refusals the app gives around the handler: schema checks, the guards, the body limit, the JSON-only rule. */
function addGuardResponses(
  operation: Operation,
  method: (typeof METHODS)[number],
  guard: RouteAccess | undefined,
  maxBodyBytes: number,
): void {
  const write = !['get', 'head', 'options'].includes(method);
  const responses = (operation.responses ??= {});
  const add = (status: string, description: string) => {
    responses[status] ??= { description, content: { 'application/json': { schema: { $ref: ERROR_SCHEMA } } } };
  };
  // Every request is refused 400 for a Host header that makes no URL (server/http/request-guards.ts).
  if ((operation.parameters?.length ?? 0) > 0 || operation.requestBody)
    add(
      '400',
      'A parameter or the body breaks the schema (invalid_request), the body is not JSON (bad_request), or the Host header names no valid host (invalid_host)',
    );
  else add('400', 'The Host header names no valid host (invalid_host)');
  if (guard) add('401', 'Not signed in (unauthorized)');
  if (guard && guard.roles !== 'any_session')
    add(
      '403',
      'The account lacks the role (forbidden), its one-time password is not yet changed (password_change_required), or the request is cross-site (cross_site_request)',
    );
  else if (write) add('403', 'A write with the session cookie from another site (cross_site_request)');
  if (write) {
    add('413', `The body is larger than ${maxBodyBytes / 1024 / 1024} MB (payload_too_large)`);
    add(
      '415',
      'A write with a body, or with the session cookie, that is not application/json (unsupported_media_type)',
    );
  }
}
