import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps } from '../app-deps.ts';
import { hmacHex } from '../crypto/hashing.ts';
import type { Db } from '../db/database.ts';
import { FIX_RATINGS, PROBLEM_STATES } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { clientAddress } from '../http/client-address.ts';
import { publicBaseUrl } from '../http/public-url.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse, WRITE_ERRORS } from '../http/schemas.ts';
import { hitRateCounter, peekRateCounter, type RateWindow } from '../limits/rate-counter.ts';
import { currentUser, requireRole } from '../sessions/session.middleware.ts';
import { followupSmsAvailable } from './followup-sms.ts';
import { createNamedFollowup, followupByCode, followupView, rateFix } from './followups.service.ts';

// The raiser's page (/f/{code}) reads and rates with the code alone; the office and the unit give a code to
// a raiser known by name. Wrong codes are counted per network (under a keyed hash): past FAILURES_PER_HOUR
// in the hour, that network is refused (429) before any look-up, so codes cannot be tried in bulk; a
// code's 59 bits leave nothing to find by guessing within any such budget.

const FAILURES: RateWindow = { seconds: 3600, max: 30 };
const FAILURE_SCOPE = 'followup-failures';

const CodeParams = z.object({
  code: z
    .string()
    .min(1)
    .max(40)
    .openapi({ param: { name: 'code', in: 'path' }, example: 'ABCD-EFGH-JKMN' }),
});

const TimelineEntry = z.object({
  day: z.string(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  note: z.string().nullable(),
  byRaiser: z.boolean(),
});

const FollowupSchema = z
  .object({
    code: z.string(),
    anonymous: z.boolean().openapi({ description: 'False for a raiser known by name: their rating is not anonymous' }),
    receivedOn: z.string(),
    unit: z.object({ name: z.string(), nameEn: z.string() }).nullable(),
    stage: z.enum(['waiting', 'explained', 'rejected', 'problem']),
    dueOn: z.string().nullable(),
    overdue: z.boolean(),
    answer: z.string().nullable(),
    answeredOn: z.string().nullable(),
    problem: z
      .object({
        title: z.string(),
        state: z.enum(PROBLEM_STATES),
        deadline: z.string().nullable(),
        overdue: z.boolean(),
        onLedger: z.boolean(),
        timeline: z.array(TimelineEntry),
        evidence: z.array(z.object({ id: z.string(), kind: z.enum(['photo', 'pdf']), url: z.string() })),
      })
      .nullable(),
    rating: z.object({ ratable: z.boolean(), round: z.number().int(), mine: z.enum(FIX_RATINGS).nullable() }),
  })
  .openapi('Followup');

const PUBLIC_ERRORS = {
  400: errorResponse('A parameter breaks the schema'),
  404: errorResponse('No follow-up has this code (followup_not_found)'),
  429: errorResponse('Too many wrong codes from this network in the hour'),
} as const;

const getRoute = createRoute({
  method: 'get',
  path: '/followups/{code}',
  tags: ['followups'],
  summary:
    "What the raiser may see with their code: the report's answer or the problem's public-facing status, and whether they can rate now",
  request: { params: CodeParams },
  responses: { 200: jsonResponse(FollowupSchema, 'The follow-up'), ...PUBLIC_ERRORS },
});

const RatingBody = z
  .object({
    rating: z.enum(FIX_RATINGS),
    comment: z.string().max(500).optional(),
  })
  .strict()
  .openapi('FixRatingInput');

const rateRoute = createRoute({
  method: 'post',
  path: '/followups/{code}/rating',
  tags: ['followups'],
  summary: 'Rates the claimed fix, once per claim; 不满意 (unsatisfied) reopens the problem for the office',
  request: { params: CodeParams, body: { required: true, content: { 'application/json': { schema: RatingBody } } } },
  responses: {
    200: jsonResponse(FollowupSchema, 'Rated: the follow-up as it is now'),
    409: errorResponse('Not claimed yet (followup_not_ratable), or already rated for this claim (fix_already_rated)'),
    ...PUBLIC_ERRORS,
  },
});

const NamedBody = z
  .object({ phone: z.string().min(1).max(40).openapi({ example: '13800138000' }) })
  .strict()
  .openapi('NamedFollowupInput');

const NamedSchema = z
  .object({
    sent: z.boolean().openapi({ description: 'The SMS with the link went out' }),
    smsAvailable: z.boolean().openapi({ description: 'A gateway with a follow-up template and PUBLIC_URL are set' }),
    code: z.string().nullable().openapi({ description: 'When no SMS went: the code, shown this once, to pass on' }),
    url: z.string().nullable(),
  })
  .openapi('NamedFollowup');

const namedRoute = createRoute({
  method: 'post',
  path: '/problems/{id}/followups',
  tags: ['followups'],
  summary:
    'Gives a raiser known by name (a visit, the 12345 hotline) a follow-up code by SMS, or answers with it once when no SMS can go; their rating is not anonymous',
  middleware: [requireRole('admin', 'unit_staff')] as const,
  request: {
    params: z.object({ id: IdParam }),
    body: { required: true, content: { 'application/json': { schema: NamedBody } } },
  },
  responses: {
    201: jsonResponse(NamedSchema, 'The follow-up was made'),
    404: errorResponse("No such problem (or another unit's, for unit staff)"),
    422: errorResponse('The phone number is not valid (invalid_phone)'),
    ...WRITE_ERRORS,
  },
});

const smsRoute = createRoute({
  method: 'get',
  path: '/followups-sms',
  tags: ['followups'],
  summary:
    'Whether follow-up SMS can be sent (a gateway, SMS_FOLLOWUP_TEMPLATE_ID and PUBLIC_URL), for the console to say so',
  middleware: [requireRole('admin', 'leader', 'unit_staff')] as const,
  responses: {
    200: jsonResponse(z.object({ available: z.boolean() }).openapi('FollowupSmsStatus'), 'Whether they can'),
    401: errorResponse('Not signed in'),
    403: errorResponse('A session that must change its one-time password first'),
  },
});

/** Refuses a network that has tried too many wrong codes this hour; the key is a keyed hash of its address. */
async function guarded<T>(deps: AppDeps, db: Db, address: string, now: Date, work: () => Promise<T>): Promise<T> {
  const key = hmacHex(deps.secret, `${FAILURE_SCOPE}:${address}`);
  if ((await peekRateCounter(db, FAILURE_SCOPE, key, FAILURES, now)) >= FAILURES.max) {
    throw new AppError(429, 'too_many_requests', 'Too many wrong codes from this network; try again in an hour.');
  }
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === 'followup_not_found') {
      await hitRateCounter(db, FAILURE_SCOPE, key, FAILURES, now);
    }
    throw error;
  }
}

