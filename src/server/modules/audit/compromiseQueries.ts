import { and, asc, desc, eq, getTableColumns, gte, lt, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import { auditEntries, auditReviews, compromiseReports } from '../../db/schema/audit.ts';
import { lessonOf, VOID_REASON } from './compromiseJournal.ts';

export const insertReport = async (db: Db, row: typeof compromiseReports.$inferInsert) =>
  (await db.insert(compromiseReports).values(row).returning())[0]!;

/**
 * Seed 003, 4.4: every entry the account wrote in this school from `since` on is void. Set-based;
 * an entry already voided by an earlier report stays with that report. The writes of a voiding
 * itself (in the reporter's name, who may be the account's owner) are the report's, not the
 * account's operations: a second report must not undo them.
 */
export async function voidEntriesOf(db: Db, schoolId: string, reportId: string, userId: string, since: Date) {
  const voided = await db.insert(auditReviews)
    .select(db.select({
      schoolId: auditEntries.schoolId,
      seq: auditEntries.seq,
      reportId: sql<string>`${reportId}::uuid`.as('report_id'),
      status: sql<string>`'void'`.as('status'),
      decidedBy: sql<null>`null::uuid`.as('decided_by'),
      decidedAt: sql<null>`null::timestamptz`.as('decided_at'),
      revertSeq: sql<null>`null::bigint`.as('revert_seq'),
      voidedAt: sql<null>`null::timestamptz`.as('voided_at'),
    }).from(auditEntries).where(and(
      eq(auditEntries.schoolId, schoolId), eq(auditEntries.actorUserId, userId), gte(auditEntries.at, since),
      sql`${auditEntries.reason} is distinct from ${VOID_REASON}`,
    )))
    .onConflictDoNothing()
    .returning({ seq: auditReviews.seq });
  return voided.length;
}

const counted = (status: string) =>
  sql<number>`(count(${auditReviews.seq}) filter (where ${auditReviews.status} = ${status}))::int`;

const reportsWithCounts = (db: Db) =>
  db.select({
    ...getTableColumns(compromiseReports),
    voidCount: counted('void'),
    revertedCount: counted('reverted'),
    restoredCount: counted('restored'),
    confirmedCount: counted('confirmed'),
  }).from(compromiseReports)
    .leftJoin(auditReviews, and(eq(auditReviews.schoolId, compromiseReports.schoolId), eq(auditReviews.reportId, compromiseReports.id)))
    .$dynamic();

export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>;

export async function findReport(db: Db, schoolId: string, id: string) {
  const rows = await reportsWithCounts(db)
    .where(and(eq(compromiseReports.schoolId, schoolId), eq(compromiseReports.id, id)))
    .groupBy(compromiseReports.schoolId, compromiseReports.id);
  return rows[0];
}

/** Newest first (ids are UUIDv7, ordered by time); `beforeId` is the cursor. */
export const listReports = (db: Db, schoolId: string, beforeId: string | undefined, limit: number) =>
  reportsWithCounts(db)
    .where(and(eq(compromiseReports.schoolId, schoolId), beforeId ? lt(compromiseReports.id, beforeId) : undefined))
    .groupBy(compromiseReports.schoolId, compromiseReports.id)
    .orderBy(desc(compromiseReports.id))
    .limit(limit + 1);

const reviewColumns = {
  seq: auditReviews.seq,
  status: auditReviews.status,
  decidedBy: auditReviews.decidedBy,
  decidedAt: auditReviews.decidedAt,
  revertSeq: auditReviews.revertSeq,
  voidedAt: auditReviews.voidedAt,
  lessonId: lessonOf,
  at: auditEntries.at,
  entity: auditEntries.entity,
  entityId: auditEntries.entityId,
  operation: auditEntries.operation,
  before: auditEntries.before,
  after: auditEntries.after,
};

const reviewsJoined = (db: Db) => db.select(reviewColumns).from(auditReviews)
  .innerJoin(auditEntries, and(eq(auditEntries.schoolId, auditReviews.schoolId), eq(auditEntries.seq, auditReviews.seq)))
  .$dynamic();

export type ReviewRow = Awaited<ReturnType<typeof reportChanges>>[number];

export const reportChanges = (db: Db, schoolId: string, reportId: string) =>
  reviewsJoined(db)
    .where(and(eq(auditReviews.schoolId, schoolId), eq(auditReviews.reportId, reportId)))
    .orderBy(asc(auditReviews.seq));

/** One voided change of a report, locked until the decision is written. */
export async function lockReview(db: Db, schoolId: string, reportId: string, seq: number) {
  const rows = await reviewsJoined(db)
    .where(and(eq(auditReviews.schoolId, schoolId), eq(auditReviews.reportId, reportId), eq(auditReviews.seq, seq)))
    .for('update', { of: auditReviews });
  return rows[0];
}

export const findChange = async (db: Db, schoolId: string, reportId: string, seq: number) =>
  (await reviewsJoined(db).where(and(eq(auditReviews.schoolId, schoolId), eq(auditReviews.reportId, reportId), eq(auditReviews.seq, seq))))[0];

export async function decide(db: Db, schoolId: string, seq: number, decision: {
  status: 'reverted' | 'confirmed'; decidedBy: string; decidedAt: Date; revertSeq: number | null;
}) {
  await db.update(auditReviews).set(decision).where(and(eq(auditReviews.schoolId, schoolId), eq(auditReviews.seq, seq)));
}

export type RevertOutcome = { outcome: 'reverted' | 'changed' | 'exists' | 'in_use' | 'unsupported' | 'missing'; revertSeq?: number };

/**
 * Replays the inverse of one logged change (klassny_audit_revert, migration `audit_log`). The audit
 * module writes other modules' tables only here, and only by putting back what its own log recorded
 * of them (before/after, captured by the database from those very rows): it adds no rule of theirs
 * and cannot write a value that was never there. The constraints still hold (a conflict refuses),
 * and the undo is itself captured by the triggers, attributed to the administrator.
 */
export async function revertEntry(db: Db, schoolId: string, seq: number): Promise<RevertOutcome> {
  const [row] = await queryRows<{ result: RevertOutcome | string }>(db, sql`select klassny_audit_revert(${schoolId}, ${seq}) as result`);
  const result = row!.result;
  return typeof result === 'string' ? (JSON.parse(result) as RevertOutcome) : result;
}
