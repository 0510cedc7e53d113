import { and, asc, eq, gte, inArray, isNull, lte, ne, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor } from '../../db/pagination.ts';
import { enrolments } from '../../db/schema/structure.ts';

export type EnrolmentRow = typeof enrolments.$inferSelect;
type Close = Pick<typeof enrolments.$inferInsert, 'endsOn' | 'endEvent' | 'endOrderNumber' | 'endOrderDate' | 'endReason'>;

const covers = (on: string | SQL): SQL => and(lte(enrolments.startsOn, on), or(isNull(enrolments.endsOn), gte(enrolments.endsOn, on)))!;

/** Whether the student's stay in the class covers the date, as an SQL boolean over the caller's columns. */
export const enrolledOnSql = (at: { schoolId: SQL; classId: SQL; studentId: SQL; on: SQL }): SQL<boolean> =>
  sql<boolean>`exists (select 1 from ${enrolments} where ${and(
    eq(enrolments.schoolId, at.schoolId), eq(enrolments.classId, at.classId), eq(enrolments.studentId, at.studentId), covers(at.on),
  )})`;

/** Students whose stay in one of `classIds` covers the date `on`. */
export async function studentIdsEnrolled(db: Db, schoolId: string, classIds: string[], on: string): Promise<string[]> {
  if (classIds.length === 0) return [];
  const rows = await db.selectDistinct({ studentId: enrolments.studentId }).from(enrolments)
    .where(and(eq(enrolments.schoolId, schoolId), inArray(enrolments.classId, classIds), covers(on)));
  return rows.map((r) => r.studentId);
}

/** Every (class, student) pair that ever had a stay in one of `classIds`, whatever its dates. */
export async function classStudentPairs(db: Db, schoolId: string, classIds: string[]) {
  if (classIds.length === 0) return [];
  return db.selectDistinct({ classId: enrolments.classId, studentId: enrolments.studentId }).from(enrolments)
    .where(and(eq(enrolments.schoolId, schoolId), inArray(enrolments.classId, classIds)));
}

/** The stays in `classIds` that cover `on`. */
export async function staysOn(db: Db, schoolId: string, classIds: string[], on: string): Promise<EnrolmentRow[]> {
  if (classIds.length === 0) return [];
  return db.select().from(enrolments)
    .where(and(eq(enrolments.schoolId, schoolId), inArray(enrolments.classId, classIds), covers(on)))
    .orderBy(asc(enrolments.studentId), asc(enrolments.startsOn));
}

export const classHasEnrolments = async (db: Db, schoolId: string, classId: string) =>
  (await db.select({ id: enrolments.id }).from(enrolments)
    .where(and(eq(enrolments.schoolId, schoolId), eq(enrolments.classId, classId))).limit(1)).length > 0;

export const findEnrolment = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(enrolments).where(and(eq(enrolments.schoolId, schoolId), eq(enrolments.id, id))))[0];

export function listEnrolments(
  db: Db,
  schoolId: string,
  filter: { studentId?: string; classId?: string; on?: string; onlyStudentIds?: string[] },
  cursor: string | undefined,
  limit: number,
) {
  const conditions: (SQL | undefined)[] = [
    eq(enrolments.schoolId, schoolId),
    filter.onlyStudentIds ? inArray(enrolments.studentId, filter.onlyStudentIds) : undefined,
    filter.studentId ? eq(enrolments.studentId, filter.studentId) : undefined,
    filter.classId ? eq(enrolments.classId, filter.classId) : undefined,
    filter.on ? covers(filter.on) : undefined,
    afterCursor([enrolments.startsOn, enrolments.id], cursor),
  ];
  return db.select().from(enrolments).where(and(...conditions))
    .orderBy(asc(enrolments.startsOn), asc(enrolments.id)).limit(limit + 1);
}

/** Whether another stay of the student reaches `from` or later (a new stay is open-ended). */
export async function hasStayFrom(db: Db, schoolId: string, studentId: string, from: string, exceptId?: string) {
  const rows = await db.select({ id: enrolments.id }).from(enrolments).where(and(
    eq(enrolments.schoolId, schoolId), eq(enrolments.studentId, studentId),
    or(isNull(enrolments.endsOn), gte(enrolments.endsOn, from)),
    exceptId ? ne(enrolments.id, exceptId) : undefined,
  )).limit(1);
  return rows.length > 0;
}

export async function insertEnrolments(db: Db, rows: (typeof enrolments.$inferInsert)[]) {
  // One multi-row insert per thousand stays keeps a district-sized rollover within the parameter limit.
  for (let i = 0; i < rows.length; i += 1000) await db.insert(enrolments).values(rows.slice(i, i + 1000));
}

export const insertEnrolment = async (db: Db, row: typeof enrolments.$inferInsert) =>
  (await db.insert(enrolments).values(row).returning())[0]!;

export const closeEnrolment = async (db: Db, schoolId: string, id: string, close: Close) =>
  (await db.update(enrolments).set({ ...close, updatedAt: new Date() })
    .where(and(eq(enrolments.schoolId, schoolId), eq(enrolments.id, id))).returning())[0]!;

export async function closeEnrolments(db: Db, schoolId: string, ids: string[], close: Close) {
  if (ids.length === 0) return;
  await db.update(enrolments).set({ ...close, updatedAt: new Date() })
    .where(and(eq(enrolments.schoolId, schoolId), inArray(enrolments.id, ids)));
}

export async function openStaysIn(db: Db, schoolId: string, classIds: string[]) {
  if (classIds.length === 0) return [];
  return db.select().from(enrolments)
    .where(and(eq(enrolments.schoolId, schoolId), inArray(enrolments.classId, classIds), isNull(enrolments.endsOn)));
}

/** A value of a condition: bound, a column or expression, or a placeholder of a prepared statement. */
type Bound = string | SQLWrapper;

const inClassBetween = (schoolId: Bound, classId: Bound, from: Bound, to: Bound) => and(
  eq(enrolments.schoolId, schoolId), eq(enrolments.classId, classId),
  lte(enrolments.startsOn, to), or(isNull(enrolments.endsOn), gte(enrolments.endsOn, from)),
);

/** The stays in one class that overlap from–to: one lookup on enrolments_class_idx. */
export const staysInClassBetween = (db: Db, schoolId: string, classId: string, from: string, to: string) =>
  db.select({ studentId: enrolments.studentId, startsOn: enrolments.startsOn, endsOn: enrolments.endsOn }).from(enrolments)
    .where(inClassBetween(schoolId, classId, from, to));

/**
 * `staysInClassBetween` as a subquery (student_id, starts_on, ends_on), for a read that joins it in
 * its own statement; the values may be placeholders of a prepared statement.
 */
export const staysInClassBetweenSql = (schoolId: Bound, classId: Bound, from: Bound, to: Bound): SQL =>
  sql`select ${enrolments.studentId} as student_id, ${enrolments.startsOn} as starts_on, ${enrolments.endsOn} as ends_on
    from ${enrolments} where ${inClassBetween(schoolId, classId, from, to)}`;

/** Every stay of these students, in any class, with its dates. */
export async function staysOfStudents(db: Db, schoolId: string, studentIds: string[]): Promise<EnrolmentRow[]> {
  if (studentIds.length === 0) return [];
  return db.select().from(enrolments)
    .where(and(eq(enrolments.schoolId, schoolId), inArray(enrolments.studentId, studentIds)))
    .orderBy(asc(enrolments.studentId), asc(enrolments.startsOn));
}
