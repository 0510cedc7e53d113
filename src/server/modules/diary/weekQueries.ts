import { and, asc, between, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { alias, union } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { bellSchedules, bells } from '../../db/schema/calendar.ts';
import { lessons } from '../../db/schema/timetable.ts';
import { attendance, marks, workTypes } from '../../db/schema/journal.ts';
import { attachments, homework, homeworkStudents } from '../../db/schema/homework.ts';
import { staff } from '../../db/schema/people.ts';
import { subjects, teachingGroups } from '../../db/schema/structure.ts';

// A read model over the journal (it writes nothing): the diary reads the journal's own tables (no
// copy to drift), each query joining the journal rows with the names they point at (subject,
// teacher, bell), so a week costs a fixed handful of queries whatever the number of lessons. Who
// sits in which group when comes from the roster (roster/groupStays.ts).

const substitute = alias(staff, 'substitute');

/**
 * The lessons of the given groups in the range, with subject, teacher and bell. The caller keeps
 * those on dates the student sat in the group (`sitsIn`): a plain query plans in a fraction of a
 * millisecond, where the same filter as a correlated subquery cost more to plan than to run.
 */
export function weekLessons(db: Db, schoolId: string, groupIds: string[], from: string, to: string) {
  return db.select({
    id: lessons.id,
    groupId: lessons.groupId,
    subjectId: lessons.subjectId,
    subjectName: subjects.name,
    date: lessons.date,
    lessonNumber: lessons.lessonNumber,
    status: lessons.status,
    originalDate: lessons.originalDate,
    topic: lessons.topic,
    teacher: { lastName: staff.lastName, firstName: staff.firstName, middleName: staff.middleName },
    substitute: { lastName: substitute.lastName, firstName: substitute.firstName, middleName: substitute.middleName },
    startsAt: bells.startsAt,
    endsAt: bells.endsAt,
  }).from(lessons)
    .innerJoin(subjects, and(eq(subjects.schoolId, lessons.schoolId), eq(subjects.id, lessons.subjectId)))
    .innerJoin(staff, and(eq(staff.schoolId, lessons.schoolId), eq(staff.id, lessons.staffId)))
    .leftJoin(substitute, and(eq(substitute.schoolId, lessons.schoolId), eq(substitute.id, lessons.substituteStaffId)))
    .innerJoin(teachingGroups, and(eq(teachingGroups.schoolId, lessons.schoolId), eq(teachingGroups.id, lessons.groupId)))
    .leftJoin(bellSchedules, and(
      eq(bellSchedules.schoolId, lessons.schoolId), eq(bellSchedules.academicYearId, teachingGroups.academicYearId), eq(bellSchedules.isDefault, true),
    ))
    .leftJoin(bells, and(
      eq(bells.schoolId, lessons.schoolId), eq(bells.bellScheduleId, bellSchedules.id), eq(bells.lessonNumber, lessons.lessonNumber),
    ))
    .where(and(eq(lessons.schoolId, schoolId), inArray(lessons.groupId, groupIds), between(lessons.date, from, to)))
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber), asc(lessons.id));
}

export type WeekLesson = Awaited<ReturnType<typeof weekLessons>>[number];

/** The student's current marks (deleted ones stay out) of the given lessons, or of a date range. */
export function studentMarks(db: Db, schoolId: string, studentId: string, where: { lessonIds: string[] } | { from: string; to: string }) {
  return db.select({
    id: marks.id,
    lessonId: marks.lessonId,
    subjectId: lessons.subjectId,
    subjectName: subjects.name,
    date: lessons.date,
    value: marks.value,
    scale: marks.scale,
    weight: marks.weight,
    comment: marks.comment,
    workTypeId: marks.workTypeId,
    workTypeName: workTypes.name,
    /** A written or control work (seed 001, 5.2), for the forecast. */
    written: sql<boolean>`(${workTypes.isWritten} or ${workTypes.isControl})`,
    createdAt: marks.createdAt,
  }).from(marks)
    .innerJoin(lessons, and(eq(lessons.schoolId, marks.schoolId), eq(lessons.id, marks.lessonId)))
    .innerJoin(workTypes, and(eq(workTypes.schoolId, marks.schoolId), eq(workTypes.id, marks.workTypeId)))
    .innerJoin(subjects, and(eq(subjects.schoolId, lessons.schoolId), eq(subjects.id, lessons.subjectId)))
    .where(and(
      eq(marks.schoolId, schoolId),
      eq(marks.studentId, studentId),
      eq(marks.deleted, false),
      'lessonIds' in where ? inArray(marks.lessonId, where.lessonIds) : between(lessons.date, where.from, where.to),
    ))
    .orderBy(asc(lessons.date), asc(lessons.lessonNumber), asc(marks.createdAt), asc(marks.id));
}

