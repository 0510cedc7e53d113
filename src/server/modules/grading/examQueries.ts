import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { examSubjects, periodMarks } from '../../db/schema/grading.ts';
import { teachingGroups } from '../../db/schema/structure.ts';
import type { MarkSlot } from './periodMarkQueries.ts';

/** The year, exam and final marks of a group's subject in a year (all three kinds, one query). */
export const yearKindMarks = (db: Db, schoolId: string, slot: MarkSlot, studentIds?: string[]) =>
  db.select().from(periodMarks).where(and(
    eq(periodMarks.schoolId, schoolId), eq(periodMarks.groupId, slot.groupId), eq(periodMarks.subjectId, slot.subjectId),
    eq(periodMarks.academicYearId, slot.academicYearId), isNull(periodMarks.periodId),
    studentIds ? inArray(periodMarks.studentId, studentIds) : undefined,
  ));

export const isExamSubject = async (db: Db, schoolId: string, groupId: string, subjectId: string) =>
  (await db.select({ groupId: examSubjects.groupId }).from(examSubjects).where(and(
    eq(examSubjects.schoolId, schoolId), eq(examSubjects.groupId, groupId), eq(examSubjects.subjectId, subjectId),
  ))).length > 0;

export const listExamSubjects = (db: Db, schoolId: string, filter: { academicYearId?: string; groupId?: string }) =>
  db.select({ groupId: examSubjects.groupId, subjectId: examSubjects.subjectId }).from(examSubjects)
    .innerJoin(teachingGroups, and(eq(teachingGroups.schoolId, examSubjects.schoolId), eq(teachingGroups.id, examSubjects.groupId)))
    .where(and(
      eq(examSubjects.schoolId, schoolId),
      filter.academicYearId ? eq(teachingGroups.academicYearId, filter.academicYearId) : undefined,
      filter.groupId ? eq(examSubjects.groupId, filter.groupId) : undefined,
    ))
    .orderBy(examSubjects.groupId, examSubjects.subjectId);

export const insertExamSubject = (db: Db, row: typeof examSubjects.$inferInsert) =>
  db.insert(examSubjects).values(row).onConflictDoNothing();

export const deleteExamSubject = (db: Db, schoolId: string, groupId: string, subjectId: string) =>
  db.delete(examSubjects).where(and(eq(examSubjects.schoolId, schoolId), eq(examSubjects.groupId, groupId), eq(examSubjects.subjectId, subjectId)));
