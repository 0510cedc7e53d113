import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';

// Set-based reads of the journal for the reports (a read model: it writes nothing).

/** What a period's (or the year's) results are read over. */
export type ResultsRange = {
  schoolId: string;
  academicYearId: string;
  /** Null: the year marks (period_marks.period_id is null). */
  periodId: string | null;
  from: string;
  to: string;
  gradeFrom: number;
  gradeTo: number;
};

export type PeriodRef = {
  id: string; academic_year_id: string; name: string; starts_on: string; ends_on: string; grade_from: number; grade_to: number;
};

export const periodOf = async (db: Db, schoolId: string, periodId: string) => (await queryRows<PeriodRef>(db, sql`
  select id, academic_year_id, name, starts_on::text as starts_on, ends_on::text as ends_on, grade_from, grade_to
  from periods where school_id = ${schoolId} and id = ${periodId}`))[0];

export const yearOf = async (db: Db, schoolId: string, academicYearId: string) => (await queryRows<PeriodRef>(db, sql`
  select id, id as academic_year_id, name, starts_on::text as starts_on, ends_on::text as ends_on, 1 as grade_from, 12 as grade_to
  from academic_years where school_id = ${schoolId} and id = ${academicYearId}`))[0];

export type ResultsRow = { class_id: string; grade: number; letter: string; student_id: string | null; vals: string[] };

/**
 * One statement: every class of the year in the period's grade band (or `classIds`), each student
 * in it during the range — a student who changed class counts in his latest class of the range —
 * and that student's period marks of the period (kind `period`; the year marks for the year).
 * A class without students answers one row with `student_id` null.
 */
export function periodResultsRows(db: Db, r: ResultsRange, classIds?: readonly string[]) {
  const only = classIds === undefined ? sql`` : classIds.length === 0 ? sql`and false`
    : sql`and cls.id in (${sql.join(classIds.map((id) => sql`${id}::uuid`), sql`, `)})`;
  return queryRows<ResultsRow>(db, sql`
    with cls as (
      select c.id, c.grade, c.letter from classes c
      where c.school_id = ${r.schoolId} and c.academic_year_id = ${r.academicYearId}
        and c.grade between ${r.gradeFrom}::int and ${r.gradeTo}::int
    ),
    st as (
      select distinct on (e.student_id) e.student_id, e.class_id
      from enrolments e join cls on cls.id = e.class_id
      where e.school_id = ${r.schoolId} and e.starts_on <= ${r.to}::date and (e.ends_on is null or e.ends_on >= ${r.from}::date)
      order by e.student_id, e.starts_on desc, e.id desc
    ),
    pm as (
      select pm.student_id, json_agg(pm.value order by pm.value) as vals
      from period_marks pm join st on st.student_id = pm.student_id
      where pm.school_id = ${r.schoolId} and pm.academic_year_id = ${r.academicYearId} and pm.kind = 'period'
        and ${r.periodId === null ? sql`pm.period_id is null` : sql`pm.period_id = ${r.periodId}`}
      group by pm.student_id
    )
    select cls.id as class_id, cls.grade, cls.letter, st.student_id, coalesce(pm.vals, '[]'::json) as vals
    from cls left join st on st.class_id = cls.id left join pm on pm.student_id = st.student_id
    where true ${only}
    order by cls.grade, cls.letter, st.student_id`);
}

/** The name a report is signed with: the caller's display name (none for a test actor without a user). */
export const displayNameOf = async (db: Db, userId: string) => (await queryRows<{ display_name: string }>(db, sql`
  select display_name from users where id = ${userId}`))[0]?.display_name;

/** The period marks (kind `period`, of a period) of these students in one year, every subject and period: one statement. */
export const periodMarksOfYear = (db: Db, schoolId: string, academicYearId: string, studentIds: readonly string[]) =>
  studentIds.length === 0 ? Promise.resolve([]) : queryRows<{ student_id: string; subject_id: string; period_id: string; value: string }>(db, sql`
    select student_id, subject_id, period_id, value from period_marks
    where school_id = ${schoolId} and academic_year_id = ${academicYearId} and kind = 'period' and period_id is not null
      and student_id in (${sql.join(studentIds.map((id) => sql`${id}::uuid`), sql`, `)})
    order by updated_at`);

