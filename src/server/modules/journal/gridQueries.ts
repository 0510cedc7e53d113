import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Journal, WorkType } from '../../../shared/contract/journal.ts';
import type { Db } from '../../db/client.ts';
import { param, preparedPerDb, uuidArray } from '../../db/prepared.ts';
import { periods } from '../../db/schema/calendar.ts';
import { gradingPolicies } from '../../db/schema/grading.ts';
import { attendance, attendanceTakings, marks, workTypes } from '../../db/schema/journal.ts';
import { auditEntries, auditReviews } from '../../db/schema/audit.ts';
import { schools } from '../../db/schema/organisation.ts';
import { students } from '../../db/schema/people.ts';
import { subjects, teachingGroups } from '../../db/schema/structure.ts';
import { lessons } from '../../db/schema/timetable.ts';
import { groupStaysBetweenSql } from '../../roster/groupStays.ts';
import { assignedSql, groupTeachingSql } from '../../roster/teaching.ts';

/** A journal page as asked: a group's subject over a period. */
export type GridPage = { schoolId: string; groupId: string; subjectId: string; periodId: string };
export type GridLesson = Omit<Journal['lessons'][number], 'status' | 'kind'> & { status: string; kind: string };
export type GridMark = Journal['marks'][number];
export type GridAttendance = Journal['attendance'][number];
/** A stay of a student in the group during the period, with the student's name. */
export type GridStay = { studentId: string; startsOn: string; endsOn: string | null; lastName: string; firstName: string; middleName: string };
/** A journal change under review on the page: a student's cell, or (no student) the whole lesson. */
export type GridReview = { lessonId: string; studentId: string | null };
export type PageCells = { lessons: GridLesson[]; marks: GridMark[]; attendance: GridAttendance[]; roster: GridStay[]; underReview: GridReview[] };

/** The page's ids as placeholders of the prepared statements. */
const bound: { [K in keyof GridPage]: SQL } = {
  schoolId: param('schoolId', 'uuid'), groupId: param('groupId', 'uuid'), subjectId: param('subjectId', 'uuid'), periodId: param('periodId', 'uuid'),
};
const periodBound = (column: typeof periods.startsOn | typeof periods.endsOn) =>
  sql`(select ${column} from ${periods} where ${periods.schoolId} = ${bound.schoolId} and ${periods.id} = ${bound.periodId})`;
const from = periodBound(periods.startsOn);
const to = periodBound(periods.endsOn);

const lessonsOfPage = sql`${lessons.schoolId} = ${bound.schoolId} and ${lessons.groupId} = ${bound.groupId}
  and ${lessons.subjectId} = ${bound.subjectId} and ${lessons.date} between ${from} and ${to}`;

/** A timestamp as JavaScript's `toISOString` writes it (UTC, milliseconds). */
const iso = (column: typeof marks.updatedAt | typeof attendanceTakings.takenAt) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A JSON array of the rows, built by the database: a few hundred cells parse natively instead of being mapped field by field. */
const jsonList = <T>(object: SQL, orderBy: SQL, rows: SQL) =>
  sql<T[]>`coalesce((select json_agg(json_build_object(${object}) order by ${orderBy}) ${rows}), '[]'::json)`;

/**
 * What the page is about and everything but its marks, in one prepared statement built once per
 * database: the group, subject and period asked for (each null when the school has none such), the
 * school's time zone, its newest grading rules (null before it writes any), its work types, whether
 * one of `staffIds` teaches the subject to the group (may write) and whether one teaches the group
 * this year (may read: a roster fact for the policy); then the lessons, attendance and roster, which need only
 * the ids (the period's dates and the group's class are looked up inside).
 */
