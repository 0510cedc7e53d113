import { and, asc, eq, gte, inArray, isNull, ne, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor } from '../../db/pagination.ts';
import { enrolments } from '../../db/schema/structure.ts';
import { classStayCovers } from '../../roster/classStays.ts';

export type EnrolmentRow = typeof enrolments.$inferSelect;
type Close = Pick<typeof enrolments.$inferInsert, 'endsOn' | 'endEvent' | 'endOrderNumber' | 'endOrderDate' | 'endReason'>;

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
    filter.on ? classStayCovers(filter.on) : undefined,
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
