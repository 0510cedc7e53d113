import { and, count, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { MISSED_CODES } from '../../../shared/domain/attendance.ts';
import type { Db } from '../../db/client.ts';
import { lessons } from '../../db/schema/timetable.ts';
import { attendance, marks, workTypes } from '../../db/schema/journal.ts';

// Reads over the journal's own tables (marks, lessons, attendance) for the period-mark suggestion.
// They live here because the journal module had no such lookup when grading was written; they
// only read, and move to journal/service.ts once it offers them.

export type GroupSubjectRange = { groupId: string; subjectId: string; from: string; to: string; studentIds?: string[] };

const heldLessons = (schoolId: string, r: GroupSubjectRange) => and(
  eq(lessons.schoolId, schoolId), eq(lessons.groupId, r.groupId), eq(lessons.subjectId, r.subjectId),
  gte(lessons.date, r.from), lte(lessons.date, r.to), ne(lessons.status, 'cancelled'),
);

/**
 * The current (not deleted) marks of a group's subject given in lessons of the date range; `written`
 * when the work type is a written or control work (seed 001, 5.2).
 */
export const marksInRange = (db: Db, schoolId: string, r: GroupSubjectRange) =>
  db.select({
    studentId: marks.studentId, value: marks.value, scale: marks.scale, weight: marks.weight, workTypeId: marks.workTypeId,
    written: sql<boolean>`(${workTypes.isWritten} or ${workTypes.isControl})`,
  })
    .from(marks)
    .innerJoin(lessons, and(eq(lessons.schoolId, marks.schoolId), eq(lessons.id, marks.lessonId)))
    .innerJoin(workTypes, and(eq(workTypes.schoolId, marks.schoolId), eq(workTypes.id, marks.workTypeId)))
    .where(and(
      heldLessons(schoolId, r), eq(marks.deleted, false),
      r.studentIds ? inArray(marks.studentId, r.studentIds) : undefined,
    ));

/** How many lessons of a group's subject took place in the date range. */
export async function lessonCount(db: Db, schoolId: string, r: GroupSubjectRange): Promise<number> {
  const [row] = await db.select({ n: count() }).from(lessons).where(heldLessons(schoolId, r));
  return row?.n ?? 0;
}

/** Lessons missed per student (н, б, у; being late is not missing) in the date range. */
export const absenceCounts = (db: Db, schoolId: string, r: GroupSubjectRange) =>
  db.select({ studentId: attendance.studentId, n: count() })
    .from(attendance)
    .innerJoin(lessons, and(eq(lessons.schoolId, attendance.schoolId), eq(lessons.id, attendance.lessonId)))
    .where(and(
      heldLessons(schoolId, r), inArray(attendance.code, [...MISSED_CODES]),
      r.studentIds ? inArray(attendance.studentId, r.studentIds) : undefined,
    ))
    .groupBy(attendance.studentId);
