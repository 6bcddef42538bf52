import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../app-deps.ts';
import { clientAddress, isHttps } from '../http/client-address.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, jsonResponse } from '../http/schemas.ts';
import { ProofOfWorkField } from '../limits/proof-of-work.ts';
import { changePassword, login, logout, logoutEverywhere } from './auth.service.ts';
import { DEVICE_COOKIE, DEVICE_DAYS } from './known-device.ts';
import { currentSession, requireSession, SESSION_COOKIE } from '../sessions/session.middleware.ts';

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
          schema: z
            .object({
              username: z.string().min(1).max(64),
              password: z.string().min(1).max(256),
              proofOfWork: ProofOfWorkField,
            })
            .strict(),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(MeSchema, 'Signed in'),
    401: errorResponse('Wrong user name or password, or an expired one-time password'),
    403: errorResponse('The account is disabled'),
    429: errorResponse('Many failures: solve the proof-of-work challenge in the answer and send again'),
  },
});

const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'The signed-in user',
  middleware: [requireSession] as const,
  responses: { 200: jsonResponse(MeSchema, 'The signed-in user'), 401: errorResponse('Not signed in') },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'Signs out this session',
  middleware: [requireSession] as const,
  responses: { 200: jsonResponse(Ok, 'Signed out'), 401: errorResponse('Not signed in') },
});

const logoutAllRoute = createRoute({
  method: 'post',
  path: '/auth/logout-everywhere',
  tags: ['auth'],
  summary: 'Signs out every session of this user on every device',
  middleware: [requireSession] as const,
  responses: { 200: jsonResponse(Ok, 'Signed out everywhere'), 401: errorResponse('Not signed in') },
});

const passwordRoute = createRoute({
  method: 'post',
  path: '/auth/password',
  tags: ['auth'],
  summary: 'Changes the password (needed after a one-time password); every other session of the account ends',
  middleware: [requireSession] as const,
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
  const trustProxy = deps.config.TRUST_PROXY;
  return createRouter()
    .openapi(loginRoute, async (c) => {
      const body = c.req.valid('json');
      const now = new Date();
      const request = { ...body, deviceCookie: getCookie(c, DEVICE_COOKIE) };
      const result = await login(deps, request, clientAddress(c, trustProxy), now);
      const secure = isHttps(c, trustProxy);
      setCookie(c, SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure,
        path: '/',
        expires: result.expiresAt,
      });
      setCookie(c, DEVICE_COOKIE, result.deviceCookie, {
        httpOnly: true,
        sameSite: 'Strict',
        secure,
        path: '/api/auth',
        maxAge: DEVICE_DAYS * 86400,
      });
      return c.json(result.user, 200);
    })
    .openapi(meRoute, (c) => {
      const { sessionId: _sessionId, ...me } = currentSession(c);
      return c.json(me, 200);
    })
    .openapi(logoutRoute, async (c) => {
      await logout(deps, currentSession(c).sessionId);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    })
    .openapi(logoutAllRoute, async (c) => {
      await logoutEverywhere(deps, currentSession(c).id);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    })
    .openapi(passwordRoute, async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json');
      await changePassword(deps, currentSession(c), currentPassword, newPassword);
      return c.json({ ok: true as const }, 200);
    });
}
