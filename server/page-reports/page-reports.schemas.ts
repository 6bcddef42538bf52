import { z } from '@hono/zod-openapi';

/** What the boot script (client/boot/boot.js) reports: a phone below the floor, a modern build that failed. */
export const PAGE_REPORT_KINDS = ['too-old', 'modern-failed'] as const;
export type PageReportKind = (typeof PAGE_REPORT_KINDS)[number];

export function isPageReportKind(kind: string): kind is PageReportKind {
  return (PAGE_REPORT_KINDS as readonly string[]).includes(kind);
}

/** How many days the office's view covers, today (UTC) included. */
export const PAGE_REPORT_DAYS = 30;

export const PageReportParams = z.object({
  kind: z
    .string()
    .max(32)
    .openapi({ param: { in: 'path' }, example: 'too-old', description: `One of ${PAGE_REPORT_KINDS.join(', ')}` }),
});

export const PageReportQuery = z.object({
  campaign: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: "The slug of the QR page's campaign; an unknown one counts as no campaign" }),
});

export const PageReportsSchema = z
  .object({
    since: z.string().openapi({ description: 'First UTC day covered (YYYY-MM-DD)', example: '2026-11-02' }),
    until: z.string().openapi({ description: 'Last UTC day covered: today', example: '2026-12-01' }),
    kinds: z.array(
      z.object({
        kind: z.enum(PAGE_REPORT_KINDS),
        total: z.number().int().openapi({ description: 'Reports of this kind over the days covered' }),
        days: z
          .array(z.object({ day: z.string(), count: z.number().int() }))
          .openapi({ description: 'Days with at least one report, oldest first' }),
      }),
    ),
  })
  .openapi('PageReports');
