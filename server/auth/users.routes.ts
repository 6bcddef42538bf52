import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import {
  createAccount,
  listAccounts,
  resetAccountPassword,
  setAccountDisabled,
  setAccountPhone,
} from './users.service.ts';

const RoleSchema = z.enum(['admin', 'leader', 'unit_staff']);
const UserSchema = z
  .object({
    id: z.number(),
    username: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    unitId: z.number().nullable(),
    disabled: z.boolean(),
    createdAt: z.string(),
    phone: z.string().nullable().openapi({
      description: 'A mainland mobile for weekly-report reminders by SMS; only administrators see it',
      example: '13800138000',
    }),
  })
  .openapi('User');
/** Checked by the service (users.service.ts accountPhone): a refusal is 422 invalid_mobile, not 400. */
const PhoneInput = z.string().max(40).openapi({
  description: 'An 11-digit mainland mobile (spaces and dashes ignored); empty for none',
  example: '138 0013 8000',
});
const denied = { 401: errorResponse('Not signed in'), 403: errorResponse('Not an administrator') };

const listRoute = createRoute({
  method: 'get',
  path: '/users',
  tags: ['auth'],
  summary: 'Accounts: office administrators, leaders and unit staff',
  middleware: [requireRole('admin')] as const,
  responses: { 200: jsonResponse(z.object({ users: z.array(UserSchema) }), 'All accounts'), ...denied },
});

const createUserRoute = createRoute({
  method: 'post',
  path: '/users',
  tags: ['auth'],
  summary: 'Creates an account with a one-time password (shown once); unit staff need their unit',
  middleware: [requireRole('admin')] as const,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z
            .object({
              username: z
                .string()
                .regex(
                  /^[a-z0-9][a-z0-9._-]{1,39}$/,
                  'use 2–40 lower-case letters, digits, dots, hyphens or underscores',
                ),
              displayName: z.string().trim().min(1).max(100),
              role: RoleSchema,
              unitId: z.number().int().positive().max(2_147_483_647).optional(),
              phone: PhoneInput.optional(),
            })
            .strict(),
        },
      },
    },
  },
  responses: {
    201: jsonResponse(z.object({ user: UserSchema, oneTimePassword: z.string() }), 'Created'),
    400: errorResponse('Malformed request'),
    409: errorResponse('User name taken'),
    422: errorResponse('Unit staff without a unit, a unit that does not exist, or not a mobile (invalid_mobile)'),
    ...denied,
  },
});

const resetRoute = createRoute({
  method: 'post',
  path: '/users/{id}/reset-password',
  tags: ['auth'],
  summary: 'Gives an account a new one-time password and ends all of its sessions',
  middleware: [requireRole('admin')] as const,
  request: { params: z.object({ id: IdParam }) },
  responses: {
    200: jsonResponse(z.object({ oneTimePassword: z.string() }), 'Reset'),
    404: errorResponse('No such user'),
    ...denied,
  },
});

const editRoute = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags: ['auth'],
  summary: "Sets or clears an account's phone (weekly-report reminders by SMS)",
  middleware: [requireRole('admin')] as const,
  request: {
    params: z.object({ id: IdParam }),
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ phone: PhoneInput }).strict() } },
    },
  },
  responses: {
    200: jsonResponse(z.object({ user: UserSchema }), 'Saved'),
    400: errorResponse('Malformed request'),
    404: errorResponse('No such user'),
    422: errorResponse('Not a mainland mobile (invalid_mobile)'),
    ...denied,
  },
});

function accessRoute(action: 'disable' | 'enable') {
  return createRoute({
    method: 'post',
    path: `/users/{id}/${action}`,
    tags: ['auth'],
    summary:
      action === 'disable'
        ? 'Disables an account: it cannot sign in and its sessions end'
        : 'Enables a disabled account again',
    middleware: [requireRole('admin')] as const,
    request: { params: z.object({ id: IdParam }) },
    responses: {
      200: jsonResponse(z.object({ user: UserSchema }), 'Done'),
      404: errorResponse('No such user'),
      409: errorResponse('Your own account'),
      ...denied,
    },
  });
}

export function createUserRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => c.json({ users: await listAccounts(db) }, 200))
    .openapi(createUserRoute, async (c) => {
      const created = await createAccount(db, currentUser(c).id, c.req.valid('json'), new Date());
      return c.json(created, 201);
    })
    .openapi(editRoute, async (c) => {
      const user = await setAccountPhone(db, currentUser(c).id, c.req.valid('param').id, c.req.valid('json').phone);
      return c.json({ user }, 200);
    })
    .openapi(resetRoute, async (c) => {
      const oneTimePassword = await resetAccountPassword(db, currentUser(c).id, c.req.valid('param').id);
      return c.json({ oneTimePassword }, 200);
    })
    .openapi(accessRoute('disable'), async (c) => {
      const user = await setAccountDisabled(db, currentUser(c).id, c.req.valid('param').id, true);
      return c.json({ user }, 200);
    })
    .openapi(accessRoute('enable'), async (c) => {
      const user = await setAccountDisabled(db, currentUser(c).id, c.req.valid('param').id, false);
      return c.json({ user }, 200);
    });
}
