import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findUnitById } from '../catalog/catalog.repository.ts';
import { AppError, notFound } from '../errors.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { oneTimePassword } from './auth.service.ts';
import { hashPassword } from './password.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { deleteUserSessions } from '../sessions/sessions.repository.ts';
import { findUserByUsername, insertUser, setPassword } from './users.repository.ts';

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
  })
  .openapi('User');
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
    422: errorResponse('Unit staff without a unit, or a unit that does not exist'),
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

function userView(row: {
  id: number;
  username: string;
  display_name: string;
  role: 'admin' | 'leader' | 'unit_staff';
  unit_id: number | null;
  disabled: number;
  created_at: string;
}) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
  };
}

export function createUserRoutes({ db }: AppDeps) {
  return createRouter()
    .openapi(listRoute, async (c) => {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'role', 'unit_id', 'disabled', 'created_at'])
        .orderBy('id')
        .execute();
      return c.json({ users: rows.map(userView) }, 200);
    })
    .openapi(createUserRoute, async (c) => {
      const body = c.req.valid('json');
      if (body.role === 'unit_staff' && !body.unitId)
        throw new AppError(422, 'unit_required', 'Unit staff accounts need unitId: the unit whose report they read.');
      if (body.unitId && !(await findUnitById(db, body.unitId)))
        throw new AppError(422, 'unit_not_found', `There is no unit ${body.unitId}.`);
      if (await findUserByUsername(db, body.username))
        throw new AppError(409, 'username_taken', `The user name "${body.username}" is taken.`);
      const password = oneTimePassword();
      const created = await insertUser(db, {
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        unitId: body.role === 'unit_staff' ? (body.unitId ?? null) : null,
        passwordHash: await hashPassword(password),
        mustChangePassword: true,
        createdAt: new Date().toISOString(),
      });
      await recordAudit(db, {
        actorUserId: currentUser(c).id,
        action: 'create_user',
        entityType: 'user',
        entityId: created.id,
        detail: { role: body.role },
      });
      const row = await db
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'role', 'unit_id', 'disabled', 'created_at'])
        .where('id', '=', created.id)
        .executeTakeFirstOrThrow();
      return c.json({ user: userView(row), oneTimePassword: password }, 201);
    })
    .openapi(resetRoute, async (c) => {
      const { id } = c.req.valid('param');
      const user = await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst();
      if (!user) throw notFound(`User ${id}`);
      const password = oneTimePassword();
      await setPassword(db, id, await hashPassword(password), true);
      await deleteUserSessions(db, id);
      await recordAudit(db, {
        actorUserId: currentUser(c).id,
        action: 'reset_password',
        entityType: 'user',
        entityId: id,
      });
      return c.json({ oneTimePassword: password }, 200);
    });
}
