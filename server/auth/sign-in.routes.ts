import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../app-deps.ts';
import { clientAddress, isHttps } from '../http/client-address.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, jsonResponse } from '../http/schemas.ts';
import { changePassword, login, logout, logoutEverywhere } from './auth.service.ts';
import { currentUser, requireRole, SESSION_COOKIE } from '../sessions/session.middleware.ts';

const MeSchema = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(['admin', 'leader', 'unit_staff']),
    unitId: z.number().nullable(),
    mustChangePassword: z.boolean(),
  })
  .openapi('Me');

const Ok = z.object({ ok: z.literal(true) });

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Signs in; sets an httpOnly session cookie kept server-side',
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(MeSchema, 'Signed in'),
    401: errorResponse('Wrong user name or password'),
    429: errorResponse('Too many attempts'),
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'The signed-in user',
  middleware: [requireRole()] as const,
  responses: { 200: jsonResponse(MeSchema, 'The signed-in user'), 401: errorResponse('Not signed in') },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'Signs out this session',
  middleware: [requireRole()] as const,
  responses: { 200: jsonResponse(Ok, 'Signed out'), 401: errorResponse('Not signed in') },
});

const logoutAllRoute = createRoute({
  method: 'post',
  path: '/auth/logout-everywhere',
  tags: ['auth'],
  summary: 'Signs out every session of this user on every device',
  middleware: [requireRole()] as const,
  responses: { 200: jsonResponse(Ok, 'Signed out everywhere'), 401: errorResponse('Not signed in') },
});

const passwordRoute = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['auth'],
  summary: 'Changes the password (needed after a one-time password)',
  middleware: [requireRole()] as const,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ currentPassword: z.string().max(256), newPassword: z.string().max(256) }).strict(),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(Ok, 'Changed'),
    400: errorResponse('The new password is too weak'),
    403: errorResponse('The current password is wrong'),
  },
});

export function createSignInRoutes(deps: AppDeps) {
  const trustProxy = deps.config.TRUST_PROXY === 'on';
  return createRouter()
    .openapi(loginRoute, async (c) => {
      const { username, password } = c.req.valid('json');
      const result = await login(deps, username, password, clientAddress(c, trustProxy), new Date());
      setCookie(c, SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isHttps(c, trustProxy),
        path: '/',
        expires: result.expiresAt,
      });
      return c.json(result.user, 200);
    })
    .openapi(meRoute, (c) => {
      const { sessionId: _sessionId, ...me } = currentUser(c);
      return c.json(me, 200);
    })
    .openapi(logoutRoute, async (c) => {
      await logout(deps, currentUser(c).sessionId);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    })
    .openapi(logoutAllRoute, async (c) => {
      await logoutEverywhere(deps, currentUser(c).id);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    })
    .openapi(passwordRoute, async (c) => {
      const user = currentUser(c);
      const { currentPassword, newPassword } = c.req.valid('json');
      await changePassword(deps, user.id, user.username, currentPassword, newPassword);
      return c.json({ ok: true as const }, 200);
    });
}