function prepareFrame(db: Db) {
  const staffIds = param('staffIds', 'uuid[]');
  const newestRules = db.select({ rules: gradingPolicies.rules }).from(gradingPolicies)
    .where(eq(gradingPolicies.schoolId, schools.id)).orderBy(desc(gradingPolicies.version)).limit(1);
  return db.select({
    timeZone: schools.timeZone,
    group: { id: teachingGroups.id, name: teachingGroups.name, kind: teachingGroups.kind, classId: teachingGroups.classId, academicYearId: teachingGroups.academicYearId },
    subject: { id: subjects.id, name: subjects.name, shortName: subjects.shortName },
    period: { id: periods.id, academicYearId: periods.academicYearId, name: periods.name, startsOn: periods.startsOn, endsOn: periods.endsOn },
    policyRules: sql<Record<string, unknown> | null>`(${newestRules})`,
    // UUIDv7 ids keep the order the types were entered in, as listWorkTypes gives them.
    workTypes: sql<WorkType[]>`coalesce((select json_agg(json_build_object(
        'id', w.id, 'name', w.name, 'weight', w.weight, 'isControl', w.is_control, 'isWritten', w.is_written, 'archived', w.archived
      ) order by w.id) from ${workTypes} w where w.school_id = ${schools.id}), '[]'::json)`,
    canWrite: assignedSql({ schoolId: sql`${schools.id}`, groupId: sql`${teachingGroups.id}`, subjectId: sql`${subjects.id}` }, staffIds),
    teaching: groupTeachingSql({ schoolId: sql`${schools.id}`, groupId: bound.groupId }, staffIds),
    lessons: jsonList<GridLesson>(sql`
        'id', ${lessons.id}, 'date', ${lessons.date}, 'lessonNumber', ${lessons.lessonNumber}, 'topic', ${lessons.topic},
        'status', ${lessons.status}, 'kind', ${lessons.kind}, 'workTypeIds', ${lessons.workTypeIds}, 'substituteStaffId', ${lessons.substituteStaffId},
        'attendanceTakenAt', (select ${iso(attendanceTakings.takenAt)} from ${attendanceTakings}
          where ${attendanceTakings.schoolId} = ${lessons.schoolId} and ${attendanceTakings.lessonId} = ${lessons.id})`,
      sql`${lessons.date}, ${lessons.lessonNumber}, ${lessons.id}`,
      sql`from ${lessons} where ${lessonsOfPage}`),
    attendance: jsonList<GridAttendance>(sql`
        'id', ${attendance.id}, 'lessonId', ${attendance.lessonId}, 'studentId', ${attendance.studentId},
        'code', ${attendance.code}, 'reason', ${attendance.reason}, 'version', ${attendance.version}`,
      sql`${attendance.id}`,
      sql`from ${attendance} join ${lessons} on ${lessons.schoolId} = ${attendance.schoolId} and ${lessons.id} = ${attendance.lessonId}
        where ${lessonsOfPage}`),
    roster: jsonList<GridStay>(sql`
        'studentId', stay.student_id, 'startsOn', stay.starts_on, 'endsOn', stay.ends_on,
        'lastName', ${students.lastName}, 'firstName', ${students.firstName}, 'middleName', ${students.middleName}`,
      sql`stay.student_id, stay.starts_on`,
      sql`from (${groupStaysBetweenSql(bound.schoolId, bound.groupId, from, to)}) stay (student_id, starts_on, ends_on)
        join ${students} on ${students.schoolId} = ${bound.schoolId} and ${students.id} = stay.student_id`),
  }).from(schools)
    .leftJoin(teachingGroups, and(eq(teachingGroups.schoolId, schools.id), eq(teachingGroups.id, bound.groupId)))
    .leftJoin(subjects, and(eq(subjects.schoolId, schools.id), eq(subjects.id, bound.subjectId)))
    .leftJoin(periods, and(eq(periods.schoolId, schools.id), eq(periods.id, bound.periodId)))
    .where(eq(schools.id, bound.schoolId))
    .prepare('klassny_journal_page_frame');
}

/**
 * Seed 003, 4.4: the school's journal changes under review — voided at once on a compromise report
 * (audit_reviews with status 'void' and voided_at set), not yet restored or confirmed — as (lesson,
 * student) for a mark or an attendance entry, (lesson, null) for the lesson itself (topic, work
 * types), its homework or its attendance taken. The audit room writes these (audit/compromiseJournal.ts);
 * the page only reads them. The predicate is written out as the partial index
 * audit_reviews_under_review_idx has it, so with no report open the lookup reads an empty index.
 */
