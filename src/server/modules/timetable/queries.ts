import { and, asc, eq, exists, gt, gte, inArray, lte, ne, not, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor } from '../../db/pagination.ts';
import type { LessonReach } from '../../policy/lessons.ts';
import { lessons } from '../../db/schema/timetable.ts';
import { attendance, attendanceTakings, marks, workTypes } from '../../db/schema/journal.ts';
import { homework } from '../../db/schema/homework.ts';

export type LessonRow = typeof lessons.$inferSelect;
export type LessonInsert = typeof lessons.$inferInsert;

export const findLesson = async (db: Db, schoolId: string, id: string) =>
  (await db.select().from(lessons).where(and(eq(lessons.schoolId, schoolId), eq(lessons.id, id))))[0];

// The journal's entries hang off lessons: a lesson that holds any of them is never regenerated away.
const one = sql`1`;
const hasAttendance = (db: Db) => exists(db.select({ one }).from(attendance)
  .where(and(eq(attendance.schoolId, lessons.schoolId), eq(attendance.lessonId, lessons.id))));
/** Attendance was taken (seed 003, 2.5), even with everyone present. */
const attendanceTaken = (db: Db) => exists(db.select({ one }).from(attendanceTakings)
  .where(and(eq(attendanceTakings.schoolId, lessons.schoolId), eq(attendanceTakings.lessonId, lessons.id))));
const hasMarks = (db: Db) => exists(db.select({ one }).from(marks)
  .where(and(eq(marks.schoolId, lessons.schoolId), eq(marks.lessonId, lessons.id), eq(marks.deleted, false))));
const hasAnyMarks = (db: Db) => exists(db.select({ one }).from(marks)
  .where(and(eq(marks.schoolId, lessons.schoolId), eq(marks.lessonId, lessons.id))));
const hasHomework = (db: Db) => exists(db.select({ one }).from(homework)
  .where(and(eq(homework.schoolId, lessons.schoolId), or(eq(homework.lessonId, lessons.id), eq(homework.dueLessonId, lessons.id)))));

/** Never written to: as generated (version 1, no topic) and no attendance (nor its taking), marks or homework refer to it. */
const untouched = (db: Db): SQL => and(
  eq(lessons.version, 1), eq(lessons.topic, ''), not(hasAttendance(db)), not(attendanceTaken(db)), not(hasAnyMarks(db)), not(hasHomework(db)),
)!;

export type LessonFilter = { groupId?: string; staffId?: string; subjectId?: string; from?: string; to?: string };
/** A scoped reader: the groups whose journals he reads and the staff whose substitutions are his. */

export function reachCondition(reach: LessonReach | undefined): SQL | undefined {
  if (!reach) return undefined;
  const parts = [
    reach.groupIds.length > 0 ? inArray(lessons.groupId, reach.groupIds) : undefined,
    reach.staffIds.length > 0 ? inArray(lessons.substituteStaffId, reach.staffIds) : undefined,
  ].filter((p) => p !== undefined);
  return parts.length > 0 ? or(...parts) : sql`false`;
}

export const listLessons = (db: Db, schoolId: string, filter: LessonFilter, reach: LessonReach | undefined, cursor: string | undefined, limit: number) =>
  db.select().from(lessons)
    .where(and(
      eq(lessons.schoolId, schoolId),
      filter.groupId ? eq(lessons.groupId, filter.groupId) : undefined,
      filter.subjectId ? eq(lessons.subjectId, filter.subjectId) : undefined,
      filter.staffId ? or(eq(lessons.staffId, filter.staffId), eq(lessons.substituteStaffId, filter.staffId)) : undefined,
      filter.from ? gte(lessons.date, filter.from) : undefined,
      filter.to ? lte(lessons.date, filter.to) : undefined,
      reachCondition(reach),
      afterCursor([lessons.date, lessons.lessonNumber, lessons.id], cursor),
    ))
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber), asc(lessons.id))
    .limit(limit + 1);

