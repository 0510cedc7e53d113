import { and, asc, eq, gte, inArray, isNull, lte, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { classes, enrolments } from '../db/schema/structure.ts';

// Who sits in which class on which dates: the stays (enrolments) with their dates. Each fact in its
// TypeScript form and, where a read answers it inside its own statement, its SQL form beside it,
// both built from the same condition.

export type ClassStayRow = typeof enrolments.$inferSelect;

/** A value of a condition: bound, a column or expression, or a placeholder of a prepared statement. */
type Bound = string | SQLWrapper;

/** Whether a stay covers the date `on`: the condition every roster of a date is built from. */
export const classStayCovers = (on: Bound): SQL => and(lte(enrolments.startsOn, on), or(isNull(enrolments.endsOn), gte(enrolments.endsOn, on)))!;

const inClassBetween = (schoolId: Bound, classId: Bound, from: Bound, to: Bound) => and(
  eq(enrolments.schoolId, schoolId), eq(enrolments.classId, classId),
  lte(enrolments.startsOn, to), or(isNull(enrolments.endsOn), gte(enrolments.endsOn, from)),
);

/** Students whose stay in one of `classIds` covers the date `on`. */
export async function studentIdsEnrolledOn(db: Db, schoolId: string, classIds: string[], on: string): Promise<string[]> {
  if (classIds.length === 0) return [];
  const rows = await db.selectDistinct({ studentId: enrolments.studentId }).from(enrolments)
    .where(and(eq(enrolments.schoolId, schoolId), inArray(enrolments.classId, classIds), classStayCovers(on)));
  return rows.map((r) => r.studentId);
}

/** Whether the student's stay in the class covers the date, as an SQL boolean over the caller's columns. */
export const enrolledOnSql = (at: { schoolId: SQL; classId: SQL; studentId: SQL; on: SQL }): SQL<boolean> =>
  sql<boolean>`exists (select 1 from ${enrolments} where ${and(
    eq(enrolments.schoolId, at.schoolId), eq(enrolments.classId, at.classId), eq(enrolments.studentId, at.studentId), classStayCovers(at.on),
  )})`;

/** The stays in `classIds` that cover `on`, whole rows. */
export async function classStaysOn(db: Db, schoolId: string, classIds: string[], on: string): Promise<ClassStayRow[]> {
  if (classIds.length === 0) return [];
  return db.select().from(enrolments)
    .where(and(eq(enrolments.schoolId, schoolId), inArray(enrolments.classId, classIds), classStayCovers(on)))
    .orderBy(asc(enrolments.studentId), asc(enrolments.startsOn));
}

/** The stays in one class that overlap the dates from–to: one lookup on enrolments_class_idx. */
export const classStaysBetween = (db: Db, schoolId: string, classId: string, from: string, to: string) =>
  db.select({ studentId: enrolments.studentId, startsOn: enrolments.startsOn, endsOn: enrolments.endsOn }).from(enrolments)
    .where(inClassBetween(schoolId, classId, from, to));

/**
 * `classStaysBetween` as a subquery (student_id, starts_on, ends_on), for a read that joins it in
 * its own statement; the values may be placeholders of a prepared statement.
 */
export const classStaysBetweenSql = (schoolId: Bound, classId: Bound, from: Bound, to: Bound): SQL =>
  sql`select ${enrolments.studentId} as student_id, ${enrolments.startsOn} as starts_on, ${enrolments.endsOn} as ends_on
    from ${enrolments} where ${inClassBetween(schoolId, classId, from, to)}`;

/** Every (class, student) pair that ever had a stay in one of `classIds`, whatever its dates. */
export async function classStudentPairs(db: Db, schoolId: string, classIds: string[]) {
  if (classIds.length === 0) return [];
  return db.selectDistinct({ classId: enrolments.classId, studentId: enrolments.studentId }).from(enrolments)
    .where(and(eq(enrolments.schoolId, schoolId), inArray(enrolments.classId, classIds)));
}

/** The class each student is in on a date, with its grade and letter («5А»). */
export const classesOn = (db: Db, schoolId: string, studentIds: string[], on: string) =>
  studentIds.length === 0 ? Promise.resolve([]) : db.select({ studentId: enrolments.studentId, classId: enrolments.classId, grade: classes.grade, letter: classes.letter })
    .from(enrolments)
    .innerJoin(classes, and(eq(classes.schoolId, enrolments.schoolId), eq(classes.id, enrolments.classId)))
    .where(and(eq(enrolments.schoolId, schoolId), inArray(enrolments.studentId, studentIds), classStayCovers(on)));

/** Whether anyone was ever enrolled in the class (such a class is history and stays). */
export const classHasStays = async (db: Db, schoolId: string, classId: string) =>
  (await db.select({ id: enrolments.id }).from(enrolments)
    .where(and(eq(enrolments.schoolId, schoolId), eq(enrolments.classId, classId))).limit(1)).length > 0;