/**
 * The lessons (not cancelled) of these groups from–to, each with the attendance codes these students
 * have there: one statement; a lesson without codes answers one row with `student_id` null.
 */
export const lessonsWithAbsences = (db: Db, r: { schoolId: string; groupIds: readonly string[]; studentIds: readonly string[]; from: string; to: string }) =>
  r.groupIds.length === 0 || r.studentIds.length === 0 ? Promise.resolve([]) : queryRows<{
    lesson_id: string; group_id: string; subject_id: string; lesson_number: number; date: string; student_id: string | null; code: string | null;
  }>(db, sql`
    select l.id as lesson_id, l.group_id, l.subject_id, l.lesson_number, l.date::text as date, a.student_id, a.code
    from lessons l
    left join attendance a on a.school_id = l.school_id and a.lesson_id = l.id and a.code is not null
      and a.student_id in (${sql.join(r.studentIds.map((id) => sql`${id}::uuid`), sql`, `)})
    where l.school_id = ${r.schoolId} and l.date between ${r.from}::date and ${r.to}::date and l.status <> 'cancelled'
      and l.group_id in (${sql.join(r.groupIds.map((id) => sql`${id}::uuid`), sql`, `)})`);

const uuids = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/** The current marks (not deleted) of these students in lessons from–to, with the work type and the teacher's comment: one statement. */
export const marksOfStudents = (db: Db, r: { schoolId: string; studentIds: readonly string[]; from: string; to: string }) =>
  r.studentIds.length === 0 ? Promise.resolve([]) : queryRows<{
    student_id: string; lesson_id: string; value: string; comment: string | null; work_type: string;
  }>(db, sql`
    select m.student_id, m.lesson_id, m.value, m.comment, wt.name as work_type
    from marks m
    join lessons l on l.school_id = m.school_id and l.id = m.lesson_id
    join work_types wt on wt.school_id = m.school_id and wt.id = m.work_type_id
    where m.school_id = ${r.schoolId} and not m.deleted and l.date between ${r.from}::date and ${r.to}::date
      and m.student_id in (${uuids(r.studentIds)})
    order by l.date, l.lesson_number, m.created_at, m.id`);

/**
 * Homework (not deleted) set in lessons of these groups from–to, with the students of an individual
 * one (null for the general homework): one statement.
 */
export const homeworkOfGroups = (db: Db, r: { schoolId: string; groupIds: readonly string[]; from: string; to: string }) =>
  r.groupIds.length === 0 ? Promise.resolve([]) : queryRows<{
    lesson_id: string; text: string; due_date: string | null; student_ids: string[] | null;
  }>(db, sql`
    select h.lesson_id, h.text, h.due_date::text as due_date,
      case when h.individual then coalesce((select json_agg(hs.student_id) from homework_students hs
        where hs.school_id = h.school_id and hs.homework_id = h.id), '[]'::json) end as student_ids
    from homework h join lessons l on l.school_id = h.school_id and l.id = h.lesson_id
    where h.school_id = ${r.schoolId} and not h.deleted and l.date between ${r.from}::date and ${r.to}::date
      and l.group_id in (${uuids(r.groupIds)})
    order by h.created_at, h.id`);

/** Period marks (kind `period`) of these students in the periods of a grade overlapping from–to, with the subject's and period's names: one statement. */
export const periodMarksInRange = (db: Db, r: { schoolId: string; academicYearId: string; grade: number; studentIds: readonly string[]; from: string; to: string }) =>
  r.studentIds.length === 0 ? Promise.resolve([]) : queryRows<{ student_id: string; period: string; subject: string; value: string }>(db, sql`
    select pm.student_id, p.name as period, s.name as subject, pm.value
    from period_marks pm
    join periods p on p.school_id = pm.school_id and p.id = pm.period_id
    join subjects s on s.school_id = pm.school_id and s.id = pm.subject_id
    where pm.school_id = ${r.schoolId} and pm.academic_year_id = ${r.academicYearId} and pm.kind = 'period'
      and p.starts_on <= ${r.to}::date and p.ends_on >= ${r.from}::date and ${r.grade}::int between p.grade_from and p.grade_to
      and pm.student_id in (${uuids(r.studentIds)})
    order by p.starts_on, s.name`);