/** Inserts generated lessons in batches; an occurrence that already has its row (slot, original date) is skipped. */
export async function insertLessons(db: Db, rows: LessonInsert[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    inserted += (await db.insert(lessons).values(rows.slice(i, i + 1000)).onConflictDoNothing().returning({ id: lessons.id })).length;
  }
  return inserted;
}

export const insertLesson = async (db: Db, row: LessonInsert) => (await db.insert(lessons).values(row).returning())[0]!;

/** Writes only when the row still has the version the client saw; undefined otherwise. */
export const updateLessonAt = async (db: Db, schoolId: string, id: string, version: number, patch: Partial<LessonInsert>) =>
  (await db.update(lessons).set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(lessons.schoolId, schoolId), eq(lessons.id, id), eq(lessons.version, version))).returning())[0];

/** A lesson (not cancelled) of the group, or taught by one of the staff, at that date and number. */
export async function lessonAt(
  db: Db, schoolId: string, at: { groupId: string; staffIds: string[]; date: string; lessonNumber: number }, exceptId?: string,
) {
  const rows = await db.select().from(lessons).where(and(
    eq(lessons.schoolId, schoolId), eq(lessons.date, at.date), eq(lessons.lessonNumber, at.lessonNumber), ne(lessons.status, 'cancelled'),
    or(
      eq(lessons.groupId, at.groupId),
      at.staffIds.length > 0 ? inArray(lessons.staffId, at.staffIds) : undefined,
      at.staffIds.length > 0 ? inArray(lessons.substituteStaffId, at.staffIds) : undefined,
    ),
    exceptId ? ne(lessons.id, exceptId) : undefined,
  )).orderBy(asc(lessons.id)).limit(1);
  return rows[0];
}

/** Whether the lesson holds marks (not deleted) or attendance. */
export async function lessonHasEntries(db: Db, schoolId: string, id: string): Promise<boolean> {
  const rows = await db.select({ one }).from(lessons)
    .where(and(eq(lessons.schoolId, schoolId), eq(lessons.id, id), or(hasMarks(db), hasAttendance(db))));
  return rows.length > 0;
}

/** Deletes the slot's untouched lessons dated after `after`; how many went. */
export async function deleteUntouchedAfter(db: Db, schoolId: string, slotId: string, after: string): Promise<number> {
  const rows = await db.delete(lessons)
    .where(and(eq(lessons.schoolId, schoolId), eq(lessons.slotId, slotId), gt(lessons.date, after), untouched(db)))
    .returning({ id: lessons.id });
  return rows.length;
}

/** The slot's lessons dated after `after` that something was written to. */
export const touchedAfter = (db: Db, schoolId: string, slotId: string, after: string) =>
  db.select({ id: lessons.id, date: lessons.date, lessonNumber: lessons.lessonNumber }).from(lessons)
    .where(and(eq(lessons.schoolId, schoolId), eq(lessons.slotId, slotId), gt(lessons.date, after), not(untouched(db))))
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber));

/** Lessons outlive their slot: they keep every field but the link. */
export const detachFromSlot = (db: Db, schoolId: string, slotId: string) =>
  db.update(lessons).set({ slotId: null }).where(and(eq(lessons.schoolId, schoolId), eq(lessons.slotId, slotId)));

/** A live homework was set in the lesson (not counting homework merely due at it). */
const hasHomeworkSet = (db: Db) => exists(db.select({ one }).from(homework)
  .where(and(eq(homework.schoolId, lessons.schoolId), eq(homework.lessonId, lessons.id), eq(homework.deleted, false))));

