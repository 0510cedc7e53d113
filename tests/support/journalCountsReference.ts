import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../src/server/db/client.ts';
import {
  type AttendanceCountsRow, type LessonCountsRow, schoolsUpTo, seats, uuids, type WithoutMarksRow,
} from '../../src/server/modules/reports/controlFiguresQueries.ts';

// The control figures' and the municipal summary's statements as they were before the counts of
// migration 0014 (journal_day_counts): read straight from lessons, marks, attendance and homework.
// Tests compare the statements that read the counts with these; the subqueries they share are
// the module's own (uuids, schoolsUpTo, seats).

/**
 * One statement: per school × teacher who gave them (the substitute when there was one), the lessons
 * given (not cancelled) from `from` to the school's `upto`, and how many have a topic, a mark,
 * attendance taken (or any code entered), homework.
 */
export const lessonCountsDirect = (db: Db, schoolIds: readonly string[], from: string, to: string, now: Date) =>
  schoolIds.length === 0 ? Promise.resolve([]) : queryRows<LessonCountsRow>(db, sql`
    with sc as (${schoolsUpTo(schoolIds, to, now)}),
    l as (
      select l.school_id, coalesce(l.substitute_staff_id, l.staff_id) as staff_id,
        btrim(l.topic) <> '' as has_topic,
        exists (select 1 from marks m where m.school_id = l.school_id and m.lesson_id = l.id and not m.deleted) as has_marks,
        (exists (select 1 from attendance_takings t where t.school_id = l.school_id and t.lesson_id = l.id)
          or exists (select 1 from attendance a where a.school_id = l.school_id and a.lesson_id = l.id)) as has_attendance,
        exists (select 1 from homework h where h.school_id = l.school_id and h.lesson_id = l.id and not h.deleted) as has_homework
      from lessons l join sc on sc.school_id = l.school_id
      where l.date between ${from}::date and sc.upto and l.status <> 'cancelled'
    )
    select school_id, staff_id, count(*)::int as given,
      (count(*) filter (where has_topic))::int as with_topic,
      (count(*) filter (where has_marks))::int as with_marks,
      (count(*) filter (where has_attendance))::int as with_attendance,
      (count(*) filter (where has_homework))::int as with_homework
    from l group by school_id, staff_id`);


/**
 * One statement: per school, the students who sat in a group with lessons (not cancelled) from–to
 * and how many of them had no mark (not deleted) in at least one subject of those lessons; and the
 * student × subject pairs without marks. A group's subjects are joined to its seats (not lesson by
 * lesson): a few hundred thousand pairs for a district, not a row per lesson and student.
 */
export const withoutMarksDirect = (db: Db, schoolIds: readonly string[], from: string, to: string) =>
  schoolIds.length === 0 ? Promise.resolve([]) : queryRows<WithoutMarksRow>(db, sql`
    with st as (${seats(schoolIds, from, to)}),
    taught as (
      select distinct l.school_id, l.group_id, l.subject_id from lessons l
      where l.school_id in (${uuids(schoolIds)}) and l.date between ${from}::date and ${to}::date and l.status <> 'cancelled'
    ),
    due as (
      select distinct st.school_id, st.student_id, taught.subject_id
      from taught join st on st.school_id = taught.school_id and st.group_id = taught.group_id
    ),
    marked as (
      select distinct m.school_id, m.student_id, l.subject_id
      from marks m join lessons l on l.school_id = m.school_id and l.id = m.lesson_id
      where m.school_id in (${uuids(schoolIds)}) and not m.deleted and l.date between ${from}::date and ${to}::date
    ),
    pairs as (
      select due.school_id, due.student_id, marked.student_id is null as missing
      from due left join marked on marked.school_id = due.school_id and marked.student_id = due.student_id and marked.subject_id = due.subject_id
    )
    select school_id, count(distinct student_id)::int as students,
      count(distinct student_id) filter (where missing)::int as without_marks,
      (count(*) filter (where missing))::int as pairs
    from pairs group by school_id`);


/**
 * One statement: per school, the student-lessons due from `from` to the school's `upto` — each lesson
 * given (not cancelled) × each student sitting in its group that day — and the codes entered. Not a
 * row per lesson and student: lessons are counted per group and day; a seat covering the whole range
 * takes its group's total, only a seat that starts or ends inside it is matched day by day. The
 * lessons are read once; every part is grouped by school and joined once (no subquery per school).
 */
export const attendanceCountsDirect = (db: Db, schoolIds: readonly string[], from: string, to: string, now: Date) =>
  schoolIds.length === 0 ? Promise.resolve([]) : queryRows<AttendanceCountsRow>(db, sql`
    with sc as (${schoolsUpTo(schoolIds, to, now)}),
    st as (${seats(schoolIds, from, to)}),
    ls as materialized (
      select l.school_id, l.id, l.group_id, l.date
      from lessons l join sc on sc.school_id = l.school_id
      where l.date between ${from}::date and sc.upto and l.status <> 'cancelled'
    ),
    given as (select school_id, group_id, date, count(*)::int as n from ls group by school_id, group_id, date),
    per_group as (select school_id, group_id, sum(n)::int as n from given group by school_id, group_id),
    due as (
      select st.school_id, sum(pg.n)::bigint as n
      from st join sc on sc.school_id = st.school_id join per_group pg on pg.school_id = st.school_id and pg.group_id = st.group_id
      where st.starts_on <= ${from}::date and (st.ends_on is null or st.ends_on >= sc.upto)
      group by st.school_id
      union all
      select st.school_id, sum(g.n)::bigint
      from st join sc on sc.school_id = st.school_id
        join given g on g.school_id = st.school_id and g.group_id = st.group_id and g.date >= st.starts_on and (st.ends_on is null or g.date <= st.ends_on)
      where not (st.starts_on <= ${from}::date and (st.ends_on is null or st.ends_on >= sc.upto))
      group by st.school_id
    ),
    due_sum as (select school_id, sum(n) as n from due group by school_id),
    codes as (
      select a.school_id,
        count(*) filter (where a.code = 'absent')::int as absent, count(*) filter (where a.code = 'ill')::int as ill,
        count(*) filter (where a.code = 'excused')::int as excused, count(*) filter (where a.code = 'late')::int as late
      from attendance a join ls on ls.school_id = a.school_id and ls.id = a.lesson_id
      where a.school_id in (${uuids(schoolIds)}) and a.code is not null
      group by a.school_id
    )
    select sc.school_id, coalesce(due_sum.n, 0)::int as due,
      coalesce(codes.absent, 0) as absent, coalesce(codes.ill, 0) as ill, coalesce(codes.excused, 0) as excused, coalesce(codes.late, 0) as late
    from sc left join due_sum on due_sum.school_id = sc.school_id left join codes on codes.school_id = sc.school_id`);

