import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { requireRole } from '../sessions/session.middleware.ts';
import {
  loadRectificationSettings,
  RectificationSettingsSchema,
  saveRectificationSettings,
  type RectificationSettings,
} from './rectification-settings.ts';
import { calendarKnowsYear, chinaDay } from './working-days.ts';

// The office's rectification settings: deadlines per source, inbox answer days, the weekly deadline and
// calendar corrections. Everyone signed in reads them (the console suggests deadlines); the office writes.

const SettingsViewSchema = z
  .object({
    settings: RectificationSettingsSchema,
    calendarWarnings: z.array(z.number()).openapi({
      description:
        'Years (this one and the next) whose official holidays the calendar package does not know: enter them as overrides',
    }),
  })
  .openapi('RectificationSettingsView');

const getRoute = createRoute({
  method: 'get',
  path: '/rectification/settings',
  tags: ['problems'],
  summary: 'The rectification settings, and the years the holiday calendar does not know yet',
  middleware: [requireRole('admin', 'leader', 'unit_staff')] as const,
  responses: {
    200: jsonResponse(SettingsViewSchema, 'The settings'),
    400: errorResponse('Never: there are no parameters'),
    401: errorResponse('Not signed in'),
    403: errorResponse('A session that must change its one-time password first'),
  },
});

const putRoute = createRoute({
  method: 'put',
  path: '/rectification/settings',
  tags: ['problems'],
  summary: 'Replaces the rectification settings (office only); they apply to deadlines suggested from now on',
  middleware: [requireRole('admin')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: RectificationSettingsSchema } } } },
  responses: { 200: jsonResponse(SettingsViewSchema, 'The settings now'), ...WRITE_ERRORS },
});

function view(settings: RectificationSettings, now: Date) {
  const year = Number(chinaDay(now).slice(0, 4));
  const known = (y: number) =>
    calendarKnowsYear(y) || settings.calendar.holidays.some((day) => day.startsWith(`${y}-`));
  return { settings, calendarWarnings: [year, year + 1].filter((y) => !known(y)) };
}

export function createRectificationSettingsRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(getRoute, async (c) => c.json(view(await loadRectificationSettings(deps.db), new Date()), 200))
    .openapi(putRoute, async (c) => {
      const settings = c.req.valid('json');
      await saveRectificationSettings(deps.db, settings);
      return c.json(view(settings, new Date()), 200);
    });
}