/** The address a link handed on is made with: PUBLIC_URL (or localhost on one machine), else no link. */
function linkBase(deps: AppDeps, c: Context): string | null {
  try {
    return publicBaseUrl(deps.config, c);
  } catch {
    return null;
  }
}

export function createFollowupRoutes(deps: AppDeps) {
  const trustProxy = deps.config.TRUST_PROXY;
  return createRouter()
    .openapi(getRoute, async (c) => {
      const now = new Date();
      const { code } = c.req.valid('param');
      const view = await guarded(deps, deps.db, clientAddress(c, trustProxy), now, async () =>
        followupView(deps.db, await followupByCode(deps.db, code), now),
      );
      c.header('Cache-Control', 'no-store');
      c.header('Referrer-Policy', 'no-referrer');
      return c.json(view, 200);
    })
    .openapi(rateRoute, async (c) => {
      const now = new Date();
      const { code } = c.req.valid('param');
      const body = c.req.valid('json');
      const view = await guarded(deps, deps.db, clientAddress(c, trustProxy), now, () =>
        rateFix(deps, code, body, now),
      );
      c.header('Cache-Control', 'no-store');
      return c.json(view, 200);
    })
    .openapi(namedRoute, async (c) => {
      const now = new Date();
      const user = currentUser(c);
      const { id } = c.req.valid('param');
      const { phone } = c.req.valid('json');
      const baseUrl = linkBase(deps, c);
      const made = await createNamedFollowup(deps, user, id, phone, baseUrl, now);
      c.header('Cache-Control', 'no-store');
      return c.json(made, 201);
    })
    .openapi(smsRoute, (c) => c.json({ available: followupSmsAvailable(deps) }, 200));
}
