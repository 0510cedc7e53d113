import { eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Journal } from '../../../shared/contract/journal.ts';
import type { Db } from '../../db/client.ts';
import { attendance, marks } from '../../db/schema/journal.ts';
import { schools } from '../../db/schema/organisation.ts';
import { students } from '../../db/schema/people.ts';
import { lessons } from '../../db/schema/timetable.ts';
import { groupStaysBetweenSql } from '../structure/service.ts';

export type GridSlice = { schoolId: string; groupId: string; subjectId: string; from: string; to: string };
export type GridLesson = Omit<Journal['lessons'][number], 'status' | 'kind'> & { status: string; kind: string };
export type GridMark = Journal['marks'][number];
export type GridAttendance = Journal['attendance'][number];
type PageCells = { lessons: GridLesson[]; marks: GridMark[]; attendance: GridAttendance[]; roster: GridStay[] };
/** A stay of a student in the group during the slice, with the student's name. */
export type GridStay = { studentId: string; startsOn: string; endsOn: string | null; lastName: string; firstName: string; middleName: string };

const lessonsOf = (s: Bound<GridSlice>) => sql`${lessons.schoolId} = ${s.schoolId} and ${lessons.groupId} = ${s.groupId}
  and ${lessons.subjectId} = ${s.subjectId} and ${lessons.date} between ${s.from} and ${s.to}`;

/** A timestamp as JavaScript's `toISOString` writes it (UTC, milliseconds). */
const iso = (column: SQL | typeof marks.updatedAt) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A JSON array of the rows, built by the database: a few hundred cells parse natively instead of being mapped field by field. */
const jsonList = <T>(object: SQL, orderBy: SQL, from: SQL) =>
  sql<T[]>`coalesce((select json_agg(json_build_object(${object}) order by ${orderBy}) ${from}), '[]'::json)`;

type Bound<T> = { [K in keyof T]: SQLWrapper };
const param = (name: string, type: string) => sql`${sql.placeholder(name)}::${sql.raw(type)}`;

/** Built once per database and group shape (a class's stays, or memberships) as a prepared statement. */
function preparePageCells(db: Db, groupKind: 'class' | 'members') {
  const s: Bound<GridSlice> = {
    schoolId: param('schoolId', 'uuid'), groupId: param('groupId', 'uuid'), subjectId: param('subjectId', 'uuid'),
    from: param('from', 'date'), to: param('to', 'date'),
  };
  const stays = groupStaysBetweenSql(s.schoolId, { kind: groupKind === 'class' ? 'class' : 'other', id: s.groupId, classId: param('classId', 'uuid') }, s.from, s.to);
  return db.select({
    lessons: jsonList<GridLesson>(sql`
        'id', ${lessons.id}, 'date', ${lessons.date}, 'lessonNumber', ${lessons.lessonNumber}, 'topic', ${lessons.topic},
        'status', ${lessons.status}, 'kind', ${lessons.kind}, 'workTypeIds', ${lessons.workTypeIds}, 'substituteStaffId', ${lessons.substituteStaffId}`,
      sql`${lessons.date}, ${lessons.lessonNumber}, ${lessons.id}`,
      sql`from ${lessons} where ${lessonsOf(s)}`),
    marks: jsonList<GridMark>(sql`
        'id', ${marks.id}, 'lessonId', ${marks.lessonId}, 'studentId', ${marks.studentId}, 'workTypeId', ${marks.workTypeId},
        'weight', ${marks.weight}, 'scale', ${marks.scale}, 'value', ${marks.value}, 'comment', ${marks.comment},
        'version', ${marks.version}, 'authorUserId', ${marks.authorUserId}, 'updatedAt', ${iso(marks.updatedAt)}`,
      sql`${marks.createdAt}, ${marks.id}`,
      sql`from ${marks} join ${lessons} on ${lessons.schoolId} = ${marks.schoolId} and ${lessons.id} = ${marks.lessonId}
        where ${lessonsOf(s)} and not ${marks.deleted}`),
    attendance: jsonList<GridAttendance>(sql`
        'id', ${attendance.id}, 'lessonId', ${attendance.lessonId}, 'studentId', ${attendance.studentId},
        'code', ${attendance.code}, 'reason', ${attendance.reason}, 'version', ${attendance.version}`,
      sql`${attendance.id}`,
      sql`from ${attendance} join ${lessons} on ${lessons.schoolId} = ${attendance.schoolId} and ${lessons.id} = ${attendance.lessonId}
        where ${lessonsOf(s)}`),
    roster: jsonList<GridStay>(sql`
        'studentId', stay.student_id, 'startsOn', stay.starts_on, 'endsOn', stay.ends_on,
        'lastName', ${students.lastName}, 'firstName', ${students.firstName}, 'middleName', ${students.middleName}`,
      sql`stay.student_id, stay.starts_on`,
      sql`from (${stays}) stay join ${students} on ${students.schoolId} = ${s.schoolId} and ${students.id} = stay.student_id`),
  }).from(schools).where(eq(schools.id, s.schoolId)).prepare(`klassny_journal_page_cells_${groupKind}`);
}

const prepared = new WeakMap<Db, Map<string, ReturnType<typeof preparePageCells>>>();

/**
 * The cells and the roster of one journal page in one statement, whatever the number of lessons
 * and students: the lessons of the group's subject in the dates, their current marks, their
 * attendance, each already in the page's shape, and every stay in the group overlapping the
 * dates with the student's name.
 */
export async function pageCells(db: Db, s: GridSlice, group: { id: string; kind: string; classId: string | null }): Promise<PageCells> {
  const shape = group.kind === 'class' ? 'class' : 'members';
  let queries = prepared.get(db);
  if (!queries) prepared.set(db, (queries = new Map()));
  let query = queries.get(shape);
  if (!query) queries.set(shape, (query = preparePageCells(db, shape)));
  const [row] = await query.execute({ ...s, classId: group.classId });
  return row ?? { lessons: [], marks: [], attendance: [], roster: [] };
}
