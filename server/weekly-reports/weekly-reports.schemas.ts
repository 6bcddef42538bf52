import { z } from '@hono/zod-openapi';
import { IdParam } from '../http/schemas.ts';
import { WeeklyFiguresSchema, WeeklySummarySchema } from './weekly-summary.ts';

// The contracts of the weekly reports' API: what the routes validate and the OpenAPI document shows.

export const WeekParam = z
  .string()
  .min(1)
  .max(20)
  .openapi({ param: { in: 'path' }, example: '2026-09-28', description: "The week's Monday, YYYY-MM-DD" });

export const WeekUnitParams = z.object({ week: WeekParam, unitId: IdParam });

/** 本周进展, 下周计划, 存在困难: each at most 4,000 characters (about two pages of the printed report). */
export const MAX_TEXT = 4000;

export const ReportTextsSchema = z
  .object({
    progress: z.string().max(MAX_TEXT),
    plan: z.string().max(MAX_TEXT),
    difficulties: z.string().max(MAX_TEXT),
  })
  .strict()
  .openapi('WeeklyReportTexts');

const DueSchema = z.object({
  day: z.string(),
  at: z.string().openapi({ description: 'The deadline as an ISO UTC instant' }),
  moved: z.boolean().openapi({ description: "The office's weekday is off that week: the deadline moved" }),
});

const UnitSchema = z.object({ id: z.number(), name: z.string(), nameEn: z.string() });

export const ReportStatusSchema = z
  .enum(['on_time', 'late', 'draft', 'missing'])
  .openapi({ description: 'Submitted by the deadline, submitted after it, saved as a draft, or nothing saved' });

const ReminderSchema = z.object({ sentAt: z.string(), channel: z.enum(['app', 'sms']) });

export const WeeklyReportSchema = z
  .object({
    week: z.string(),
    unit: UnitSchema,
    due: DueSchema,
    status: ReportStatusSchema,
    progress: z.string(),
    plan: z.string(),
    difficulties: z.string(),
    summary: WeeklySummarySchema,
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
    submittedAt: z.string().nullable(),
    submittedBy: z.string().nullable(),
    onBehalf: z.boolean(),
    canEdit: z.boolean(),
    reminders: z.array(ReminderSchema),
  })
  .openapi('WeeklyReport');

export const WeeklyOverviewSchema = z
  .object({
    week: z.string(),
    due: DueSchema,
    pastDue: z.boolean(),
    counts: z.object({
      units: z.number(),
      on_time: z.number(),
      late: z.number(),
      draft: z.number(),
      missing: z.number(),
    }),
    rows: z.array(
      z.object({
        unit: UnitSchema,
        status: ReportStatusSchema,
        submittedAt: z.string().nullable(),
        submittedBy: z.string().nullable(),
        onBehalf: z.boolean(),
        figures: WeeklyFiguresSchema.nullable(),
        reminders: z.number(),
        lastReminder: ReminderSchema.nullable(),
      }),
    ),
  })
  .openapi('WeeklyOverview');

export const ReminderRequestSchema = z
  .object({
    unitIds: z.array(IdParam).min(1).max(1000).optional().openapi({
      description: 'The units to remind; without it, every unit in scope that has not submitted',
    }),
    channel: z.enum(['app', 'sms']),
  })
  .strict()
  .openapi('WeeklyReminderRequest');

export const ReminderResultSchema = z.object({
  reminded: z.array(z.number()).openapi({ description: 'Units reminded (by SMS: at least one message went out)' }),
  skipped: z.array(z.number()).openapi({ description: 'Units that have submitted: not reminded' }),
  noPhone: z.array(z.number()).openapi({
    description: 'SMS: units none of whose enabled staff accounts has a phone on file: not reminded (empty in the app)',
  }),
  failed: z.array(z.number()).openapi({
    description: 'SMS: units with a phone on file to which no message went out (the gateway refused or failed)',
  }),
});

export const MyRemindersSchema = z.object({
  reminders: z.array(z.object({ week: z.string(), sentAt: z.string(), due: DueSchema })),
});

export const UnitHistorySchema = z.object({
  unit: UnitSchema,
  weeks: z.array(
    z.object({ week: z.string(), due: DueSchema, status: ReportStatusSchema, submittedAt: z.string().nullable() }),
  ),
});
