import { z } from '@hono/zod-openapi';
import { ENTERPRISE_SIZES, VILLAGE_KINDS } from '../db/schema-visits.ts';
import { DaySchema } from '../problems/problems.schemas.ts';
import { COVERAGE_GROUPINGS } from './coverage.service.ts';
import { UNVISITED_KINDS } from './unvisited.ts';

const PeriodQuery = {
  from: DaySchema.optional().openapi({ description: 'First day of the period (visits.visited_on), included' }),
  to: DaySchema.optional().openapi({ description: 'Last day of the period, included' }),
};

export const CoverageQuery = z.object({
  by: z.enum(COVERAGE_GROUPINGS).default('township'),
  ...PeriodQuery,
});

export const UnvisitedQuerySchema = z.object({
  kind: z.enum(UNVISITED_KINDS).default('enterprise'),
  township: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .optional()
    .openapi({ description: 'Only this township (a units row of level township)' }),
  ...PeriodQuery,
});

const NamedSchema = z.object({ id: z.number(), name: z.string() });
const Share = z
  .number()
  .nullable()
  .openapi({ description: 'visited ÷ total, four decimals; null when there is nothing to visit' });
const Counted = z.object({ total: z.number(), visited: z.number(), share: Share });

const FiguresShape = {
  enterprises: Counted.openapi({ description: 'Active enterprises, and those with at least one visit in the period' }),
  villages: Counted.openapi({
    description: 'Active villages and communities, and those visited as such (a village visit) in the period',
  }),
  households: Counted.openapi({
    description:
      "Households: the villages' totals; visited = per village, the unlisted visits' households_count (1 when empty) plus each listed household once, capped at the village's total",
  }),
  visits: z.number().openapi({ description: 'Visits counted for the row in the period' }),
  problems: z.object({
    heard: z.number(),
    solved: z.number().openapi({ description: '当场解决' }),
    explained: z.number().openapi({ description: '解释说明' }),
    transferred: z.number().openapi({ description: '转交责任单位' }),
    hotline: z.number().openapi({ description: '转12345' }),
  }),
  feedback: z.object({
    due: z.number().openapi({ description: 'Problems with a feedback deadline (反馈时限)' }),
    done: z.number().openapi({ description: 'Of those, the person was told the outcome' }),
    overdue: z.number().openapi({ description: 'Not told and today is past the deadline' }),
  }),
};

export const CoverageFiguresSchema = z.object(FiguresShape).openapi('VisitCoverageFigures');

export const CoverageRowSchema = z
  .object({
    id: z.number().openapi({ description: 'The township, village, team or unit' }),
    name: z.string(),
    township: NamedSchema.nullable().openapi({ description: "By village: the village's township" }),
    county: NamedSchema.nullable().openapi({
      description: "By township and village: the township's parent unit (county), for the roll-up",
    }),
    ...FiguresShape,
  })
  .openapi('VisitCoverageRow');

export const CoverageSchema = z
  .object({
    by: z.enum(COVERAGE_GROUPINGS),
    from: z.string().nullable(),
    to: z.string().nullable(),
    today: z.string().openapi({ description: 'The China day overdue feedback is counted on' }),
    rows: z.array(CoverageRowSchema),
    counties: z
      .array(z.object({ id: z.number(), name: z.string(), ...FiguresShape }))
      .openapi({ description: "By township: each county's subtotal of its township rows; otherwise empty" }),
    total: CoverageFiguresSchema,
  })
  .openapi('VisitCoverage');

export const UnvisitedSchema = z
  .object({
    kind: z.enum(UNVISITED_KINDS),
    from: z.string().nullable(),
    to: z.string().nullable(),
    township: NamedSchema.nullable(),
    rows: z.array(
      z.object({
        id: z.number(),
        county: NamedSchema.nullable(),
        township: NamedSchema,
        village: NamedSchema.nullable().openapi({ description: "The enterprise's village, or the village itself" }),
        name: z.string(),
        creditCode: z.string().nullable().openapi({ description: '统一社会信用代码 (enterprises)' }),
        size: z.enum(ENTERPRISE_SIZES).nullable(),
        industry: z.string().nullable(),
        address: z.string().nullable(),
        villageKind: z.enum(VILLAGE_KINDS).nullable(),
        households: z.number().nullable(),
      }),
    ),
  })
  .openapi('VisitUnvisited');