export type StudentMark = Awaited<ReturnType<typeof studentMarks>>[number];

/** The student's attendance entries (н, б, у, оп) in lessons of the date range. */
export const studentAttendance = (db: Db, schoolId: string, studentId: string, from: string, to: string) =>
  db.select({ lessonId: attendance.lessonId, code: attendance.code, reason: attendance.reason }).from(attendance)
    .innerJoin(lessons, and(eq(lessons.schoolId, attendance.schoolId), eq(lessons.id, attendance.lessonId)))
    .where(and(
      eq(attendance.schoolId, schoolId), eq(attendance.studentId, studentId), between(lessons.date, from, to), isNotNull(attendance.code),
    ));

const setIn = alias(lessons, 'set_in');

/**
 * Homework of the student's groups set in a lesson of the range, due in a lesson of the range, or
 * due on a date of the range: the general homework and this student's individual homework, never
 * a classmate's, each with its files. Each arm starts from an index (the groups' lessons of the
 * range, the due date), so the cost follows the week, not the homework the school has set this
 * year; and it needs no lesson ids, so it runs beside the lesson query.
 */
export function studentHomework(db: Db, schoolId: string, studentId: string, range: { from: string; to: string; groupIds: string[] }) {
  const h = alias(homework, 'h');
  const arm = alias(lessons, 'l');
  const inGroupsBetween = and(eq(arm.schoolId, schoolId), inArray(arm.groupId, range.groupIds), between(arm.date, range.from, range.to));
  const ids = union(
    db.select({ id: h.id }).from(h).innerJoin(arm, and(eq(arm.schoolId, h.schoolId), eq(arm.id, h.lessonId))).where(inGroupsBetween),
    db.select({ id: h.id }).from(h).innerJoin(arm, and(eq(arm.schoolId, h.schoolId), eq(arm.id, h.dueLessonId))).where(inGroupsBetween),
    db.select({ id: h.id }).from(h)
      .innerJoin(arm, and(eq(arm.schoolId, h.schoolId), eq(arm.id, h.lessonId)))
      .where(and(eq(h.schoolId, schoolId), between(h.dueDate, range.from, range.to), inArray(arm.groupId, range.groupIds))),
  );
  return db.select({
    id: homework.id,
    lessonId: homework.lessonId,
    dueLessonId: homework.dueLessonId,
    dueDate: homework.dueDate,
    text: homework.text,
    pages: homework.pages,
    tasks: homework.tasks,
    expectedMinutes: homework.expectedMinutes,
    individual: homework.individual,
    groupId: setIn.groupId,
    subjectId: setIn.subjectId,
    subjectName: subjects.name,
    createdAt: homework.createdAt,
    files: sql<HomeworkFile[]>`coalesce((
      select json_agg(json_build_object('id', f.id, 'fileName', f.file_name, 'size', f.size) order by f.created_at, f.id)
      from ${attachments} f where f.school_id = ${homework.schoolId} and f.homework_id = ${homework.id} and not f.deleted), '[]'::json)`,
  }).from(homework)
    .innerJoin(setIn, and(eq(setIn.schoolId, homework.schoolId), eq(setIn.id, homework.lessonId)))
    .innerJoin(subjects, and(eq(subjects.schoolId, setIn.schoolId), eq(subjects.id, setIn.subjectId)))
    .where(and(
      eq(homework.schoolId, schoolId),
      inArray(homework.id, ids),
      eq(homework.deleted, false),
      or(
        eq(homework.individual, false),
        sql`exists (select 1 from ${homeworkStudents} hs where hs.school_id = ${homework.schoolId} and hs.homework_id = ${homework.id} and hs.student_id = ${studentId})`,
      ),
    ))
    .orderBy(asc(homework.dueDate), asc(homework.createdAt), asc(homework.id));
}

export type HomeworkFile = { id: string; fileName: string; size: number };

export type StudentHomework = Awaited<ReturnType<typeof studentHomework>>[number];
