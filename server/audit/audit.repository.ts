import type { Db } from '../db/database.ts';

export interface AuditEntry {
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  detail?: Record<string, unknown> | null;
}

/**
 * Appends to the audit log. Entries describe what an office user did; they never hold access codes,
 * ballot ids or anything that could join a ballot to its rater (decision 011).
 */
export async function recordAudit(db: Db, entry: AuditEntry, now: Date = new Date()): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now.toISOString(),
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
    })
    .execute();
}