const CELL_ENTITIES = sql.raw(`'marks', 'attendance'`);
const LESSON_ENTITIES = sql.raw(`'lessons', 'homework', 'attendance_takings'`);
const lessonOfChange = sql`case when ${auditEntries.entity} = 'lessons' then ${auditEntries.entityId}
  else coalesce(${auditEntries.after} ->> 'lesson_id', ${auditEntries.before} ->> 'lesson_id') end`;
const changesUnderReview = sql`select distinct (${lessonOfChange})::uuid as lesson_id,
    case when ${auditEntries.entity} in (${CELL_ENTITIES})
      then coalesce(${auditEntries.after} ->> 'student_id', ${auditEntries.before} ->> 'student_id')::uuid end as student_id
  from ${auditReviews} join ${auditEntries} on ${auditEntries.schoolId} = ${auditReviews.schoolId} and ${auditEntries.seq} = ${auditReviews.seq}
  where ${auditReviews.schoolId} = ${bound.schoolId} and ${auditReviews.status} = 'void' and ${auditReviews.voidedAt} is not null
    and ${auditEntries.entity} in (${CELL_ENTITIES}, ${LESSON_ENTITIES})`;

/**
 * The page's current marks, the most numerous cells, and its changes under review (see above):
 * their own prepared statement, run beside the rest.
 */
const prepareMarks = (db: Db) => db.select({
  marks: jsonList<GridMark>(sql`
      'id', ${marks.id}, 'lessonId', ${marks.lessonId}, 'studentId', ${marks.studentId}, 'workTypeId', ${marks.workTypeId},
      'weight', ${marks.weight}, 'scale', ${marks.scale}, 'value', ${marks.value}, 'comment', ${marks.comment},
      'version', ${marks.version}, 'authorUserId', ${marks.authorUserId}, 'updatedAt', ${iso(marks.updatedAt)}`,
    sql`${marks.createdAt}, ${marks.id}`,
    sql`from ${marks} join ${lessons} on ${lessons.schoolId} = ${marks.schoolId} and ${lessons.id} = ${marks.lessonId}
      where ${lessonsOfPage} and not ${marks.deleted}`),
  underReview: jsonList<GridReview>(sql`'lessonId', review.lesson_id, 'studentId', review.student_id`,
    sql`review.lesson_id, review.student_id nulls first`,
    sql`from (${changesUnderReview}) review join ${lessons} on ${lessons.schoolId} = ${bound.schoolId} and ${lessons.id} = review.lesson_id
      where ${lessonsOfPage}`),
}).from(schools).where(eq(schools.id, bound.schoolId)).prepare('klassny_journal_page_marks');

const pageQueries = preparedPerDb((db) => ({ frame: prepareFrame(db), marks: prepareMarks(db) }));

export type PageRead = Omit<Awaited<ReturnType<ReturnType<typeof prepareFrame>['execute']>>[number], keyof PageCells> & { cells: PageCells };

/**
 * One journal page in two statements side by side, whatever the number of lessons and students:
 * the page's frame and its marks with its changes under review (see above), the cells already in the page's shape, the roster
 * every stay in the group overlapping the period with the student's name. Undefined for a school
 * that does not exist; empty lists for ids the school does not have.
 */
export async function readJournalPage(db: Db, page: GridPage, staffIds: string[]): Promise<PageRead | undefined> {
  const queries = pageQueries(db);
  const [[frame], [marked]] = await Promise.all([queries.frame.execute({ ...page, staffIds: uuidArray(staffIds) }), queries.marks.execute(page)]);
  if (!frame) return undefined;
  const { lessons: lessonList, attendance: attendanceList, roster, ...context } = frame;
  return { ...context, cells: { lessons: lessonList, attendance: attendanceList, roster, marks: marked?.marks ?? [], underReview: marked?.underReview ?? [] } };
}
