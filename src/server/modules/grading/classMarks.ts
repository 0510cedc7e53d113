import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { periodMarks } from '../../db/schema/grading.ts';

/** The period marks of these students in one period, every subject (one query): for the class overview. */
export const periodMarksOfStudents = (db: Db, schoolId: string, periodId: string, studentIds: string[]) =>
  studentIds.length === 0 ? Promise.resolve([]) : db.select({
    studentId: periodMarks.studentId, subjectId: periodMarks.subjectId, value: periodMarks.value, updatedAt: periodMarks.updatedAt,
  }).from(periodMarks).where(and(
    eq(periodMarks.schoolId, schoolId), eq(periodMarks.periodId, periodId), inArray(periodMarks.studentId, studentIds),
  ));

/**
 * The year, exam and final marks (seed 002, 4.3.11) of these students in one year, every subject (one
 * query): for the сводная ведомость of a class.
 */
export const yearMarksOfStudents = (db: Db, schoolId: string, academicYearId: string, studentIds: string[]) =>
  studentIds.length === 0 ? Promise.resolve([]) : db.select({
    studentId: periodMarks.studentId, subjectId: periodMarks.subjectId, kind: periodMarks.kind, value: periodMarks.value, updatedAt: periodMarks.updatedAt,
  }).from(periodMarks).where(and(
    eq(periodMarks.schoolId, schoolId), eq(periodMarks.academicYearId, academicYearId), isNull(periodMarks.periodId),
    inArray(periodMarks.studentId, studentIds),
  ));
