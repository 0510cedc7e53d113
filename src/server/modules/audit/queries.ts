import { and, desc, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditEntries } from '../../db/schema/audit.ts';

export type AuditEntryRow = typeof auditEntries.$inferSelect;

export type AuditFilter = {
  entity?: string; entityId?: string; actorUserId?: string; from?: string; to?: string;
  lessonId?: string; studentId?: string; periodId?: string;
};

const e = auditEntries;
/** The row's own column, whether it was inserted, changed or deleted (the same expressions as the indexes). */
export const rowLessonId = sql`coalesce(${e.after} ->> 'lesson_id', ${e.before} ->> 'lesson_id')`;
export const rowStudentId = sql`coalesce(${e.after} ->> 'student_id', ${e.before} ->> 'student_id')`;
const rowField = (field: string) => sql`coalesce(${e.after}, ${e.before}) ->> ${field}`;

/**
 * One lesson's history: the lesson row, its marks, attendance and homework, the deputy's remarks on its flags, the closures of the
 * periods holding its date and the reopenings of its group that cover it (why a late edit was allowed).
 */
function ofLesson(schoolId: string, lessonId: string): SQL {
  return sql`(
    (${e.entity} = 'lessons' and ${e.entityId} = ${lessonId})
    or (${e.entity} in ('marks', 'attendance', 'attendance_takings', 'homework', 'control_remarks') and ${rowLessonId} = ${lessonId})
    or (${e.entity} = 'period_closures' and ${e.entityId} in (
      select p.id::text from lessons l
      join teaching_groups g on g.school_id = l.school_id and g.id = l.group_id
      left join classes c on c.school_id = g.school_id and c.id = g.class_id
      join periods p on p.school_id = l.school_id and p.academic_year_id = g.academic_year_id
        and l.date between p.starts_on and p.ends_on and (c.grade is null or c.grade between p.grade_from and p.grade_to)
      where l.school_id = ${schoolId} and l.id = ${lessonId}))
    or (${e.entity} = 'period_reopenings' and exists (
      select 1 from lessons l where l.school_id = ${schoolId} and l.id = ${lessonId}
        and l.group_id::text = ${rowField('group_id')}
        and (${rowField('subject_id')} is null or l.subject_id::text = ${rowField('subject_id')})
        and l.date between (${rowField('from_date')})::date and (${rowField('to_date')})::date))
  )`;
}

/** One student's history: marks, attendance, period marks, individual homework and the personal record. */
const ofStudent = (studentId: string): SQL => sql`(
  (${e.entity} in ('marks', 'attendance', 'period_marks', 'homework_students') and ${rowStudentId} = ${studentId})
  or (${e.entity} = 'students' and ${e.entityId} = ${studentId})
)`;

/** One period's closure and reopenings. */
const ofPeriod = (periodId: string): SQL => sql`(
  (${e.entity} = 'period_closures' and ${e.entityId} = ${periodId})
  or (${e.entity} = 'period_reopenings' and ${rowField('period_id')} = ${periodId})
)`;

/** A school's log, newest first: `beforeSeq` is the cursor (the last seq of the previous page). */
export function listEntries(db: Db, schoolId: string, filter: AuditFilter, beforeSeq: number | undefined, limit: number) {
  const conditions: (SQL | undefined)[] = [
    eq(auditEntries.schoolId, schoolId),
    filter.entity ? eq(auditEntries.entity, filter.entity) : undefined,
    filter.entityId ? eq(auditEntries.entityId, filter.entityId) : undefined,
    filter.actorUserId ? eq(auditEntries.actorUserId, filter.actorUserId) : undefined,
    filter.from ? gte(auditEntries.at, new Date(filter.from)) : undefined,
    filter.to ? lte(auditEntries.at, new Date(filter.to)) : undefined,
    filter.lessonId ? ofLesson(schoolId, filter.lessonId) : undefined,
    filter.studentId ? ofStudent(filter.studentId) : undefined,
    filter.periodId ? ofPeriod(filter.periodId) : undefined,
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
