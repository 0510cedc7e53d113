import { and, desc, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditEntries } from '../../db/schema/audit.ts';

export type AuditEntryRow = typeof auditEntries.$inferSelect;

export type AuditFilter = { entity?: string; entityId?: string; actorUserId?: string; from?: string; to?: string };

/** A school's log, newest first: `beforeSeq` is the cursor (the last seq of the previous page). */
export function listEntries(db: Db, schoolId: string, filter: AuditFilter, beforeSeq: number | undefined, limit: number) {
  const conditions: (SQL | undefined)[] = [
    eq(auditEntries.schoolId, schoolId),
    filter.entity ? eq(auditEntries.entity, filter.entity) : undefined,
    filter.entityId ? eq(auditEntries.entityId, filter.entityId) : undefined,
    filter.actorUserId ? eq(auditEntries.actorUserId, filter.actorUserId) : undefined,
    filter.from ? gte(auditEntries.at, new Date(filter.from)) : undefined,
    filter.to ? lte(auditEntries.at, new Date(filter.to)) : undefined,
    beforeSeq !== undefined ? lt(auditEntries.seq, beforeSeq) : undefined,
  ];
  return db.select().from(auditEntries).where(and(...conditions)).orderBy(desc(auditEntries.seq)).limit(limit + 1);
}

/**
 * Hands a reason to the capture triggers for the rest of this transaction: every entry it writes
 * carries it (e.g. the revert of a compromised login's change).
 */
export const setAuditReason = (tx: Db, reason: string) =>
  tx.execute(sql`select set_config('klassny.reason', ${reason}, true)`);

/**
 * Bulk mode for the rest of this transaction: one summary entry per statement (table, operation,
 * row count) instead of one per row. For generated data only (the demo district), where a row-by-row
 * history would say nothing and cost minutes.
 */
export const useBulkAudit = (tx: Db) => tx.execute(sql`select set_config('klassny.audit_mode', 'bulk', true)`);
