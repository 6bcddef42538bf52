import { createRoute, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app-deps.ts';
import { createRouter } from '../http/router.ts';
import { errorResponse, IdParam, jsonResponse } from '../http/schemas.ts';
import { ATOM_TYPE, weeklyFeed } from './ledger-feed.ts';
import {
  LedgerOverviewSchema,
  UnitLedgerSchema,
  WeekListSchema,
  WeekParam,
  WeeklyDigestSchema,
} from './ledger.schemas.ts';
import { latestDigests, ledgerOverview, unitLedger, weeklyDigest, weekList } from './ledger.service.ts';

// The public ledger (整改台账) and 整改周周见, read without signing in (decision 017, "Visibility").

/** Public answers change only when a unit or the office acts: a minute in a cache is harmless. */
const PUBLIC_CACHE = 'public, max-age=60';
/** How many weeks the feed carries. */
const FEED_WEEKS = 26;

const bad = errorResponse('A path parameter breaks its schema');

const overviewRoute = createRoute({
  method: 'get',
  path: '/public/ledger',
  tags: ['public ledger'],
  summary: 'The units with public, filed problems and their figures (listed, in progress, closed, on time, overdue)',
  responses: { 200: jsonResponse(LedgerOverviewSchema, 'The units, in category and unit-tree order'), 400: bad },
});

const unitRoute = createRoute({
  method: 'get',
  path: '/public/ledger/units/{unitId}',
  tags: ['public ledger'],
  summary: "A unit's public, filed problems, each with its public history and evidence",
  request: { params: z.object({ unitId: IdParam }) },
  responses: {
    200: jsonResponse(UnitLedgerSchema, "The unit's ledger"),
    400: bad,
    404: errorResponse('No such unit'),
  },
});

const weeksRoute = createRoute({
  method: 'get',
  path: '/public/weekly',
  tags: ['public ledger'],
  summary: 'The weeks (their Mondays, China time) with public changes, newest first',
  responses: { 200: jsonResponse(WeekListSchema, 'The weeks'), 400: bad },
});

const digestRoute = createRoute({
  method: 'get',
  path: '/public/weekly/{week}',
  tags: ['public ledger'],
  summary: '整改周周见: every public change of a China week (Monday to Sunday), per unit, with the figures',
  request: { params: z.object({ week: WeekParam }) },
  responses: {
    200: jsonResponse(WeeklyDigestSchema, "The week's digest"),
    400: errorResponse('The week is not a Monday written YYYY-MM-DD'),
    422: errorResponse('The week has not begun yet (week_in_future)'),
  },
});

const feedRoute = createRoute({
  method: 'get',
  path: '/public/weekly.atom',
  tags: ['public ledger'],
  summary: 'An Atom feed (RFC 4287) of 整改周周见, one entry per week with public changes',
  responses: {
    200: { description: 'The feed', content: { [ATOM_TYPE]: { schema: z.string() } } },
    400: bad,
  },
});

export function createLedgerRoutes(deps: AppDeps) {
  const db = deps.readDb;
  return createRouter()
    .openapi(overviewRoute, async (c) => {
      c.header('cache-control', PUBLIC_CACHE);
      return c.json(await ledgerOverview(db, new Date()), 200);
    })
    .openapi(unitRoute, async (c) => {
      const body = await unitLedger(db, c.req.valid('param').unitId, new Date());
      c.header('cache-control', PUBLIC_CACHE);
      return c.json(body, 200);
    })
    .openapi(weeksRoute, async (c) => {
      c.header('cache-control', PUBLIC_CACHE);
      return c.json(await weekList(db, new Date()), 200);
    })
    .openapi(digestRoute, async (c) => {
      const body = await weeklyDigest(db, c.req.valid('param').week, new Date());
      c.header('cache-control', PUBLIC_CACHE);
      return c.json(body, 200);
    })
    .openapi(feedRoute, async (c) => {
      const publicUrl = deps.config.PUBLIC_URL;
      const xml = weeklyFeed(await latestDigests(db, FEED_WEEKS), {
        base: publicUrl ?? '',
        authority: publicUrl ? new URL(publicUrl).hostname : 'localhost',
        now: new Date(),
      });
      return c.body(xml, 200, { 'content-type': ATOM_TYPE, 'cache-control': PUBLIC_CACHE });
    });
}
