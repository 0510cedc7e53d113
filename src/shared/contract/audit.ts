import { ZDate, ZId, ZPageQuery, ZTimestamp } from './common.ts';
import { AUDIT_OPERATIONS, AUDIT_REVIEW_STATUSES } from './enums.ts';
import { z } from './zod.ts';

const ZRow = z.record(z.string(), z.unknown()).nullable();

/** One entry of a school's audit log (seed 003, 1.4). A null actor is the system: «система». */
export const ZAuditEntry = z.object({
  seq: z.number().int(),
  id: ZId,
  at: ZTimestamp,
  actor: z.object({ userId: ZId.nullable(), name: z.string(), roles: z.string().nullable() }),
  address: z.string().nullable(),
  entity: z.string(),
  entityId: z.string().nullable(),
  operation: z.enum(AUDIT_OPERATIONS),
  before: ZRow,
  after: ZRow,
  reason: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditQuery = ZPageQuery.extend({
  entity: z.string().trim().min(1).max(63, 'Не длиннее 63 символов').optional(),
  entityId: z.string().trim().min(1).max(200, 'Не длиннее 200 символов').optional(),
  actorUserId: ZId.optional(),
  from: ZTimestamp.optional(),
  to: ZTimestamp.optional(),
  /** The history of one lesson: its own row, its marks, attendance and homework, and the closures and reopenings that cover it. */
  lessonId: ZId.optional(),
  /** The history of one student: their marks, attendance, period marks and personal record. */
  studentId: ZId.optional(),
  /** The closure and reopenings of one period. */
  periodId: ZId.optional(),
});

/** Seed 003, 4.3: the moment the login was compromised; every change of it from then on is void. */
export const ZCompromiseCreate = z.object({
  since: ZTimestamp,
  note: z.string().trim().max(1000, 'Не длиннее 1000 символов').default(''),
});

export const ZAccountParams = z.object({ schoolId: ZId, userId: ZId });
export const ZReportEntryParams = z.object({
  schoolId: ZId,
  id: ZId,
  seq: z.coerce.number({ error: 'Номер записи журнала' }).int('Целое число').positive('Больше нуля').max(Number.MAX_SAFE_INTEGER),
});

export const ZCompromiseReport = z.object({
  id: ZId,
  userId: ZId,
  userName: z.string(),
  reportedBy: ZId,
  reportedAt: ZTimestamp,
  since: ZTimestamp,
  note: z.string(),
  /** How many of the account's changes are still void (under review), reverted, restored, confirmed. */
  entries: z.object({ void: z.number().int(), reverted: z.number().int(), restored: z.number().int(), confirmed: z.number().int() }),
});
export type CompromiseReport = z.infer<typeof ZCompromiseReport>;

/** A voided change and what the administrator decided about it. */
export const ZReviewedEntry = z.object({
  seq: z.number().int(),
  at: ZTimestamp,
  entity: z.string(),
  entityId: z.string().nullable(),
  operation: z.enum(AUDIT_OPERATIONS),
  before: ZRow,
  after: ZRow,
  status: z.enum(AUDIT_REVIEW_STATUSES),
  decidedBy: ZId.nullable(),
  decidedAt: ZTimestamp.nullable(),
  /** The audit entry the revert wrote. */
  revertSeq: z.number().int().nullable(),
  /**
   * When the change was voided in the journal itself (its row written back to the value from before
   * the compromise): then «restored» writes it back again, «confirmed» keeps the voiding. Null: the
   * change still stands (not a journal record, or changed since by someone else).
   */
  voidedAt: ZTimestamp.nullable(),
  /** The lesson a journal change belongs to (null for period marks and other records). */
  lessonId: ZId.nullable(),
});
export type ReviewedEntry = z.infer<typeof ZReviewedEntry>;

export const ZReportLesson = z.object({
  id: ZId, date: ZDate, lessonNumber: z.number().int(), subject: z.string(), group: z.string(),
});
export type ReportLesson = z.infer<typeof ZReportLesson>;

export const ZCompromiseReportDetail = ZCompromiseReport.extend({ changes: z.array(ZReviewedEntry), lessons: z.array(ZReportLesson) });
export type CompromiseReportDetail = z.infer<typeof ZCompromiseReportDetail>;

export const ZReportLessonParams = z.object({ schoolId: ZId, id: ZId, lessonId: ZId });
/** The decision on every change of one lesson still under review. */
export const ZLessonDecision = z.object({ lessonId: ZId, status: z.enum(AUDIT_REVIEW_STATUSES), seqs: z.array(z.number().int()) });
export const ZCompromiseCreated = ZCompromiseReport.extend({ endedSessions: z.number().int() });
