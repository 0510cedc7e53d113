import { and, eq, gte, inArray, isNotNull, lte, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { attendance, marks } from '../../db/schema/journal.ts';
import { lessons } from '../../db/schema/timetable.ts';

export type OverviewSlice = { schoolId: string; studentIds: string[]; groupIds: string[]; from: string; to: string };

const inDates = (s: OverviewSlice) => and(eq(lessons.schoolId, s.schoolId), gte(lessons.date, s.from), lte(lessons.date, s.to));

/**
 * The cells of a class overview in three queries, whatever the number of students and subjects:
 * the lessons of the students' groups (for debts), the students' current marks with their lesson's
 * subject, and their attendance codes.
 */
export async function overviewCells(db: Db, s: OverviewSlice) {
  if (s.studentIds.length === 0) return { lessons: [], marks: [], attendance: [] };
  const [lessonRows, markRows, attendanceRows] = await Promise.all([
    s.groupIds.length === 0 ? Promise.resolve([]) : db.select({
      id: lessons.id, groupId: lessons.groupId, subjectId: lessons.subjectId, date: lessons.date, status: lessons.status, workTypeIds: lessons.workTypeIds,
    }).from(lessons).where(and(inDates(s), inArray(lessons.groupId, s.groupIds))),
    db.select({
      lessonId: marks.lessonId, studentId: marks.studentId, workTypeId: marks.workTypeId, value: marks.value, scale: marks.scale,
      weight: marks.weight, subjectId: lessons.subjectId,
    }).from(marks)
      .innerJoin(lessons, and(eq(lessons.schoolId, marks.schoolId), eq(lessons.id, marks.lessonId)))
      .where(and(inDates(s), eq(marks.schoolId, s.schoolId), inArray(marks.studentId, s.studentIds), eq(marks.deleted, false))),
    db.select({ lessonId: attendance.lessonId, studentId: attendance.studentId, code: attendance.code, subjectId: lessons.subjectId })
      .from(attendance)
      .innerJoin(lessons, and(eq(lessons.schoolId, attendance.schoolId), eq(lessons.id, attendance.lessonId)))
      .where(and(
        inDates(s), eq(attendance.schoolId, s.schoolId), inArray(attendance.studentId, s.studentIds), isNotNull(attendance.code),
        ne(lessons.status, 'cancelled'),
      )),
  ]);
  return { lessons: lessonRows, marks: markRows, attendance: attendanceRows };
}
