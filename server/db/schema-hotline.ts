import type { Generated } from 'kysely';

// The tables of the 12345 hand-off (migration 0017, docs/hotline-12345.md). Conventions as in schema.ts.

export const HOTLINE_STATUSES = ['accepted', 'in_progress', 'done', 'returned'] as const;
/** A 12345 ticket's status as the platform posts it: 受理 / 办理中 / 已办结 / 退回. */
export type HotlineStatus = (typeof HOTLINE_STATUSES)[number];

/** One status the hotline platform posted back for a handed-off problem. */
export interface HotlineUpdateTable {
  id: Generated<number>;
  visit_problem_id: number;
  /** The integration whose secret authenticated the post (null once it is gone). */
  integration_id: number | null;
  /** The platform's ticket number (工单编号). */
  ticket: string;
  status: HotlineStatus;
  reply: string | null;
  /** When the platform says it replied (ISO-8601 UTC), if it said. */
  replied_at: string | null;
  received_at: string;
}

/** The first export of a handed-off problem for the platform. */
export interface HotlineExportTable {
  visit_problem_id: number;
  exported_at: string;
  exported_by: number | null;
}

export interface HotlineTables {
  hotline_updates: HotlineUpdateTable;
  hotline_exports: HotlineExportTable;
}
