import { and, asc, eq, exists, gt, gte, inArray, lte, ne, not, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { afterCursor } from '../../db/pagination.ts';
import { lessons } from '../../db/schema/timetable.ts';
import { attachments, homework, homeworkStudents } from '../../db/schema/homework.ts';
import type { HomeworkListReach } from '../../policy/homework.ts';
import type { GroupStay } from '../../roster/groupStays.ts';

export type HomeworkRow = typeof homework.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;
/** A homework with the lesson it was set in (the journal's cell it belongs to). */
export type HomeworkWithLesson = HomeworkRow & {
  groupId: string; subjectId: string; lessonDate: string; staffId: string; substituteStaffId: string | null;
};

// Homework hangs on lessons: the group, subject and date come from the lesson it was set in.
const columns = {
  schoolId: homework.schoolId, id: homework.id, lessonId: homework.lessonId, dueLessonId: homework.dueLessonId,
  dueDate: homework.dueDate, text: homework.text, pages: homework.pages, tasks: homework.tasks,
  expectedMinutes: homework.expectedMinutes, individual: homework.individual, deleted: homework.deleted,
  version: homework.version, authorUserId: homework.authorUserId, createdAt: homework.createdAt, updatedAt: homework.updatedAt,
  groupId: lessons.groupId, subjectId: lessons.subjectId, lessonDate: lessons.date, staffId: lessons.staffId,
  substituteStaffId: lessons.substituteStaffId,
};

const joinLesson = and(eq(lessons.schoolId, homework.schoolId), eq(lessons.id, homework.lessonId));

/** A live (not deleted) homework with its lesson. */
export const findHomework = async (db: Db, schoolId: string, id: string): Promise<HomeworkWithLesson | undefined> =>
  (await db.select(columns).from(homework).innerJoin(lessons, joinLesson)
    .where(and(eq(homework.schoolId, schoolId), eq(homework.id, id), eq(homework.deleted, false))))[0];

/** The chosen students of these homeworks (individual homework). */
export async function studentsOf(db: Db, schoolId: string, homeworkIds: string[]) {
  if (homeworkIds.length === 0) return [];
  return db.select({ homeworkId: homeworkStudents.homeworkId, studentId: homeworkStudents.studentId }).from(homeworkStudents)
    .where(and(eq(homeworkStudents.schoolId, schoolId), inArray(homeworkStudents.homeworkId, homeworkIds)))
    .orderBy(asc(homeworkStudents.homeworkId), asc(homeworkStudents.studentId));
}

/** The live attachments of these homeworks, oldest first. */
export async function attachmentsOf(db: Db, schoolId: string, homeworkIds: string[]): Promise<AttachmentRow[]> {
  if (homeworkIds.length === 0) return [];
  return db.select().from(attachments)
    .where(and(eq(attachments.schoolId, schoolId), inArray(attachments.homeworkId, homeworkIds), eq(attachments.deleted, false)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
}

export const insertHomework = async (db: Db, row: typeof homework.$inferInsert) =>
  (await db.insert(homework).values(row).returning())[0]!;

/** Replaces the chosen students of a homework with `studentIds` (none = the whole group). */
export async function setStudents(db: Db, schoolId: string, homeworkId: string, studentIds: string[]) {
  await db.delete(homeworkStudents).where(and(eq(homeworkStudents.schoolId, schoolId), eq(homeworkStudents.homeworkId, homeworkId)));
  if (studentIds.length > 0) await db.insert(homeworkStudents).values(studentIds.map((studentId) => ({ schoolId, homeworkId, studentId })));
}

/** Writes the patch only if the row is still at `version` (and live); bumps the version. */
export const updateHomeworkAt = async (db: Db, schoolId: string, id: string, version: number, patch: Partial<typeof homework.$inferInsert>) =>
  (await db.update(homework).set({ ...patch, version: sql`${homework.version} + 1` })
    .where(and(eq(homework.schoolId, schoolId), eq(homework.id, id), eq(homework.version, version), eq(homework.deleted, false)))
    .returning())[0];

// --- the lessons a homework is due for (read from the journal's lessons) ---

type LessonKey = { schoolId: string; groupId: string; subjectId: string };

const lessonsOf = (key: LessonKey) => and(
  eq(lessons.schoolId, key.schoolId), eq(lessons.groupId, key.groupId), eq(lessons.subjectId, key.subjectId), ne(lessons.status, 'cancelled'),
);

/** The group's next lesson of the subject after the day `after` (a cancelled lesson is no lesson). */
export const nextLesson = async (db: Db, key: LessonKey, after: string) =>
  (await db.select({ id: lessons.id, date: lessons.date }).from(lessons).where(and(lessonsOf(key), gt(lessons.date, after)))
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber)).limit(1))[0];

/** The group's first lesson of the subject on a day, numbered after `afterNumber`, other than `exceptId`. */
export const lessonOn = async (db: Db, key: LessonKey, on: string, exceptId: string, afterNumber: number) =>
  (await db.select({ id: lessons.id, date: lessons.date }).from(lessons)
    .where(and(lessonsOf(key), eq(lessons.date, on), ne(lessons.id, exceptId), gt(lessons.lessonNumber, afterNumber)))
    .orderBy(asc(lessons.lessonNumber)).limit(1))[0];

// --- lists ---

/** What a reader reaches: every homework, or those of some groups and those given to some students. */
/** The homework a student sees: his groups' while he sat in them, and individual homework given to him. */
function studentView(ids: string[], stays: GroupStay[]): SQL | undefined {
  if (ids.length === 0) return undefined;
  const inStay = stays.map((s) => and(
    eq(lessons.groupId, s.groupId), gte(lessons.date, s.startsOn), s.endsOn ? lte(lessons.date, s.endsOn) : undefined,
  ));
  const chosen = exists(sql`(select 1 from ${homeworkStudents} where ${homeworkStudents.schoolId} = ${homework.schoolId}
    and ${homeworkStudents.homeworkId} = ${homework.id} and ${inArray(homeworkStudents.studentId, ids)})`);
  return or(
    inStay.length > 0 ? and(not(homework.individual), or(...inStay)) : undefined,
    and(homework.individual, chosen),
  );
}

export type ListFilter = {
  groupId?: string;
  from?: string;
  to?: string;
  by: 'due' | 'lesson';
  reach: HomeworkListReach;
  /** One student's homework, narrowed further by `reach`. */
  student?: { id: string; stays: GroupStay[] };
};

export function listHomework(db: Db, schoolId: string, filter: ListFilter, cursor: string | undefined, limit: number) {
  const day = filter.by === 'due' ? homework.dueDate : lessons.date;
  const { reach } = filter;
  const reachCondition = reach.all ? undefined : (or(
    reach.groupIds.length > 0 ? inArray(lessons.groupId, reach.groupIds) : undefined,
    studentView(reach.students.ids, reach.students.stays),
  ) ?? sql`false`);
  const conditions: (SQL | undefined)[] = [
    eq(homework.schoolId, schoolId),
    eq(homework.deleted, false),
    filter.groupId ? eq(lessons.groupId, filter.groupId) : undefined,
    filter.from ? gte(day, filter.from) : undefined,
    filter.to ? lte(day, filter.to) : undefined,
    filter.student ? (studentView([filter.student.id], filter.student.stays) ?? sql`false`) : undefined,
    reachCondition,
    afterCursor([day, homework.id], cursor),
  ];
  return db.select(columns).from(homework).innerJoin(lessons, joinLesson).where(and(...conditions))
    .orderBy(asc(day), asc(homework.id)).limit(limit + 1);
}

export const sortKeyOf = (by: 'due' | 'lesson') => (row: HomeworkWithLesson) => [by === 'due' ? row.dueDate : row.lessonDate, row.id];

// --- attachments ---

export const insertAttachment = async (db: Db, row: typeof attachments.$inferInsert) =>
  (await db.insert(attachments).values(row).returning())[0]!;

export const findAttachment = async (db: Db, schoolId: string, homeworkId: string, id: string) =>
  (await db.select().from(attachments).where(and(
    eq(attachments.schoolId, schoolId), eq(attachments.homeworkId, homeworkId), eq(attachments.id, id), eq(attachments.deleted, false),
  )))[0];

export const deleteAttachment = async (db: Db, schoolId: string, id: string) =>
  (await db.update(attachments).set({ deleted: true })
    .where(and(eq(attachments.schoolId, schoolId), eq(attachments.id, id), eq(attachments.deleted, false))).returning())[0];

export const insertAttachments = async (db: Db, rows: (typeof attachments.$inferInsert)[]) =>
  (rows.length === 0 ? [] : db.insert(attachments).values(rows).returning());

/** Soft-deletes these live files of one homework; the ids of those removed. */
export const deleteAttachments = async (db: Db, schoolId: string, homeworkId: string, ids: string[]) =>
  (ids.length === 0 ? [] : db.update(attachments).set({ deleted: true }).where(and(
    eq(attachments.schoolId, schoolId), eq(attachments.homeworkId, homeworkId), inArray(attachments.id, ids), eq(attachments.deleted, false),
  )).returning({ id: attachments.id }));
