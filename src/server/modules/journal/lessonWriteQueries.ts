import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { param, preparedPerDb, uuidArray } from '../../db/prepared.ts';
import { workTypes } from '../../db/schema/journal.ts';
import { teachingGroups } from '../../db/schema/structure.ts';
import { lessons } from '../../db/schema/timetable.ts';
import { lessonBegunSql } from '../calendar/lessonTimes.ts';
import { type CellSql, journalLockedSql } from '../grading/locks.ts';
import { sitsInGroupOnSql } from '../../roster/groupStays.ts';
import { subjectTeachingSql } from '../../roster/teaching.ts';

/** What a journal write may ask about beyond the lesson: the student it is for, the work type it names. */
export type WriteTargets = { studentId?: string; workTypeId?: string };

const lessonCell: CellSql = { schoolId: sql`${lessons.schoolId}`, groupId: sql`${lessons.groupId}`, subjectId: sql`${lessons.subjectId}`, date: sql`${lessons.date}` };

/** Built once per database as a prepared statement: a write runs it every time, and planning it costs more than running it. */
function prepareLessonForWrite(db: Db) {
  const workTypeId = param('workTypeId', 'uuid');
  return db.select({
    lesson: lessons,
    groupKind: teachingGroups.kind,
    teaching: subjectTeachingSql(lessonCell, param('staffIds', 'uuid[]')),
    locked: journalLockedSql(lessonCell, param('now', 'timestamptz')),
    begun: lessonBegunSql({
      schoolId: sql`${lessons.schoolId}`, academicYearId: sql`${teachingGroups.academicYearId}`, date: sql`${lessons.date}`, lessonNumber: sql`${lessons.lessonNumber}`,
    }, param('now', 'timestamptz')),
    studentSits: sitsInGroupOnSql({ ...lessonCell, studentId: param('studentId', 'uuid'), on: lessonCell.date }),
    workType: workTypes,
  }).from(lessons)
    .innerJoin(teachingGroups, and(eq(teachingGroups.schoolId, lessons.schoolId), eq(teachingGroups.id, lessons.groupId)))
    .leftJoin(workTypes, and(eq(workTypes.schoolId, lessons.schoolId), eq(workTypes.id, workTypeId)))
    .where(and(eq(lessons.schoolId, param('schoolId', 'uuid')), eq(lessons.id, param('lessonId', 'uuid'))))
    .prepare('klassny_lesson_for_write');
}

const lessonForWriteQuery = preparedPerDb(prepareLessonForWrite);

/**
 * Everything a write into a lesson's cells checks, in one statement instead of nine: the lesson,
 * whether one of `staffIds` is assigned its group and subject (a roster fact for the policy), its
 * group's kind, whether its period is locked now, whether it has begun by now, whether the student
 * (if named) sits in the group on the lesson's date, and the school's work type (if named; null
 * when it has none such). Undefined when the school has no such lesson. Run it before the write's transaction: under READ COMMITTED a check inside it sees
 * no more than one just before it.
 */
export async function lessonForWrite(db: Db, schoolId: string, lessonId: string, staffIds: string[], now: Date, targets: WriteTargets) {
  const [row] = await lessonForWriteQuery(db).execute({
    schoolId, lessonId, now: now.toISOString(),
    staffIds: uuidArray(staffIds),
    studentId: targets.studentId ?? null, workTypeId: targets.workTypeId ?? null,
  });
  return row;
}
