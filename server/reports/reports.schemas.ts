import { z } from '@hono/zod-openapi';
import { LiveResultsSchema } from '../results/results-view.ts';
import { LedgerFiguresSchema } from '../problems/problems.schemas.ts';

const ItemLabelSchema = z.object({ item: z.string(), label: z.string(), labelEn: z.string().nullable() });

export const UnitReportSchema = z
  .object({
    campaign: z.object({ slug: z.string(), name: z.string(), nameEn: z.string() }),
    publication: z.object({ version: z.number(), publishedAt: z.string() }),
    category: z
      .object({ name: z.string(), nameEn: z.string(), ranked: z.boolean(), size: z.number() })
      .nullable()
      .openapi({ description: "The unit's category in the publication, with how many units it holds" }),
    unit: LiveResultsSchema.shape.units.element.openapi({ description: "The unit's published row" }),
    items: z.record(z.string(), z.array(ItemLabelSchema)).openapi({ description: 'The items of each rater type' }),
    comments: z
      .array(z.string())
      .nullable()
      .openapi({ description: "Recipients' comments, sorted by text; null while the group is below its minimum" }),
    badHabits: z
      .array(z.object({ key: z.string(), label: z.string(), labelEn: z.string(), count: z.number() }))
      .nullable(),
    previous: z
      .object({
        campaignName: z.string(),
        campaignNameEn: z.string(),
        composite: z.number().nullable(),
        rank: z.number().nullable(),
        grade: z.string().nullable(),
      })
      .nullable()
      .openapi({ description: 'The same unit in the previous published campaign' }),
    ledger: LedgerFiguresSchema.openapi({
      description:
        "The unit's rectification ledger now (all its problems, not only this campaign's): as /api/problems/stats",
    }),
  })
  .openapi('UnitReport');
