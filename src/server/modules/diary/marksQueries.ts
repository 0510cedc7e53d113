import { and, asc, between, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { MISSED_CODES } from '../../../shared/domain/attendance.ts';
import type { Db } from '../../db/client.ts';
import { lessons } from '../../db/schema/timetable.ts';
import { attendance } from '../../db/schema/journal.ts';
import { periodMarks } from '../../db/schema/grading.ts';
import { classes, enrolments, subjects } from '../../db/schema/structure.ts';
import { sitsInGroupOnSql, studentGroupIdsBetweenSql } from '../../roster/groupStays.ts';

// Reads over the grading tables for the diary (a read model, writes nothing; see weekQueries.ts).

/** The student's period and year marks of a year (and its exam and final marks, `kind`), with the subject's name. */
export const studentPeriodMarks = (db: Db, schoolId: string, studentId: string, academicYearId: string, periodId?: string) =>
  db.select({
    subjectId: periodMarks.subjectId,
    subjectName: subjects.name,
    periodId: periodMarks.periodId,
    kind: periodMarks.kind,
    value: periodMarks.value,
  }).from(periodMarks)
    .innerJoin(subjects, and(eq(subjects.schoolId, periodMarks.schoolId), eq(subjects.id, periodMarks.subjectId)))
    .where(and(
      eq(periodMarks.schoolId, schoolId),
      eq(periodMarks.studentId, studentId),
      eq(periodMarks.academicYearId, academicYearId),
      periodId ? eq(periodMarks.periodId, periodId) : undefined,
    ))
    .orderBy(asc(subjects.name), asc(periodMarks.subjectId));

/** Per subject: the student's lessons held in the range (not cancelled) and how many he missed (н, б, у). */
export const attendanceBySubject = (db: Db, schoolId: string, studentId: string, from: string, to: string) =>
  db.select({
    subjectId: lessons.subjectId,
    lessons: sql<number>`count(*)::int`,
    absences: sql<number>`count(${attendance.id}) filter (where ${inArray(attendance.code, [...MISSED_CODES])})::int`,
  }).from(lessons)
    .leftJoin(attendance, and(
      eq(attendance.schoolId, lessons.schoolId), eq(attendance.lessonId, lessons.id), eq(attendance.studentId, studentId),
    ))
    .where(and(
      eq(lessons.schoolId, schoolId),
      sql`${lessons.groupId} in ${studentGroupIdsBetweenSql(schoolId, studentId, from, to)}`,
      between(lessons.date, from, to),
      ne(lessons.status, 'cancelled'),
      sitsInGroupOnSql({ schoolId: sql`${schoolId}`, groupId: sql`${lessons.groupId}`, studentId: sql`${studentId}`, on: sql`${lessons.date}` }),
    ))
    .groupBy(lessons.subjectId);

/** The grade of the student's latest class in a year, if they were in one. */
export async function gradeInYear(db: Db, schoolId: string, studentId: string, academicYearId: string) {
  const rows = await db.select({ grade: classes.grade }).from(enrolments)
    .innerJoin(classes, and(eq(classes.schoolId, enrolments.schoolId), eq(classes.id, enrolments.classId)))
    .where(and(eq(enrolments.schoolId, schoolId), eq(enrolments.studentId, studentId), eq(classes.academicYearId, academicYearId)))
    .orderBy(desc(enrolments.startsOn)).limit(1);
  return rows[0]?.grade;
}
