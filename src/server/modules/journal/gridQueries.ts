import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { lessons } from '../../db/schema/timetable.ts';
import { attendance, marks } from '../../db/schema/journal.ts';

export type GridSlice = { schoolId: string; groupId: string; subjectId: string; from: string; to: string };

const lessonsOf = (s: GridSlice) => and(
  eq(lessons.schoolId, s.schoolId), eq(lessons.groupId, s.groupId), eq(lessons.subjectId, s.subjectId),
  gte(lessons.date, s.from), lte(lessons.date, s.to),
);

/**
 * The cells of one journal page in three queries, whatever the number of lessons and students:
 * the lessons of the group's subject in the dates, their current marks, their attendance.
 */
export async function gridCells(db: Db, s: GridSlice) {
  const [lessonRows, markRows, attendanceRows] = await Promise.all([
    db.select({
      id: lessons.id, date: lessons.date, lessonNumber: lessons.lessonNumber, topic: lessons.topic, status: lessons.status,
      kind: lessons.kind, workTypeIds: lessons.workTypeIds, substituteStaffId: lessons.substituteStaffId,
    }).from(lessons).where(lessonsOf(s)).orderBy(asc(lessons.date), asc(lessons.lessonNumber), asc(lessons.id)),
    db.select({ mark: marks }).from(marks)
      .innerJoin(lessons, and(eq(lessons.schoolId, marks.schoolId), eq(lessons.id, marks.lessonId)))
      .where(and(lessonsOf(s), eq(marks.deleted, false)))
      .orderBy(asc(marks.createdAt), asc(marks.id)),
    db.select({ row: attendance }).from(attendance)
      .innerJoin(lessons, and(eq(lessons.schoolId, attendance.schoolId), eq(lessons.id, attendance.lessonId)))
      .where(lessonsOf(s)),
  ]);
  return { lessons: lessonRows, marks: markRows.map((r) => r.mark), attendance: attendanceRows.map((r) => r.row) };
}
