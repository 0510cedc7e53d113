import { and, asc, eq, gte, inArray, isNotNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { lessons } from '../../db/schema/timetable.ts';
import { attendance, attendanceTakings } from '../../db/schema/journal.ts';
import type { AttendanceRow } from './rows.ts';

export const findAttendance = async (db: Db, schoolId: string, lessonId: string, studentId: string) =>
  (await db.select().from(attendance)
    .where(and(eq(attendance.schoolId, schoolId), eq(attendance.lessonId, lessonId), eq(attendance.studentId, studentId))))[0];

export const attendanceOfLesson = (db: Db, schoolId: string, lessonId: string) =>
  db.select().from(attendance).where(and(eq(attendance.schoolId, schoolId), eq(attendance.lessonId, lessonId)))
    .orderBy(asc(attendance.studentId));

export const insertAttendance = async (db: Db, row: typeof attendance.$inferInsert) =>
  (await db.insert(attendance).values(row).returning())[0]!;

/** The next version of a cell, only if it is still the version the client saw (else undefined). */
export const updateAttendanceAtVersion = async (
  db: Db, schoolId: string, id: string, seen: number, patch: Pick<AttendanceRow, 'code' | 'reason' | 'recordedBy' | 'recordedAt'>,
) =>
  (await db.update(attendance)
    // A changed cell needs the class teacher's check again.
    .set({ ...patch, confirmedBy: null, confirmedAt: null, version: sql`${attendance.version} + 1` })
    .where(and(eq(attendance.schoolId, schoolId), eq(attendance.id, id), eq(attendance.version, seen))).returning())[0];

const withLesson = {
  row: attendance, date: lessons.date, lessonNumber: lessons.lessonNumber, groupId: lessons.groupId, subjectId: lessons.subjectId,
};
const joinLesson = and(eq(lessons.schoolId, attendance.schoolId), eq(lessons.id, attendance.lessonId));
const flatten = (rows: { row: AttendanceRow; date: string; lessonNumber: number; groupId: string; subjectId: string }[]) =>
  rows.map(({ row, ...lesson }) => ({ ...row, ...lesson }));
export type AbsenceRow = ReturnType<typeof flatten>[number];

/** The absences (a code set) of these students in lessons dated from–to, any subject. */
export async function absencesOf(db: Db, schoolId: string, studentIds: string[], from: string, to: string): Promise<AbsenceRow[]> {
  if (studentIds.length === 0) return [];
  return flatten(await db.select(withLesson).from(attendance).innerJoin(lessons, joinLesson).where(and(
    eq(attendance.schoolId, schoolId), inArray(attendance.studentId, studentIds), isNotNull(attendance.code),
    gte(lessons.date, from), lte(lessons.date, to),
  )).orderBy(asc(lessons.date), asc(lessons.lessonNumber)));
}

export async function absencesByIds(db: Db, schoolId: string, ids: string[]): Promise<AbsenceRow[]> {
  return flatten(await db.select(withLesson).from(attendance).innerJoin(lessons, joinLesson)
    .where(and(eq(attendance.schoolId, schoolId), inArray(attendance.id, ids), isNotNull(attendance.code))));
}

/** The class teacher's confirmation, with a corrected reason where one is given: one statement. */
export function confirmAbsences(db: Db, schoolId: string, ids: string[], reasons: Record<string, string>, by: string, at: Date) {
  const corrected = Object.entries(reasons);
  const reason: SQL = corrected.length === 0 ? sql`${attendance.reason}`
    : sql`case ${attendance.id} ${sql.join(corrected.map(([id, r]) => sql`when ${id}::uuid then ${r}`), sql` `)} else ${attendance.reason} end`;
  return db.update(attendance)
    .set({ reason, confirmedBy: by, confirmedAt: at, version: sql`${attendance.version} + 1` })
    .where(and(eq(attendance.schoolId, schoolId), inArray(attendance.id, ids)))
    .returning();
}

/**
 * Seed 003, 2.5: attendance was taken in the lesson. The first taking stands (when and by whom the
 * lesson's attendance was taken); later entries change cells, not the taking. The row, new or kept.
 */
export async function recordTaking(db: Db, schoolId: string, lessonId: string, takenBy: string, takenAt: Date) {
  const [inserted] = await db.insert(attendanceTakings).values({ schoolId, lessonId, takenBy, takenAt }).onConflictDoNothing().returning();
  return inserted ?? (await db.select().from(attendanceTakings)
    .where(and(eq(attendanceTakings.schoolId, schoolId), eq(attendanceTakings.lessonId, lessonId))))[0]!;
}