/** A teacher's lessons of one day, his own and those he substitutes, with whether attendance was taken and homework set. */
export const lessonsOfStaffOn = (db: Db, schoolId: string, staffIds: string[], date: string) =>
  db.select({ lesson: lessons, attendanceFilled: sql<boolean>`(${attendanceTaken(db)} or ${hasAttendance(db)})`, homeworkSet: sql<boolean>`${hasHomeworkSet(db)}` }).from(lessons)
    .where(and(
      eq(lessons.schoolId, schoolId), eq(lessons.date, date),
      or(inArray(lessons.staffId, staffIds), inArray(lessons.substituteStaffId, staffIds)),
    ))
    .orderBy(asc(lessons.lessonNumber), asc(lessons.id));

/** The group's next lessons of the same subject after this one (not cancelled), in order. */
export const nextLessonsOf = (db: Db, l: Pick<LessonRow, 'schoolId' | 'groupId' | 'subjectId' | 'date' | 'lessonNumber'>, limit: number) =>
  db.select({ id: lessons.id, date: lessons.date, lessonNumber: lessons.lessonNumber }).from(lessons)
    .where(and(
      eq(lessons.schoolId, l.schoolId), eq(lessons.groupId, l.groupId), eq(lessons.subjectId, l.subjectId), ne(lessons.status, 'cancelled'),
      or(gt(lessons.date, l.date), and(eq(lessons.date, l.date), gt(lessons.lessonNumber, l.lessonNumber))),
    ))
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber), asc(lessons.id))
    .limit(limit);

/** Of these work types, the ids the school has and has not archived. */
export async function activeWorkTypeIds(db: Db, schoolId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.select({ id: workTypes.id }).from(workTypes)
    .where(and(eq(workTypes.schoolId, schoolId), inArray(workTypes.id, ids), eq(workTypes.archived, false)));
  return rows.map((r) => r.id);
}

export type TimesheetCounts = { staffId: string; given: number; asSubstitute: number; substituted: number; cancelled: number };

/**
 * Seed 004: a substitution counts for both teachers. One pass over the lessons of the dates: each
 * lesson counts once for its own teacher and, when substituted, once for the substitute.
 */
export async function timesheetCounts(db: Db, schoolId: string, from: string, to: string, staffId?: string): Promise<TimesheetCounts[]> {
  const inRange = and(eq(lessons.schoolId, schoolId), gte(lessons.date, from), lte(lessons.date, to));
  const held = sql`${lessons.status} <> 'cancelled'`;
  const own = db.select({
    staffId: sql<string>`${lessons.staffId}`.as('staff_id'),
    given: sql<number>`(${held} and ${lessons.substituteStaffId} is null)::int`.as('given'),
    asSubstitute: sql<number>`0`.as('as_substitute'),
    substituted: sql<number>`(${held} and ${lessons.substituteStaffId} is not null)::int`.as('substituted'),
    cancelled: sql<number>`(${lessons.status} = 'cancelled')::int`.as('cancelled'),
  }).from(lessons).where(and(inRange, staffId ? eq(lessons.staffId, staffId) : undefined));
  const substitute = db.select({
    staffId: sql<string>`${lessons.substituteStaffId}`.as('staff_id'),
    given: sql<number>`0`.as('given'),
    asSubstitute: sql<number>`(${held})::int`.as('as_substitute'),
    substituted: sql<number>`0`.as('substituted'),
    cancelled: sql<number>`0`.as('cancelled'),
  }).from(lessons).where(and(inRange, staffId ? eq(lessons.substituteStaffId, staffId) : sql`${lessons.substituteStaffId} is not null`));
  const all = own.unionAll(substitute).as('counted');
  const rows = await db.select({
    staffId: all.staffId,
    given: sql<number>`sum(${all.given})::int`,
    asSubstitute: sql<number>`sum(${all.asSubstitute})::int`,
    substituted: sql<number>`sum(${all.substituted})::int`,
    cancelled: sql<number>`sum(${all.cancelled})::int`,
  }).from(all).groupBy(all.staffId);
  return rows.map((r) => ({ ...r, given: Number(r.given), asSubstitute: Number(r.asSubstitute), substituted: Number(r.substituted), cancelled: Number(r.cancelled) }));
}
